/**
 * The liquid-staking invariants of DESIGN §10, checked from the outside (views and balances only),
 * so a scenario can assert them after every step:
 *
 * - INV-1 solvency: the LST supply at the exchange rate is backed by what the pool accounts, the
 *   pool's ETH covers its buffer, its reserved withdrawals and its unaccounted sweeps, and (once
 *   every loss is reported) the consensus layer holds at least the CL balance the pool counts.
 * - INV-2 the rate moves only with reports: a deposit, request or claim leaves it within rounding.
 * - INV-3 rounding favours the protocol: converting back and forth never creates value.
 * - INV-4 no request pays more than its value at request; together they never exceed `lockedEther`.
 */
import { expect } from "chai";

import type {
  BeaconChainSimulator,
  DepositPool,
  LiquidStakingToken,
} from "../../types/ethers-contracts/index.js";
import { expectAtMost, expectEqualWithinRounding } from "./assertions.js";

export interface StakingSystem {
  pool: DepositPool;
  token: LiquidStakingToken;
  simulator: BeaconChainSimulator;
}

export interface InvariantOptions {
  /**
   * The exchange rate before a step that must not move it (a deposit, a request, a claim, a
   * sweep): INV-2 is then checked against it. Leave it out after a report.
   */
  rateBefore?: bigint;
  /**
   * A CL loss happened that no report has seen yet (a slashing, a penalty): the pool still counts
   * the old balance until the next report, so the CL-backing half of INV-1 is skipped.
   */
  unreportedClLoss?: boolean;
}

/** Amounts used to probe the rounding of the two conversions (INV-3). */
const PROBES = [1n, 999n, 10n ** 9n + 7n, 10n ** 18n, 12_345_678_901_234_567_891n];

/**
 * Checks INV-1..INV-4 and returns the exchange rate, to pass as `rateBefore` to the next check.
 * `step` names the scenario step in every failure message.
 */
export async function checkStakingInvariants(
  { pool, token, simulator }: StakingSystem,
  step: string,
  options: InvariantOptions = {},
): Promise<bigint> {
  const poolAddress = await pool.getAddress();
  const [supply, pooled, buffered, locked, unaccounted, clBalance, deposited, seen, deposit, rate] =
    await Promise.all([
      token.totalSupply(),
      pool.totalPooledEther(),
      pool.bufferedEther(),
      pool.lockedEther(),
      pool.unaccountedClWithdrawals(),
      pool.clBalance(),
      pool.depositedValidators(),
      pool.clValidators(),
      pool.validatorDeposit(),
      pool.getExchangeRate(),
    ]);

  // INV-1: the supply is worth no more than the pooled ether...
  expectAtMost(
    await pool.getEthByShares(supply),
    pooled,
    `${step} › INV-1 supply value ≤ totalPooledEther`,
  );
  // ...the ETH on the pool's balance covers what it accounts as held...
  const balance = await pool.runner!.provider!.getBalance(poolAddress);
  expectAtMost(
    buffered + locked + unaccounted,
    balance,
    `${step} › INV-1 buffered + locked + unaccounted ≤ pool balance`,
  );
  // ...and the consensus layer holds what the pool counts there (reported + in transit).
  if (!options.unreportedClLoss) {
    const onCl = await simulator.totalBalanceOf(poolAddress);
    expectAtMost(
      clBalance + (deposited - seen) * deposit,
      onCl + unaccounted,
      `${step} › INV-1 counted CL balance + deposits in transit ≤ simulator balance + swept`,
    );
  }

  // INV-2: a step that is not a report leaves the rate within rounding.
  if (options.rateBefore !== undefined) {
    expectEqualWithinRounding(rate, options.rateBefore, `${step} › INV-2 exchange rate unchanged`);
  }

  // INV-3: round trips never create value (mint down, pay down).
  for (const amount of PROBES) {
    const shares = await pool.getSharesByEth(amount);
    expectAtMost(
      await pool.getEthByShares(shares),
      amount,
      `${step} › INV-3 eth→shares→eth (${amount})`,
    );
    const eth = await pool.getEthByShares(amount);
    expectAtMost(
      await pool.getSharesByEth(eth),
      amount,
      `${step} › INV-3 shares→eth→shares (${amount})`,
    );
  }

  // INV-4: each request pays at most its value at request; unclaimed payouts fit in lockedEther.
  const lastRequest = await pool.lastRequestId();
  const lastFinalized = await pool.lastFinalizedRequestId();
  let previousEth = 0n;
  let owed = 0n;
  for (let id = 1n; id <= lastRequest; id++) {
    const request = await pool.getWithdrawalRequest(id);
    const valueAtRequest = request.cumulativeEth - previousEth;
    previousEth = request.cumulativeEth;
    const claimable = await pool.claimableEther(id);
    expectAtMost(
      claimable,
      valueAtRequest,
      `${step} › INV-4 request ${id} pays ≤ its value at request`,
    );
    if (id <= lastFinalized && !request.claimed) owed += claimable;
    if (id > lastFinalized || request.claimed) {
      expect(claimable, `${step} › request ${id} not claimable`).to.equal(0n);
    }
  }
  expectAtMost(owed, locked, `${step} › INV-4 unclaimed payouts ≤ lockedEther`);
  return rate;
}
