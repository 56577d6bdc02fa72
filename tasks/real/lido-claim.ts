/**
 * `lab real lido-claim [--id N]`: claim the ETH of a finalised Lido withdrawal request; without
 * --id, lists yours. Refuses an unfinalised request with the time of the next oracle report.
 */
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount, formatEth, formatWhen } from "../../scripts/lib/format.js";
import { openReal } from "../../scripts/lib/real.js";
import { printTable } from "../../scripts/lib/table.js";
import { labAction, labCommand, parseIndex } from "../lib.js";
import { describeReport, feePaid, nextReport, sendReal, STETH } from "./shared.js";

interface Status {
  amountOfStETH: bigint;
  owner: string;
  timestamp: bigint;
  isFinalized: boolean;
  isClaimed: boolean;
}

export default labAction<{ id: string; account: string }>(async ({ id, account }, hre) => {
  const real = await openReal(hre, account);
  const { queue, signer } = real;
  const me = signer.address;
  const now = await real.now();
  if (id === "") {
    const ids = (await queue.getWithdrawalRequests(me)) as bigint[];
    if (ids.length === 0) {
      console.log(
        `You have no Lido withdrawal request: ${labCommand("real lido-request-withdrawal", "--amount 0.004", { asMe: true })}.`,
      );
      return;
    }
    const statuses = (await queue.getWithdrawalStatus([...ids])) as Status[];
    printTable(
      ["request", "stETH", "asked", "finalised"],
      statuses.map((s, i) => [
        `#${ids[i]}`,
        formatAmount(s.amountOfStETH, STETH),
        formatWhen(s.timestamp, now),
        s.isFinalized ? "yes: claim it" : "not yet",
      ]),
    );
    console.log(`Claim one with ${labCommand("real lido-claim", "--id <N>", { asMe: true })}.`);
    return;
  }
  const requestId = parseIndex(id, "id");
  const last = (await queue.getLastRequestId()) as bigint;
  if (requestId === 0n || requestId > last) {
    throw new UserError(
      `Lido has no withdrawal request #${requestId} (the last is #${last}): ${labCommand("real lido-claim", "", { asMe: true })} lists yours.`,
    );
  }
  const [status] = (await queue.getWithdrawalStatus([requestId])) as Status[];
  if (status.isClaimed) throw new UserError(`Lido request #${requestId} was claimed already.`);
  if (status.owner.toLowerCase() !== me.toLowerCase()) {
    throw new UserError(
      `Lido request #${requestId} belongs to ${status.owner}, not you (${me}): run as its owner with --account N.`,
    );
  }
  if (!status.isFinalized) {
    const report = await nextReport(real, status.timestamp);
    throw new UserError(
      `Lido request #${requestId} is not finalised yet: Lido finalises at an oracle report, the next ` +
        `${describeReport(report, now)}; claim it after that (${labCommand("real status")}).`,
    );
  }
  const before = await real.ethers.provider.getBalance(me);
  const link = await sendReal(
    real,
    "Claim refused",
    ["Lido WithdrawalQueueERC721"],
    () => queue.claimWithdrawal.estimateGas(requestId),
    () => queue.claimWithdrawal(requestId),
  );
  const paid = (await real.ethers.provider.getBalance(me)) - before + (await feePaid(real, link));
  console.log(
    `Claimed request #${requestId}: ${formatEth(paid)} for ${formatAmount(status.amountOfStETH, STETH)} asked — ${link}`,
  );
});
