/**
 * Chapter — restaking (再質押): the same staked ETH also secures a service (an AVS). Delegators
 * earn the service's rewards and bear its slashing; undelegated stake and other operators'
 * delegators do not; a staker who delegates after a slash does not pay for it.
 */
import { parseEther } from "ethers";

import { t } from "../i18n/index.js";
import { DAY, WAD, bpsText, chapter, fmt, showTable, type Demo } from "./context.js";

/** What each operator allocates of its delegated stake to the AVS (a WAD fraction). */
const ALLOCATION = parseEther("0.5");

/** The restaking cast: operators, the AVS, and the stakers after Alice and Bob. */
export async function restakingCast(demo: Demo) {
  const [, alice, bob, carol, olivia, oscar, avs, dave, erin, frank] =
    await demo.ethers.getSigners();
  return { alice, bob, carol, olivia, oscar, avs, dave, erin, frank };
}

/**
 * Olivia and Oscar registered as operators, each allocating 50 % to one AVS, the allocation
 * slashable, and the AVS holding slETH to pay rewards. Done once per run: the restaking chapter
 * does it, and a later chapter run alone (`--chapter liquid-restaking`) finds it done or does it.
 */
export async function setUpOperators(demo: Demo): Promise<void> {
  const { pool, token, manager } = demo.deployed;
  const { olivia, oscar, avs } = await restakingCast(demo);
  if (await manager.isOperator(olivia.address)) return;
  await (await pool.connect(avs).deposit({ value: parseEther("5") })).wait();
  await (await manager.connect(olivia).registerAsOperator("https://olivia.example")).wait();
  await (await manager.connect(oscar).registerAsOperator("https://oscar.example")).wait();
  await (
    await manager.connect(avs).registerAVS(await manager.burnAddress(), "https://avs.example")
  ).wait();
  for (const operator of [olivia, oscar]) {
    await (await manager.connect(operator).optInToAVS(avs.address)).wait();
    await (await manager.connect(operator).modifyAllocation(avs.address, token, ALLOCATION)).wait();
  }
  // A raised allocation becomes slashable only after the allocation delay (longer than the
  // withdrawal delay, so delegators can leave before new exposure exists).
  await demo.networkHelpers.time.increase(demo.profile.allocationDelaySeconds);
}

/** Makes `who` hold at least `shares` slETH, depositing the ETH it lacks at today's rate. */
export async function holdSlEth(
  demo: Demo,
  who: Awaited<ReturnType<typeof restakingCast>>["alice"],
  shares: bigint,
): Promise<void> {
  const { pool, token } = demo.deployed;
  const held = await token.balanceOf(who.address);
  if (held >= shares) return;
  // A gwei more than the shares' value, so rounding down at the deposit still mints enough.
  const eth = (await pool.getEthByShares(shares - held)) + 10n ** 9n;
  await (await pool.connect(who).deposit({ value: eth })).wait();
}

export async function restakingChapter(demo: Demo): Promise<void> {
  const { deployed, networkHelpers } = demo;
  const { token, manager } = deployed;
  const { alice, bob, carol, olivia, oscar, avs, dave } = await restakingCast(demo);
  const managerAddress = await manager.getAddress();

  chapter(
    t("demoRestaking:title"),
    t("demoRestaking:intro", { allocation: fmt(ALLOCATION * 100n) }),
  );

  await setUpOperators(demo);
  const restakes = [
    [alice, parseEther("40"), olivia],
    [bob, parseEther("30"), undefined],
    [carol, parseEther("30"), oscar],
  ] as const;
  for (const [who, amount, operator] of restakes) {
    await holdSlEth(demo, who, amount);
    await (await token.connect(who).approve(managerAddress, amount)).wait();
    await (await manager.connect(who).depositIntoStrategy(token, amount)).wait();
    if (operator !== undefined)
      await (await manager.connect(who).delegateTo(operator.address)).wait();
  }

  const restaked = (address: string) => manager.withdrawableUnderlying(address, token);
  const rewards = (address: string) => manager.claimableRewards(address, token);
  const rows: string[][] = [];
  const row = async (step: string) =>
    rows.push([
      step,
      fmt(await restaked(alice.address)),
      fmt(await restaked(bob.address)),
      fmt(await restaked(carol.address)),
      fmt(await restaked(dave.address)),
      `${fmt(await rewards(alice.address))} / ${fmt(await rewards(olivia.address))}`,
    ]);
  await row(
    t("demoRestaking:step.restake", { amounts: restakes.map(([, a]) => fmt(a)).join(" / ") }),
  );

  const payment = parseEther("1");
  await (await token.connect(avs).approve(managerAddress, payment)).wait();
  await (await manager.connect(avs).payRewards(olivia.address, token, token, payment, DAY)).wait();
  await networkHelpers.time.increase(DAY);
  await row(t("demoRestaking:step.pay", { amount: fmt(payment) }));

  const slash = parseEther("0.1");
  const aliceBefore = await restaked(alice.address);
  await (await manager.connect(avs).slashOperator(olivia.address, slash, "missed duties")).wait();
  const aliceLost = aliceBefore - (await restaked(alice.address));
  await row(t("demoRestaking:step.slash", { slash: fmt(slash * 100n) }));

  const late = parseEther("20");
  await holdSlEth(demo, dave, late);
  await (await token.connect(dave).approve(managerAddress, late)).wait();
  await (await manager.connect(dave).depositIntoStrategy(token, late)).wait();
  await (await manager.connect(dave).delegateTo(olivia.address)).wait();
  await row(t("demoRestaking:step.late", { amount: fmt(late) }));

  await showTable(
    [
      t("demo:step"),
      t("demoRestaking:head.alice"),
      t("demoRestaking:head.bob"),
      t("demoRestaking:head.carol"),
      t("demoRestaking:head.dave"),
      t("demoRestaking:head.rewards"),
    ],
    rows,
    t("demoRestaking:notice", {
      lost: fmt(aliceLost),
      percent: fmt((aliceLost * 100n * WAD) / aliceBefore, 2),
      slash: fmt(slash * 100n),
      allocation: fmt(ALLOCATION * 100n),
      split: bpsText(await manager.operatorSplitBps(olivia.address)),
    }),
  );
}
