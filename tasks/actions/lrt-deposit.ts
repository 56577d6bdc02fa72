/**
 * `lab lrt-deposit --eth 0.01` or `--lst 0.01`: liquid restaking — deposit ETH (staked through
 * the pool first) or slETH into the LRT vault and receive slrETH. `--min-shares` bounds slippage.
 */
import {
  approveLst,
  eth,
  formatAmount,
  labAction,
  labErrors,
  openLab,
  parseAmount,
  requireBalance,
  send,
  SLETH,
  SLRETH,
  UserError,
} from "../lib.js";

export default labAction<{ eth: string; lst: string; minShares: string; account: string }>(
  async ({ eth: ethAmount, lst, minShares, account }, hre) => {
    if ((ethAmount === "") === (lst === ""))
      throw new UserError("Give exactly one of --eth or --lst, e.g. --eth 0.01");
    const minimum = minShares === "" ? 0n : parseAmount(minShares, "min-shares", SLRETH);
    const value = ethAmount === "" ? 0n : parseAmount(ethAmount, "eth");
    const assets = lst === "" ? 0n : parseAmount(lst, "lst", SLETH);
    const lab = await openLab(hre, account);
    const { vault, signer } = lab;
    const before = await vault.balanceOf(signer.address);
    let hash: string;
    if (ethAmount !== "") {
      await requireBalance(lab, value, "eth");
      hash = await send("LRT deposit refused", labErrors(lab), () =>
        vault.depositETH(signer.address, minimum, { value }),
      );
    } else {
      await requireBalance(lab, assets, "lst", "slETH");
      await approveLst(lab, await vault.getAddress(), assets);
      hash = await send("LRT deposit refused", labErrors(lab), () =>
        vault.depositWithMinShares(assets, signer.address, minimum),
      );
    }
    const minted = (await vault.balanceOf(signer.address)) - before;
    console.log(
      `Received ${formatAmount(minted, SLRETH)}, worth ${eth(await vault.ethValueOf(signer.address))} in all — ${hash}`,
    );
  },
);
