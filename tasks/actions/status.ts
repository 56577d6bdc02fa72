/**
 * `lab status`: the whole system in one table — consensus layer, pool, queue and your account.
 * Everything is read from the chain; nothing is sent.
 */
import { formatEther } from "ethers";

import { labAction, openLab } from "../lib.js";

const DAY = 86_400n;
const WAD = 10n ** 18n;

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const { simulator, pool, token, manager, vault, signer, ethers, networkName, record } =
    await openLab(hre, account);
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
  const [ethBalance, lstBalance] = await Promise.all([
    ethers.provider.getBalance(signer.address),
    token.balanceOf(signer.address),
  ]);
  const days = (simTime * 100n) / DAY;
  console.log(
    `Staking Lab on ${networkName} (profile ${record.profile.name ?? "?"}), account ${signer.address}`,
  );
  console.table([
    {
      layer: "consensus",
      item: "simulated time",
      value: `day ${days / 100n}.${String(days % 100n).padStart(2, "0")}`,
    },
    { layer: "consensus", item: "validators (active / all)", value: `${active} / ${validators}` },
    {
      layer: "consensus",
      item: "pool's validators (active / all)",
      value: `${poolActive} / ${poolValidators}`,
    },
    {
      layer: "consensus",
      item: "pool's CL balance now",
      value: `${formatEther(poolClBalance)} ETH`,
    },
    { layer: "consensus", item: "reward reserve", value: `${formatEther(reserve)} ETH` },
    { layer: "pool", item: "exchange rate", value: `${formatEther(rate)} ETH per slETH` },
    { layer: "pool", item: "total pooled ether", value: `${formatEther(pooled)} ETH` },
    {
      layer: "pool",
      item: "buffered (depositable)",
      value: `${formatEther(buffered)} (${formatEther(depositable)}) ETH`,
    },
    { layer: "pool", item: "slETH supply", value: `${formatEther(supply)} slETH` },
    {
      layer: "pool",
      item: "CL ETH received, not yet reported",
      value: `${formatEther(unaccounted)} ETH`,
    },
    { layer: "queue", item: "requests (finalised / all)", value: `${lastFinalized} / ${lastId}` },
    {
      layer: "queue",
      item: "bunker mode (slashings pending)",
      value: `${await pool.isBunkerMode()} (${await simulator.pendingSlashingsOf(poolAddress)})`,
    },
    { layer: "queue", item: "locked for claims", value: `${formatEther(locked)} ETH` },
    { layer: "you", item: "ETH", value: `${formatEther(ethBalance)} ETH` },
    {
      layer: "you",
      item: "slETH (worth)",
      value: `${formatEther(lstBalance)} slETH (${formatEther((lstBalance * rate) / WAD)} ETH)`,
    },
  ]);
  // Restaking: the LST strategy, your position, and your roles in it.
  const native = await manager.beaconChainETHStrategy();
  const strategy = await manager.getStrategy(token);
  const me = signer.address;
  const [operator, lstRestaked, nativeRestaked, rewards, isOperator, isAvs] = await Promise.all([
    manager.delegatedTo(me),
    manager.withdrawableUnderlying(me, token),
    manager.withdrawableUnderlying(me, native),
    manager.claimableRewards(me, token),
    manager.isOperator(me),
    manager.isAVS(me),
  ]);
  const restaking = [
    { item: "LST strategy holds", value: `${formatEther(strategy.totalAssets)} slETH` },
    {
      item: "you restake (after slashing)",
      value: `${formatEther(lstRestaked)} slETH + ${formatEther(nativeRestaked)} native ETH`,
    },
    {
      item: "delegated to",
      value: operator === ethers.ZeroAddress ? "nobody (not slashable, no rewards)" : operator,
    },
    { item: "service rewards to claim", value: `${formatEther(rewards)} slETH` },
  ];
  if (isOperator) {
    restaking.push({
      item: "as operator: delegated LST shares, magnitude",
      value: `${formatEther(await manager.operatorShares(me, token))}, ${formatEther(await manager.maxMagnitude(me, token))}`,
    });
  }
  if (isAvs)
    restaking.push({
      item: "as AVS: slashed funds go to",
      value: await manager.slashedFundsRecipient(me),
    });
  const pod = await manager.podOf(me);
  if (pod !== ethers.ZeroAddress) {
    restaking.push({
      item: "your pod",
      value: `${pod}, slashing factor ${formatEther(await manager.beaconChainSlashingFactor(me))}`,
    });
  }
  console.log("Restaking");
  console.table(restaking);
  const queued = [];
  const count = await manager.withdrawalCount();
  for (let id = count; id > 0n && id + 20n > count; id--) {
    const withdrawal = await manager.getWithdrawal(id);
    if (withdrawal.staker !== me || withdrawal.completed) continue;
    const [, amount] = await manager.previewWithdrawal(id);
    const at = await manager.completableAt(id);
    queued.push({
      withdrawal: `#${id}`,
      amount: formatEther(amount),
      completable: new Date(Number(at) * 1000).toISOString(),
    });
  }
  if (queued.length > 0) console.table(queued);

  // Liquid restaking: the vault and your slrETH.
  const decimals = await vault.decimals();
  const [lrtRate, vaultAssets, idle, restaked, queuedAssets, vaultOperator, lrtBalance, lrtValue] =
    await Promise.all([
      vault.lrtRateInEth(),
      vault.totalAssets(),
      vault.idleAssets(),
      vault.restakedAssets(),
      vault.queuedAssets(),
      vault.operator(),
      vault.balanceOf(me),
      vault.ethValueOf(me),
    ]);
  console.log("Liquid restaking (LRT vault)");
  console.table([
    { item: "slrETH value", value: `${formatEther(lrtRate)} ETH (vault rate × slETH rate)` },
    {
      item: "vault assets: idle + restaked + queued",
      value: `${formatEther(vaultAssets)} slETH = ${formatEther(idle)} + ${formatEther(restaked)} + ${formatEther(queuedAssets)}`,
    },
    {
      item: "delegated to",
      value: vaultOperator === ethers.ZeroAddress ? "nobody yet" : vaultOperator,
    },
    {
      item: "you hold",
      value: `${ethers.formatUnits(lrtBalance, decimals)} slrETH (${formatEther(lrtValue)} ETH)`,
    },
  ]);

  // Your requests among the latest ones (a view loop off-chain; the contract never loops).
  const mine = [];
  for (let id = lastId; id > 0n && id + 20n > lastId; id--) {
    const request = await pool.getWithdrawalRequest(id);
    if (request.owner !== me || request.claimed) continue;
    const claimable = await pool.claimableEther(id);
    mine.push({
      request: `#${id}`,
      finalised: id <= lastFinalized,
      claimable: `${formatEther(claimable)} ETH`,
    });
  }
  if (mine.length > 0) console.table(mine);
});
