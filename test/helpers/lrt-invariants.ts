/**
 * The liquid-restaking invariant of DESIGN §10, checked from the outside (the vault's and the
 * restaking manager's views, and balances), so a scenario can assert it after every step:
 *
 * - INV-8 the LRT's `totalAssets` never counts slashed stake: it is at most the idle LST plus what
 *   the manager says the vault can withdraw (`withdrawableUnderlying`) plus what the manager says
 *   each of the vault's open queued withdrawals will pay (`previewWithdrawal`), and each of those
 *   figures is already net of every slash.
 *
 * Alongside it, the vault's own bookkeeping: its parts add up, the idle LST it counts is really
 * held, escrowed shares and reserved LST match the open requests, the supply is backed, and
 * converting back and forth never creates value (rounding favours the vault).
 */
import { expect } from "chai";

import type {
  DepositPool,
  LiquidStakingToken,
  LRTVault,
  RestakingManager,
} from "../../types/ethers-contracts/index.js";
import { expectAtMost, expectEqualWithinRounding } from "./assertions.js";

export interface LRTSystem {
  vault: LRTVault;
  restakingManager: RestakingManager;
  lst: LiquidStakingToken;
  pool: DepositPool;
}

/** Amounts used to probe the rounding of the two conversions. */
const PROBES = [1n, 999n, 10n ** 9n + 7n, 10n ** 18n, 12_345_678_901_234_567_891n];

/**
 * Checks INV-8 and the vault's bookkeeping, and returns `totalAssets`. `step` names the scenario
 * step in every failure message.
 */
export async function checkLRTInvariants(
  { vault, restakingManager, lst, pool }: LRTSystem,
  step: string,
): Promise<bigint> {
  const vaultAddress = await vault.getAddress();
  const lstAddress = await lst.getAddress();
  const [total, idle, reserved, restaked, queued, supply, escrow, held, count, open, earned] =
    await Promise.all([
      vault.totalAssets(),
      vault.idleAssets(),
      vault.reservedAssets(),
      vault.restakedAssets(),
      vault.queuedAssets(),
      vault.totalSupply(),
      vault.balanceOf(vaultAddress),
      lst.balanceOf(vaultAddress),
      vault.redeemRequestCount(),
      vault.openWithdrawals(),
      vault.earnedRewards(),
    ]);

  // What the manager says, request by request.
  const withdrawable = await restakingManager.withdrawableUnderlying(vaultAddress, lstAddress);
  let previews = 0n;
  let escrowed = 0n;
  let reservedSum = 0n;
  let openCount = 0n;
  for (let id = 1n; id <= count; id++) {
    const request = await vault.getRedeemRequest(id);
    if (request.claimed) continue;
    escrowed += request.shares;
    reservedSum += request.fromBuffer;
    if (request.scaledShares !== 0n) {
      openCount += 1n;
      const [, amount] = await restakingManager.previewWithdrawal(request.withdrawalId);
      previews += amount;
    }
  }
  const [undelegationId] = await vault.pendingUndelegation();
  if (undelegationId !== 0n) {
    openCount += 1n;
    const [, amount] = await restakingManager.previewWithdrawal(undelegationId);
    previews += amount;
  }
  // Rewards earned in the LST, net of the fee the harvest will take (rounded as the vault rounds).
  const claimable = await restakingManager.claimableRewards(vaultAddress, lstAddress);
  const earnedNet = claimable - (claimable * (await vault.feeBps())) / 10_000n;

  // INV-8: every term is net of slashing, so their sum is too.
  expect(restaked, `${step} › INV-8 restaked LST = manager's withdrawableUnderlying`).to.equal(
    withdrawable,
  );
  expectAtMost(queued, previews, `${step} › INV-8 queued LST ≤ Σ manager previewWithdrawal`);
  // At every moment, across every slash: the vault rounds the sum once and takes open + 1 shares and
  // open + 1 wei off it, so it is below what the manager will pay by a few wei per open withdrawal.
  expectEqualWithinRounding(
    queued,
    previews,
    `${step} › queued LST = Σ previewWithdrawal within rounding`,
    3n * openCount + 3n,
  );
  expect(earned, `${step} › earned rewards = claimable LST net of the fee`).to.equal(earnedNet);
  expectAtMost(
    total,
    idle + withdrawable + previews + earnedNet,
    `${step} › INV-8 totalAssets ≤ idle + withdrawable + queued + earned (never counts slashed stake)`,
  );
  expect(total, `${step} › totalAssets = idle + restaked + queued + earned`).to.equal(
    idle + restaked + queued + earned,
  );

  // Bookkeeping.
  expect(open, `${step} › open withdrawals = open requests with a withdrawal`).to.equal(openCount);
  expectAtMost(idle, held, `${step} › idle LST counted ≤ LST held`);
  expect(reserved, `${step} › reserved LST = Σ open requests' buffer part`).to.equal(reservedSum);
  expectAtMost(escrowed, escrow, `${step} › escrowed LRT ≤ the vault's own LRT balance`);
  expectAtMost(
    await vault.convertToAssets(supply),
    total,
    `${step} › the LRT supply is backed by totalAssets`,
  );

  // Rounding favours the vault: no round trip creates value.
  for (const amount of PROBES) {
    const shares = await vault.convertToShares(amount);
    expectAtMost(
      await vault.convertToAssets(shares),
      amount,
      `${step} › assets→shares→assets (${amount})`,
    );
    // Minting what a deposit of `amount` would give never costs more than `amount`...
    expectAtMost(
      await vault.previewMint(await vault.previewDeposit(amount)),
      amount,
      `${step} › previewMint(previewDeposit(${amount})) ≤ ${amount}`,
    );
    // ...and the shares a withdrawal of `amount` burns are worth at least `amount`.
    expectAtMost(
      amount,
      await vault.previewRedeem(await vault.previewWithdraw(amount)),
      `${step} › previewRedeem(previewWithdraw(${amount})) ≥ ${amount}`,
    );
    const assets = await vault.convertToAssets(amount);
    expectAtMost(
      await vault.convertToShares(assets),
      amount,
      `${step} › shares→assets→shares (${amount})`,
    );
  }

  // The LRT's value in ETH compounds the two rates.
  const oneLrt = 10n ** (await vault.decimals());
  expect(
    await vault.lrtRateInEth(),
    `${step} › lrtRateInEth = LST rate of the vault rate`,
  ).to.equal(await pool.getEthByShares(await vault.convertToAssets(oneLrt)));
  return total;
}
