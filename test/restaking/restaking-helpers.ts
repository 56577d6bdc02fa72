/** Small steps the restaking tests repeat: getting tokens into a strategy, reading gas. */
import type { Signer } from "ethers";

import type {
  DepositPool,
  LiquidStakingToken,
  RestakingManager,
  StrategyTestToken,
} from "../../types/ethers-contracts/index.js";

/** Stakes `amount` ETH in the pool (rate 1 in a fresh pool: `amount` LST) and deposits the LST. */
export async function depositLst(
  { manager, pool, lst }: { manager: RestakingManager; pool: DepositPool; lst: LiquidStakingToken },
  staker: Signer,
  amount: bigint,
): Promise<void> {
  const before = await lst.balanceOf(staker);
  await pool.connect(staker).deposit({ value: amount });
  const received = (await lst.balanceOf(staker)) - before;
  await lst.connect(staker).approve(manager, received);
  await manager.connect(staker).depositIntoStrategy(lst, received);
}

/** Mints `amount` of a test token to `staker` and deposits it. */
export async function depositTestToken(
  manager: RestakingManager,
  token: StrategyTestToken,
  staker: Signer,
  amount: bigint,
): Promise<void> {
  await token.mint(staker, amount);
  await token.connect(staker).approve(manager, amount);
  await manager.connect(staker).depositIntoStrategy(token, amount);
}

/** Gas used by a sent transaction. */
export async function gasOf(
  tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>,
): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

/** The id the next queued withdrawal will get. */
export async function nextWithdrawalId(manager: RestakingManager): Promise<bigint> {
  return (await manager.withdrawalCount()) + 1n;
}
