/**
 * What is checked after every step of a random sequence:
 *
 * 1. DESIGN §10, with the project's invariant helpers: INV-1 … INV-4 (`checkStakingInvariants`),
 *    INV-5 (`checkRestakingInvariants`), INV-7 (in `AvsSlash`, with `checkSlashingLosses`), INV-8
 *    (`checkLRTInvariants`), INV-9 (`assertPoolInvariants`, both pools), INV-10
 *    (`assertLendingInvariants` on every market touched; `liquidateAndCheck` in `Liquidate`).
 *    INV-6 is a gas measurement (1 against 1,000 stakers): `RestakingManager.gas.test.ts`.
 * 2. The model against the chain, exactly (the allowed roundings are applied in the model itself,
 *    in the contracts' direction: see `reference.ts`): every tracked holder's LST, the pool's accounts
 *    and exchange rate, each finalised request's payout, the users' LRT and LP balances, and each
 *    lending market's totals and positions (Morpho's reference model).
 * 3. ETH conservation: the ETH of every actor and every contract (the simulator holds the consensus
 *    layer's ETH: deposits, the reward reserve, and the penalties it keeps, as mainnet burns them)
 *    plus every transaction fee paid equals the total at the start. And the consensus layer is
 *    solvent: the balances it owes its validators fit in the ETH it holds.
 */
import { expect } from "chai";

import { checkStakingInvariants } from "../helpers/invariants.js";
import { assertLendingInvariants } from "../helpers/lending-invariants.js";
import { checkLRTInvariants } from "../helpers/lrt-invariants.js";
import { assertPoolInvariants } from "../helpers/pool-invariants.js";
import { checkRestakingInvariants } from "../helpers/restaking-invariants.js";
import { setStepRunner, type ModelCommand, type StepKind } from "./command.js";
import { WITHDRAWN, observe, type Model } from "./model.js";
import { exchangeRate, pooledEther } from "./reference.js";
import { TOKENS, USERS, ethHolders, marketOf, stablePoolOf, type World } from "./world.js";

/** Σ ETH of every actor and contract the system touches. */
export async function ethInSystem(world: World, model: Model): Promise<bigint> {
  const pods = Object.values(model.pods).map((p) => p!.address);
  const provider = world.connection.ethers.provider;
  const balances = await Promise.all(
    (await ethHolders(world, pods)).map((a) => provider.getBalance(a)),
  );
  return balances.reduce((s, b) => s + b, 0n);
}

async function checkInvariants(
  world: World,
  model: Model,
  kind: StepKind,
  rateBefore: bigint,
  label: string,
) {
  const f = world.f;
  await checkStakingInvariants({ pool: f.pool, token: f.lst, simulator: f.simulator }, label, {
    rateBefore: kind.movesLstRate ? undefined : rateBefore,
    unreportedClLoss: model.unreportedClLoss,
  });
  const stakers = [
    ...USERS.map((u) => model.addresses[u]),
    await f.vault.getAddress(),
    f.operator.address,
    f.otherOperator.address,
  ];
  const pods = Object.values(model.pods).map((p) => p!.address);
  await checkRestakingInvariants({ manager: f.restakingManager, stakers, pods }, label);
  await checkLRTInvariants(
    { vault: f.vault, restakingManager: f.restakingManager, lst: f.lst, pool: f.pool },
    label,
  );
  for (const t of TOKENS) {
    const { pool, coin } = stablePoolOf(world, t);
    model.poolSnapshots[t] = await assertPoolInvariants(
      { pool, token: coin as never },
      model.poolSnapshots[t],
      kind.exchange ? "exchange" : "other",
    );
  }
  const borrowers = [...USERS.map((u) => model.addresses[u]), f.liquidator.address];
  for (const key of model.lending.keys()) {
    await assertLendingInvariants(marketOf(world, key).market, borrowers, f.liquidator, label);
  }
}

async function checkModelAgainstChain(world: World, model: Model, label: string) {
  const f = world.f;
  for (const [holder, balance] of model.lst) {
    expect(await f.lst.balanceOf(holder), `${label} › LST of ${holder}`).to.equal(balance);
  }
  const p = model.pool;
  const chain = {
    buffered: await f.pool.bufferedEther(),
    clBalance: await f.pool.clBalance(),
    clValidators: await f.pool.clValidators(),
    deposited: await f.pool.depositedValidators(),
    unaccounted: await f.pool.unaccountedClWithdrawals(),
    locked: await f.pool.lockedEther(),
    supply: await f.lst.totalSupply(),
    lastFinalized: await f.pool.lastFinalizedRequestId(),
  };
  for (const [field, value] of Object.entries(chain)) {
    expect(value, `${label} › pool ${field}`).to.equal(p[field as keyof typeof chain]);
  }
  expect(await f.pool.totalPooledEther(), `${label} › totalPooledEther`).to.equal(pooledEther(p));
  expect(await f.pool.getExchangeRate(), `${label} › exchange rate`).to.equal(exchangeRate(p));
  for (const r of model.requests) {
    const payout = r.id <= p.lastFinalized && !r.claimed ? r.payout! : 0n;
    expect(await f.pool.claimableEther(r.id), `${label} › request ${r.id} payout`).to.equal(payout);
  }
  for (const [holder, balance] of model.lrt) {
    expect(await f.vault.balanceOf(holder), `${label} › LRT of ${holder}`).to.equal(balance);
  }
  for (const t of TOKENS) {
    const { pool } = stablePoolOf(world, t);
    let sum = 0n;
    for (const [holder, balance] of model.lp[t]) {
      expect(await pool.balanceOf(holder), `${label} › ${t} LP of ${holder}`).to.equal(balance);
      sum += balance;
    }
    expect(await pool.totalSupply(), `${label} › ${t} LP supply = Σ users' LP`).to.equal(sum);
  }
  const now = BigInt((await world.connection.ethers.provider.getBlock("latest"))!.timestamp);
  for (const [key, stored] of model.lending) {
    const { market } = marketOf(world, key);
    expect(await market.lastUpdate(), `${label} › ${key} lastUpdate`).to.equal(stored.lastUpdate);
    // The totals' views include the interest accrued up to the latest block, as Morpho's `expected…`.
    const lending = stored.clone();
    lending.accrue(now);
    expect(await market.totalSupplyAssets(), `${label} › ${key} totalSupplyAssets`).to.equal(
      lending.totalSupplyAssets,
    );
    expect(await market.totalSupplyShares(), `${label} › ${key} totalSupplyShares`).to.equal(
      lending.totalSupplyShares,
    );
    expect(await market.totalBorrowAssets(), `${label} › ${key} totalBorrowAssets`).to.equal(
      lending.totalBorrowAssets,
    );
    expect(await market.totalBorrowShares(), `${label} › ${key} totalBorrowShares`).to.equal(
      lending.totalBorrowShares,
    );
    for (const [user, position] of lending.positions) {
      const onChain = await market.position(user);
      expect(
        [onChain.supplyShares, onChain.borrowShares, onChain.collateral],
        `${label} › ${key} position of ${user}`,
      ).to.deep.equal([position.supplyShares, position.borrowShares, position.collateral]);
    }
  }
}

async function checkConservation(world: World, model: Model, label: string) {
  const total = await ethInSystem(world, model);
  expect(
    total + world.feesPaid,
    `${label} › ETH conservation (Σ balances + fees = start)`,
  ).to.equal(model.ethAtStart);
  const f = world.f;
  let owed = 0n;
  for (const v of model.validators) {
    if (v.status !== WITHDRAWN) owed += await f.simulator.validatorBalance(v.index);
  }
  const held = await world.connection.ethers.provider.getBalance(await f.simulator.getAddress());
  expect(owed <= held, `${label} › the CL owes ${owed} wei to its validators, holds ${held}`).to.be
    .true;
}

/** The step runner every command's `run` calls: act, check everything, then observe. */
async function runStep(command: ModelCommand, model: Model, world: World): Promise<void> {
  const rateBefore = await world.f.pool.getExchangeRate();
  const kind = (await command.act(model, world)) ?? {};
  model.step += 1;
  const label = `step ${model.step} ${command.toCode()}`;
  await checkInvariants(world, model, kind, rateBefore, label);
  await checkModelAgainstChain(world, model, label);
  await checkConservation(world, model, label);
  await observe(world, model);
}

setStepRunner(runStep);
