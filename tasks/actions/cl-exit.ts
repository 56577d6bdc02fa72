/** `lab cl-exit --index 0` (withdrawal address or consensus role): request a validator's exit. */
import { labAction, openLab, parseIndex, send } from "../lib.js";

export default labAction<{ index: string; account: string }>(async ({ index, account }, hre) => {
  const { simulator } = await openLab(hre, account);
  const validator = parseIndex(index, "index");
  const hash = await send(
    `Exit of validator #${validator} refused`,
    [{ name: "BeaconChainSimulator", iface: simulator.interface }],
    () => simulator.requestExit(validator),
  );
  const { withdrawableAt } = await simulator.getValidator(validator);
  console.log(
    `Validator #${validator} is exiting; sweep it after ${new Date(Number(withdrawableAt) * 1000).toISOString()} ` +
      `with \`npx hardhat lab cl-sweep\` — tx ${hash}`,
  );
});
