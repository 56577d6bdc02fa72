/**
 * The accounting oracle's arithmetic, shared by the tests, the deploy scripts and the tasks.
 *
 * On Lido, an off-chain oracle committee reads the beacon chain at a reference slot, computes the
 * report (validators seen, their balance, what the withdrawal vault received) and, by simulating
 * the report, the share rate at which the withdrawal queue can be finalised and how far the buffer
 * reaches (`WithdrawalQueue.prefinalize`). Here the "beacon chain" is the `BeaconChainSimulator`
 * contract, so the oracle only reads views; this module does the same steps:
 *
 * 1. `readOracleSnapshot` reads the simulator and the pool at one block (counting only the pool's
 *    own validators if someone else deposited one with the pool as withdrawal address).
 * 2. `simulateReport` (pure) repeats the pool's accounting: pre/post CL balance, fee, share rate.
 * 3. `largestFinalizableRequestId` finds the largest request the buffer covers at that rate.
 * 4. `buildOracleReport` puts the three together (finalising nothing in bunker mode, below); ETH received beyond what the APR bound allows
 *    (a donation) is left for later reports rather than breaking the report.
 *
 * Everything is bigint wei and seconds; nothing here signs or sends a transaction.
 */
import { AbiCoder, keccak256 } from "ethers";

/** Basis points in 100 %. */
const BPS = 10_000n;
/** One simulated year, as the pool's APR bound counts it. */
const SECONDS_PER_YEAR = 365n * 24n * 3600n;

/** The report `DepositPool.submitReport` takes (field order matters for `reportHash`). */
export interface OracleReport {
  /** Simulated seconds of the snapshot (`BeaconChainSimulator.simulatedTime()`). */
  timestamp: bigint;
  /** Pool validators the consensus layer has seen, ever. */
  clValidators: bigint;
  /** Wei: balance of those validators not yet withdrawn. */
  clBalance: bigint;
  /** Wei the pool received from sweeps and no report accounted yet. */
  withdrawnFromCl: bigint;
  /** Last request to finalise (0: none). */
  finalizeUpToRequestId: bigint;
}

/** What the pool holds before a report (its views, read at one block). */
export interface PoolAccounts {
  bufferedEther: bigint;
  clBalance: bigint;
  clValidators: bigint;
  depositedValidators: bigint;
  validatorDeposit: bigint;
  feeBps: bigint;
  maxAprBps: bigint;
  lossBudgetPerValidator: bigint;
  /** Wei lost by the reports of the loss window still open, and when it opened (report time). */
  recentLoss: bigint;
  lossWindowStart: bigint;
  /** Seconds of report time a loss window lasts (`LOSS_WINDOW`). */
  lossWindow: bigint;
  /** The pool's validators already withdrawn (the loss budget counts only those still on the CL). */
  withdrawnValidators: bigint;
  lastReportTimestamp: bigint;
  totalShares: bigint;
  unaccountedClWithdrawals: bigint;
  lastRequestId: bigint;
  lastFinalizedRequestId: bigint;
}

/** What a report will do, computed off-chain exactly as the pool computes it. */
export interface ReportOutcome {
  /** Wei: last reported CL balance + newly seen validators × deposit. */
  preClBalance: bigint;
  /** Wei: reported CL balance + withdrawn. */
  postClBalance: bigint;
  /** Wei of fee minted to the treasury (0 on a loss or with no shares). */
  feeEth: bigint;
  /** LST minted to the treasury. */
  feeShares: bigint;
  /** Wei, numerator of the share rate after rewards, losses and fee (before finalisation). */
  totalPooledEther: bigint;
  /** LST, denominator of that rate (escrowed requests included). */
  totalShares: bigint;
  /** Wei per 1e18 LST at that rate. */
  shareRateWad: bigint;
  /** Largest increase the APR bound allows (`RewardAboveBound` above it). */
  maxRewardIncrease: bigint;
  /** Largest loss without the loss confirmer (`LossAboveBudget` above it), over the window. */
  lossBudget: bigint;
  /** Wei already lost in the loss window this report falls in (0 if it opens a new one). */
  recentLoss: bigint;
  /** "ok", or which bound the report breaks. */
  bounds: "ok" | "reward-above-bound" | "loss-needs-confirmation";
  /** Wei the buffer holds after the report, before finalisation: buffered + withdrawn. */
  bufferAfterReport: bigint;
}

/** A pool as ethers (or typechain) exposes it: only the views the oracle reads. */
export interface OraclePoolReader {
  getAddress(): Promise<string>;
  bufferedEther(overrides: ReadOverrides): Promise<bigint>;
  clBalance(overrides: ReadOverrides): Promise<bigint>;
  clValidators(overrides: ReadOverrides): Promise<bigint>;
  depositedValidators(overrides: ReadOverrides): Promise<bigint>;
  validatorDeposit(overrides: ReadOverrides): Promise<bigint>;
  feeBps(overrides: ReadOverrides): Promise<bigint>;
  maxAprBps(overrides: ReadOverrides): Promise<bigint>;
  lossBudgetPerValidator(overrides: ReadOverrides): Promise<bigint>;
  recentLoss(
    overrides: ReadOverrides,
  ): Promise<[bigint, bigint] & { loss: bigint; windowStart: bigint }>;
  LOSS_WINDOW(overrides: ReadOverrides): Promise<bigint>;
  lastReportTimestamp(overrides: ReadOverrides): Promise<bigint>;
  totalShares(overrides: ReadOverrides): Promise<bigint>;
  unaccountedClWithdrawals(overrides: ReadOverrides): Promise<bigint>;
  lastRequestId(overrides: ReadOverrides): Promise<bigint>;
  lastFinalizedRequestId(overrides: ReadOverrides): Promise<bigint>;
  isBunkerMode(overrides: ReadOverrides): Promise<boolean>;
  validatorIndexAt(n: bigint, overrides: ReadOverrides): Promise<bigint>;
  prefinalize(
    upToRequestId: bigint,
    pooledEther: bigint,
    totalShares: bigint,
    overrides: ReadOverrides,
  ): Promise<{ ethToLock: bigint; sharesToBurn: bigint }>;
}

/** The simulator views the oracle reads. */
export interface OracleSimulatorReader {
  simulatedTime(overrides: ReadOverrides): Promise<bigint>;
  validatorCountOf(withdrawalAddress: string, overrides: ReadOverrides): Promise<bigint>;
  withdrawnValidatorCountOf(withdrawalAddress: string, overrides: ReadOverrides): Promise<bigint>;
  totalBalanceOf(withdrawalAddress: string, overrides: ReadOverrides): Promise<bigint>;
  validatorBalance(index: bigint, overrides: ReadOverrides): Promise<bigint>;
}

/** Read calls at one block, so the snapshot is consistent. */
export interface ReadOverrides {
  blockTag?: number | string;
}

/** The CL side of a report, as the oracle observes it. */
export interface ClSnapshot {
  timestamp: bigint;
  clValidators: bigint;
  clBalance: bigint;
  withdrawnFromCl: bigint;
}

/** Reads the pool's accounts and the CL snapshot at one block (`blockTag`, default latest). */
export async function readOracleSnapshot(
  pool: OraclePoolReader,
  simulator: OracleSimulatorReader,
  blockTag?: number,
): Promise<{ accounts: PoolAccounts; cl: ClSnapshot }> {
  const at: ReadOverrides = blockTag === undefined ? {} : { blockTag };
  const poolAddress = await pool.getAddress();
  const [
    bufferedEther,
    poolClBalance,
    poolClValidators,
    depositedValidators,
    validatorDeposit,
    feeBps,
    maxAprBps,
    lossBudgetPerValidator,
    [recentLoss, lossWindowStart],
    lossWindow,
    lastReportTimestamp,
    totalShares,
    unaccountedClWithdrawals,
    lastRequestId,
    lastFinalizedRequestId,
    timestamp,
    seenValidators,
    balance,
    withdrawnValidators,
  ] = await Promise.all([
    pool.bufferedEther(at),
    pool.clBalance(at),
    pool.clValidators(at),
    pool.depositedValidators(at),
    pool.validatorDeposit(at),
    pool.feeBps(at),
    pool.maxAprBps(at),
    pool.lossBudgetPerValidator(at),
    pool.recentLoss(at),
    pool.LOSS_WINDOW(at),
    pool.lastReportTimestamp(at),
    pool.totalShares(at),
    pool.unaccountedClWithdrawals(at),
    pool.lastRequestId(at),
    pool.lastFinalizedRequestId(at),
    simulator.simulatedTime(at),
    simulator.validatorCountOf(poolAddress, at),
    simulator.totalBalanceOf(poolAddress, at),
    simulator.withdrawnValidatorCountOf(poolAddress, at),
  ]);
  let clValidators = seenValidators;
  let clBalance = balance;
  if (seenValidators > depositedValidators) {
    // Someone deposited a validator with the pool as withdrawal address (anyone can, as on
    // mainnet). It is not the pool's: count only the pool's own validators, one by one, as Lido's
    // oracle counts only the keys of its node operators. O(validators) reads, off-chain.
    clValidators = depositedValidators;
    const own = await Promise.all(
      Array.from({ length: Number(depositedValidators) }, async (_, n) =>
        simulator.validatorBalance(await pool.validatorIndexAt(BigInt(n), at), at),
      ),
    );
    clBalance = own.reduce((sum, b) => sum + b, 0n);
  }
  return {
    accounts: {
      bufferedEther,
      clBalance: poolClBalance,
      clValidators: poolClValidators,
      depositedValidators,
      validatorDeposit,
      feeBps,
      maxAprBps,
      lossBudgetPerValidator,
      recentLoss,
      lossWindowStart,
      lossWindow,
      withdrawnValidators,
      lastReportTimestamp,
      totalShares,
      unaccountedClWithdrawals,
      lastRequestId,
      lastFinalizedRequestId,
    },
    cl: {
      timestamp,
      clValidators,
      clBalance,
      // Everything received so far: a sweep is accounted by the first report after it.
      withdrawnFromCl: unaccountedClWithdrawals,
    },
  };
}

/**
 * The pool's `submitReport` accounting, off-chain (pure): same formulas, same rounding.
 * `pre = lastClBalance + newlySeen × deposit`, `post = clBalance + withdrawn`; on a gain the fee
 * `(post − pre) × feeBps / 10,000` is minted as `fee × shares / (pooled − fee)` new shares.
 */
export function simulateReport(accounts: PoolAccounts, cl: ClSnapshot): ReportOutcome {
  const newlySeen = cl.clValidators - accounts.clValidators;
  const preClBalance = accounts.clBalance + newlySeen * accounts.validatorDeposit;
  const postClBalance = cl.clBalance + cl.withdrawnFromCl;
  const bufferAfterReport = accounts.bufferedEther + cl.withdrawnFromCl;
  const totalPooledEther =
    bufferAfterReport +
    cl.clBalance +
    (accounts.depositedValidators - cl.clValidators) * accounts.validatorDeposit;

  let feeEth = 0n;
  let feeShares = 0n;
  if (postClBalance > preClBalance && accounts.totalShares > 0n) {
    const fee = ((postClBalance - preClBalance) * accounts.feeBps) / BPS;
    if (fee > 0n) {
      feeEth = fee;
      feeShares = (fee * accounts.totalShares) / (totalPooledEther - fee);
    }
  }
  const totalShares = accounts.totalShares + feeShares;
  const shareRateWad =
    totalShares === 0n ? 10n ** 18n : (10n ** 18n * totalPooledEther) / totalShares;

  const elapsed =
    cl.timestamp > accounts.lastReportTimestamp ? cl.timestamp - accounts.lastReportTimestamp : 0n;
  const maxRewardIncrease =
    (preClBalance * (accounts.maxAprBps * elapsed)) / (BPS * SECONDS_PER_YEAR);
  // Per validator still on the consensus layer, as the pool counts it (`_validatorsOnCl`).
  const onCl =
    cl.clValidators > accounts.withdrawnValidators
      ? cl.clValidators - accounts.withdrawnValidators
      : 0n;
  const lossBudget = onCl * accounts.lossBudgetPerValidator;
  // A loss adds to the losses of the loss window still open (`recentLoss`), as the pool checks it.
  const recentLoss =
    cl.timestamp < accounts.lossWindowStart + accounts.lossWindow ? accounts.recentLoss : 0n;
  let bounds: ReportOutcome["bounds"] = "ok";
  if (postClBalance > preClBalance && postClBalance - preClBalance > maxRewardIncrease) {
    bounds = "reward-above-bound";
  } else if (
    preClBalance > postClBalance &&
    recentLoss + preClBalance - postClBalance > lossBudget
  ) {
    bounds = "loss-needs-confirmation";
  }

  return {
    preClBalance,
    postClBalance,
    feeEth,
    feeShares,
    totalPooledEther,
    totalShares,
    shareRateWad,
    maxRewardIncrease,
    lossBudget,
    recentLoss,
    bounds,
    bufferAfterReport,
  };
}

/**
 * The largest request id the buffer covers when finalised at `pooledEther / totalShares`, found
 * by binary search on the pool's `prefinalize` (what is locked grows with the id). Returns 0 when
 * no new request fits. Every request already mined was made in an earlier block than the report
 * will be, so none is too recent.
 */
export async function largestFinalizableRequestId(
  pool: OraclePoolReader,
  accounts: Pick<PoolAccounts, "lastRequestId" | "lastFinalizedRequestId">,
  buffer: bigint,
  pooledEther: bigint,
  totalShares: bigint,
  blockTag?: number,
): Promise<bigint> {
  const at: ReadOverrides = blockTag === undefined ? {} : { blockTag };
  let low = accounts.lastFinalizedRequestId; // fits (nothing new)
  let high = accounts.lastRequestId;
  while (low < high) {
    const mid = (low + high + 1n) / 2n;
    const { ethToLock } = await pool.prefinalize(mid, pooledEther, totalShares, at);
    if (ethToLock <= buffer) low = mid;
    else high = mid - 1n;
  }
  return low === accounts.lastFinalizedRequestId ? 0n : low;
}

/**
 * Builds the report an honest oracle would submit now: the simulator's view of the pool's
 * validators, every ETH received, and the largest batch of requests the buffer covers, or none in
 * bunker mode. Lido's oracle enters "bunker mode" when a slashing's loss is known but not yet
 * realised, and then finalises no withdrawal request until it is: the pool refuses a finalisation
 * while a slashed validator of it is unswept (`isBunkerMode`), so the honest report finalises none.
 * `overrides` replace fields (to build a wrong report on purpose, or to finalise less).
 */
export async function buildOracleReport(
  pool: OraclePoolReader,
  simulator: OracleSimulatorReader,
  overrides: Partial<OracleReport> = {},
  blockTag?: number,
): Promise<{ report: OracleReport; outcome: ReportOutcome; accounts: PoolAccounts }> {
  const { accounts, cl } = await readOracleSnapshot(pool, simulator, blockTag);
  const snapshot: ClSnapshot = {
    timestamp: overrides.timestamp ?? cl.timestamp,
    clValidators: overrides.clValidators ?? cl.clValidators,
    clBalance: overrides.clBalance ?? cl.clBalance,
    withdrawnFromCl: overrides.withdrawnFromCl ?? cl.withdrawnFromCl,
  };
  let outcome = simulateReport(accounts, snapshot);
  if (outcome.bounds === "reward-above-bound" && overrides.withdrawnFromCl === undefined) {
    // More ETH arrived than rewards can explain (a donation through the consensus layer, e.g. the
    // sweep of someone else's validator): take only what fits under the APR bound and leave the
    // rest for later reports, as Lido smooths withdrawals and EL rewards under its rebase limit.
    const excess = outcome.postClBalance - outcome.preClBalance - outcome.maxRewardIncrease;
    snapshot.withdrawnFromCl =
      excess >= snapshot.withdrawnFromCl ? 0n : snapshot.withdrawnFromCl - excess;
    outcome = simulateReport(accounts, snapshot);
  }
  const bunkerMode = await pool.isBunkerMode(blockTag === undefined ? {} : { blockTag });
  const finalizeUpToRequestId =
    overrides.finalizeUpToRequestId ??
    (bunkerMode
      ? 0n
      : await largestFinalizableRequestId(
          pool,
          accounts,
          outcome.bufferAfterReport,
          outcome.totalPooledEther,
          outcome.totalShares,
          blockTag,
        ));
  return { report: { ...snapshot, finalizeUpToRequestId }, outcome, accounts };
}

/** `keccak256(abi.encode(report))`: what the loss confirmer approves with `confirmLossReport`. */
export function reportHash(report: OracleReport): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["tuple(uint256,uint256,uint256,uint256,uint256)"],
      [
        [
          report.timestamp,
          report.clValidators,
          report.clBalance,
          report.withdrawnFromCl,
          report.finalizeUpToRequestId,
        ],
      ],
    ),
  );
}
