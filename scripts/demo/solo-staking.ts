/**
 * Chapter 1 — solo staking (獨立質押), the talk's first way to stake: Carol deposits 32 ETH for a
 * validator of her own on the `BeaconChainSimulator`, with her wallet as its withdrawal address,
 * and runs the node herself. A year of rewards skimmed to her, a week offline, a slashing (the
 * initial penalty, then the correlation penalty), and the withdrawal of what is left. Every amount
 * is read from the simulator, its events and her wallet; events happen at exact days, so the
 * numbers are the formulas' (32 × 3 % × 1 year = 0.96 ETH, not a few seconds more).
 *
 * The chapter leaves the chain as it found it (a snapshot, restored at the end): the chapters
 * after it count validators from the first, and Carol's solo validator is not part of their story.
 */
import type { ContractTransactionResponse } from "ethers";

import { t } from "../i18n/index.js";
import { printTable } from "../lib/table.js";
import { DAY, YEAR, chapter, fmt, grouped, say, signedEth, type Demo } from "./context.js";
import { pause } from "./controls.js";
import { sendToSimulator } from "./simulator-events.js";

/** Decimals of every amount in this chapter: enough to show 32 / 4096 = 0.0078125 exactly. */
const DECIMALS = 7;
/** Days Carol's node is offline. */
const OFFLINE_DAYS = 7n;

export async function soloStakingChapter(demo: Demo): Promise<void> {
  const { deployed, actors, networkHelpers, ethers } = demo;
  const { simulator } = deployed;
  const { teacher, carol } = actors;
  const { time } = networkHelpers;
  const untouched = await networkHelpers.takeSnapshot();

  const deposit = await simulator.validatorDeposit();
  const aprBps = await simulator.rewardAprBps();
  const window = await simulator.correlationWindow();
  const apr = (Number(aprBps) / 100).toString();
  const eth = (wei: bigint) => fmt(wei, DECIMALS);

  const send = (tx: Promise<ContractTransactionResponse>) => sendToSimulator(simulator, tx);

  chapter(t("demoSolo:title"), t("demoSolo:intro", { deposit: fmt(deposit) }));

  // ---- Day 0: the deposit. Her wallet is the withdrawal address (0x01 credentials).
  const deposited = await send(
    simulator.connect(carol).deposit(ethers.id("carol-solo-validator"), carol.address, {
      value: deposit,
    }),
  );
  const index = deposited.event("ValidatorDeposited").index as bigint;
  const day0 = deposited.timestamp;
  const dayOf = (timestamp: bigint) => ((timestamp - day0) / DAY).toString();
  // The simulator pays rewards from a reserve the teacher funds; a year's worth is plenty.
  const yearReward = (deposit * aprBps) / 10_000n;
  if ((await simulator.rewardReserve()) < yearReward) {
    await (await simulator.connect(teacher).fundRewards({ value: yearReward })).wait();
  }
  const walletAtStart = await ethers.provider.getBalance(carol.address);
  const balance = () => simulator.validatorBalance(index);
  const paidToCarol = async () => (await ethers.provider.getBalance(carol.address)) - walletAtStart;

  const rows: string[][] = [];
  let lastTotal: bigint | undefined;
  /** A row of the timeline: the validator's balance, what Carol received, and the change. */
  async function row(day: string, event: string, onCl?: bigint, paid?: bigint) {
    onCl ??= await balance();
    paid ??= await paidToCarol();
    const total = onCl + paid;
    rows.push([
      day,
      event,
      eth(onCl),
      eth(paid),
      lastTotal === undefined ? "" : signedEth(total - lastTotal, DECIMALS),
    ]);
    lastTotal = total;
  }
  await row("0", t("demoSolo:steps.deposit", { deposit: fmt(deposit), index: index.toString() }));

  // ---- A year online, then the withdrawal sweep skims the rewards (anyone may call it).
  say("", t("demoSolo:yearIntro", { deposit: fmt(deposit), apr, reward: eth(yearReward) }));
  await time.increaseTo(day0 + YEAR);
  await row(dayOf(day0 + YEAR), t("demoSolo:steps.year", { apr }));
  await time.setNextBlockTimestamp(day0 + YEAR + 1n);
  const skim = await send(simulator.connect(teacher).sweep(index));
  const skimmed = skim.event("Swept").amount as bigint;
  await row(dayOf(skim.timestamp), t("demoSolo:steps.skim"));
  printTable(tableHead(), rows.splice(0));
  say(t("demoSolo:yearNote", { deposit: fmt(deposit), reward: eth(skimmed) }));
  await pause();

  // ---- A week offline: the simulator credits rewards by time, so it takes the week's rewards
  // back and as much again (inactivity penalties are about the rewards of the duties missed).
  const beforeOffline = await balance();
  const offlineEnd = skim.timestamp + OFFLINE_DAYS * DAY;
  await time.increaseTo(offlineEnd);
  const week = (await balance()) - beforeOffline;
  const penalized = await send(simulator.connect(teacher).penalize(index, 2n * week));
  const inactivity = penalized.event("ValidatorPenalized").amount as bigint;
  say(
    "",
    t("demoSolo:troubleIntro", {
      days: OFFLINE_DAYS.toString(),
      week: eth(week),
      penalty: eth(inactivity),
    }),
  );
  await row(
    dayOf(penalized.timestamp),
    t("demoSolo:steps.offline", { days: OFFLINE_DAYS.toString() }),
  );

  // ---- The slashing: she starts her keys on a backup machine while the first still runs, and
  // both sign the same slot. Initial penalty now; exit; correlation penalty fixed at the midpoint.
  const quotient = await simulator.slashingPenaltyQuotient();
  const slash = await send(simulator.connect(teacher).slash(index));
  const initial = slash.event("ValidatorSlashed").initialPenalty as bigint;
  const withdrawableAt = slash.event("ValidatorSlashed").withdrawableAt as bigint;
  await row(
    dayOf(slash.timestamp),
    t("demoSolo:steps.slashed", { deposit: fmt(deposit), quotient: quotient.toString() }),
  );

  // ---- The exit: withdrawable a whole correlation window after the slashing; the sweep takes
  // the correlation penalty (fixed at the window's midpoint) and pays her the rest.
  const beforeWithdrawal = await balance();
  const paidBeforeWithdrawal = await paidToCarol();
  await time.setNextBlockTimestamp(withdrawableAt);
  const withdrawal = await send(simulator.connect(teacher).sweep(index));
  const correlation = withdrawal.event("CorrelationPenaltyApplied");
  const correlationPenalty = correlation.penalty as bigint;
  const slashedInWindow = correlation.slashedInWindow as bigint;
  const totalActive = (await simulator.getValidator(index)).activeStakeAtSlashGwei * 10n ** 9n;
  const midpoint = dayOf(slash.timestamp + window / 2n);
  const day = dayOf(withdrawal.timestamp);
  await row(
    day,
    t("demoSolo:steps.correlation", { midpoint }),
    beforeWithdrawal - correlationPenalty,
    paidBeforeWithdrawal,
  );
  await row(day, t("demoSolo:steps.withdrawn"), 0n);
  printTable(tableHead(), rows.splice(0));
  const exitDays = window / DAY;
  const notEarned = (deposit * aprBps * window) / (10_000n * YEAR);
  say(
    t("demoSolo:troubleNote", {
      offline: eth(inactivity - week),
      days: OFFLINE_DAYS.toString(),
      deposit: fmt(deposit),
      quotient: quotient.toString(),
      initial: eth(initial),
      slashed: fmt(slashedInWindow),
      total: grouped(totalActive),
      correlation: eth(correlationPenalty),
      exitDays: exitDays.toString(),
      missed: fmt(notEarned),
    }),
  );
  await pause();

  // ---- What it all came to. Balance = deposit + rewards credited − penalties, so the rows add up.
  const paid = await paidToCarol();
  const credited = paid - deposit + inactivity + initial + correlationPenalty;
  const net = paid - deposit;
  const elapsed = withdrawal.timestamp - day0;
  const annualBps = (net * YEAR * 10_000n) / (deposit * elapsed);
  const activeDays = dayOf(slash.timestamp);
  say("", t("demoSolo:summaryIntro"));
  printTable(
    [t("demoSolo:summary.head", { day }), t("demoSolo:summary.eth")],
    [
      [t("demoSolo:summary.deposited"), eth(deposit)],
      [t("demoSolo:summary.credited", { days: activeDays, apr }), signedEth(credited, DECIMALS)],
      [
        t("demoSolo:summary.inactivity", { days: OFFLINE_DAYS.toString() }),
        signedEth(-inactivity, DECIMALS),
      ],
      [
        t("demoSolo:summary.initial", { deposit: fmt(deposit), quotient: quotient.toString() }),
        signedEth(-initial, DECIMALS),
      ],
      [t("demoSolo:summary.correlation"), signedEth(-correlationPenalty, DECIMALS)],
      [t("demoSolo:summary.paid"), eth(paid)],
      [t("demoSolo:summary.net"), signedEth(net, DECIMALS)],
    ],
  );
  say(
    t("demoSolo:summaryNote", {
      net: signedEth(net, 4),
      deposit: fmt(deposit),
      day,
      annual: (Number(annualBps) / 100).toFixed(2),
      apr,
      lesson: t(
        initial + correlationPenalty < notEarned
          ? "demoSolo:lesson.cheaper"
          : "demoSolo:lesson.dearer",
        { quotient: quotient.toString(), missed: fmt(notEarned) },
      ),
    }),
  );
  await pause();

  await untouched.restore();
}

/** The timeline's headers (units in them). */
function tableHead(): string[] {
  return [
    t("demoSolo:head.day"),
    t("demoSolo:head.event"),
    t("demoSolo:head.validator"),
    t("demoSolo:head.paid"),
    t("demoSolo:head.change"),
  ];
}
