/**
 * `lab lrt-redeem --shares 0.005` (or `--all`): ask to redeem slrETH. The request is priced now
 * and paid at min(value now, value at claim) after the restaking delay: `lab lrt-claim --id N`.
 */
import { formatUnits, parseUnits } from "ethers";

import { eth, labAction, labErrors, openLab, send, UserError } from "../lib.js";

export default labAction<{ shares: string; all: boolean; account: string }>(
  async ({ shares, all, account }, hre) => {
    const lab = await openLab(hre, account);
    const { vault, signer } = lab;
    const decimals = await vault.decimals();
    const balance = await vault.balanceOf(signer.address);
    let amount = balance;
    if (!all) {
      if (!/^\d+(\.\d+)?$/.test(shares))
        throw new UserError(`--shares must be an amount of slrETH such as 0.005, or use --all`);
      amount = parseUnits(shares, decimals);
    }
    if (amount === 0n || amount > balance) {
      throw new UserError(
        `You hold ${formatUnits(balance, decimals)} slrETH: redeem at most that.`,
      );
    }
    const hash = await send("Redemption request refused", labErrors(lab), () =>
      vault.requestRedeem(amount),
    );
    const id = await vault.redeemRequestCount();
    const request = await vault.getRedeemRequest(id);
    console.log(
      `Redemption #${id}: ${formatUnits(amount, decimals)} slrETH for at most ${eth(request.assets, "slETH")}, ` +
        `claimable from ${new Date(Number(request.readyAt) * 1000).toISOString()} — tx ${hash}\n` +
        `Claim it then with \`npx hardhat lab lrt-claim --id ${id}\`.`,
    );
  },
);
