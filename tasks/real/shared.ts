/**
 * What the `lab real …` tasks share: the real tokens' units, the time of Lido's next oracle
 * report (from HashConsensus' frames), and the send step every action takes (estimate, balance,
 * send with an explorer link).
 */
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount, formatDuration, formatWhen, type Unit } from "../../scripts/lib/format.js";
import { estimateAndCheck, type Real } from "../../scripts/lib/real.js";
import { labCommand, refusing, send } from "../lib.js";

export const STETH: Unit = { symbol: "stETH", decimals: 18 };
export const WSTETH: Unit = { symbol: "wstETH", decimals: 18 };
export const RETH: Unit = { symbol: "rETH", decimals: 18 };
/** EigenLayer strategy shares (18 decimals). */
export const EIGEN_SHARES: Unit = { symbol: "shares", decimals: 18 };

/** Lido's oracle clock: whether a report is due now, and when the next frame's report comes. */
export interface NextReport {
  /** A frame has closed and its report has not been processed yet. */
  due: boolean;
  /** When the report can come: the frame's reference slot's time (Unix seconds). */
  at: bigint;
  /** The latest the due report may be processed (Unix seconds). */
  deadline: bigint;
  /** One frame, in seconds (12 epochs ≈ 76.8 min on Hoodi when read). */
  frameSeconds: bigint;
}

/**
 * The next oracle report; with `requestedAt` (a withdrawal request's time), the first report that
 * can finalise it. A report covers requests made before its frame's reference slot: a request made
 * after the due report's reference slot waits for the frame after (Lido's oracle may also keep a
 * margin before the reference slot, so this is the earliest).
 */
export async function nextReport(real: Real, requestedAt?: bigint): Promise<NextReport> {
  const [chain, frames, current, lastRef] = await Promise.all([
    real.consensus.getChainConfig(),
    real.consensus.getFrameConfig(),
    real.consensus.getCurrentFrame(),
    real.oracle.getLastProcessingRefSlot(),
  ]);
  const [slotsPerEpoch, secondsPerSlot, genesisTime] = chain as bigint[];
  const epochsPerFrame = (frames as bigint[])[1];
  const [refSlot, deadlineSlot] = current as bigint[];
  const time = (slot: bigint) => genesisTime + slot * secondsPerSlot;
  const frameSlots = epochsPerFrame * slotsPerEpoch;
  const due =
    (lastRef as bigint) < refSlot && (requestedAt === undefined || requestedAt <= time(refSlot));
  return {
    due,
    at: due ? time(refSlot) : time(refSlot + frameSlots),
    deadline: time(deadlineSlot),
    frameSeconds: frameSlots * secondsPerSlot,
  };
}

/** "due now (deadline in 40 min)" or "in 35 min (every 1 h 16 min)". */
export function describeReport(report: NextReport, now: bigint): string {
  return report.due
    ? `due now (at the latest ${formatWhen(report.deadline, now)})`
    : `${formatWhen(report.at, now)} (one every ${formatDuration(report.frameSeconds)})`;
}

/**
 * One transaction of a real task: the call is estimated first (a refusal shows here, before
 * anything is sent), the cost printed and the balance checked, then sent. Returns the explorer
 * link (Hoodi) or the hash (a local node).
 */
export async function sendReal(
  real: Real,
  what: string,
  contracts: string[],
  estimate: () => Promise<bigint>,
  action: () => Promise<{ hash: string; wait: () => Promise<unknown> }>,
  value = 0n,
): Promise<string> {
  const names = contracts.map((name) => ({ name }));
  // "Stake refused" → "(stake)": which transaction the estimate is for (approvals come first).
  const label = what.replace(/ refused$/, "").toLowerCase();
  await refusing(what, names, () => estimateAndCheck(real, estimate, value, label));
  return send(what, names, action);
}

/** Refuses, in one line with the next command, an --amount of stETH above what the student holds. */
export function requireStEth(held: bigint, value: bigint): void {
  if (held >= value) return;
  throw new UserError(
    `You hold ${formatAmount(held, STETH)}, less than --amount ${formatAmount(value, STETH)}: ` +
      `stake first with ${labCommand("real lido-stake", "--amount 0.01", { asMe: true })}.`,
  );
}

/** Approves `spender` for `value` stETH unless its allowance already covers it (ERC-20 approve). */
export async function approveStEth(real: Real, spender: string, value: bigint): Promise<void> {
  const { lido, signer } = real;
  if (((await lido.allowance(signer.address, spender)) as bigint) >= value) return;
  await sendReal(
    real,
    "Approval refused",
    ["Lido"],
    () => lido.approve.estimateGas(spender, value),
    () => lido.approve(spender, value),
  );
}

/** The gas a sent transaction paid (wei), from the link `sendReal` returned. */
export async function feePaid(real: Real, link: string): Promise<bigint> {
  const hash = link.split(/[\s/]/).pop()!;
  const receipt = await real.ethers.provider.getTransactionReceipt(hash);
  return receipt === null ? 0n : receipt.gasUsed * receipt.gasPrice;
}
