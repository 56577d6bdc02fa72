/**
 * The comparison the talk left blank (DESIGN §9 scenario 8): the same year and the same events
 * through each way to stake, 32 ETH each, on a fresh embedded chain with the whole system.
 *
 * - solo: sam deposits 32 ETH on the simulator for his own validator (his address is its
 *   withdrawal address);
 * - liquid staking: lina deposits 32 ETH in the pool and holds slETH;
 * - native restaking: nate stakes 32 ETH through his pod and delegates to the operator;
 * - LST restaked directly: dana deposits 32 ETH in the pool, restakes the slETH in the manager's
 *   strategy and delegates to the same operator (no new token);
 * - liquid restaking: leo deposits 32 ETH in the LRT vault, which restakes with the same operator.
 *
 * The events, by day of the year (`TIMELINE`): consensus-layer rewards all year (a report every
 * 30 days); on day 0 the AVS pays a year of rewards, weighting native ETH twice slETH (as an
 * EigenLayer rewards submission weights strategies: some rewards are out of reach of slETH); on
 * day 180 a CL slashing hits one validator of each holder's stake (solo's and the pod's own, one
 * of the pool's 128); on day 270 the AVS slashes the operator 10 % of its 50 % allocation; on day
 * 365 a run on the market: a whale sells slETH and slrETH into their StableSwap pools.
 *
 * Every number in the result is read from the chain or computed from what the run did.
 */
import type { Log } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { buildOracleReport, reportHash } from "../lib/oracle.js";
import { recordPoint } from "../demo/series.js";
import { t } from "../i18n/index.js";
import { setUpComparison } from "./setup.js";

import {
  EVENTS,
  STAKE,
  STAKING_TYPES,
  TIMELINE,
  WAD,
  mapTypes,
  type ComparisonResult,
  type PoolSnapshot,
  type StakingType,
  type TypeResult,
} from "./types.js";

export * from "./types.js";

const ETHER = WAD;
const DAY = 86_400n;
const LRT_UNIT = 10n ** 21n; // slrETH has 21 decimals

/**
 * A way to stake as the comparison chart's legend names it: the table's column header, in the
 * selected language ("Liquid restaking (slrETH)"), never the internal key ("lrt").
 */
export function comparisonSeriesName(type: StakingType): string {
  return t(`compare:types.${type}`);
}

/** Deploys the lab on `connection` (a fresh `hre.network.create()`) and runs the year. */
export async function runComparison(
  connection: NetworkConnection,
  options: { record?: boolean } = {},
): Promise<ComparisonResult> {
  const record = options.record ?? true;
  const setup = await setUpComparison(connection);
  const { ethers, time, profile, lab, market, actors, pod, beaconEth, send } = setup;
  const { samIndex, samBase, nateIndex, poolSlashIndex } = setup;
  const { simulator, pool, token, manager, vault } = lab;
  const { teacher, sam, lina, nate, dana, leo, operator, avs, whale } = actors;
  // ------------------------------------------------------------------ reading each holder's value
  const treasury = await pool.treasury();
  const lrtTreasury = await vault.treasury();
  const split = await manager.operatorSplitBps(operator.address);
  /** What the operator took, from what its delegators earned (net of its split). */
  const operatorFee = (earned: bigint) => (earned * split) / (10_000n - split);
  const lstRate = () => pool.getExchangeRate();
  /** slETH each holder is exposed to (the LST's fee is taken on it). */
  const lstExposure = async (): Promise<Record<StakingType, bigint>> => ({
    solo: 0n,
    liquid: await token.balanceOf(lina.address),
    native: 0n,
    lstRestaked: await manager.withdrawableUnderlying(dana.address, token),
    lrt: await vault.convertToAssets(await vault.balanceOf(leo.address)),
  });
  const clPart = async (): Promise<Record<StakingType, bigint>> => {
    const rate = await lstRate();
    const exposure = await lstExposure();
    return {
      solo:
        (await ethers.provider.getBalance(sam.address)) -
        samBase +
        (await simulator.validatorBalance(samIndex)),
      liquid: (exposure.liquid * rate) / WAD,
      native: await manager.withdrawableShares(nate.address, beaconEth),
      lstRestaked: (exposure.lstRestaked * rate) / WAD,
      lrt: await vault.ethValueOf(leo.address),
    };
  };
  const avsPart = async (): Promise<Record<StakingType, bigint>> => {
    const rate = await lstRate();
    return {
      solo: 0n,
      liquid: 0n,
      native: ((await manager.claimableRewards(nate.address, token)) * rate) / WAD,
      lstRestaked: ((await manager.claimableRewards(dana.address, token)) * rate) / WAD,
      lrt: 0n, // compounded into the vault's assets by `harvestRewards`
    };
  };
  const values = async (): Promise<Record<StakingType, bigint>> => {
    const [cl, extra] = await Promise.all([clPart(), avsPart()]);
    return mapTypes((type) => cl[type] + extra[type]);
  };

  /** The part of each holder's value delegated to the operator (what the AVS can slash). */
  const restakedValue = async (): Promise<Record<StakingType, bigint>> => {
    const rate = await lstRate();
    const vaultRestaked = await vault.restakedAssets();
    return {
      solo: 0n,
      liquid: 0n,
      native: await manager.withdrawableShares(nate.address, beaconEth),
      lstRestaked: ((await manager.withdrawableUnderlying(dana.address, token)) * rate) / WAD,
      lrt:
        (((vaultRestaked * (await vault.balanceOf(leo.address))) / (await vault.totalSupply())) *
          rate) /
        WAD,
    };
  };

  const fees = mapTypes(() => ({ lstWei: 0n, operatorWei: 0n, lrtWei: 0n }));
  /** The oracle's report; the LST's fee on it is shared out by each holder's slETH. */
  const report = async () => {
    const exposure = await lstExposure();
    const supplyBefore = await token.totalSupply();
    const treasuryBefore = await token.balanceOf(treasury);
    const { report: data, outcome } = await buildOracleReport(pool, simulator);
    if (outcome.bounds === "loss-needs-confirmation")
      await send(() => pool.confirmLossReport(reportHash(data)));
    await send(() => pool.submitReport(data));
    const feeShares = (await token.balanceOf(treasury)) - treasuryBefore;
    const feeEth = (feeShares * (await lstRate())) / WAD;
    for (const type of STAKING_TYPES) fees[type].lstWei += (feeEth * exposure[type]) / supplyBefore;
  };
  /** The vault compounds its AVS rewards; its fee (slrETH to the treasury) is shared by leo. */
  const harvest = async () => {
    const claimable = await manager.claimableRewards(await vault.getAddress(), token);
    if (claimable === 0n) return;
    const before = await vault.balanceOf(lrtTreasury);
    const supplyBefore = await vault.totalSupply();
    const leoShares = await vault.balanceOf(leo.address);
    await send(() => vault.harvestRewards());
    const minted = (await vault.balanceOf(lrtTreasury)) - before;
    const feeEth = (minted * (await vault.lrtRateInEth())) / LRT_UNIT;
    fees.lrt.lrtWei += (feeEth * leoShares) / supplyBefore;
    // The operator's split came off before the vault could claim: leo's part of it.
    const claimedEth = (claimable * (await lstRate())) / WAD;
    fees.lrt.operatorWei += (operatorFee(claimedEth) * leoShares) / supplyBefore;
  };
  /**
   * The market trades all year: a small trade in each pool after each report lets the pool take
   * the new NAV in (a pool moves its rate by at most 1 % per update, Curve's safe rate).
   */
  const trade = async () => {
    for (const p of [market.LST.pool, market.LRT.pool])
      await send(() => p.exchange(0, 1, ETHER / 100n, 0, teacher.address, { value: ETHER / 100n }));
  };
  const refresh = async () => {
    await report();
    await send(() => pod.checkpoint());
    await harvest();
    await trade();
  };

  const t0 = BigInt(await time.latest());
  const dayOf = async () => Number((BigInt(await time.latest()) - t0) / DAY);
  const start = await values();
  const chart = async (label?: string) => {
    if (!record) return;
    const now = await values();
    const day = await dayOf();
    for (const type of STAKING_TYPES) {
      const value = Number((now[type] * 10_000n) / WAD) / 10_000;
      recordPoint("comparison", comparisonSeriesName(type), day, value, label);
    }
  };
  await chart();
  const lrtAssetsPerShare0 = await vault.convertToAssets(LRT_UNIT);
  const lstRate0 = await lstRate();

  /** Moves to `day` of the year, with a report (and a chart point) every 30 days. */
  const advanceTo = async (day: bigint) => {
    for (;;) {
      const next =
        ((BigInt(await time.latest()) - t0) / DAY / TIMELINE.reportEveryDays + 1n) *
        TIMELINE.reportEveryDays;
      if (next > day) break;
      await time.increaseTo(t0 + next * DAY);
      await refresh();
      await chart();
    }
    if (BigInt(await time.latest()) < t0 + day * DAY) {
      await time.increaseTo(t0 + day * DAY);
      await refresh();
    }
  };

  // ------------------------------------------------------------------ the quiet days: rates
  await advanceTo(TIMELINE.quietUntilDay);
  const quiet = await clPart();
  const quietAvs = await avsPart();
  const elapsed = BigInt(await time.latest()) - t0;
  const annualise = (gain: bigint, base: bigint) => (gain * WAD * 365n * DAY) / (base * elapsed);
  const lstGrowth = (((await lstRate()) - lstRate0) * WAD) / lstRate0;
  const lstCl = (lstGrowth * 365n * DAY) / elapsed;
  const clRates: Record<StakingType, bigint> = {
    solo: annualise(quiet.solo - start.solo, STAKE),
    liquid: lstCl,
    native: annualise(quiet.native - start.native, STAKE),
    lstRestaked: lstCl,
    lrt: lstCl,
  };
  const lrtAvsGrowth =
    (((await vault.convertToAssets(LRT_UNIT)) - lrtAssetsPerShare0) * WAD) / lrtAssetsPerShare0;
  const avsRates: Record<StakingType, bigint | undefined> = {
    solo: undefined,
    liquid: undefined,
    native: annualise(quietAvs.native, STAKE),
    lstRestaked: annualise(quietAvs.lstRestaked, STAKE),
    lrt: (lrtAvsGrowth * 365n * DAY) / elapsed,
  };

  // ------------------------------------------------------------------ day 180: a CL slashing
  await advanceTo(TIMELINE.clSlashingDay);
  const beforeCl = await values();
  const penalties: bigint[] = [];
  for (const index of [samIndex, nateIndex, poolSlashIndex]) {
    const receipt = (await send(() => simulator.slash(index))) as { logs: Log[] };
    for (const log of receipt.logs) {
      const event = simulator.interface.parseLog(log);
      if (event?.name === "ValidatorSlashed") penalties.push(event.args.initialPenalty as bigint);
    }
  }
  const slashedValidatorInitialLoss = penalties[0];
  await refresh();
  const afterCl = await values();
  await chart("CL slashing");
  // Slashed validators are withdrawable after the correlation window; the sweep applies its penalty.
  const withdrawableAt = (await simulator.getValidator(samIndex)).withdrawableAt;
  await advanceTo((withdrawableAt - t0 + DAY - 1n) / DAY);
  const beforeSweep = await values();
  for (const index of [samIndex, nateIndex, poolSlashIndex])
    await send(() => simulator.sweep(index));
  await refresh();
  const afterSweep = await values();
  const correlation = mapTypes((type) => beforeSweep[type] - afterSweep[type]);

  // ------------------------------------------------------------------ day 270: the AVS slashes
  await advanceTo(TIMELINE.avsSlashingDay);
  const beforeAvs = await values();
  const restakedBeforeAvs = await restakedValue();
  await send(() =>
    manager.connect(avs).slashOperator(operator.address, EVENTS.avsSlashWad, "missed duties"),
  );
  const afterAvs = await values();
  await chart("AVS slashing");

  // ------------------------------------------------------------------ day 365: the year, the run
  await advanceTo(TIMELINE.yearDays);
  await chart();
  const end = await values();
  const exposureEnd = await lstExposure();
  const lstRateEnd = await lstRate();
  const endAvs = await avsPart();
  fees.native.operatorWei = operatorFee(endAvs.native);
  fees.lstRestaked.operatorWei = operatorFee(endAvs.lstRestaked);

  // The whale sells slETH until ETH is 18.5 % of the LST pool, and as much ETH's worth of slrETH.
  const lstPool = market.LST.pool;
  const lrtPool = market.LRT.pool;
  const lstPoolBefore = await poolState(lstPool);
  const [lstPoolAddress, lrtPoolAddress] = [await lstPool.getAddress(), await lrtPool.getAddress()];
  await send(() => token.connect(whale).approve(lstPoolAddress, ethers.MaxUint256));
  await send(() => vault.connect(whale).approve(lrtPoolAddress, ethers.MaxUint256));
  const toSell = await saleToEthShare(lstPool, lstRateEnd, EVENTS.lstPoolEthShareWad);
  await send(() => lstPool.connect(whale).exchange(1, 0, toSell, 0, whale.address));
  const soldEth = (toSell * lstRateEnd) / WAD;
  const lrtRate = await vault.lrtRateInEth();
  await send(() =>
    lrtPool.connect(whale).exchange(1, 0, (soldEth * LRT_UNIT) / lrtRate, 0, whale.address),
  );
  const quote = async (p: typeof lstPool, amount: bigint, navWei: bigint) => {
    const quoteWei = await p.getDy(1, 0, amount);
    return {
      kind: "quote" as const,
      navWei,
      quoteWei,
      discountWad: WAD - (quoteWei * WAD) / navWei,
    };
  };
  const leoLrt = await vault.balanceOf(leo.address);

  // Delays, as deployed: the CL exit, the LST's queue (a validator exit, then a report), the
  // restaking withdrawal delay (an LRT redemption waits for it too).
  const clExit = await simulator.exitDelay();
  const restakingDelay = await manager.withdrawalDelay();
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  const capital = await simulator.validatorDeposit();
  const minDeposit = await pool.minDeposit();

  const result = (
    type: StakingType,
    rest: Omit<
      TypeResult,
      | "clRateWad"
      | "avsRateWad"
      | "fees"
      | "startWei"
      | "endWei"
      | "returnWad"
      | "losses"
      | "restakedBeforeAvsSlashingWei"
    >,
  ): TypeResult => ({
    ...rest,
    clRateWad: clRates[type],
    avsRateWad: avsRates[type],
    fees: fees[type],
    startWei: start[type],
    endWei: end[type],
    returnWad: ((end[type] - STAKE) * WAD) / STAKE,
    restakedBeforeAvsSlashingWei: restakedBeforeAvs[type],
    losses: {
      clSlashingWei: beforeCl[type] - afterCl[type] + correlation[type],
      avsSlashingWei: beforeAvs[type] - afterAvs[type],
    },
  });
  return {
    profile,
    types: {
      solo: result("solo", {
        capitalWei: capital,
        runsNode: true,
        holding: { kind: "validator", amountWei: end.solo },
        exitSeconds: clExit,
        marketExit: { kind: "noToken" },
      }),
      liquid: result("liquid", {
        capitalWei: minDeposit,
        runsNode: false,
        holding: { kind: "slETH", amountWei: exposureEnd.liquid },
        exitSeconds: clExit,
        marketExit: await quote(lstPool, exposureEnd.liquid, end.liquid),
      }),
      native: result("native", {
        capitalWei: capital,
        runsNode: true,
        holding: {
          kind: "pod",
          amountWei: await manager.withdrawableShares(nate.address, beaconEth),
        },
        exitSeconds: max(restakingDelay, clExit),
        marketExit: { kind: "noToken" },
      }),
      lstRestaked: result("lstRestaked", {
        capitalWei: minDeposit,
        runsNode: false,
        holding: { kind: "restakedSlETH", amountWei: exposureEnd.lstRestaked },
        exitSeconds: restakingDelay + clExit,
        marketExit: { kind: "locked", seconds: restakingDelay },
      }),
      lrt: result("lrt", {
        capitalWei: minDeposit,
        runsNode: false,
        holding: { kind: "slrETH", amount: leoLrt },
        exitSeconds: restakingDelay + clExit,
        marketExit: await quote(lrtPool, leoLrt, end.lrt),
      }),
    },
    facts: {
      poolValidators: EVENTS.poolValidators,
      lstRateEndWad: lstRateEnd,
      lstPoolEthShareWad: EVENTS.lstPoolEthShareWad,
      lstSpotWad: await lstPool.spotPrice(),
      lstPoolBeforeRun: lstPoolBefore,
      lstPoolAfterRun: await poolState(lstPool),
      lstSoldWei: toSell,
      lrtSpotWad: await lrtPool.spotPrice(),
      whaleSoldLrtEthWei: soldEth,
      slashedValidatorLossWei: slashedValidatorInitialLoss,
    },
  };

  /** What the StableSwap maths needs to price a trade in `p` now. */
  async function poolState(p: typeof lstPool): Promise<PoolSnapshot> {
    return {
      balances: [await p.balances(0), await p.balances(1)],
      rateWad: await p.storedRate(),
      amp: await p.APrecise(),
      fee: await p.fee(),
      offpeg: await p.offpegFeeMultiplier(),
    };
  }

  /** The sale of slETH that leaves ETH at `share` (WAD) of the pool's value at the NAV (bisection). */
  async function saleToEthShare(p: typeof lstPool, nav: bigint, share: bigint): Promise<bigint> {
    const [eth, tokens] = await Promise.all([p.balances(0), p.balances(1)]);
    let low = 0n;
    let high = await token.balanceOf(whale.address);
    while (high - low > ETHER / 100n) {
      const mid = (low + high) / 2n;
      const ethLeft = eth - (await p.getDy(1, 0, mid));
      if ((ethLeft * WAD) / (ethLeft + ((tokens + mid) * nav) / WAD) > share) low = mid;
      else high = mid;
    }
    return high;
  }
}
