/**
 * `lab real rp-burn --amount 0.005 | --all`: burn rETH for ETH at once, from rETH's collateral.
 * Refuses, before sending, when the collateral cannot pay it.
 */
import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount, formatEth } from "../../scripts/lib/format.js";
import { openReal, requireWithinCap } from "../../scripts/lib/real.js";
import { labAction, labCommand, parseAmount, refuseConflict } from "../lib.js";
import { feePaid, RETH, sendReal } from "./shared.js";

export default labAction<{ amount: string; all: boolean; iKnow: boolean; account: string }>(
  async ({ amount, all, iKnow, account }, hre) => {
    refuseConflict({ all, amount: amount !== "" }, "--all");
    if (!all && amount === "") {
      throw new UserError(
        "--amount or --all is required: e.g. --amount 0.005, or --all for all your rETH.",
      );
    }
    const asked = all ? 0n : parseAmount(amount, "amount", RETH);
    const real = await openReal(hre, account);
    const { rETH, signer } = real;
    const me = signer.address;
    const held = (await rETH.balanceOf(me)) as bigint;
    const value = all ? held : asked;
    if (held === 0n || held < value) {
      throw new UserError(
        `You hold ${formatAmount(held, RETH)}${all ? "" : `, less than --amount ${formatAmount(value, RETH)}`}: ` +
          `deposit first with ${labCommand("real rp-deposit", "--amount 0.01", { asMe: true })}.`,
      );
    }
    const [ethValue, collateral] = (await Promise.all([
      rETH.getEthValue(value),
      rETH.getTotalCollateral(),
    ])) as [bigint, bigint];
    requireWithinCap(ethValue, all ? "all" : "amount", iKnow);
    if (ethValue > collateral) {
      throw new UserError(
        `rETH's collateral is ${formatEth(collateral)}, less than the ${formatEth(ethValue)} your rETH is worth: ` +
          `Rocket Pool pays burns only from it; burn less, or later (${labCommand("real status")}).`,
      );
    }
    const before = await real.ethers.provider.getBalance(me);
    const link = await sendReal(
      real,
      "Burn refused",
      ["RocketTokenRETH", "RocketDepositPool"],
      () => rETH.burn.estimateGas(value),
      () => rETH.burn(value),
    );
    const paid = (await real.ethers.provider.getBalance(me)) - before + (await feePaid(real, link));
    console.log(
      `Burned ${formatAmount(value, RETH)} for ${formatEth(paid)} at once (no queue: paid from the collateral) — ${link}`,
    );
  },
);
