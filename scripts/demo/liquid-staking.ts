/**
 * Chapter 1 — liquid staking (流動性質押): deposits, validators, a year of rewards and the
 * report, the fee, slashings and their effect on the rate, a withdrawal through the queue.
 */
import { parseEther } from "ethers";

import { DAY, YEAR, fmt, say, type Demo } from "./context.js";
import { recordPoint } from "./series.js";

export async function liquidStakingChapter(demo: Demo): Promise<void> {
  const { deployed, actors, networkHelpers, report, sweepAll, printRows, profile } = demo;
  const { simulator, pool, token } = deployed;
  // Each step's row of the table is also a point of the report's chart: the rate against days.
  const start = await networkHelpers.time.latest();
  const snapshot = async (step: string, extra?: Record<string, string>) => {
    await demo.snapshot(step, extra);
    const days = ((await networkHelpers.time.latest()) - start) / 86_400;
    recordPoint("lstRate", "slETH rate", days, Number(await pool.getExchangeRate()) / 1e18, step);
  };
  const { alice, bob } = actors;

  say(
    "",
    "Chapter 1 — Liquid staking (流動性質押)",
    "Alice and Bob deposit ETH in the pool and receive slETH, a token whose value in ETH",
    "grows with the consensus-layer rewards of the pool's validators (rETH / wstETH model).",
  );

  await (await pool.connect(alice).deposit({ value: parseEther("100") })).wait();
  await (await pool.connect(bob).deposit({ value: parseEther("70") })).wait();
  await snapshot("1. alice deposits 100, bob 70");

  for (let i = 0; i < 5; i++) {
    await (await pool.stakeValidator(demo.ethers.id(`demo-validator-${i}`))).wait();
  }
  await snapshot("2. operator stakes 5 × 32 ETH");

  await networkHelpers.time.increase(YEAR);
  await report();
  await snapshot("3. a year at 3 %; oracle reports", {
    note: "rewards 4.8 ETH, fee 10 % to treasury",
  });

  const quotient = await simulator.slashingPenaltyQuotient();
  await (await simulator.slash(0)).wait();
  await report();
  await snapshot(`4. validator 0 slashed (1/${quotient})`, {
    note: `loses ${fmt(profile.validatorDepositWei / quotient, 7)} ETH now`,
  });

  // Replay history: before Pectra (May 2025) the initial penalty was 1/32 of the deposit.
  await (await simulator.setSlashingPenaltyQuotient(32)).wait();
  await (await simulator.slash(1)).wait();
  const note = await report();
  await snapshot("5. validator 1 slashed (1/32, pre-Pectra)", { note: `loses 1 ETH now${note}` });
  await (await simulator.setSlashingPenaltyQuotient(quotient)).wait();

  const bobShares = parseEther("30");
  await (await token.connect(bob).approve(await pool.getAddress(), bobShares)).wait();
  await (await pool.connect(bob).requestWithdrawal(bobShares)).wait();
  const requestId = await pool.lastRequestId();
  const requested = await pool.getEthByShares(bobShares);
  await snapshot("6. bob queues 30 slETH", { note: `worth ${fmt(requested)} ETH at request` });

  await networkHelpers.mine();
  await report();
  const exits =
    (await simulator.validatorCountOf(await pool.getAddress())) -
    (await simulator.activeValidatorCountOf(await pool.getAddress()));
  // Bunker mode (Lido's): validators 0 and 1 are slashed and unswept, their correlation penalty
  // is still to come, so the report finalises no request, whatever the buffer holds.
  const pending = await simulator.pendingSlashingsOf(await pool.getAddress());
  await snapshot("7. report: bunker mode, buffer short", {
    note: `${pending} slashed unswept: nothing finalised; ${exits} exiting will refill the buffer`,
  });

  // A slashed validator is withdrawable a whole correlation window (36 days) after its slashing.
  await networkHelpers.time.increase(profile.correlationWindowSeconds + DAY);
  await sweepAll();
  await report();
  const claimable = await pool.claimableEther(requestId);
  await (await pool.connect(bob).claimWithdrawal(requestId)).wait();
  await snapshot("8. exits swept, report finalises, bob claims", {
    note: `bob receives ${fmt(claimable)} ETH`,
  });

  printRows("Liquid staking: the rate and who holds what after each step (values in ETH)");
  say(
    "Rewards raised the rate; each slashing lowered it for every holder at once (socialised loss);",
    "Bob's withdrawal was priced when he asked and finalised only once the slashed validators were",
    "swept (bunker mode: their correlation penalty landed first) and their exits refilled the buffer.",
  );
}
