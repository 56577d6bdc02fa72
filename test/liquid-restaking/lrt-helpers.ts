/**
 * Small actions the LRT tests repeat: the AVS paying service rewards in the LST, the AVS slashing
 * the vault's operator, a user buying LST from the pool to deposit it. Each takes the fixture.
 */
import type { Signer } from "ethers";

import type {
  DepositPool,
  LiquidStakingToken,
  LRTVault,
  RestakingManager,
} from "../../types/ethers-contracts/index.js";
import { ONE_SECOND } from "../helpers/fixtures/restaking.js";

interface Actors {
  restakingManager: RestakingManager;
  pool: DepositPool;
  lst: LiquidStakingToken;
  vault: LRTVault;
  avs: Signer;
  operator: Signer;
}

/**
 * `avs` stakes ETH in the pool for LST and pays `amount` LST of service rewards to `operator`'s
 * delegators (the vault): the operator keeps its split (10 %), the vault accrues the rest.
 */
export async function avsPaysRewards(
  { restakingManager, pool, lst, avs, operator }: Actors,
  amount: bigint,
): Promise<void> {
  // Twice the amount in ETH buys at least `amount` LST while the rate is below 2.
  await pool.connect(avs).deposit({ value: 2n * amount });
  const lstAddress = await lst.getAddress();
  await lst.connect(avs).approve(await restakingManager.getAddress(), amount);
  await restakingManager
    .connect(avs)
    .payRewards(await operator.getAddress(), lstAddress, lstAddress, amount, ONE_SECOND);
  // One more block: the one-second stream has run out, all of it earned by the vault's stake.
  await (
    avs.provider as unknown as { send(method: string, params: unknown[]): Promise<unknown> }
  ).send("evm_mine", []);
}

/** `avs` slashes `wadToSlash` of `operator`'s allocation to it (50 % of its LST stake in the fixtures). */
export async function avsSlashes(
  { restakingManager, avs, operator }: Actors,
  wadToSlash: bigint,
): Promise<void> {
  await restakingManager
    .connect(avs)
    .slashOperator(await operator.getAddress(), wadToSlash, "equivocation");
}

/**
 * `who` stakes `eth` in the pool and approves the vault for the LST received; returns that amount.
 */
export async function buyLstForVault(
  { pool, lst, vault }: Pick<Actors, "pool" | "lst" | "vault">,
  who: Signer,
  eth: bigint,
): Promise<bigint> {
  const address = await who.getAddress();
  const before = await lst.balanceOf(address);
  await pool.connect(who).deposit({ value: eth });
  const received = (await lst.balanceOf(address)) - before;
  await lst.connect(who).approve(await vault.getAddress(), received);
  return received;
}
