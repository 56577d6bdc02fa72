/**
 * The comparison's day 0 on a fresh chain: the whole lab deployed with the realistic profile, the
 * operator and the AVS registered (50 % allocated in both strategies), the five holders' 32 ETH
 * staked, the pool's 128 validators deposited, and the AVS's year of rewards paid in.
 */
import type { NetworkConnection } from "hardhat/types/network";

import { realistic } from "../../config/profiles.js";
import { deployLabWithMarket } from "../lib/contracts.js";
import { EVENTS, STAKE, WAD } from "./types.js";

const ETHER = WAD;
const DAY = 86_400n;

/** Deploys the lab on `connection` and stakes everyone's 32 ETH; returns what the year needs. */
export async function setUpComparison(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;
  const { time } = networkHelpers;
  const profile = realistic;
  const { lab, market } = await deployLabWithMarket(connection, profile);
  const { simulator, pool, token, manager, vault } = lab;
  const [teacher, sam, lina, nate, dana, leo, operator, avs, whale] = await ethers.getSigners();
  const managerAddress = await manager.getAddress();
  const beaconEth = await manager.beaconChainETHStrategy();
  /**
   * Sends a transaction in a block one second after the last one, so the run's numbers never
   * depend on how fast the machine is (a block otherwise takes the wall clock's time).
   */
  const send = async (tx: () => Promise<{ wait(): Promise<unknown> }>) => {
    await time.setNextBlockTimestamp(BigInt(await time.latest()) + 1n);
    return (await tx()).wait();
  };

  // ------------------------------------------------------------------ day 0: everyone stakes
  // A year of 130 validators at 3 % is ~125 ETH of rewards: the teacher tops up the reserve.
  await send(() => simulator.fundRewards({ value: 200n * ETHER }));
  await send(() => manager.connect(operator).registerAsOperator("https://operator.example"));
  const burn = await manager.burnAddress();
  await send(() => manager.connect(avs).registerAVS(burn, "https://avs.example"));
  await send(() => manager.connect(operator).optInToAVS(avs.address));
  for (const strategy of [token, beaconEth])
    await send(() =>
      manager.connect(operator).modifyAllocation(avs.address, strategy, EVENTS.allocationWad),
    );

  const samIndex = await simulator.validatorCount();
  await send(() =>
    simulator.connect(sam).deposit(ethers.id("compare-solo"), sam.address, { value: STAKE }),
  );
  const samBase = await ethers.provider.getBalance(sam.address);

  await send(() => manager.connect(nate).createPod());
  const pod = await ethers.getContractAt("RestakingPod", await manager.podOf(nate.address));
  const nateIndex = await simulator.validatorCount();
  await send(() => pod.connect(nate).stake(ethers.id("compare-native"), { value: STAKE }));
  await send(() => pod.verifyWithdrawalCredentials(nateIndex));
  await send(() => manager.connect(nate).delegateTo(operator.address));

  await send(() => pool.connect(lina).deposit({ value: STAKE }));
  await send(() => pool.connect(dana).deposit({ value: STAKE }));
  const danaLst = await token.balanceOf(dana.address);
  await send(() => token.connect(dana).approve(managerAddress, danaLst));
  await send(() => manager.connect(dana).depositIntoStrategy(token, danaLst));
  await send(() => manager.connect(dana).delegateTo(operator.address));

  await send(() => vault.delegateTo(operator.address));
  await send(() => vault.connect(leo).depositETH(leo.address, 0n, { value: STAKE }));
  await send(() =>
    vault.connect(whale).depositETH(whale.address, 0n, { value: EVENTS.whaleLrtEth }),
  );
  await send(() => pool.connect(whale).deposit({ value: EVENTS.whaleLstEth }));
  await send(() => pool.connect(avs).deposit({ value: EVENTS.avsEth }));
  const idle = await vault.idleAssets();
  const buffer = (idle * (await vault.bufferBps()) + 9_999n) / 10_000n; // rounded up, as the vault
  await send(() => vault.restake(idle - buffer));
  for (let i = 0n; i < EVENTS.poolValidators; i++)
    await send(() => pool.stakeValidator(ethers.id(`compare-pool-${i}`)));
  const poolSlashIndex = await pool.validatorIndexAt(0n);

  // The AVS pays a year of rewards in slETH on the stake it secures, per strategy.
  const rateNow = await pool.getExchangeRate();
  const payYear = async (strategy: string, bps: bigint, stakeEth: bigint) => {
    const amount = (((stakeEth * bps) / 10_000n) * WAD) / rateNow;
    await send(() => token.connect(avs).approve(managerAddress, amount));
    await send(() =>
      manager.connect(avs).payRewards(operator.address, strategy, token, amount, 365n * DAY),
    );
  };
  await payYear(
    beaconEth,
    EVENTS.avsRewardBpsNative,
    await manager.operatorShares(operator.address, beaconEth),
  );
  const lstDelegated = await manager.sharesToUnderlying(
    token,
    await manager.operatorShares(operator.address, token),
  );
  await payYear(await token.getAddress(), EVENTS.avsRewardBpsLst, (lstDelegated * rateNow) / WAD);

  return {
    ethers,
    time,
    profile,
    lab,
    market,
    actors: { teacher, sam, lina, nate, dana, leo, operator, avs, whale },
    pod,
    beaconEth,
    send,
    samIndex,
    samBase,
    nateIndex,
    poolSlashIndex,
  };
}
