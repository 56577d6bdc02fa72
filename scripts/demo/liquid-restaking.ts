/**
 * Chapter — liquid restaking (流動性再質押): Erin deposits ETH in the LRT vault, which stakes it
 * through the pool and restakes the slETH with an operator. slrETH earns both layers of rewards
 * and bears both layers of slashing: its value in ETH is the vault rate × the slETH rate.
 */
import { parseEther, parseUnits } from "ethers";

import { t } from "../i18n/index.js";
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
import { restakingCast, setUpOperators } from "./restaking.js";
import { recordPoint } from "./series.js";

/** Reports during the year: one a month, so the chart shows both layers climbing. */
const REPORTS_PER_YEAR = 12n;

export async function liquidRestakingChapter(demo: Demo): Promise<void> {
  const { ethers, deployed, networkHelpers, report, profile } = demo;
  const { simulator, pool, token, manager, vault } = deployed;
  const { teacher } = demo.actors;
  const { oscar, avs, erin } = await restakingCast(demo);
  const oneLrt = parseUnits("1", await vault.decimals());

  chapter(
    t("demoLiquidRestaking:title"),
    t("demoLiquidRestaking:intro", { buffer: bpsText(profile.lrtBufferBps) }),
  );
  await setUpOperators(demo);
  const start = BigInt(await networkHelpers.time.latest());

  /** Records both layers on the chart: slrETH's value in ETH and slETH's, against days. */
  const plot = async (label: string) => {
    const days = Number(BigInt(await networkHelpers.time.latest()) - start) / 86_400;
    const lrt = Number(await vault.lrtRateInEth()) / 1e18;
    const lst = Number(await pool.getExchangeRate()) / 1e18;
    recordPoint("lrtValue", t("demoLiquidRestaking:series.lst"), days, lst, label);
    recordPoint("lrtValue", t("demoLiquidRestaking:series.lrt"), days, lrt, label);
  };
  const rows: string[][] = [];
  const row = async (step: string) => {
    rows.push([
      step,
      fmt(await pool.getExchangeRate(), 6),
      fmt(await vault.convertToAssets(oneLrt), 6),
      fmt(await vault.lrtRateInEth(), 6),
      fmt(await vault.ethValueOf(erin.address)),
      fmt(await vault.restakedAssets()),
    ]);
    await plot(step);
  };

  await (await vault.delegateTo(oscar.address)).wait();
  const deposit = parseEther("50");
  await (await vault.connect(erin).depositETH(erin.address, 0n, { value: deposit })).wait();
  await row(t("demoLiquidRestaking:step.deposit", { eth: fmt(deposit) }));

  const idle = await vault.idleAssets();
  // The vault keeps bufferBps of its assets idle, rounded up in the vault's favour.
  const buffer = (idle * profile.lrtBufferBps + 9_999n) / 10_000n;
  await (await vault.restake(idle - buffer)).wait();
  await (await pool.stakeValidator(ethers.id("demo-validator-lrt"))).wait();
  await row(
    t("demoLiquidRestaking:step.restake", { slEth: fmt(idle - buffer), idle: fmt(buffer) }),
  );

  const yearBefore = await vault.lrtRateInEth();
  for (let month = 1n; month <= REPORTS_PER_YEAR; month++) {
    await networkHelpers.time.increase(YEAR / REPORTS_PER_YEAR);
    await report();
    if (month < REPORTS_PER_YEAR) await plot("");
  }
  await row(
    t("demoLiquidRestaking:step.year", {
      change: percentChange(yearBefore, await vault.lrtRateInEth()),
    }),
  );

  const reward = parseEther("2");
  const treasuryBefore = await vault.balanceOf(teacher.address);
  await (await token.connect(avs).approve(await manager.getAddress(), reward)).wait();
  await (await manager.connect(avs).payRewards(oscar.address, token, token, reward, DAY)).wait();
  await networkHelpers.time.increase(DAY);
  await (await vault.harvestRewards()).wait();
  const fee = (await vault.balanceOf(teacher.address)) - treasuryBefore;
  await row(
    t("demoLiquidRestaking:step.avsRewards", {
      amount: fmt(reward),
      fee: fmt((fee * WAD) / oneLrt),
    }),
  );

  const lstBefore = await pool.getExchangeRate();
  const lrtBefore = await vault.lrtRateInEth();
  const quotient = await simulator.slashingPenaltyQuotient();
  await (await simulator.setSlashingPenaltyQuotient(32)).wait();
  // The validator staked above: the older ones may have exited for the withdrawal queue.
  const newest = await pool.validatorIndexAt((await pool.depositedValidators()) - 1n);
  await (await simulator.slash(newest)).wait();
  await (await simulator.setSlashingPenaltyQuotient(quotient)).wait();
  await report();
  const lstAfter = await pool.getExchangeRate();
  await row(t("demoLiquidRestaking:step.clSlash", { change: percentChange(lstBefore, lstAfter) }));

  const vaultBefore = await vault.convertToAssets(oneLrt);
  await (
    await manager.connect(avs).slashOperator(oscar.address, parseEther("0.1"), "double signing")
  ).wait();
  const vaultAfter = await vault.convertToAssets(oneLrt);
  await row(
    t("demoLiquidRestaking:step.avsSlash", { change: percentChange(vaultBefore, vaultAfter) }),
  );

  const half = (await vault.balanceOf(erin.address)) / 2n;
  await (await vault.connect(erin).requestRedeem(half)).wait();
  const id = await vault.redeemRequestCount();
  const wait = profile.restakingWithdrawalDelaySeconds + DAY;
  await networkHelpers.time.increase(wait);
  const before = await token.balanceOf(erin.address);
  await (await vault.connect(erin).claimRedeem(id)).wait();
  const paid = (await token.balanceOf(erin.address)) - before;
  await row(
    t("demoLiquidRestaking:step.redeem", {
      days: `${wait / DAY}`,
      slEth: fmt(paid),
      eth: fmt(await pool.getEthByShares(paid)),
    }),
  );

  await showTable(
    [
      t("demo:step"),
      t("demoLiquidRestaking:head.lst"),
      t("demoLiquidRestaking:head.vault"),
      t("demoLiquidRestaking:head.lrt"),
      t("demoLiquidRestaking:head.erin"),
      t("demoLiquidRestaking:head.restaked"),
    ],
    rows,
    t("demoLiquidRestaking:notice.table", {
      cl: percentChange(lstBefore, lstAfter),
      avs: percentChange(vaultBefore, vaultAfter),
      both: percentChange(lrtBefore, await vault.lrtRateInEth()),
    }),
  );

  // The events after the year come days apart: the chart spaces the recorded points evenly.
  printChart("lrtValue", {
    title: t("demoLiquidRestaking:chart", {
      days: `${(BigInt(await networkHelpers.time.latest()) - start) / DAY}`,
    }),
    xUnit: t("common:units.days"),
    decimals: 4,
    spacing: "events",
  });
  say(t("demoLiquidRestaking:notice.chart"));
  await pause();
}
