/**
 * `lab real eigen-restake --amount 0.004`: restake stETH from Lido in EigenLayer's stETH strategy
 * (approve the StrategyManager, then `depositIntoStrategy`).
 */
import { REAL_ADDRESSES } from "../../config/real-protocols.js";
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount } from "../../scripts/lib/format.js";
import { openReal, requireWithinCap } from "../../scripts/lib/real.js";
import { labAction, labCommand, parseAmount } from "../lib.js";
import { approveStEth, EIGEN_SHARES, requireStEth, sendReal, STETH } from "./shared.js";

export default labAction<{ amount: string; iKnow: boolean; account: string }>(
  async ({ amount, iKnow, account }, hre) => {
    const value = parseAmount(amount, "amount", STETH);
    requireWithinCap(value, "amount", iKnow);
    const real = await openReal(hre, account);
    const { lido, strategy, strategyManager, signer } = real;
    const me = signer.address;
    const strategyAddress = REAL_ADDRESSES.eigenLayer.stETHStrategy.address;
    const [held, open] = (await Promise.all([
      lido.balanceOf(me),
      strategyManager.strategyIsWhitelistedForDeposit(strategyAddress),
    ])) as [bigint, boolean];
    if (!open) {
      throw new UserError(
        "EigenLayer's stETH strategy takes no deposits now (strategyIsWhitelistedForDeposit is false): try later.",
      );
    }
    requireStEth(held, value);
    const quoted = (await strategy.underlyingToSharesView(value)) as bigint;
    if (quoted === 0n) {
      throw new UserError(
        `${formatAmount(value, STETH)} buys no share of the strategy: restake more.`,
      );
    }
    await approveStEth(real, await strategyManager.getAddress(), value);
    const before = (await strategyManager.stakerDepositShares(me, strategyAddress)) as bigint;
    const stETH = await lido.getAddress();
    const link = await sendReal(
      real,
      "Restake refused",
      ["EigenLayer StrategyManager", "EigenLayer StrategyBase", "Lido"],
      () => strategyManager.depositIntoStrategy.estimateGas(strategyAddress, stETH, value),
      () => strategyManager.depositIntoStrategy(strategyAddress, stETH, value),
    );
    const after = (await strategyManager.stakerDepositShares(me, strategyAddress)) as bigint;
    console.log(
      `Restaked ${formatAmount(value, STETH)} in EigenLayer's stETH strategy: +${formatAmount(after - before, EIGEN_SHARES)} ` +
        `(quoted ${formatAmount(quoted, EIGEN_SHARES)}) — ${link}`,
    );
    console.log(
      `Next: delegate to an operator with ${labCommand("real eigen-delegate", "--operator <address>", { asMe: true })}.`,
    );
  },
);
