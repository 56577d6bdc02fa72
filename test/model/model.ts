/**
 * The model a random sequence runs against. Two halves:
 *
 * - **predicted** (the reference model, `reference.ts`): what each actor owns (LST, LRT, pool LP,
 *   lending positions) and the pool's accounts and rate, updated by each command from its own
 *   arithmetic, then compared with the chain after every step (`checks.ts`);
 * - **observed** (read back after every step): the consensus layer's and the restaking manager's
 *   state that decides which actions are valid next (validator statuses and balances, withdrawal
 *   maturities, allocations, redeem maturities, oracle prices). The simulator stands in for the
 *   beacon chain, so its state is the world's; the model does not re-derive it.
 *
 * Commands' `check`s read both halves: a sequence is random but every step is valid.
 */
import { MarketModel } from "../helpers/morpho-reference.js";
import type { PoolSnapshot } from "../helpers/pool-invariants.js";
import type { PoolBooks, RequestBook } from "./reference.js";
import {
  AVSS,
  MARKET_KEYS,
  OPERATORS,
  TOKENS,
  USERS,
  marketOf,
  stablePoolOf,
  type AvsName,
  type MarketKey,
  type OperatorName,
  type TokenName,
  type UserName,
  type World,
} from "./world.js";

/** Simulator statuses (`IBeaconChainSimulator.Status`). */
export const ACTIVE = 1n;
export const EXITING = 2n;
export const WITHDRAWN = 3n;

export interface ValidatorView {
  index: bigint;
  /** `"pool"` or the user whose pod it pays. */
  owner: "pool" | UserName;
  status: bigint;
  slashed: boolean;
  withdrawableAt: bigint;
  balance: bigint;
  verified: boolean;
}

export interface WithdrawalView {
  id: bigint;
  staker: string;
  native: boolean;
  /** What completing it pays now (`previewWithdrawal`): LST, or wei for native ETH. */
  amount: bigint;
  completableAt: bigint;
  completed: boolean;
}

export interface RedeemView {
  id: bigint;
  owner: string;
  readyAt: bigint;
  claimed: boolean;
  /** Part of it still queued in the manager (`scaledShares` ≠ 0). */
  open: boolean;
}

export interface Model {
  /** The users' addresses (the model speaks of users by name). */
  addresses: Record<UserName, string>;
  /** Timestamp of the latest block, and the simulator's time then. */
  time: bigint;
  simulatedTime: bigint;
  /** A pool validator lost ETH since the last report (INV-1's CL-backing half waits for one). */
  unreportedClLoss: boolean;
  /** Predicted LST balances, by address (every holder the commands move). */
  lst: Map<string, bigint>;
  pool: PoolBooks;
  requests: RequestBook[];
  /** Predicted LRT balances of the users. */
  lrt: Map<string, bigint>;
  /** Predicted LP balances of the users, per StableSwap pool. */
  lp: Record<TokenName, Map<string, bigint>>;
  /** Morpho's reference model of each lending market a command touched. */
  lending: Map<MarketKey, MarketModel>;
  // ---- observed
  validators: ValidatorView[];
  pods: Partial<Record<UserName, { address: string; withdrawable: bigint }>>;
  delegatedTo: Partial<Record<UserName, OperatorName>>;
  /** Restaking deposit shares of each user: [LST strategy, native ETH]. */
  restaked: Record<UserName, [bigint, bigint]>;
  withdrawals: WithdrawalView[];
  /** Current allocation magnitude (WAD) and whether a change is pending, per operator and AVS. */
  allocations: Record<
    OperatorName,
    Record<AvsName, { magnitude: bigint; pending: boolean; effectAt: bigint }>
  >;
  maxMagnitude: Record<OperatorName, bigint>;
  /** Whether the operator has any allocation to the AVS left, in any strategy (a slash needs one). */
  allocatedAnywhere: Record<OperatorName, Record<AvsName, boolean>>;
  encumbered: Record<OperatorName, bigint>;
  /** LST-strategy shares delegated to each operator. */
  operatorShares: Record<OperatorName, bigint>;
  /** LST rewards each user can claim now. */
  claimable: Record<UserName, bigint>;
  /** Each user's beacon-chain slashing factor (0: a pod fully slashed takes no new validator). */
  podSlashingFactor: Record<UserName, bigint>;
  redeems: RedeemView[];
  /** LST rewards the vault can harvest now. */
  vaultClaimable: bigint;
  vault: { delegated: boolean; openWithdrawals: bigint; undelegationReadyAt: bigint };
  /** Oracle prices (1e36 scale) of each lending market. */
  prices: Map<MarketKey, bigint>;
  /** Pool balances [ETH, token] of each StableSwap pool. */
  stableBalances: Record<TokenName, [bigint, bigint]>;
  /** Σ ETH of every actor and contract at the start (conservation). */
  ethAtStart: bigint;
  /** The last INV-9 snapshot of each StableSwap pool. */
  poolSnapshots: Partial<Record<TokenName, PoolSnapshot>>;
  /** Steps run, for messages. */
  step: number;
}

/** Every address whose LST the model predicts. */
export async function lstHolders(world: World): Promise<string[]> {
  const f = world.f;
  const contracts = await Promise.all(
    [
      f.pool,
      f.restakingManager,
      f.vault,
      f.lstMarkets.pool,
      ...MARKET_KEYS.filter((k) => k.startsWith("lst")).map((k) => marketOf(world, k).market),
    ].map((c) => c.getAddress()),
  );
  return [
    ...USERS.map((u) => world.users[u].address),
    f.treasury.address,
    f.liquidator.address,
    f.avs.address,
    f.avsTreasury.address,
    await f.restakingManager.burnAddress(),
    ...contracts,
  ];
}

/** The model at the start of a sequence: the fixture's state, read once. */
export async function initialModel(world: World): Promise<Model> {
  const f = world.f;
  const lst = new Map<string, bigint>();
  for (const holder of await lstHolders(world)) lst.set(holder, await f.lst.balanceOf(holder));
  const pool: PoolBooks = {
    buffered: await f.pool.bufferedEther(),
    clBalance: await f.pool.clBalance(),
    clValidators: await f.pool.clValidators(),
    deposited: await f.pool.depositedValidators(),
    unaccounted: await f.pool.unaccountedClWithdrawals(),
    locked: await f.pool.lockedEther(),
    supply: await f.lst.totalSupply(),
    reportCount: await f.pool.reportCount(),
    lastReportTimestamp: await f.pool.lastReportTimestamp(),
    lastFinalized: await f.pool.lastFinalizedRequestId(),
    validatorDeposit: await f.pool.validatorDeposit(),
  };
  const lrt = new Map<string, bigint>();
  for (const holder of [...USERS.map((u) => world.users[u].address), f.liquidator.address]) {
    lrt.set(holder, await f.vault.balanceOf(holder));
  }
  const lp = {} as Model["lp"];
  for (const t of TOKENS) {
    lp[t] = new Map();
    for (const u of USERS) {
      const { pool: stable } = stablePoolOf(world, t);
      lp[t].set(world.users[u].address, await stable.balanceOf(world.users[u].address));
    }
  }
  const model: Model = {
    addresses: {
      alice: world.users.alice.address,
      bob: world.users.bob.address,
      carol: world.users.carol.address,
    },
    time: 0n,
    simulatedTime: 0n,
    unreportedClLoss: false,
    lst,
    pool,
    requests: [],
    lrt,
    lp,
    lending: new Map(),
    validators: [],
    pods: {},
    delegatedTo: {},
    restaked: { alice: [0n, 0n], bob: [0n, 0n], carol: [0n, 0n] },
    withdrawals: [],
    allocations: {} as Model["allocations"],
    maxMagnitude: {} as Model["maxMagnitude"],
    encumbered: {} as Model["encumbered"],
    allocatedAnywhere: {} as Model["allocatedAnywhere"],
    operatorShares: {} as Model["operatorShares"],
    claimable: { alice: 0n, bob: 0n, carol: 0n },
    podSlashingFactor: { alice: 0n, bob: 0n, carol: 0n },
    redeems: [],
    vaultClaimable: 0n,
    vault: { delegated: true, openWithdrawals: 0n, undelegationReadyAt: 0n },
    prices: new Map(),
    stableBalances: { lst: [0n, 0n], lrt: [0n, 0n] },
    ethAtStart: 0n,
    poolSnapshots: {},
    step: 0,
  };
  await observe(world, model);
  return model;
}

/** A lending market's reference model, created the first time a command touches it. */
export async function lendingModel(world: World, model: Model, key: MarketKey) {
  let m = model.lending.get(key);
  if (m === undefined) {
    const { market } = marketOf(world, key);
    m = new MarketModel(await market.lltv(), await market.lastUpdate());
    model.lending.set(key, m);
  }
  return m;
}

/** Reads back the observed half of the model (after every step). */
export async function observe(world: World, model: Model): Promise<void> {
  const f = world.f;
  const { ethers } = world.connection;
  model.time = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  model.simulatedTime = await f.simulator.simulatedTime();
  const poolAddress = await f.pool.getAddress();
  const owners = new Map<string, UserName>();
  for (const u of USERS) {
    const pod = await f.restakingManager.podOf(world.users[u].address);
    if (pod !== ethers.ZeroAddress) {
      const contract = await ethers.getContractAt("RestakingPod", pod);
      model.pods[u] = { address: pod, withdrawable: await contract.withdrawableRestakedETH() };
      owners.set(pod.toLowerCase(), u);
    }
  }
  const count = await f.simulator.validatorCount();
  for (let index = BigInt(model.validators.length); index < count; index++) {
    const v = await f.simulator.getValidator(index);
    const owner =
      v.withdrawalAddress === poolAddress ? "pool" : owners.get(v.withdrawalAddress.toLowerCase());
    if (owner === undefined) throw new Error(`validator ${index} pays an unknown address`);
    model.validators.push({
      index,
      owner,
      status: 0n,
      slashed: false,
      withdrawableAt: 0n,
      balance: 0n,
      verified: false,
    });
  }
  for (const v of model.validators) {
    const chain = await f.simulator.getValidator(v.index);
    v.status = chain.status;
    v.slashed = chain.slashed;
    v.withdrawableAt = chain.withdrawableAt;
    v.balance = await f.simulator.validatorBalance(v.index);
    if (v.owner !== "pool") {
      const pod = await ethers.getContractAt("RestakingPod", model.pods[v.owner]!.address);
      v.verified = await pod.isVerified(v.index);
    }
  }
  const lstAddress = await f.lst.getAddress();
  const native = await f.restakingManager.beaconChainETHStrategy();
  for (const u of USERS) {
    const address = world.users[u].address;
    const operator = await f.restakingManager.delegatedTo(address);
    const name = OPERATORS.find((o) => world.operators[o].address === operator);
    model.delegatedTo[u] = name;
    model.claimable[u] = await f.restakingManager.claimableRewards(address, lstAddress);
    model.podSlashingFactor[u] = await f.restakingManager.beaconChainSlashingFactor(address);
    model.restaked[u] = [
      await f.restakingManager.depositShares(address, lstAddress),
      await f.restakingManager.depositShares(address, native),
    ];
  }
  const withdrawalCount = await f.restakingManager.withdrawalCount();
  model.withdrawals = [];
  for (let id = 1n; id <= withdrawalCount; id++) {
    const w = await f.restakingManager.getWithdrawal(id);
    model.withdrawals.push({
      id,
      staker: w.staker,
      native: w.token === native,
      amount: w.completed ? 0n : (await f.restakingManager.previewWithdrawal(id))[1],
      completableAt: await f.restakingManager.completableAt(id),
      completed: w.completed,
    });
  }
  for (const o of OPERATORS) {
    const address = world.operators[o].address;
    const previous = model.allocations[o];
    model.allocations[o] = {} as Model["allocations"][OperatorName];
    for (const a of AVSS) {
      const alloc = await f.restakingManager.getAllocation(
        address,
        world.avss[a].address,
        lstAddress,
      );
      let pending = alloc.pendingDiff !== 0n;
      let effectAt = alloc.effectTimestamp;
      // `getAllocation` shows a change as applied once it is due, while storage keeps it until
      // someone clears it: a change that was pending and that `clearDeallocation` would still apply
      // stays pending in the model (else `ClearDeallocation` could never run).
      const before = previous?.[a];
      if (!pending && before?.pending === true) {
        const clearable = await f.restakingManager
          .connect(f.stranger)
          .clearDeallocation.staticCall(address, world.avss[a].address, lstAddress)
          .then(() => true)
          .catch(() => false);
        if (clearable) [pending, effectAt] = [true, before.effectAt];
      }
      model.allocations[o][a] = { magnitude: alloc.currentMagnitude, pending, effectAt };
    }
    model.allocatedAnywhere[o] = {} as Record<AvsName, boolean>;
    for (const a of AVSS) {
      let any = false;
      for (const token of await f.restakingManager.strategyTokens()) {
        const alloc = await f.restakingManager.getAllocation(address, world.avss[a].address, token);
        if (alloc.currentMagnitude > 0n) any = true;
      }
      model.allocatedAnywhere[o][a] = any;
    }
    model.maxMagnitude[o] = await f.restakingManager.maxMagnitude(address, lstAddress);
    model.encumbered[o] = await f.restakingManager.encumberedMagnitude(address, lstAddress);
    model.operatorShares[o] = await f.restakingManager.operatorShares(address, lstAddress);
  }
  const redeemCount = await f.vault.redeemRequestCount();
  model.redeems = [];
  for (let id = 1n; id <= redeemCount; id++) {
    const r = await f.vault.getRedeemRequest(id);
    model.redeems.push({
      id,
      owner: r.owner,
      readyAt: r.readyAt,
      claimed: r.claimed,
      open: r.scaledShares !== 0n,
    });
  }
  model.vaultClaimable = await f.restakingManager.claimableRewards(
    await f.vault.getAddress(),
    lstAddress,
  );
  const [, readyAt] = await f.vault.pendingUndelegation();
  model.vault = {
    delegated: (await f.vault.operator()) !== ethers.ZeroAddress,
    openWithdrawals: await f.vault.openWithdrawals(),
    undelegationReadyAt: readyAt,
  };
  for (const key of MARKET_KEYS) {
    const { oracle } = marketOf(world, key);
    model.prices.set(key, await oracle.price().catch(() => 0n));
  }
  for (const t of TOKENS) {
    const { pool: stable } = stablePoolOf(world, t);
    model.stableBalances[t] = [await stable.balances(0n), await stable.balances(1n)];
  }
}
