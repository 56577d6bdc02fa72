/**
 * `lab cl-penalize --index 0 --amount 0.0001` (consensus role): an offline (inactivity) penalty.
 * A penalty above the validator's balance is refused: it would silently wipe the validator.
 */
import {
  eth,
  formatNumber,
  labAction,
  openLab,
  parseAmount,
  parseIndex,
  requireValidator,
  send,
  UserError,
} from "../lib.js";

export default labAction<{ index: string; amount: string; account: string }>(
  async ({ index, amount, account }, hre) => {
    const validator = parseIndex(index, "index");
    const penalty = parseAmount(amount, "amount");
    const lab = await openLab(hre, account);
    const { simulator } = lab;
    await requireValidator(lab, validator);
    const balance = await simulator.validatorBalance(validator);
    if (penalty > balance) {
      throw new UserError(
        `Validator #${validator} holds ${eth(balance)}: a penalty of ${eth(penalty)} would wipe it. ` +
          `An offline penalty is small (about the rewards missed): give --amount ${formatNumber(balance, 18, { full: true })} at most.`,
      );
    }
    const hash = await send(
      `Penalty on validator #${validator} refused`,
      [{ name: "BeaconChainSimulator" }],
      () => simulator.penalize(validator, penalty),
    );
    console.log(
      `Validator #${validator} now holds ${eth(await simulator.validatorBalance(validator))} — ${hash}`,
    );
  },
);
