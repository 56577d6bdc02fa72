/**
 * `lab status`: the whole system in a few tables — the deployment's limits, the consensus layer,
 * the pool and its queue, restaking, liquid restaking and your account — with amounts rounded,
 * units in every line and each term explained the first time. Read-only.
 */
import {
  formatAmount,
  formatBps,
  formatDuration,
  formatEth,
  formatWadPercent,
  labAction,
  labCommand,
  openLab,
  SHARES,
  SLETH,
  SLRETH,
} from "../lib.js";
import { printPairs, printText } from "../../scripts/lib/table.js";
import { printMarketStatus } from "../market-status.js";

const DAY = 86_400n;
const WAD = 10n ** 18n;

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const lab = await openLab(hre, account);
  const { simulator, pool, token, manager, vault, signer, ethers, networkName, record } = lab;
  const me = signer.address;
  const poolAddress = await pool.getAddress();
  const [rate, supply, pooled, buffered, locked, depositable, unaccounted, lastId, lastFinalized] =
    await Promise.all([
      pool.getExchangeRate(),
      token.totalSupply(),
      pool.totalPooledEther(),
      pool.bufferedEther(),
      pool.lockedEther(),
      pool.depositableEther(),
      pool.unaccountedClWithdrawals(),
      pool.lastRequestId(),
      pool.lastFinalizedRequestId(),
    ]);
  const [minDeposit, cap, feeBps, deposit, quotient, exitDelay, timeScale, aprBps, window] =
    await Promise.all([
      pool.minDeposit(),
      pool.depositCap(),
      pool.feeBps(),
      simulator.validatorDeposit(),
      simulator.slashingPenaltyQuotient(),
      simulator.exitDelay(),
      simulator.timeScale(),
      simulator.rewardAprBps(),
      simulator.correlationWindow(),
    ]);
  const [restakingDelay, allocationDelay, deallocationDelay] = await Promise.all([
    manager.withdrawalDelay(),
    manager.allocationDelay(),
    manager.deallocationDelay(),
  ]);
  const [simTime, reserve, validators, active, poolValidators, poolActive, poolClBalance] =
    await Promise.all([
      simulator.simulatedTime(),
      simulator.rewardReserve(),
      simulator.validatorCount(),
      simulator.activeValidatorCount(),
      simulator.validatorCountOf(poolAddress),
      simulator.activeValidatorCountOf(poolAddress),
      simulator.totalBalanceOf(poolAddress),
    ]);
  const [ethBalance, lstBalance, bunker, pendingSlashings] = await Promise.all([
    ethers.provider.getBalance(me),
    token.balanceOf(me),
    pool.isBunkerMode(),
    simulator.pendingSlashingsOf(poolAddress),
  ]);

  printText(
    `Staking Lab on ${networkName} (profile ${record.profile.name ?? "?"}), you are ${me} (--account ${account})`,
  );
  const year = timeScale > 0n ? (365n * DAY) / timeScale : 0n;
  printPairs("Limits of this deployment", [
    ["smallest deposit", formatEth(minDeposit)],
    ["deposit cap (most ETH the pool holds)", formatEth(cap)],
    ["one validator", formatEth(deposit)],
    [
      "consensus-layer reward",
      `${formatBps(aprBps)} a simulated year; a simulated year lasts ${formatDuration(year)} of real time`,
    ],
    ["slashing: initial penalty", `deposit / ${quotient} = ${formatEth(deposit / quotient)}`],
    ["exit delay (until a validator can be swept)", formatDuration(exitDelay)],
    ["slashed: swept after (correlation window)", formatDuration(window)],
    ["restaking withdrawal delay", formatDuration(restakingDelay)],
    ["allocation delay (increase slashable after)", formatDuration(allocationDelay)],
    ["deallocation delay", formatDuration(deallocationDelay)],
    ["protocol fee on rewards", formatBps(feeBps)],
  ]);

  const days = (simTime * 100n) / DAY;
  printPairs("Consensus layer (the simulated beacon chain)", [
    ["simulated time", `day ${days / 100n}.${String(days % 100n).padStart(2, "0")}`],
    ["validators: active / all", `${active} / ${validators}`],
    ["the pool's validators: active / all", `${poolActive} / ${poolValidators}`],
    ["the pool's balance on the consensus layer", formatEth(poolClBalance)],
    ["reward reserve (pays rewards; the teacher tops it up)", formatEth(reserve)],
  ]);

  printPairs("Liquid staking pool", [
    ["exchange rate", `${formatEth(rate, { significant: 8 })} per slETH`],
    ["total pooled ether (backs all slETH)", formatEth(pooled)],
    ["slETH supply", formatAmount(supply, SLETH)],
    ["buffer (ETH in the pool, not staked)", formatEth(buffered)],
    [
      "depositable (buffer not reserved for claims: stakes validators)",
      `${formatEth(depositable)} = ${depositable / deposit} validator(s)`,
    ],
    ["ETH swept from the consensus layer, not yet reported", formatEth(unaccounted)],
    ["withdrawal requests: finalised / all", `${lastFinalized} / ${lastId}`],
    ["locked for claims", formatEth(locked)],
    [
      "bunker mode (no finalisation while a slashing is unswept)",
      bunker ? `yes: ${pendingSlashings} slashed validator(s) to sweep` : "no",
    ],
  ]);

  const native = await manager.beaconChainETHStrategy();
  const strategy = await manager.getStrategy(token);
  const [operator, lstRestaked, nativeRestaked, rewards, isOperator, isAvs, pod] =
    await Promise.all([
      manager.delegatedTo(me),
      manager.withdrawableUnderlying(me, token),
      manager.withdrawableUnderlying(me, native),
      manager.claimableRewards(me, token),
      manager.isOperator(me),
      manager.isAVS(me),
      manager.podOf(me),
    ]);
  const restaking: [string, string][] = [
    ["the LST strategy holds", formatAmount(strategy.totalAssets, SLETH)],
    [
      "you restake (after any slashing)",
      `${formatAmount(lstRestaked, SLETH)} + ${formatEth(nativeRestaked)} native`,
    ],
    [
      "delegated to",
      operator === ethers.ZeroAddress
        ? "nobody (not slashable, earns no service rewards)"
        : operator,
    ],
    ["service rewards to claim", formatAmount(rewards, SLETH)],
  ];
  if (isOperator) {
    restaking.push([
      "as operator: stake delegated to you",
      formatAmount(await manager.operatorShares(me, token), SHARES),
    ]);
    restaking.push([
      "as operator: magnitude (share of your stake not yet slashed)",
      formatWadPercent(await manager.maxMagnitude(me, token)),
    ]);
  }
  if (isAvs)
    restaking.push(["as AVS: slashed funds go to", await manager.slashedFundsRecipient(me)]);
  if (pod !== ethers.ZeroAddress) {
    restaking.push([
      "your pod (withdrawal address of your validators)",
      `${pod}, slashing factor ${formatWadPercent(await manager.beaconChainSlashingFactor(me))}`,
    ]);
  }
  printPairs("Restaking (EigenLayer model)", restaking);

  const [lrtRate, vaultAssets, idle, restaked, queuedAssets, earned, vaultOperator] =
    await Promise.all([
      vault.lrtRateInEth(),
      vault.totalAssets(),
      vault.idleAssets(),
      vault.restakedAssets(),
      vault.queuedAssets(),
      vault.earnedRewards(),
      vault.operator(),
    ]);
  const [lrtBalance, lrtValue] = await Promise.all([vault.balanceOf(me), vault.ethValueOf(me)]);
  printPairs("Liquid restaking (LRT vault)", [
    ["one slrETH is worth", `${formatEth(lrtRate, { significant: 8 })} (vault rate × slETH rate)`],
    ["vault assets", `${formatAmount(vaultAssets, SLETH)}, the sum of the four rows below`],
    ["  idle (for redemptions)", formatAmount(idle, SLETH)],
    ["  restaked", formatAmount(restaked, SLETH)],
    ["  queued (leaving the manager)", formatAmount(queuedAssets, SLETH)],
    ["  earned (unharvested, net of fee)", formatAmount(earned, SLETH)],
    ["delegated to", vaultOperator === ethers.ZeroAddress ? "nobody yet" : vaultOperator],
  ]);

  await printMarketStatus(lab);

  printPairs("You", [
    ["ETH", formatEth(ethBalance)],
    [
      "slETH (worth)",
      `${formatAmount(lstBalance, SLETH)} (${formatEth((lstBalance * rate) / WAD)})`,
    ],
    ["slrETH (worth)", `${formatAmount(lrtBalance, SLRETH)} (${formatEth(lrtValue)})`],
    ["your open requests", labCommand("my-requests", "", { asMe: true })],
  ]);
});
