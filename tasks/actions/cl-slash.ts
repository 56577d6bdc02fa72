/**
 * `lab cl-slash --index 0` (consensus role, the teacher): slash a validator. It loses
 * deposit / quotient now and a correlation penalty when it becomes withdrawable.
 */
import {
  eth,
  formatWhen,
  labAction,
  labCommand,
  openLab,
  parseIndex,
  requireValidator,
  send,
} from "../lib.js";

export default labAction<{ index: string; account: string }>(async ({ index, account }, hre) => {
  const validator = parseIndex(index, "index");
  const lab = await openLab(hre, account);
  const { simulator } = lab;
  await requireValidator(lab, validator);
  const before = await simulator.validatorBalance(validator);
  const hash = await send(
    `Slashing validator #${validator} refused`,
    [{ name: "BeaconChainSimulator" }],
    () => simulator.slash(validator),
  );
  const after = await simulator.validatorBalance(validator);
  const { withdrawableAt } = await simulator.getValidator(validator);
  console.log(
    `Validator #${validator} slashed: ${eth(before)} → ${eth(after)} (initial penalty ${eth(before - after)}); ` +
      `withdrawable ${formatWhen(withdrawableAt, await lab.now())}, when the correlation penalty lands — ${hash}\n` +
      `Then: ${labCommand("cl-sweep")} and ${labCommand("report")} (the pool is in bunker mode until the sweep).`,
  );
});
