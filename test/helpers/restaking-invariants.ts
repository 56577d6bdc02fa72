/**
 * The restaking invariants of DESIGN §10, checked from the outside (views and balances only), so a
 * scenario can assert them after every step:
 *
 * - INV-5 the stakers' withdrawable shares plus the shares of open queued withdrawals never exceed
 *   what the strategy holds: in shares, in accounted tokens, and in tokens actually held (for
 *   native ETH: what the pods have credited).
 * - INV-7 a slash takes at most the slashed fraction from the slashed operator's delegators and
 *   nothing from anyone else (`checkSlashingLosses`, with snapshots taken before and after).
 *
 * INV-6 (slashing cost independent of the number of stakers) is a gas measurement:
 * `test/restaking/RestakingManager.gas.test.ts`.
 */
import { expect } from "chai";
import { Contract } from "ethers";

import type { RestakingManager } from "../../types/ethers-contracts/index.js";
import { expectAtMost } from "./assertions.js";

const WAD = 10n ** 18n;

/**
 * Rounding margin of EigenLayer's accounting, in wei, for `shares` withdrawable shares: the deposit
 * scaling factor `k` is kept in WAD and rounded down, so `s·k` can be short by up to `s / 1e18`
 * wei, and each of the two products `(s·k)·m` rounds down by less than one wei. A staker never
 * gains from it (INV-3): the margin only ever applies below the exact figure.
 */
export function scalingRoundingMargin(shares: bigint): bigint {
  return shares / WAD + 2n;
}

/** What the checks read: the manager, the stakers and pods to sum over. */
export interface RestakingSystem {
  manager: RestakingManager;
  /** Every address that may hold shares (stakers and operators). */
  stakers: string[];
  /** Pods whose credited balance backs the native-ETH strategy. */
  pods?: string[];
}

/**
 * INV-5, in every strategy: Σ withdrawable shares + Σ open queued withdrawals ≤ total shares, and
 * what that sum redeems for (rounded down once, an upper bound of the sum of each claim rounded down)
 * ≤ accounted tokens ≤ tokens held. Native ETH: Σ claims ≤ Σ pods' credited balance.
 */
export async function checkRestakingInvariants(
  { manager, stakers, pods = [] }: RestakingSystem,
  step: string,
): Promise<void> {
  const managerAddress = await manager.getAddress();
  const native = await manager.beaconChainETHStrategy();
  const tokens = await manager.strategyTokens();
  const claims = new Map<string, bigint>(tokens.map((token) => [token, 0n]));
  for (const token of tokens) {
    for (const staker of stakers) {
      claims.set(token, claims.get(token)! + (await manager.withdrawableShares(staker, token)));
    }
  }
  const withdrawalCount = await manager.withdrawalCount();
  for (let id = 1n; id <= withdrawalCount; id++) {
    const withdrawal = await manager.getWithdrawal(id);
    if (withdrawal.completed) continue;
    const [queuedShares] = await manager.previewWithdrawal(id);
    claims.set(withdrawal.token, claims.get(withdrawal.token)! + queuedShares);
  }
  for (const token of tokens) {
    const shares = claims.get(token)!;
    if (token === native) {
      let credited = 0n;
      for (const pod of pods) {
        const podContract = new Contract(
          pod,
          ["function restakedBalance() view returns (uint256)"],
          manager.runner,
        );
        credited += (await podContract.restakedBalance()) as bigint;
      }
      expectAtMost(shares, credited, `INV-5 ${step}: native ETH claims vs pods' credited balance`);
      continue;
    }
    const strategy = await manager.getStrategy(token);
    const erc20 = new Contract(
      token,
      ["function balanceOf(address) view returns (uint256)"],
      manager.runner,
    );
    const held = (await erc20.balanceOf(managerAddress)) as bigint;
    expectAtMost(
      shares,
      strategy.totalShares,
      `INV-5 ${step}: withdrawable shares vs total shares of ${token}`,
    );
    expectAtMost(
      await manager.sharesToUnderlying(token, shares),
      strategy.totalAssets,
      `INV-5 ${step}: withdrawable tokens vs accounted ${token}`,
    );
    expectAtMost(strategy.totalAssets, held, `INV-5 ${step}: accounted vs held ${token}`);
  }
}

/** Withdrawable shares per staker and strategy: `snapshot[staker][token]`. */
export type WithdrawableSnapshot = Record<string, Record<string, bigint>>;

/** Reads every staker's withdrawable shares in every strategy. */
export async function withdrawableSnapshot(
  manager: RestakingManager,
  stakers: string[],
): Promise<WithdrawableSnapshot> {
  const tokens = await manager.strategyTokens();
  const snapshot: WithdrawableSnapshot = {};
  for (const staker of stakers) {
    snapshot[staker] = {};
    for (const token of tokens)
      snapshot[staker][token] = await manager.withdrawableShares(staker, token);
  }
  return snapshot;
}

/**
 * INV-7: between `before` and `after`, a staker delegated (in `delegation`) to an operator in
 * `slashedFractionWad` lost at most that fraction of its withdrawable shares (less 2 wei of
 * rounding) and every other staker lost nothing. `slashedFractionWad[operator]` is the fraction of
 * the operator's stake slashed, in WAD (10 % of a 50 % allocation = 5e16): one figure for every
 * strategy, or one per strategy token (a strategy left out lost nothing).
 */
export function checkSlashingLosses(
  before: WithdrawableSnapshot,
  after: WithdrawableSnapshot,
  delegation: Record<string, string>,
  slashedFractionWad: Record<string, bigint | Record<string, bigint>>,
  step: string,
): void {
  for (const [staker, tokens] of Object.entries(before)) {
    const operator = delegation[staker];
    const fractions = operator === undefined ? undefined : slashedFractionWad[operator];
    for (const [token, was] of Object.entries(tokens)) {
      const now = after[staker][token];
      const fraction = typeof fractions === "bigint" ? fractions : fractions?.[token];
      expectAtMost(now, was, `INV-7 ${step}: ${staker} gained in ${token}`);
      if (fraction === undefined) {
        expect(now, `INV-7 ${step}: ${staker} loses nothing in ${token}`).to.equal(was);
      } else {
        // Loses at most the fraction: now ≥ was × (1 − fraction), less 2 wei of rounding.
        const floor = (was * (WAD - fraction)) / WAD;
        expect(
          now + 2n >= floor,
          `INV-7 ${step}: ${staker} lost more than ${fraction} WAD in ${token} (${was} → ${now}, floor ${floor})`,
        ).to.equal(true);
      }
    }
  }
}
