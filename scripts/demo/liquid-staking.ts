/**
 * Chapter — liquid staking (流動性質押): deposits, validators, a year of rewards reported each
 * month, the fee, slashings and their effect on the rate, a withdrawal through the queue with
 * the correlation penalty landing before it is paid.
 */
import { parseEther } from "ethers";

import { t } from "../i18n/index.js";
import { formatNumber } from "../lib/format.js";
import { printChart } from "./chart.js";
import {
  DAY,
  WAD,
  YEAR,
  bpsText,
  chapter,
  fmt,
  percentChange,
  say,
  showTable,
  type Demo,
} from "./context.js";
import { pause } from "./controls.js";
import { recordPoint } from "./series.js";

/** Reports during the year: one a month, so the chart shows the rate climbing. */
const REPORTS_PER_YEAR = 12n;

export async function liquidStakingChapter(demo: Demo): Promise<void> {
  const { deployed, actors, networkHelpers, report, sweepAll, profile } = demo;
  const { simulator, pool, token } = deployed;
  const { alice, bob, teacher } = actors;
  const poolAddress = await pool.getAddress();
  const start = BigInt(await networkHelpers.time.latest());
  const day = async () => Number(BigInt(await networkHelpers.time.latest()) - start) / 86_400;

  chapter(t("demoLiquidStaking:title"), t("demoLiquidStaking:intro"));

  let rows: string[][] = [];
  /** One row: the rate, the pool and who holds what, in ETH. */
  const row = async (step: string) => {
    const rate = await pool.getExchangeRate();
    const valueOf = async (address: string) => fmt(((await token.balanceOf(address)) * rate) / WAD);
    rows.push([
      step,
      fmt(rate, 6),
      fmt(await pool.bufferedEther()),
      await valueOf(alice.address),
      await valueOf(bob.address),
      await valueOf(teacher.address),
    ]);
    recordPoint("lstRate", t("demoLiquidStaking:series"), await day(), rateOf(rate), step);
  };
  const head = () => [
    t("demo:step"),
    t("demoLiquidStaking:head.rate"),
    t("demoLiquidStaking:head.buffer"),
    t("demoLiquidStaking:head.alice"),
    t("demoLiquidStaking:head.bob"),
    t("demoLiquidStaking:head.treasury"),
  ];
  const show = async (notice: string) => {
    await showTable(head(), rows, notice);
    rows = [];
  };

  // ------------------------------------------------------------ deposits and a year of rewards
  const [aliceEth, bobEth, validators] = [100n, 70n, 5n];
  await (await pool.connect(alice).deposit({ value: parseEther(`${aliceEth}`) })).wait();
  await (await pool.connect(bob).deposit({ value: parseEther(`${bobEth}`) })).wait();
  await row(t("demoLiquidStaking:step.deposit", { alice: `${aliceEth}`, bob: `${bobEth}` }));

  // The pool's validators by their index on the consensus layer (an earlier chapter may have
  // made validators of its own there).
  const staked: bigint[] = [];
  for (let i = 0n; i < validators; i++) {
    await (await pool.stakeValidator(demo.ethers.id(`demo-validator-${i}`))).wait();
    staked.push(await pool.validatorIndexAt((await pool.depositedValidators()) - 1n));
  }
  const deposit = profile.validatorDepositWei;
  await row(t("demoLiquidStaking:step.stake", { count: `${validators}`, deposit: fmt(deposit) }));

  const rateBefore = await pool.getExchangeRate();
  const pooledBefore = await pool.totalPooledEther();
  const buffer = await pool.bufferedEther();
  for (let month = 1n; month <= REPORTS_PER_YEAR; month++) {
    await networkHelpers.time.increase(YEAR / REPORTS_PER_YEAR);
    await report();
    if (month < REPORTS_PER_YEAR) {
      recordPoint(
        "lstRate",
        t("demoLiquidStaking:series"),
        await day(),
        rateOf(await pool.getExchangeRate()),
      );
    }
  }
  const rewards = (await pool.totalPooledEther()) - pooledBefore;
  const apr = await simulator.rewardAprBps();
  await row(t("demoLiquidStaking:step.year", { apr: bpsText(apr), rewards: fmt(rewards) }));
  await show(
    t("demoLiquidStaking:notice.year", {
      staked: fmt(validators * deposit),
      apr: bpsText(apr),
      rewards: fmt(rewards),
      buffer: fmt(buffer),
      fee: bpsText(await pool.feeBps()),
      rise: percentChange(rateBefore, await pool.getExchangeRate()).replace("+", ""),
    }),
  );

  // ------------------------------------------------------------ two slashings
  // A week apart, so the chart shows each drop at its own day.
  const quotient = await simulator.slashingPenaltyQuotient();
  const beforeFirst = await pool.getExchangeRate();
  await networkHelpers.time.increase(7n * DAY);
  await (await simulator.slash(staked[0])).wait();
  await report();
  // The week's rewards come in with the same report: 1/4096 is smaller, so the rate still rises.
  const firstMove = percentChange(beforeFirst, await pool.getExchangeRate());
  await row(
    t("demoLiquidStaking:step.slash", {
      index: `${staked[0]}`,
      quotient: `${quotient}`,
      loss: fmt(deposit / quotient, 7),
    }),
  );

  // Replay history: before Pectra (May 2025) the initial penalty was 1/32 of the deposit.
  const before = await pool.getExchangeRate();
  await (await simulator.setSlashingPenaltyQuotient(32)).wait();
  await networkHelpers.time.increase(7n * DAY);
  await (await simulator.slash(staked[1])).wait();
  const confirmed = await report();
  await row(
    t("demoLiquidStaking:step.slashPrePectra", {
      index: `${staked[1]}`,
      loss: fmt(deposit / 32n),
    }) + confirmed,
  );
  await (await simulator.setSlashingPenaltyQuotient(quotient)).wait();
  await show(
    t("demoLiquidStaking:notice.slashings", {
      quotient: `${quotient}`,
      small: fmt(deposit / quotient, 7),
      big: fmt(deposit / 32n),
      firstMove,
      fall: percentChange(before, await pool.getExchangeRate()),
    }),
  );

  // ------------------------------------------------------------ a withdrawal through the queue
  const bobShares = parseEther("30");
  await (await token.connect(bob).approve(poolAddress, bobShares)).wait();
  await (await pool.connect(bob).requestWithdrawal(bobShares)).wait();
  const requestId = await pool.lastRequestId();
  const requested = await pool.getEthByShares(bobShares);
  await row(t("demoLiquidStaking:step.request", { shares: fmt(bobShares), eth: fmt(requested) }));

  await networkHelpers.mine();
  await report();
  // Bunker mode (Lido's): validators 0 and 1 are slashed and unswept, their correlation penalty
  // is still to come, so the report finalises no request, whatever the buffer holds.
  const pending = await simulator.pendingSlashingsOf(poolAddress);
  await row(t("demoLiquidStaking:step.bunker", { pending: `${pending}` }));

  // A slashed validator is withdrawable a whole correlation window (36 days) after its slashing;
  // its correlation penalty lands with that full withdrawal.
  const window = profile.correlationWindowSeconds;
  await networkHelpers.time.increase(window + DAY);
  const swept = await sweepAll();
  await row(
    t("demoLiquidStaking:step.sweep", {
      days: `${(window + DAY) / DAY}`,
      exits: `${swept.exits}`,
      slashed: `${swept.slashedExits}`,
      queue: `${swept.exits - swept.slashedExits}`,
      paid: fmt(swept.paid),
      penalty: fmt(swept.correlationPenalty, 6),
    }),
  );
  await report();
  const atFinalisation = await pool.getEthByShares(bobShares);
  await row(t("demoLiquidStaking:step.finalise"));
  const claimable = await pool.claimableEther(requestId);
  await (await pool.connect(bob).claimWithdrawal(requestId)).wait();
  await row(t("demoLiquidStaking:step.claim", { shares: fmt(bobShares), eth: fmt(claimable) }));
  // The correlation penalty divides by the network's active stake recorded at the slashing.
  const network = (await simulator.getValidator(staked[1])).activeStakeAtSlashGwei * 10n ** 9n;
  await show(
    t("demoLiquidStaking:notice.withdrawal", {
      penalty: fmt(swept.correlationPenalty, 6),
      slashed: fmt(swept.slashedInWindow),
      network: formatNumber(network / WAD, 0),
      paid: fmt(claimable),
      requested: fmt(requested),
      final: fmt(atFinalisation),
    }),
  );

  printChart("lstRate", {
    title: t("demoLiquidStaking:chart"),
    xUnit: t("common:units.days"),
    decimals: 4,
  });
  say(t("demoLiquidStaking:notice.chart"));
  await pause();
}

/** A WAD rate as a plain number for the charts. */
function rateOf(wad: bigint): number {
  return Number(wad) / 1e18;
}
