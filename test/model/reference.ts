/**
 * The reference model's arithmetic, in bigint (no floats), written from DESIGN §5 and §7, not read
 * back from the contracts: what a deposit mints, what a request is worth, what a report does to the
 * pool's accounts and rate, how a finalisation prices the queue, what an ERC-4626 deposit mints.
 *
 * The allowed roundings are named here, with their direction (the contracts must round the same way
 * or be caught by the comparison in `checks.ts`).
 */
import { simulateReport, type ClSnapshot, type PoolAccounts } from "../../scripts/lib/oracle.js";

const WAD = 10n ** 18n;

/**
 * CL rewards accrue through one global accumulator, `rewardPerValidator = checkpoint +
 * ⌊deposit × APR × elapsed / year⌋` (DESIGN §4): what a validator earns between two blocks is the
 * difference of two such floors, so it differs from the exact `⌊deposit × APR × Δt / year⌋` by at most
 * one wei, either way (the floors fall at different points). Nothing else may move it.
 */
export const CL_REWARD_ROUNDING_WEI = 1n;

/**
 * A redemption's claim may pay a few wei more than `previewClaimRedeem` said a block earlier, never
 * less and never more than the value at request: the claim first brings the manager's part back,
 * booked at what the manager pays, while the vault valued its queued withdrawals a few wei below that
 * (it rounds the sum once and takes `open + 1` shares and wei off it: see lrt-invariants.ts), so
 * `totalAssets` and the claim's `previewRedeem` rise by up to this margin. ERC-4626's previews may
 * under-promise, never over-promise.
 */
export function lrtClaimMargin(openWithdrawals: bigint): bigint {
  return 3n * openWithdrawals + 3n;
}

/**
 * A StableSwap exchange pays the trader the reference `getDy` less at most this many wei (ng rounds
 * against the trader: output − 1 wei, each division down); never more than the reference.
 */
export const STABLESWAP_EXCHANGE_ROUNDING_WEI = 2n;

/** The pool's accounts as the model keeps them (DESIGN §5.1). */
export interface PoolBooks {
  buffered: bigint;
  clBalance: bigint;
  clValidators: bigint;
  deposited: bigint;
  unaccounted: bigint;
  locked: bigint;
  /** LST supply, escrowed requests included. */
  supply: bigint;
  reportCount: bigint;
  lastReportTimestamp: bigint;
  lastFinalized: bigint;
  validatorDeposit: bigint;
}

/** `totalPooledEther = buffered + reported CL balance + deposits in transit`. */
export function pooledEther(p: PoolBooks): bigint {
  return p.buffered + p.clBalance + (p.deposited - p.clValidators) * p.validatorDeposit;
}

/** ETH per 1e18 LST (1e18 when empty). */
export function exchangeRate(p: PoolBooks): bigint {
  return p.supply === 0n ? WAD : (pooledEther(p) * WAD) / p.supply;
}

/** LST minted for `eth`: `floor(eth × supply / pooled)`, 1:1 when empty (mint down). */
export function sharesForDeposit(p: PoolBooks, eth: bigint): bigint {
  return p.supply === 0n ? eth : (eth * p.supply) / pooledEther(p);
}

/** ETH `shares` are worth now, rounded down (pay down). */
export function ethForShares(p: PoolBooks, shares: bigint): bigint {
  return p.supply === 0n ? shares : (shares * pooledEther(p)) / p.supply;
}

/** One withdrawal request, as the model records it (DESIGN §5.4). */
export interface RequestBook {
  id: bigint;
  owner: string;
  shares: bigint;
  /** ETH value at request (rounded down). */
  eth: bigint;
  /** Reports submitted before it: requests with the same count share a period (one rate). */
  period: bigint;
  /** Set at finalisation: `min(eth, shares × pooled / supply)`, rounded down. */
  payout?: bigint;
  claimed: boolean;
  /** Its escrowed shares were burnt by the finalisation. */
  burnt?: boolean;
}

/**
 * A finalisation of the requests `(lastFinalized, upTo]` at `pooled / supply`: each run of requests
 * of one period locks `min(Σ eth, ⌊Σ shares × pooled / supply⌋)` and each request pays
 * `min(eth, ⌊shares × pooled / supply⌋)` (so the lock covers the payouts, to a wei per request).
 */
export function finalize(
  requests: RequestBook[],
  lastFinalized: bigint,
  upTo: bigint,
  pooled: bigint,
  supply: bigint,
): { ethToLock: bigint; sharesToBurn: bigint } {
  let ethToLock = 0n;
  let sharesToBurn = 0n;
  let run: RequestBook[] = [];
  const close = () => {
    if (run.length === 0) return;
    const eth = run.reduce((s, r) => s + r.eth, 0n);
    const shares = run.reduce((s, r) => s + r.shares, 0n);
    ethToLock += eth < (shares * pooled) / supply ? eth : (shares * pooled) / supply;
    sharesToBurn += shares;
    run = [];
  };
  for (const r of requests) {
    if (r.id <= lastFinalized || r.id > upTo) continue;
    if (run.length !== 0 && run[0].period !== r.period) close();
    run.push(r);
    const value = (r.shares * pooled) / supply;
    r.payout = r.eth < value ? r.eth : value;
  }
  close();
  return { ethToLock, sharesToBurn };
}

/** The CL snapshot an honest oracle reads, and what the model predicts the report does. */
export function applyReport(
  p: PoolBooks,
  requests: RequestBook[],
  cl: ClSnapshot,
  finalizeUpTo: bigint,
  accounts: Omit<PoolAccounts, keyof PoolBooksAsAccounts>,
): { feeShares: bigint; ethToLock: bigint } {
  const outcome = simulateReport({ ...accounts, ...asAccounts(p) }, cl);
  p.buffered += cl.withdrawnFromCl;
  p.unaccounted -= cl.withdrawnFromCl;
  p.clBalance = cl.clBalance;
  p.clValidators = cl.clValidators;
  p.lastReportTimestamp = cl.timestamp;
  p.reportCount += 1n;
  p.supply += outcome.feeShares;
  let ethToLock = 0n;
  if (finalizeUpTo > p.lastFinalized) {
    const pooled = pooledEther(p);
    const done = finalize(requests, p.lastFinalized, finalizeUpTo, pooled, p.supply);
    ethToLock = done.ethToLock;
    p.buffered -= done.ethToLock;
    p.locked += done.ethToLock;
    p.supply -= done.sharesToBurn;
    p.lastFinalized = finalizeUpTo;
  }
  return { feeShares: outcome.feeShares, ethToLock };
}

type PoolBooksAsAccounts = Pick<
  PoolAccounts,
  | "bufferedEther"
  | "clBalance"
  | "clValidators"
  | "depositedValidators"
  | "validatorDeposit"
  | "totalShares"
  | "unaccountedClWithdrawals"
  | "lastReportTimestamp"
>;

function asAccounts(p: PoolBooks): PoolBooksAsAccounts {
  return {
    bufferedEther: p.buffered,
    clBalance: p.clBalance,
    clValidators: p.clValidators,
    depositedValidators: p.deposited,
    validatorDeposit: p.validatorDeposit,
    totalShares: p.supply,
    unaccountedClWithdrawals: p.unaccounted,
    lastReportTimestamp: p.lastReportTimestamp,
  };
}

/**
 * ERC-4626 deposit with OpenZeppelin's virtual offset (DESIGN §7): `assets × (supply + 10^offset) /
 * (totalAssets + 1)`, rounded down (mint down).
 */
export function vaultSharesForAssets(
  assets: bigint,
  totalAssets: bigint,
  supply: bigint,
  decimalsOffset: bigint,
): bigint {
  return (assets * (supply + 10n ** decimalsOffset)) / (totalAssets + 1n);
}

/** The exact CL reward of one active validator over `seconds` at `aprBps` (before rounding down). */
export function clReward(
  deposit: bigint,
  aprBps: bigint,
  seconds: bigint,
  timeScale: bigint,
): bigint {
  return (deposit * aprBps * seconds * timeScale) / (10_000n * 365n * 24n * 3600n);
}
