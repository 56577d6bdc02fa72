/**
 * `lab real rp-deposit --amount 0.01`: deposit ETH into Rocket Pool's deposit pool (found through
 * RocketStorage) and receive rETH, less the deposit fee. Refuses, before sending, when deposits
 * are disabled, below the minimum, or the pool is full.
 */
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount, formatEth, formatWadPercent } from "../../scripts/lib/format.js";
import { openReal, requireWithinCap } from "../../scripts/lib/real.js";
import { labAction, labCommand, parseAmount } from "../lib.js";
import { RETH, sendReal } from "./shared.js";

export default labAction<{ amount: string; iKnow: boolean; account: string }>(
  async ({ amount, iKnow, account }, hre) => {
    const value = parseAmount(amount, "amount");
    requireWithinCap(value, "amount", iKnow);
    const real = await openReal(hre, account);
    const { depositPool, depositSettings, rETH, signer } = real;
    const [enabled, minimum, room, fee] = (await Promise.all([
      depositSettings.getDepositEnabled(),
      depositSettings.getMinimumDeposit(),
      depositPool.getMaximumDepositAmount(),
      depositSettings.getDepositFee(),
    ])) as [boolean, bigint, bigint, bigint];
    if (!enabled) {
      throw new UserError(
        "Rocket Pool's deposits are disabled (getDepositEnabled is false, a DAO setting): nothing was sent; try later.",
      );
    }
    if (value < minimum) {
      throw new UserError(
        `Rocket Pool's minimum deposit is ${formatEth(minimum)}, more than ${formatEth(value)}: deposit at least that.`,
      );
    }
    if (value > room) {
      throw new UserError(
        `Rocket Pool's deposit pool is full: room for ${formatEth(room)}, less than ${formatEth(value)} ` +
          `(it empties as node operators take ETH for validators): deposit less, or later (${labCommand("real status")}).`,
      );
    }
    const feeWei = (value * fee) / 10n ** 18n;
    const quoted = (await rETH.getRethValue(value - feeWei)) as bigint;
    const before = (await rETH.balanceOf(signer.address)) as bigint;
    const link = await sendReal(
      real,
      "Deposit refused",
      ["RocketDepositPool", "RocketTokenRETH"],
      () => depositPool.deposit.estimateGas({ value }),
      () => depositPool.deposit({ value }),
      value,
    );
    const got = ((await rETH.balanceOf(signer.address)) as bigint) - before;
    console.log(
      `Deposited ${formatEth(value)} into Rocket Pool: fee ${formatEth(feeWei)} (${formatWadPercent(fee)}), ` +
        `+${formatAmount(got, RETH)} (quoted ${formatAmount(quoted, RETH)}) — ${link}`,
    );
  },
);
