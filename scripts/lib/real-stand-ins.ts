/**
 * Places the stand-ins of contracts/test/real at the real Hoodi addresses of
 * config/real-protocols.ts, on a local chain with Hoodi's chain id (`hardhat_setCode`: no
 * constructor runs, so each is set up by a call afterwards). Contracts that the tasks look up on
 * chain (Rocket Pool's deposit pool and settings, Lido's HashConsensus) are deployed anywhere and
 * registered where the real registries would say. Used by the tests (test/real/stand-ins.ts) and
 * the rehearsal (scripts/real/place-stand-ins.ts).
 *
 * The numbers are the stand-ins' own, chosen to look like Hoodi's, not read from it: stETH at
 * 1.2 ETH per share, rETH at 1.1 ETH, Rocket Pool's contract defaults (0.01 ETH minimum, 0.05 %
 * fee) with Hoodi's 1000 ETH pool, Lido's 12-epoch frames, EigenLayer's 50-block testnet delay.
 */
import type { Signer } from "ethers";
import { parseEther, ZeroAddress } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { REAL_ADDRESSES, ROCKET_POOL_NAMES } from "../../config/real-protocols.js";
import { rocketKey } from "./real.js";

/** Reads an artifact (as `hre.artifacts` does). */
export interface ArtifactReader {
  readArtifact(name: string): Promise<{ deployedBytecode: string }>;
}

/** Hoodi's beacon chain (eth-clients/hoodi): genesis 2025-03-17 12:10 UTC, 12 s slots, 32 per epoch. */
export const HOODI_GENESIS_TIME = 1742213400n;
/** Lido's AccountingOracle frame on Hoodi (lidofinance/core deployed-hoodi.json): 12 epochs. */
export const LIDO_EPOCHS_PER_FRAME = 12n;
/** EigenLayer's testnet MIN_WITHDRAWAL_DELAY_BLOCKS (docs/core/DelegationManager.md). */
export const EIGEN_DELAY_BLOCKS = 50n;

export const STAND_IN_NUMBERS = {
  lidoSeed: parseEther("1"),
  lidoRewards: parseEther("0.2"),
  rethTotalEth: parseEther("1.1"),
  rethSupply: parseEther("1"),
  rocketMinimum: parseEther("0.01"),
  rocketFee: parseEther("0.0005"),
  rocketPoolMaximum: parseEther("1000"),
  eigenSeed: parseEther("1"),
} as const;

/** The stand-in at each fixed address. */
const PLACED = [
  ["LidoLocatorStandIn", REAL_ADDRESSES.lido.locator.address],
  ["LidoStandIn", REAL_ADDRESSES.lido.stETH.address],
  ["WstETHStandIn", REAL_ADDRESSES.lido.wstETH.address],
  ["WithdrawalQueueERC721StandIn", REAL_ADDRESSES.lido.withdrawalQueue.address],
  ["AccountingOracleStandIn", REAL_ADDRESSES.lido.accountingOracle.address],
  ["RocketStorageStandIn", REAL_ADDRESSES.rocketPool.storage.address],
  ["RocketTokenRETHStandIn", REAL_ADDRESSES.rocketPool.rETH.address],
  ["StrategyManagerStandIn", REAL_ADDRESSES.eigenLayer.strategyManager.address],
  ["DelegationManagerStandIn", REAL_ADDRESSES.eigenLayer.delegationManager.address],
  ["StrategyBaseStandIn", REAL_ADDRESSES.eigenLayer.stETHStrategy.address],
] as const;

/**
 * Places and sets up every stand-in; `admin` plays the protocols' governance, oracles and
 * guardians. Returns the stand-ins, bound to `admin`, for tests and the rehearsal to drive.
 */
export async function placeStandIns(
  connection: Pick<NetworkConnection, "ethers">,
  artifacts: ArtifactReader,
  admin: Signer,
) {
  const { ethers } = connection;
  for (const [name, address] of PLACED) {
    const { deployedBytecode } = await artifacts.readArtifact(name);
    await ethers.provider.send("hardhat_setCode", [address, deployedBytecode]);
  }
  const at = (name: string, address: string) => ethers.getContractAt(name, address, admin);
  const { lido: L, rocketPool: R, eigenLayer: E } = REAL_ADDRESSES;
  const lido = await at("LidoStandIn", L.stETH.address);
  const wstETH = await at("WstETHStandIn", L.wstETH.address);
  const queue = await at("WithdrawalQueueERC721StandIn", L.withdrawalQueue.address);
  const oracle = await at("AccountingOracleStandIn", L.accountingOracle.address);
  const locator = await at("LidoLocatorStandIn", L.locator.address);
  const rocketStorage = await at("RocketStorageStandIn", R.storage.address);
  const rETH = await at("RocketTokenRETHStandIn", R.rETH.address);
  const strategyManager = await at("StrategyManagerStandIn", E.strategyManager.address);
  const delegationManager = await at("DelegationManagerStandIn", E.delegationManager.address);
  const strategy = await at("StrategyBaseStandIn", E.stETHStrategy.address);
  const me = await admin.getAddress();
  const n = STAND_IN_NUMBERS;
  const wait = async (tx: Promise<{ wait: () => Promise<unknown> }>) => (await tx).wait();

  // Lido
  const consensus = await ethers.deployContract("HashConsensusStandIn", [], admin);
  await wait(lido.setUp(L.withdrawalQueue.address, me, { value: n.lidoSeed }));
  await wait(lido.receiveRewards({ value: n.lidoRewards }));
  await wait(wstETH.setUp(L.stETH.address));
  await wait(queue.setUp(L.stETH.address, me));
  await wait(consensus.setUp(32n, 12n, HOODI_GENESIS_TIME, 0n, LIDO_EPOCHS_PER_FRAME, 0n));
  await wait(oracle.setUp(await consensus.getAddress(), me));
  const [refSlot] = (await consensus.getCurrentFrame()) as [bigint, bigint];
  await wait(oracle.recordReport(refSlot)); // this frame's report is in: the next is a frame away
  await wait(
    locator.setUp(
      L.stETH.address,
      L.wstETH.address,
      L.withdrawalQueue.address,
      L.accountingOracle.address,
    ),
  );

  // Rocket Pool
  const settings = await ethers.deployContract(
    "RocketDAOProtocolSettingsDepositStandIn",
    [],
    admin,
  );
  const depositPool = await ethers.deployContract("RocketDepositPoolStandIn", [], admin);
  await wait(rocketStorage.setUp(me));
  await wait(settings.setUp(me));
  await wait(settings.setSettingBool("deposit.enabled", true));
  await wait(settings.setSettingUint("deposit.minimum", n.rocketMinimum));
  await wait(settings.setSettingUint("deposit.fee", n.rocketFee));
  await wait(settings.setSettingUint("deposit.pool.maximum", n.rocketPoolMaximum));
  await wait(depositPool.setUp(R.storage.address));
  await wait(rETH.setUp(R.storage.address));
  const register = (name: string, address: string) =>
    wait(rocketStorage.setAddress(rocketKey(name), address));
  await register(ROCKET_POOL_NAMES.depositPool, await depositPool.getAddress());
  await register(ROCKET_POOL_NAMES.rETH, R.rETH.address);
  await register(ROCKET_POOL_NAMES.depositSettings, await settings.getAddress());
  await wait(rETH.submitBalances(n.rethTotalEth, n.rethSupply));

  // EigenLayer
  await wait(strategyManager.setUp(E.delegationManager.address, me));
  await wait(strategy.setUp(E.strategyManager.address, L.stETH.address));
  await wait(strategyManager.addStrategiesToDepositWhitelist([E.stETHStrategy.address]));
  await wait(delegationManager.setUp(E.strategyManager.address, EIGEN_DELAY_BLOCKS));
  // Hoodi's strategy holds deposits already. An empty one cannot take stETH: a transfer of stETH
  // arrives 1–2 wei short (shares round down) and StrategyBase prices a deposit on "balance −
  // amount". So the admin gives it 10 wei, then restakes a first deposit.
  await wait(lido.submit(ZeroAddress, { value: n.eigenSeed }));
  await wait(lido.transfer(E.stETHStrategy.address, 10n));
  await wait(lido.approve(E.strategyManager.address, n.eigenSeed));
  await wait(
    strategyManager.depositIntoStrategy(E.stETHStrategy.address, L.stETH.address, n.eigenSeed / 2n),
  );

  return {
    lido,
    wstETH,
    queue,
    oracle,
    consensus,
    locator,
    rocketStorage,
    rETH,
    settings,
    depositPool,
    strategyManager,
    delegationManager,
    strategy,
  };
}

export type StandIns = Awaited<ReturnType<typeof placeStandIns>>;
