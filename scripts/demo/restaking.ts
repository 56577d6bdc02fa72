/**
 * Chapter 2 — restaking (再質押): the same staked ETH also secures a service (an AVS). Delegators
 * earn the service's rewards and bear its slashing; undelegated stake and other operators'
 * delegators do not; a staker who delegates after a slash does not pay for it.
 */
import { parseEther } from "ethers";

import { DAY, fmt, say, type Demo } from "./context.js";

export async function restakingChapter(demo: Demo): Promise<void> {
  const { ethers, deployed, networkHelpers, profile, snapshotRows, printRows } = demo;
  const { pool, token, manager } = deployed;
  const [, alice, bob, carol, olivia, oscar, avs, dave] = await ethers.getSigners();
  const managerAddress = await manager.getAddress();

  say(
    "",
    "Chapter 2 — Restaking (再質押, EigenLayer)",
    "Alice, Bob, Carol and Dave restake slETH. Alice delegates to the operator Olivia, Carol to",
    "Oscar; Bob does not delegate. Both operators allocate 50 % of their stake to one service (AVS).",
  );

  // Everyone who restakes (and the AVS, which pays rewards in slETH) holds slETH first.
  for (const [who, amount] of [
    [carol, "40"],
    [dave, "40"],
    [avs, "5"],
  ] as const) {
    await (await pool.connect(who).deposit({ value: parseEther(amount) })).wait();
  }
  await (await manager.connect(olivia).registerAsOperator("https://olivia.example")).wait();
  await (await manager.connect(oscar).registerAsOperator("https://oscar.example")).wait();
  await (
    await manager.connect(avs).registerAVS(await manager.burnAddress(), "https://avs.example")
  ).wait();
  for (const operator of [olivia, oscar]) {
    await (await manager.connect(operator).optInToAVS(avs.address)).wait();
    await (
      await manager.connect(operator).modifyAllocation(avs.address, token, parseEther("0.5"))
    ).wait();
  }
  // A raised allocation becomes slashable only after the allocation delay (longer than the
  // withdrawal delay, so delegators can leave before new exposure exists).
  await networkHelpers.time.increase(profile.allocationDelaySeconds);
  for (const [who, amount, operator] of [
    [alice, "40", olivia],
    [bob, "30", undefined],
    [carol, "30", oscar],
  ] as const) {
    await (await token.connect(who).approve(managerAddress, parseEther(amount))).wait();
    await (await manager.connect(who).depositIntoStrategy(token, parseEther(amount))).wait();
    if (operator !== undefined)
      await (await manager.connect(who).delegateTo(operator.address)).wait();
  }

  const restaked = async (address: string) =>
    fmt(await manager.withdrawableUnderlying(address, token));
  const rewards = async (address: string) => fmt(await manager.claimableRewards(address, token));
  const row = async (step: string, note = "") =>
    snapshotRows.push({
      step,
      "alice → olivia": await restaked(alice.address),
      "bob (undelegated)": await restaked(bob.address),
      "carol → oscar": await restaked(carol.address),
      "dave → olivia": await restaked(dave.address),
      "rewards alice / olivia": `${await rewards(alice.address)} / ${await rewards(olivia.address)}`,
      note,
    });
  await row("1. restake 40 / 30 / 30 slETH, delegate", "olivia and oscar allocate 50 % to the AVS");

  await (await token.connect(avs).approve(managerAddress, parseEther("1"))).wait();
  await (
    await manager.connect(avs).payRewards(olivia.address, token, token, parseEther("1"), DAY)
  ).wait();
  await networkHelpers.time.increase(DAY);
  await row(
    "2. the AVS pays olivia's delegators 1 slETH over a day",
    "10 % to olivia, 90 % to alice",
  );

  await (
    await manager.connect(avs).slashOperator(olivia.address, parseEther("0.1"), "missed duties")
  ).wait();
  await row("3. the AVS slashes olivia 10 %", "of a 50 % allocation: her delegators lose 5 %");

  await (await token.connect(dave).approve(managerAddress, parseEther("20"))).wait();
  await (await manager.connect(dave).depositIntoStrategy(token, parseEther("20"))).wait();
  await (await manager.connect(dave).delegateTo(olivia.address)).wait();
  await row("4. dave restakes 20, delegates to olivia", "after the slash: he is whole");

  printRows("Restaking: restaked slETH after slashing, and rewards to claim (slETH)");
  say(
    "Only Olivia's delegators paid for her fault: Alice lost 5 % (10 % of a 50 % allocation);",
    "Bob (undelegated) and Carol (another operator) lost nothing; Dave, who came later, is whole.",
  );
}
