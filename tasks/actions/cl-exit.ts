/** `lab cl-exit --index 0` (withdrawal address or consensus role): request a validator's exit. */
import {
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
  const hash = await send(
    `Exit of validator #${validator} refused`,
    [{ name: "BeaconChainSimulator" }],
    () => simulator.requestExit(validator),
  );
  const { withdrawableAt } = await simulator.getValidator(validator);
  console.log(
    `Validator #${validator} is exiting; it becomes withdrawable ${formatWhen(withdrawableAt, await lab.now())}: ` +
      `then sweep it with ${labCommand("cl-sweep")} — ${hash}`,
  );
});
