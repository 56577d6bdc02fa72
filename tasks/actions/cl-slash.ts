/**
 * `lab cl-slash --index 0` (consensus role, the teacher): slash a validator. It loses
 * deposit / quotient now and a correlation penalty when it becomes withdrawable.
 */
import { eth, labAction, openLab, parseIndex, send } from "../lib.js";

export default labAction<{ index: string; account: string }>(async ({ index, account }, hre) => {
  const { simulator } = await openLab(hre, account);
  const validator = parseIndex(index, "index");
  const before = await simulator.validatorBalance(validator);
  const hash = await send(
    `Slashing validator #${validator} refused`,
    [{ name: "BeaconChainSimulator", iface: simulator.interface }],
    () => simulator.slash(validator),
  );
  const after = await simulator.validatorBalance(validator);
  const { withdrawableAt } = await simulator.getValidator(validator);
  console.log(
    `Validator #${validator} slashed: ${eth(before)} → ${eth(after)}; withdrawable at ` +
      `${new Date(Number(withdrawableAt) * 1000).toISOString()} (correlation penalty then) — tx ${hash}`,
  );
});
