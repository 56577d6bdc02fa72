/**
 * `lab real eigen-queue-withdrawal --shares 0.002 | --all`: queue a withdrawal of your stETH
 * strategy shares (`queueWithdrawals`); it completes after EigenLayer's delay in blocks.
 */
import { REAL_ADDRESSES } from "../../config/real-protocols.js";
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount, formatDuration } from "../../scripts/lib/format.js";
import { openReal } from "../../scripts/lib/real.js";
import { labAction, labCommand, parseAmount, refuseConflict } from "../lib.js";
import { EIGEN_SHARES, sendReal } from "./shared.js";

export default labAction<{ shares: string; all: boolean; account: string }>(
  async ({ shares, all, account }, hre) => {
    refuseConflict({ all, shares: shares !== "" }, "--all");
    if (!all && shares === "") {
      throw new UserError(
        "--shares or --all is required: e.g. --shares 0.002, or --all for all your shares.",
      );
    }
    const asked = all ? 0n : parseAmount(shares, "shares", EIGEN_SHARES);
    const real = await openReal(hre, account);
    const { delegationManager, strategyManager, signer } = real;
    const me = signer.address;
    const strategy = REAL_ADDRESSES.eigenLayer.stETHStrategy.address;
    const held = (await strategyManager.stakerDepositShares(me, strategy)) as bigint;
    const amount = all ? held : asked;
    if (held === 0n || amount > held) {
      throw new UserError(
        `You hold ${formatAmount(held, EIGEN_SHARES)} in EigenLayer's stETH strategy` +
          `${all ? "" : `, less than --shares ${formatAmount(amount, EIGEN_SHARES)}`}: restake first with ` +
          `${labCommand("real eigen-restake", "--amount 0.004", { asMe: true })}.`,
      );
    }
    const params = [
      { strategies: [strategy], depositShares: [amount], __deprecated_withdrawer: me },
    ];
    const link = await sendReal(
      real,
      "Withdrawal refused",
      ["EigenLayer DelegationManager", "EigenLayer StrategyManager"],
      () => delegationManager.queueWithdrawals.estimateGas(params),
      () => delegationManager.queueWithdrawals(params),
    );
    const delay = (await delegationManager.minWithdrawalDelayBlocks()) as bigint;
    console.log(
      `Queued ${formatAmount(amount, EIGEN_SHARES)} for withdrawal — ${link}. They stay slashable for ` +
        `${delay} blocks (≈ ${formatDuration(delay * 12n)}); then ${labCommand("real eigen-complete", "", { asMe: true })}.`,
    );
  },
);
