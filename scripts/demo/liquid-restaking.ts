/**
 * Chapter 3 — liquid restaking (流動性再質押): Erin deposits ETH in the LRT vault, which stakes it
 * through the pool and restakes the slETH with an operator. slrETH earns both layers of rewards
 * and bears both layers of slashing: its value in ETH is the vault rate × the slETH rate.
 */
import { parseEther, parseUnits } from "ethers";

import { DAY, YEAR, fmt, say, type Demo } from "./context.js";
import { recordPoint } from "./series.js";

export async function liquidRestakingChapter(demo: Demo): Promise<void> {
  const { ethers, deployed, networkHelpers, report, snapshotRows, printRows, profile } = demo;
  const { simulator, pool, token, manager, vault } = deployed;
  const [teacher, , , , , oscar, avs, , erin] = await ethers.getSigners();
  const oneLrt = parseUnits("1", await vault.decimals());

  say(
    "",
    "Chapter 3 — Liquid restaking (流動性再質押: ether.fi, Kelp, Renzo, Puffer)",
    "Erin deposits 50 ETH in the LRT vault. The vault stakes it through the pool (slETH), keeps a",
    `${Number(profile.lrtBufferBps) / 100} % buffer, and restakes the rest with the operator Oscar, who allocates 50 % to the AVS.`,
  );

  const start = await networkHelpers.time.latest();
  const row = async (step: string, note = "") => {
    const lstRate = await pool.getExchangeRate();
    // The report's chart: the LRT's value in ETH and its two layers, against days.
    const days = ((await networkHelpers.time.latest()) - start) / 86_400;
    const layers: [string, bigint][] = [
      ["slrETH in ETH", await vault.lrtRateInEth()],
      ["slETH in ETH (the staking layer)", lstRate],
      ["slrETH in slETH (the restaking layer)", await vault.convertToAssets(oneLrt)],
    ];
    for (const [name, wad] of layers) recordPoint("lrtValue", name, days, Number(wad) / 1e18, step);
    snapshotRows.push({
      step,
      "slETH in ETH": fmt(lstRate, 6),
      "slrETH in slETH": fmt(await vault.convertToAssets(oneLrt), 6),
      "slrETH in ETH": fmt(await vault.lrtRateInEth(), 6),
      "erin (ETH)": fmt(await vault.ethValueOf(erin.address)),
      "vault idle / restaked (slETH)": `${fmt(await vault.idleAssets())} / ${fmt(await vault.restakedAssets())}`,
      "treasury (slrETH)": fmt((await vault.balanceOf(teacher.address)) / 1000n),
      note,
    });
  };

  await (await vault.delegateTo(oscar.address)).wait();
  await (
    await vault.connect(erin).depositETH(erin.address, 0n, { value: parseEther("50") })
  ).wait();
  await row("1. erin deposits 50 ETH", "staked through the pool first");

  const idle = await vault.idleAssets();
  // The vault keeps bufferBps of its assets idle, rounded up in the vault's favour.
  const buffer = (idle * profile.lrtBufferBps + 9_999n) / 10_000n;
  const toRestake = idle - buffer;
  await (await vault.restake(toRestake)).wait();
  await (await pool.stakeValidator(ethers.id("demo-validator-lrt"))).wait();
  await row("2. the vault restakes 90 % with oscar", "a new validator is staked");

  await networkHelpers.time.increase(YEAR);
  await report();
  await row("3. a year of CL rewards; report", "the slETH rate lifts slrETH too");

  const reward = parseEther("2");
  await (await token.connect(avs).approve(await manager.getAddress(), reward)).wait();
  await (await manager.connect(avs).payRewards(oscar.address, token, token, reward, DAY)).wait();
  await networkHelpers.time.increase(DAY);
  await (await vault.harvestRewards()).wait();
  await row("4. the AVS pays 2 slETH over a day; harvest", "compounded; 10 % fee as slrETH");

  const quotient = await simulator.slashingPenaltyQuotient();
  await (await simulator.setSlashingPenaltyQuotient(32)).wait();
  // The validator staked above: the older ones may have exited for the withdrawal queue.
  const newest = await pool.validatorIndexAt((await pool.depositedValidators()) - 1n);
  await (await simulator.slash(newest)).wait();
  await (await simulator.setSlashingPenaltyQuotient(quotient)).wait();
  await report();
  await row("5. CL: a validator slashed (1/32); report", "the slETH rate falls");

  await (
    await manager.connect(avs).slashOperator(oscar.address, parseEther("0.1"), "double signing")
  ).wait();
  await row("6. AVS: oscar slashed 10 %", "5 % of the restaked part: losses multiply");

  const half = (await vault.balanceOf(erin.address)) / 2n;
  await (await vault.connect(erin).requestRedeem(half)).wait();
  const id = await vault.redeemRequestCount();
  await networkHelpers.time.increase(profile.restakingWithdrawalDelaySeconds + DAY);
  const before = await token.balanceOf(erin.address);
  await (await vault.connect(erin).claimRedeem(id)).wait();
  const paid = (await token.balanceOf(erin.address)) - before;
  await row("7. erin redeems half; claims after 14 days", `she receives ${fmt(paid)} slETH`);

  printRows("Liquid restaking: both layers of rewards and of losses reach the LRT holder");
  say(
    "slrETH is worth (slrETH in slETH) × (slETH in ETH): CL rewards and AVS rewards both raised it;",
    "the CL slashing lowered the slETH rate and the AVS slashing the vault rate, and the two multiply.",
  );
}
