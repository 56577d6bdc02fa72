/**
 * `lab avs-pay --operator <address|account> --amount 0.001` (an AVS): pay service rewards in
 * slETH to an operator's delegators; the operator keeps its split, the rest streams to them pro
 * rata to stake × time over the restaking withdrawal delay (5 minutes in the classroom profile).
 */
import { formatDuration } from "../../scripts/lib/format.js";
import {
  approveLst,
  eth,
  labAction,
  labErrors,
  openLab,
  parseAddress,
  parseAmount,
  requireBalance,
  send,
} from "../lib.js";

export default labAction<{ operator: string; amount: string; account: string }>(
  async ({ operator, amount, account }, hre) => {
    const value = parseAmount(amount, "amount");
    const lab = await openLab(hre, account);
    const { manager, token } = lab;
    const target = await parseAddress(lab, operator, "operator");
    await requireBalance(lab, value, "amount", "slETH");
    await approveLst(lab, await manager.getAddress(), value);
    const duration = await manager.withdrawalDelay();
    const hash = await send("Reward payment refused", labErrors(lab), () =>
      manager.payRewards(target, token, token, value, duration > 0n ? duration : 1n),
    );
    console.log(
      `Paid ${eth(value, "slETH")} of rewards to ${target}'s delegators, streamed over ${formatDuration(duration)} — ${hash}`,
    );
  },
);
