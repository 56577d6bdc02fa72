/**
 * Parameter profiles: every deployment, the demo and the test fixtures take their numbers from
 * one of these, so a scenario on the embedded chain and a class on Hoodi run the same mechanisms.
 *
 * - `realistic`: mainnet-like numbers (32 ETH validators, 3 % APR, 14-day restaking delay).
 *   Tests use it with time travel; the demo uses it on the embedded chain.
 * - `classroom`: the same mechanisms scaled so that a student with faucet ETH can run the whole
 *   story on Hoodi in under 90 minutes of real time, without time travel: validators of
 *   0.032 ETH, a simulated "year" that passes in 30 minutes, delays of a few minutes.
 *
 * Units are in the names: `...Wei` amounts in wei, `...Bps` in basis points (1 % = 100 bps),
 * `...Seconds` in real seconds of block time.
 */

const ETHER = 10n ** 18n;
const MINUTE = 60n;
const DAY = 24n * 60n * MINUTE;
/** One year of simulated time, as the simulator and the oracle bound count it. */
export const SECONDS_PER_YEAR = 365n * DAY;

export type ProfileName = "realistic" | "classroom";

export interface Profile {
  readonly name: ProfileName;
  /** What this profile is for, in one sentence (shown by scripts). */
  readonly description: string;

  // Consensus layer (BeaconChainSimulator)
  /** Exact deposit of one validator (32 ETH on mainnet). */
  readonly validatorDepositWei: bigint;
  /** Consensus-layer reward rate on an active validator's deposit, per simulated year. */
  readonly rewardAprBps: bigint;
  /** Simulated seconds per real second: 1 on mainnet, larger to compress a year into a lesson. */
  readonly timeScale: bigint;
  /** Real seconds between a voluntary exit and the validator becoming withdrawable. */
  readonly exitDelaySeconds: bigint;
  /** Initial slashing penalty = deposit / quotient: 4096 after Pectra (May 2025), 32 before. */
  readonly slashingPenaltyQuotient: bigint;
  /**
   * Real seconds over which slashings count together for the correlation penalty (~36 days), and
   * a slashed validator's wait before it is withdrawable (EPOCHS_PER_SLASHINGS_VECTOR): its
   * penalty is fixed at the midpoint, half of it after the slashing.
   */
  readonly correlationWindowSeconds: bigint;
  /**
   * Active stake of the rest of the network, counted by the correlation penalty (mainnet: about
   * 34 million ETH). With it, one slashed validator loses little beyond its initial penalty; set
   * it to 0 (`setExternalActiveBalance`) to make the lab's validators the whole network, where
   * a third slashed together lose everything.
   */
  readonly externalActiveBalanceWei: bigint;
  /** ETH the teacher puts in the simulator's reward reserve at deployment. */
  readonly initialRewardReserveWei: bigint;

  // Liquid staking (DepositPool)
  /** Share of positive consensus-layer rewards taken as protocol fee (Lido: 10 %). */
  readonly protocolFeeBps: bigint;
  /** Oracle sanity bound: annualised increase of the CL balance (Lido: 10 %). */
  readonly maxAprBps: bigint;
  /** Oracle sanity bound: a report losing more than this per validator needs a second role. */
  readonly lossBudgetPerValidatorWei: bigint;
  /** Smallest deposit accepted. */
  readonly minDepositWei: bigint;
  /** Largest total pooled ether the pool accepts. */
  readonly depositCapWei: bigint;

  // Restaking (RestakingManager) and liquid restaking (LRTVault)
  /** Real seconds a queued restaking withdrawal waits (EigenLayer mainnet: ~14 days). */
  readonly restakingWithdrawalDelaySeconds: bigint;
  /** Real seconds before a lowered allocation stops being slashable (EigenLayer: ~14 days). */
  readonly deallocationDelaySeconds: bigint;
  /**
   * Real seconds before a raised allocation becomes slashable; longer than the withdrawal delay so
   * delegators can leave first (EigenLayer: ALLOCATION_CONFIGURATION_DELAY, 126,000 blocks ≈ 17.5
   * days, against a 100,800-block ≈ 14-day withdrawal delay: a ratio of 1.25 kept in both profiles).
   */
  readonly allocationDelaySeconds: bigint;
  /** Operator's cut of service (AVS) rewards (EigenLayer default: 10 %). */
  readonly operatorSplitBps: bigint;
  /** Share of the LRT vault's assets kept idle for redemptions. */
  readonly lrtBufferBps: bigint;
  /** LRT protocol fee on service rewards, minted as LRT to the treasury. */
  readonly lrtFeeBps: bigint;

  // Market: one StableSwapPool per token (coin 0 ETH, coin 1 the token) and, per token, one
  // LendingMarket per oracle (exchange rate, capped rate, spot, EMA). See `MarketProfile`.
  readonly market: MarketProfile;
}

/** One StableSwap pool's parameters, in the units the profile states (converted on deployment). */
export interface StableSwapPoolProfile {
  /** Amplification A (the contract stores A × 100, as Curve's `A_PRECISION`). */
  readonly a: bigint;
  /** Base swap fee in basis points (the contract's fee is 1e10 = 100 %: 1 bp = 1e6). */
  readonly feeBps: bigint;
  /** ng's off-peg fee multiplier, as a whole factor (×2 is 2e10 in the contract). */
  readonly offpegFeeMultiplier: bigint;
  /** ETH the deployer seeds the pool with; it stakes the same value to seed the token side. */
  readonly seedEthWei: bigint;
}

/** A collateral's lending markets: the same LLTV and CAPO growth under every oracle. */
export interface LendingProfile {
  /** Liquidation loan-to-value, WAD (86 % = 0.86e18); the incentive follows (Morpho's LIF). */
  readonly lltvWad: bigint;
  /** CAPO's ceiling on the rate's growth above its snapshot, basis points a year (≤ 65,535). */
  readonly capoMaxYearlyGrowthBps: bigint;
}

export interface MarketProfile {
  /** The LST's pool (Curve ETH/stETH shape). */
  readonly lstPool: StableSwapPoolProfile;
  /** The LRT's pool (Curve's "Liquid Restaking Tokens" preset). */
  readonly lrtPool: StableSwapPoolProfile;
  /** τ of both pools' EMA price oracle, seconds (half-life τ·ln 2). */
  readonly maExpTimeSeconds: bigint;
  readonly lstLending: LendingProfile;
  readonly lrtLending: LendingProfile;
  /** ETH the deployer supplies to each of the eight lending markets, so students can borrow. */
  readonly supplyPerMarketWei: bigint;
}

const WAD = ETHER;

/**
 * Mainnet's market parameters. Sources (copied from the project's research notes):
 * - LST pool A = 50, 0.04 %: Curve's ETH/stETH pool (0xDC24…7022) charges 0.04 % (curve-contract
 *   `pools/steth/pooldata.json`); A ≈ 50 in June 2022 is fitted to the observed prices (0.9474 at
 *   20/80 on 10 June 2022, ~0.935–0.94 at 18.5/81.5 in mid-June). Off-peg ×2: stableswap-ng's
 *   docstring example (`offpeg_fee_multiplier` 2e10).
 * - LRT pool A = 500, 0.01 %, off-peg ×10: Curve's pool-creation preset "Liquid Restaking Tokens"
 *   (curve-frontend `PageCreatePool/constants.ts`).
 * - τ = 866 s: ng's docstring, an EMA half-life of 10 minutes (866 × ln 2 ≈ 600 s).
 * - LLTV 94.5 % for the LST (Morpho Blue's wstETH/WETH markets, LIF 1.0168) and 86 % for the LRT
 *   (Morpho's ezETH and weETH markets, LIF 1.0438; the April-2024 ezETH liquidations).
 * - CAPO 9.68 % a year for the LST and 8.75 % for the LRT: Aave's wstETH and weETH adapters
 *   (bgd-labs/aave-capo).
 * - Liquidity: 1,000 ETH a side — small beside Curve's ~1M ETH in 2022, but what the embedded
 *   chain's 10,000-ETH accounts can seed while a depeg of a few % still takes hundreds of ETH.
 */
const realisticMarket: MarketProfile = {
  lstPool: { a: 50n, feeBps: 4n, offpegFeeMultiplier: 2n, seedEthWei: 1_000n * ETHER },
  lrtPool: { a: 500n, feeBps: 1n, offpegFeeMultiplier: 10n, seedEthWei: 1_000n * ETHER },
  maExpTimeSeconds: 866n,
  lstLending: { lltvWad: (945n * WAD) / 1000n, capoMaxYearlyGrowthBps: 968n },
  lrtLending: { lltvWad: (86n * WAD) / 100n, capoMaxYearlyGrowthBps: 875n },
  supplyPerMarketWei: 250n * ETHER,
};

/**
 * The same maths with faucet-sized liquidity: a student who stakes 0.05 ETH and sells it moves the
 * LST pool's price by several %, and the EMA follows within minutes (τ = 173 s, a 2-minute
 * half-life) instead of a 10-minute one. Everything the deployer seeds: 0.05 + 0.05 ETH (LST pool),
 * 0.02 + 0.02 ETH (LRT pool), 8 × 0.005 ETH (lending) = 0.18 ETH.
 * CAPO: at most 65,535 bps (655 %) a year fits its uint16; the classroom's compressed years (3 % a
 * simulated year of 30 minutes) grow the rate faster than that, so after a while the capped price
 * lags the NAV: the owner (the deployer) moves the snapshot with `setCapParameters`.
 */
const classroomMarket: MarketProfile = {
  lstPool: { a: 50n, feeBps: 4n, offpegFeeMultiplier: 2n, seedEthWei: ETHER / 20n },
  lrtPool: { a: 500n, feeBps: 1n, offpegFeeMultiplier: 10n, seedEthWei: ETHER / 50n },
  maExpTimeSeconds: 173n,
  lstLending: { lltvWad: (945n * WAD) / 1000n, capoMaxYearlyGrowthBps: 65_535n },
  lrtLending: { lltvWad: (86n * WAD) / 100n, capoMaxYearlyGrowthBps: 65_535n },
  supplyPerMarketWei: ETHER / 200n,
};

export const realistic: Profile = {
  name: "realistic",
  description: "mainnet-like numbers: 32 ETH validators, 3 % APR, 14-day restaking delay",
  validatorDepositWei: 32n * ETHER,
  rewardAprBps: 300n,
  timeScale: 1n,
  exitDelaySeconds: DAY,
  slashingPenaltyQuotient: 4096n,
  correlationWindowSeconds: 36n * DAY,
  externalActiveBalanceWei: 34_000_000n * ETHER,
  initialRewardReserveWei: 100n * ETHER,
  protocolFeeBps: 1000n,
  maxAprBps: 1000n,
  lossBudgetPerValidatorWei: ETHER / 10n,
  minDepositWei: ETHER / 100n,
  depositCapWei: 1_000_000n * ETHER,
  restakingWithdrawalDelaySeconds: 14n * DAY,
  deallocationDelaySeconds: 14n * DAY,
  allocationDelaySeconds: (35n * DAY) / 2n,
  operatorSplitBps: 1000n,
  lrtBufferBps: 1000n,
  lrtFeeBps: 1000n,
  market: realisticMarket,
};

/** 1/1000 of mainnet amounts; a simulated year passes in 30 real minutes. */
export const classroom: Profile = {
  name: "classroom",
  description: "Hoodi with faucet ETH: 0.032 ETH validators, a simulated year every 30 minutes",
  validatorDepositWei: (32n * ETHER) / 1000n,
  rewardAprBps: 300n,
  timeScale: SECONDS_PER_YEAR / (30n * MINUTE),
  exitDelaySeconds: 2n * MINUTE,
  // The pre-Pectra quotient (32, as before May 2025): a slashed 0.032 ETH validator loses
  // 0.001 ETH at once, more than two validators earn in a quarter of an hour (3 % a simulated
  // year of 30 minutes), so the lesson's report after a slashing visibly lowers the rate. With
  // 4096 the penalty (0.0000078 ETH) is less than two minutes of rewards and the rate rises.
  slashingPenaltyQuotient: 32n,
  correlationWindowSeconds: 10n * MINUTE,
  externalActiveBalanceWei: 34_000n * ETHER,
  initialRewardReserveWei: ETHER / 100n,
  protocolFeeBps: 1000n,
  maxAprBps: 1000n,
  lossBudgetPerValidatorWei: ETHER / 10n / 1000n,
  minDepositWei: ETHER / 100n / 1000n,
  depositCapWei: 10n * ETHER,
  restakingWithdrawalDelaySeconds: 5n * MINUTE,
  deallocationDelaySeconds: 5n * MINUTE,
  allocationDelaySeconds: (25n * MINUTE) / 4n,
  operatorSplitBps: 1000n,
  lrtBufferBps: 1000n,
  lrtFeeBps: 1000n,
  market: classroomMarket,
};

export const profiles: Readonly<Record<ProfileName, Profile>> = { realistic, classroom };

/**
 * The profile a network uses: `classroom` on Hoodi and on a local node that rehearses it,
 * `realistic` on the embedded chain. `STAKING_LAB_PROFILE=realistic|classroom` overrides it.
 */
export function profileForNetwork(
  networkName: string,
  override = process.env.STAKING_LAB_PROFILE,
): Profile {
  if (override !== undefined && override !== "") {
    if (override !== "realistic" && override !== "classroom") {
      throw new Error(
        `STAKING_LAB_PROFILE is "${override}": use "realistic" or "classroom", or unset it.`,
      );
    }
    return profiles[override];
  }
  return networkName === "hoodi" || networkName === "localhost" ? classroom : realistic;
}
