/**
 * A reference model of the lending market in TypeScript bigint, written from Morpho Blue's
 * formulas (`Morpho.sol`, `SharesMathLib`, `MathLib`, `ConstantsLib`) and the documented one-kink
 * curve, not from our Solidity: tests run the same steps on the contract and on this model and
 * expect them to agree to the wei.
 *
 * Units as in the contract: ETH in wei, collateral in the token's smallest units, shares as the
 * market counts them, rates and factors WAD (1e18), prices scaled 1e36.
 */

export const WAD = 10n ** 18n;
export const ORACLE_PRICE_SCALE = 10n ** 36n;
export const VIRTUAL_SHARES = 10n ** 6n;
export const VIRTUAL_ASSETS = 1n;
export const MAX_LIQUIDATION_INCENTIVE_FACTOR = (115n * WAD) / 100n;
export const LIQUIDATION_CURSOR = (3n * WAD) / 10n;
export const SECONDS_PER_YEAR = 365n * 24n * 3600n;

/** The interest curve's parameters (documented in `InterestRateModel.sol` and docs/lending-market.md). */
export const TARGET_UTILIZATION = (9n * WAD) / 10n;
export const RATE_AT_TARGET = (4n * WAD) / 100n / SECONDS_PER_YEAR;
export const CURVE_STEEPNESS = 4n;
export const MIN_RATE = RATE_AT_TARGET / CURVE_STEEPNESS;
export const MAX_RATE = RATE_AT_TARGET * CURVE_STEEPNESS;

// ------------------------------------------------------------------ MathLib

export const mulDivDown = (x: bigint, y: bigint, d: bigint): bigint => (x * y) / d;
export const mulDivUp = (x: bigint, y: bigint, d: bigint): bigint => (x * y + d - 1n) / d;
export const wMulDown = (x: bigint, y: bigint): bigint => mulDivDown(x, y, WAD);
export const wDivDown = (x: bigint, y: bigint): bigint => mulDivDown(x, WAD, y);
export const wDivUp = (x: bigint, y: bigint): bigint => mulDivUp(x, WAD, y);
export const zeroFloorSub = (x: bigint, y: bigint): bigint => (x > y ? x - y : 0n);
export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** e^(x·n) − 1 by three Taylor terms, each rounded down. */
export function wTaylorCompounded(x: bigint, n: bigint): bigint {
  const first = x * n;
  const second = mulDivDown(first, first, 2n * WAD);
  const third = mulDivDown(second, first, 3n * WAD);
  return first + second + third;
}

// ------------------------------------------------------------------ SharesMathLib

export const toSharesDown = (assets: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  mulDivDown(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
export const toAssetsDown = (shares: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  mulDivDown(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
export const toSharesUp = (assets: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  mulDivUp(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
export const toAssetsUp = (shares: bigint, totalAssets: bigint, totalShares: bigint): bigint =>
  mulDivUp(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);

// ------------------------------------------------------------------ parameters and curve

/** LIF = min(1.15, 1 / (1 − 0.3 · (1 − lltv))), WAD, rounded down. */
export function liquidationIncentiveFactor(lltv: bigint): bigint {
  return min(
    MAX_LIQUIDATION_INCENTIVE_FACTOR,
    wDivDown(WAD, WAD - wMulDown(LIQUIDATION_CURSOR, WAD - lltv)),
  );
}

/** Utilisation (WAD, rounded down; 0 when nothing is supplied). */
export function utilization(totalSupplyAssets: bigint, totalBorrowAssets: bigint): bigint {
  if (totalSupplyAssets === 0n) return 0n;
  return wDivDown(totalBorrowAssets, totalSupplyAssets);
}

/** Borrow rate per second (WAD): 1 % → 4 % a year up to 90 % utilisation, then 4 % → 16 %. */
export function borrowRate(totalSupplyAssets: bigint, totalBorrowAssets: bigint): bigint {
  const u = utilization(totalSupplyAssets, totalBorrowAssets);
  if (u <= TARGET_UTILIZATION) {
    return MIN_RATE + mulDivDown(RATE_AT_TARGET - MIN_RATE, u, TARGET_UTILIZATION);
  }
  return (
    RATE_AT_TARGET +
    mulDivDown(MAX_RATE - RATE_AT_TARGET, u - TARGET_UTILIZATION, WAD - TARGET_UTILIZATION)
  );
}

// ------------------------------------------------------------------ oracle prices

/** 10^(36 − decimals): the factor from a WAD price per whole token to Morpho's 1e36 scale. */
export const scaleFactor = (decimals: number): bigint => 10n ** BigInt(36 - decimals);

/** Oracle price of a token of `decimals` worth `rateWad` ETH per whole token. */
export const priceFromRate = (rateWad: bigint, decimals: number): bigint =>
  rateWad * scaleFactor(decimals);

/** Oracle price from a pool price in NAV units times the pool's rate (Spot and EMA oracles). */
export const priceFromPool = (priceWad: bigint, rateWad: bigint, decimals: number): bigint =>
  mulDivDown(priceWad * rateWad, scaleFactor(decimals), WAD);

/** Aave CAPO: min(rate, snapshot + ⌊snapshot·bps/10,000/year⌋ · Δt). */
export function cappedRate(
  rate: bigint,
  snapshotRate: bigint,
  maxYearlyGrowthBps: bigint,
  elapsed: bigint,
): bigint {
  const perSecond = (snapshotRate * maxYearlyGrowthBps) / 10_000n / SECONDS_PER_YEAR;
  return min(rate, snapshotRate + perSecond * elapsed);
}

// ------------------------------------------------------------------ the market

export interface ModelPosition {
  supplyShares: bigint;
  borrowShares: bigint;
  collateral: bigint;
}

export interface LiquidationResult {
  seizedAssets: bigint;
  repaidShares: bigint;
  repaidAssets: bigint;
  badDebtAssets: bigint;
  badDebtShares: bigint;
}

/** One market's state and Morpho's rules, step by step. Throws where the contract reverts. */
export class MarketModel {
  totalSupplyAssets = 0n;
  totalSupplyShares = 0n;
  totalBorrowAssets = 0n;
  totalBorrowShares = 0n;
  lastUpdate: bigint;
  readonly positions = new Map<string, ModelPosition>();
  readonly lif: bigint;

  constructor(
    readonly lltv: bigint,
    startTimestamp: bigint,
  ) {
    this.lastUpdate = startTimestamp;
    this.lif = liquidationIncentiveFactor(lltv);
  }

  /** An independent copy (to look ahead without changing this model). */
  clone(): MarketModel {
    const copy = new MarketModel(this.lltv, this.lastUpdate);
    copy.totalSupplyAssets = this.totalSupplyAssets;
    copy.totalSupplyShares = this.totalSupplyShares;
    copy.totalBorrowAssets = this.totalBorrowAssets;
    copy.totalBorrowShares = this.totalBorrowShares;
    for (const [user, p] of this.positions) copy.positions.set(user, { ...p });
    return copy;
  }

  position(user: string): ModelPosition {
    const key = user.toLowerCase();
    let p = this.positions.get(key);
    if (p === undefined) {
      p = { supplyShares: 0n, borrowShares: 0n, collateral: 0n };
      this.positions.set(key, p);
    }
    return p;
  }

  /** Interest to `timestamp`; returns the interest added to both totals. */
  accrue(timestamp: bigint): bigint {
    const elapsed = timestamp - this.lastUpdate;
    if (elapsed === 0n) return 0n;
    let interest = 0n;
    if (this.totalBorrowAssets !== 0n) {
      const rate = borrowRate(this.totalSupplyAssets, this.totalBorrowAssets);
      interest = wMulDown(this.totalBorrowAssets, wTaylorCompounded(rate, elapsed));
      this.totalBorrowAssets += interest;
      this.totalSupplyAssets += interest;
    }
    this.lastUpdate = timestamp;
    return interest;
  }

  supply(onBehalf: string, assets: bigint, timestamp: bigint): bigint {
    this.accrue(timestamp);
    const shares = toSharesDown(assets, this.totalSupplyAssets, this.totalSupplyShares);
    this.position(onBehalf).supplyShares += shares;
    this.totalSupplyShares += shares;
    this.totalSupplyAssets += assets;
    return shares;
  }

  /** `assets` = undefined withdraws everything. Returns [assets, shares]. */
  withdraw(user: string, assets: bigint | undefined, timestamp: bigint): [bigint, bigint] {
    this.accrue(timestamp);
    const p = this.position(user);
    let shares: bigint;
    if (assets === undefined) {
      shares = p.supplyShares;
      assets = toAssetsDown(shares, this.totalSupplyAssets, this.totalSupplyShares);
    } else {
      shares = toSharesUp(assets, this.totalSupplyAssets, this.totalSupplyShares);
    }
    if (shares > p.supplyShares) throw new Error("WithdrawExceedsBalance");
    if (assets > this.totalSupplyAssets - this.totalBorrowAssets)
      throw new Error("InsufficientLiquidity");
    p.supplyShares -= shares;
    this.totalSupplyShares -= shares;
    this.totalSupplyAssets -= assets;
    return [assets, shares];
  }

  supplyCollateral(onBehalf: string, assets: bigint): void {
    this.position(onBehalf).collateral += assets;
  }

  withdrawCollateral(user: string, assets: bigint, price: bigint, timestamp: bigint): void {
    this.accrue(timestamp);
    const p = this.position(user);
    p.collateral -= assets;
    if (!this.isHealthy(user, price)) throw new Error("UnhealthyPosition");
  }

  borrow(user: string, assets: bigint, price: bigint, timestamp: bigint): bigint {
    this.accrue(timestamp);
    const shares = toSharesUp(assets, this.totalBorrowAssets, this.totalBorrowShares);
    if (this.totalBorrowAssets + assets > this.totalSupplyAssets)
      throw new Error("InsufficientLiquidity");
    this.totalBorrowAssets += assets;
    this.totalBorrowShares += shares;
    this.position(user).borrowShares += shares;
    if (!this.isHealthy(user, price)) throw new Error("UnhealthyPosition");
    return shares;
  }

  /** Repays with `sent` wei; returns [assets kept, shares burnt] (the excess is refunded). */
  repay(onBehalf: string, sent: bigint, timestamp: bigint): [bigint, bigint] {
    this.accrue(timestamp);
    const p = this.position(onBehalf);
    let shares = toSharesDown(sent, this.totalBorrowAssets, this.totalBorrowShares);
    let assets = sent;
    if (shares >= p.borrowShares) {
      shares = p.borrowShares;
      assets = toAssetsUp(shares, this.totalBorrowAssets, this.totalBorrowShares);
    }
    p.borrowShares -= shares;
    this.totalBorrowShares -= shares;
    this.totalBorrowAssets = zeroFloorSub(this.totalBorrowAssets, assets);
    return [assets, shares];
  }

  /** Debt rounded up and capacity rounded down (at the model's current totals). */
  debtAndCapacity(user: string, price: bigint): { borrowed: bigint; capacity: bigint } {
    const p = this.position(user);
    const borrowed = toAssetsUp(p.borrowShares, this.totalBorrowAssets, this.totalBorrowShares);
    const capacity = wMulDown(mulDivDown(p.collateral, price, ORACLE_PRICE_SCALE), this.lltv);
    return { borrowed, capacity };
  }

  isHealthy(user: string, price: bigint): boolean {
    const { borrowed, capacity } = this.debtAndCapacity(user, price);
    return borrowed <= capacity;
  }

  healthFactor(user: string, price: bigint): bigint {
    const { borrowed, capacity } = this.debtAndCapacity(user, price);
    return borrowed === 0n ? 2n ** 256n - 1n : wDivDown(capacity, borrowed);
  }

  /** Morpho's `liquidate`: exactly one of `seizedAssets`, `repaidShares` non-zero. */
  liquidate(
    borrower: string,
    seizedAssets: bigint,
    repaidShares: bigint,
    price: bigint,
    timestamp: bigint,
  ): LiquidationResult {
    if ((seizedAssets === 0n) === (repaidShares === 0n)) throw new Error("InconsistentInput");
    this.accrue(timestamp);
    if (this.isHealthy(borrower, price)) throw new Error("HealthyPosition");
    const p = this.position(borrower);
    if (seizedAssets > 0n) {
      const quoted = mulDivUp(seizedAssets, price, ORACLE_PRICE_SCALE);
      repaidShares = toSharesUp(
        wDivUp(quoted, this.lif),
        this.totalBorrowAssets,
        this.totalBorrowShares,
      );
    } else {
      seizedAssets = mulDivDown(
        wMulDown(
          toAssetsDown(repaidShares, this.totalBorrowAssets, this.totalBorrowShares),
          this.lif,
        ),
        ORACLE_PRICE_SCALE,
        price,
      );
    }
    if (seizedAssets > p.collateral) throw new Error("SeizeExceedsCollateral");
    if (repaidShares > p.borrowShares) throw new Error("RepayExceedsDebt");
    const repaidAssets = toAssetsUp(repaidShares, this.totalBorrowAssets, this.totalBorrowShares);
    p.borrowShares -= repaidShares;
    this.totalBorrowShares -= repaidShares;
    this.totalBorrowAssets = zeroFloorSub(this.totalBorrowAssets, repaidAssets);
    p.collateral -= seizedAssets;
    let badDebtAssets = 0n;
    let badDebtShares = 0n;
    if (p.collateral === 0n && p.borrowShares !== 0n) {
      badDebtShares = p.borrowShares;
      badDebtAssets = min(
        this.totalBorrowAssets,
        toAssetsUp(badDebtShares, this.totalBorrowAssets, this.totalBorrowShares),
      );
      this.totalBorrowAssets -= badDebtAssets;
      this.totalSupplyAssets -= badDebtAssets;
      this.totalBorrowShares -= badDebtShares;
      p.borrowShares = 0n;
    }
    return { seizedAssets, repaidShares, repaidAssets, badDebtAssets, badDebtShares };
  }
}
