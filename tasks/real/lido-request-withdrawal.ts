/**
 * `lab real lido-request-withdrawal --amount 0.004`: queue stETH for withdrawal in Lido's
 * WithdrawalQueueERC721 (approve, then `requestWithdrawals`); the request is an unstETH NFT.
 */
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount } from "../../scripts/lib/format.js";
import { openReal, requireWithinCap } from "../../scripts/lib/real.js";
import { labAction, labCommand, parseAmount } from "../lib.js";
import {
  approveStEth,
  describeReport,
  nextReport,
  requireStEth,
  sendReal,
  STETH,
} from "./shared.js";

export default labAction<{ amount: string; iKnow: boolean; account: string }>(
  async ({ amount, iKnow, account }, hre) => {
    const value = parseAmount(amount, "amount", STETH);
    requireWithinCap(value, "amount", iKnow);
    const real = await openReal(hre, account);
    const { lido, queue, signer } = real;
    const me = signer.address;
    const [held, minimum] = (await Promise.all([
      lido.balanceOf(me),
      queue.MIN_STETH_WITHDRAWAL_AMOUNT(),
    ])) as [bigint, bigint];
    if (value < minimum) {
      throw new UserError(
        `Lido takes requests of at least ${formatAmount(minimum, STETH, { full: true })} ` +
          `(MIN_STETH_WITHDRAWAL_AMOUNT), more than --amount ${formatAmount(value, STETH, { full: true })}: ask for more.`,
      );
    }
    requireStEth(held, value);
    await approveStEth(real, await queue.getAddress(), value);
    const link = await sendReal(
      real,
      "Withdrawal request refused",
      ["Lido WithdrawalQueueERC721", "Lido"],
      () => queue.requestWithdrawals.estimateGas([value], me),
      () => queue.requestWithdrawals([value], me),
    );
    const id = (await queue.getLastRequestId()) as bigint;
    const [{ timestamp }] = (await queue.getWithdrawalStatus([id])) as { timestamp: bigint }[];
    const report = await nextReport(real, timestamp);
    console.log(
      `Request #${id}: ${formatAmount(value, STETH)} locked in Lido's queue (it earns no more rewards) — ${link}`,
    );
    console.log(
      `Lido finalises it at an oracle report with enough ETH buffered; the first that can is ${describeReport(report, await real.now())}. ` +
        `Then: ${labCommand("real lido-claim", `--id ${id}`, { asMe: true })}.`,
    );
  },
);
