/**
 * `lab avs-pay --operator <address|account> --amount 0.001` (an AVS): pay service rewards in
 * slETH to an operator's delegators; the operator keeps its split, the rest goes pro rata.
 */
import {
  approveLst,
  eth,
  labAction,
  labErrors,
  openLab,
  parseAddress,
  parseAmount,
  send,
} from "../lib.js";

export default labAction<{ operator: string; amount: string; account: string }>(
  async ({ operator, amount, account }, hre) => {
    const lab = await openLab(hre, account);
    const { manager, token } = lab;
    const target = await parseAddress(lab, operator, "operator");
    const value = parseAmount(amount, "amount");
    await approveLst(lab, await manager.getAddress(), value);
    const hash = await send("Reward payment refused", labErrors(lab), () =>
      manager.payRewards(target, token, token, value),
    );
    console.log(`Paid ${eth(value, "slETH")} of rewards to ${target}'s delegators — ${hash}`);
  },
);
