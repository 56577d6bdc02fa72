/** `lab real lido-stake --amount 0.01`: stake ETH in Lido on Hoodi (`submit`) and receive stETH. */
import { ZeroAddress } from "ethers";

import { UserError } from "../../scripts/lib/errors.js";
import { formatAmount, formatEth } from "../../scripts/lib/format.js";
import { openReal, requireWithinCap } from "../../scripts/lib/real.js";
import { labAction, labCommand, parseAmount } from "../lib.js";
import { sendReal, STETH } from "./shared.js";

export default labAction<{ amount: string; iKnow: boolean; account: string }>(
  async ({ amount, iKnow, account }, hre) => {
    const value = parseAmount(amount, "amount");
    requireWithinCap(value, "amount", iKnow);
    const real = await openReal(hre, account);
    const { lido, signer } = real;
    // Lido's own checks, read before sending: paused, then the stake limit.
    if ((await lido.isStakingPaused()) as boolean) {
      throw new UserError(
        "Lido has paused staking (isStakingPaused): nothing was sent; try again later.",
      );
    }
    const limit = (await lido.getCurrentStakeLimit()) as bigint;
    if (value > limit) {
      throw new UserError(
        `Lido's stake limit is reached: ${formatEth(limit)} may be staked now, less than ${formatEth(value)} ` +
          `(it refills each block): stake less, or later (${labCommand("real status")}).`,
      );
    }
    const quoted = (await lido.getSharesByPooledEth(value)) as bigint;
    const before = (await lido.balanceOf(signer.address)) as bigint;
    const link = await sendReal(
      real,
      "Stake refused",
      ["Lido"],
      () => lido.submit.estimateGas(ZeroAddress, { value }),
      () => lido.submit(ZeroAddress, { value }),
      value,
    );
    const [after, shares] = (await Promise.all([
      lido.balanceOf(signer.address),
      lido.sharesOf(signer.address),
    ])) as [bigint, bigint];
    console.log(
      `Staked ${formatEth(value)} in Lido: +${formatAmount(after - before, STETH)} ` +
        `(${formatAmount(quoted, { symbol: "shares", decimals: 18 })} at today's rate; you hold ${formatAmount(shares, { symbol: "shares", decimals: 18 })}) — ${link}`,
    );
    console.log(
      `Next: wrap it with ${labCommand("real lido-wrap", "--amount 0.005", { asMe: true })}.`,
    );
  },
);
