/**
 * `lab real eigen-complete`: complete your oldest queued EigenLayer withdrawal once its delay in
 * blocks has passed (`completeQueuedWithdrawal`, as tokens: stETH back). Refuses with the blocks
 * left otherwise.
 */
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount, formatDuration } from "../../scripts/lib/format.js";
import { openReal } from "../../scripts/lib/real.js";
import { labAction, labCommand } from "../lib.js";
import { EIGEN_SHARES, sendReal, STETH } from "./shared.js";

/** Hoodi's slot time (eth-clients/hoodi `SECONDS_PER_SLOT`). */
const SECONDS_PER_BLOCK = 12n;

interface Withdrawal {
  staker: string;
  delegatedTo: string;
  withdrawer: string;
  nonce: bigint;
  startBlock: bigint;
  strategies: string[];
  scaledShares: bigint[];
}

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const real = await openReal(hre, account);
  const { delegationManager, lido, signer, ethers } = real;
  const me = signer.address;
  const [queued, payable] = (await delegationManager.getQueuedWithdrawals(me)) as [
    Withdrawal[],
    bigint[][],
  ];
  if (queued.length === 0) {
    throw new UserError(
      `You have no queued EigenLayer withdrawal: ${labCommand("real eigen-queue-withdrawal", "--all", { asMe: true })} queues one.`,
    );
  }
  const w = queued[0];
  const withdrawal = {
    staker: w.staker,
    delegatedTo: w.delegatedTo,
    withdrawer: w.withdrawer,
    nonce: w.nonce,
    startBlock: w.startBlock,
    strategies: [...w.strategies],
    scaledShares: [...w.scaledShares],
  };
  const [delay, block] = await Promise.all([
    delegationManager.minWithdrawalDelayBlocks() as Promise<bigint>,
    ethers.provider.getBlockNumber(),
  ]);
  // Completable in a block after startBlock + delay; the transaction lands in the next block.
  const left = BigInt(w.startBlock) + delay - BigInt(block);
  if (left > 0n) {
    throw new UserError(
      `EigenLayer's withdrawal delay has not passed: ${left} more block(s) (≈ ${formatDuration(left * SECONDS_PER_BLOCK)}) ` +
        `of ${delay}, while it stays slashable; run this again then.`,
    );
  }
  const tokens = await Promise.all(
    withdrawal.strategies.map(async (s) =>
      (await real.strategy.getAddress()) === s ? real.strategy.underlyingToken() : s,
    ),
  );
  const before = (await lido.balanceOf(me)) as bigint;
  const link = await sendReal(
    real,
    "Completion refused",
    ["EigenLayer DelegationManager", "EigenLayer StrategyManager", "EigenLayer StrategyBase"],
    () => delegationManager.completeQueuedWithdrawal.estimateGas(withdrawal, tokens, true),
    () => delegationManager.completeQueuedWithdrawal(withdrawal, tokens, true),
  );
  const got = ((await lido.balanceOf(me)) as bigint) - before;
  // The shares it pays (after any slashing while queued), not its scaled shares.
  const total = [...payable[0]].reduce((a, b) => a + b, 0n);
  console.log(
    `Completed the withdrawal of ${formatAmount(total, EIGEN_SHARES)}: +${formatAmount(got, STETH)} back — ${link}`,
  );
});
