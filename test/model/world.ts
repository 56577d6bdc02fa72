/**
 * The real system the model-based test drives: one deployment of every layer (the market fixture:
 * simulator, pool + LST, restaking manager, LRT vault, both StableSwap pools, the eight lending
 * markets), loaded with `loadFixture` so every random sequence starts from the same snapshot.
 *
 * The world also keeps the books the ETH conservation check needs: every transaction goes through
 * `send`, which adds its fee (gas × price, the only ETH that leaves the system) to `feesPaid`.
 */
import type { ContractTransactionReceipt, ContractTransactionResponse, Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { marketFixtures, ORACLE_KINDS, type MarketFixture } from "../helpers/fixtures/market.js";

const MAX_UINT256 = 2n ** 256n - 1n;

/** The three users every sequence is about. */
export const USERS = ["alice", "bob", "carol"] as const;
export type UserName = (typeof USERS)[number];

/** The two restaking operators (both registered, both opted in to both AVSs). */
export const OPERATORS = ["operator", "otherOperator"] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** The two services: `avs` redistributes what it slashes to `avsTreasury`, `otherAvs` burns. */
export const AVSS = ["avs", "otherAvs"] as const;
export type AvsName = (typeof AVSS)[number];

/** The two tokens with a market: the LST and the LRT. */
export const TOKENS = ["lst", "lrt"] as const;
export type TokenName = (typeof TOKENS)[number];

/** A lending market: its collateral token and its oracle. */
export type MarketKey = `${TokenName}.${(typeof ORACLE_KINDS)[number]}`;
export const MARKET_KEYS: MarketKey[] = TOKENS.flatMap((t) =>
  ORACLE_KINDS.map((k) => `${t}.${k}` as MarketKey),
);

export interface World {
  connection: NetworkConnection<"generic">;
  f: MarketFixture;
  users: Record<UserName, Signer & { address: string }>;
  operators: Record<OperatorName, Signer & { address: string }>;
  avss: Record<AvsName, Signer & { address: string }>;
  /** ETH paid in transaction fees since the sequence began (it leaves the system). */
  feesPaid: bigint;
  /** Transactions sent since the sequence began. */
  transactions: number;
}

/** Deploys (once) and snapshots the whole system; each call after the first reverts to the snapshot. */
export function worldLoader(connection: NetworkConnection<"generic">) {
  const { deployMarketFixture } = marketFixtures(connection);
  // A named function, so that `loadFixture` snapshots it once.
  // Every user approves every contract that pulls its tokens, once, inside the snapshot.
  async function wholeSystemFixture() {
    const f = await deployMarketFixture();
    const lstSpenders = [
      f.pool,
      f.restakingManager,
      f.vault,
      f.lstMarkets.pool,
      ...Object.values(f.lstMarkets.markets),
    ];
    const lrtSpenders = [f.lrtMarkets.pool, ...Object.values(f.lrtMarkets.markets)];
    for (const user of [f.alice, f.bob, f.carol]) {
      for (const spender of lstSpenders) {
        await f.lst.connect(user).approve(await spender.getAddress(), MAX_UINT256);
      }
      for (const spender of lrtSpenders) {
        await f.vault.connect(user).approve(await spender.getAddress(), MAX_UINT256);
      }
    }
    await f.lst.connect(f.avs).approve(await f.restakingManager.getAddress(), MAX_UINT256);
    return f;
  }
  return async function loadWorld(): Promise<World> {
    const f = await connection.networkHelpers.loadFixture(wholeSystemFixture);
    return {
      connection,
      f,
      users: { alice: f.alice, bob: f.bob, carol: f.carol },
      operators: { operator: f.operator, otherOperator: f.otherOperator },
      avss: { avs: f.avs, otherAvs: f.otherAvs },
      feesPaid: 0n,
      transactions: 0,
    };
  };
}

/** Sends a transaction, waits for it and books its fee. */
export async function send(
  world: World,
  tx: Promise<ContractTransactionResponse>,
): Promise<ContractTransactionReceipt> {
  const receipt = (await (await tx).wait())!;
  world.feesPaid += receipt.fee;
  world.transactions += 1;
  return receipt;
}

/** The lending market of `key` and its collateral's pool. */
export function marketOf(world: World, key: MarketKey) {
  const [token, kind] = key.split(".") as [TokenName, (typeof ORACLE_KINDS)[number]];
  const markets = token === "lst" ? world.f.lstMarkets : world.f.lrtMarkets;
  return { token, kind, market: markets.markets[kind], oracle: markets.oracles[kind] };
}

/** The StableSwap pool of `token` and the token contract (coin 1). */
export function stablePoolOf(world: World, token: TokenName) {
  const f = world.f;
  return token === "lst"
    ? { pool: f.lstMarkets.pool, coin: f.lst }
    : { pool: f.lrtMarkets.pool, coin: f.vault };
}

/** Every account and contract whose ETH the conservation check sums (pods are added as they appear). */
export async function ethHolders(world: World, pods: string[]): Promise<string[]> {
  const f = world.f;
  const accounts = [
    f.teacher,
    f.alice,
    f.bob,
    f.carol,
    f.stranger,
    f.admin,
    f.oracle,
    f.poolOperator,
    f.guardian,
    f.lossConfirmer,
    f.treasury,
    f.operator,
    f.otherOperator,
    f.avs,
    f.otherAvs,
    f.avsTreasury,
    f.dave,
    f.manager,
    f.lp,
    f.supplier,
    f.seller,
    f.arbitrageur,
    f.liquidator,
    f.attacker,
    ...f.borrowers,
  ].map((s) => (s as unknown as { address: string }).address);
  const contracts = await Promise.all(
    [
      f.simulator,
      f.pool,
      f.restakingManager,
      f.vault,
      f.lstMarkets.pool,
      f.lrtMarkets.pool,
      ...MARKET_KEYS.map((k) => marketOf(world, k).market),
    ].map((c) => c.getAddress()),
  );
  return [...new Set([...accounts, ...contracts, ...pods, await f.restakingManager.burnAddress()])];
}
