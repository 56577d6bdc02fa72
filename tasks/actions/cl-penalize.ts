/** `lab cl-penalize --index 0 --amount 0.0001` (consensus role): an offline (inactivity) penalty. */
import { eth, labAction, openLab, parseAmount, parseIndex, send } from "../lib.js";

export default labAction<{ index: string; amount: string; account: string }>(
  async ({ index, amount, account }, hre) => {
    const { simulator } = await openLab(hre, account);
    const validator = parseIndex(index, "index");
    const penalty = parseAmount(amount, "amount");
    const hash = await send(
      `Penalty on validator #${validator} refused`,
      [{ name: "BeaconChainSimulator", iface: simulator.interface }],
      () => simulator.penalize(validator, penalty),
    );
    console.log(
      `Validator #${validator} now holds ${eth(await simulator.validatorBalance(validator))} — tx ${hash}`,
    );
  },
);
