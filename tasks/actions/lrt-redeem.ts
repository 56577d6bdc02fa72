/**
 * `lab lrt-redeem --shares 0.005` (or `--all`): ask to redeem slrETH. The request is priced now
 * and paid at min(value now, value at claim) after the restaking delay: `lab lrt-claim --id N`.
 */
import {
  eth,
  formatAmount,
  formatWhen,
  labAction,
  labCommand,
  labErrors,
  openLab,
  parseAmount,
  refuseConflict,
  send,
  SLRETH,
  UserError,
} from "../lib.js";

export default labAction<{ shares: string; all: boolean; account: string }>(
  async ({ shares, all, account }, hre) => {
    refuseConflict({ all, shares: shares !== "" }, "--shares 0.005 (or --all alone)");
    if (!all && shares === "")
      throw new UserError("Give --shares, e.g. --shares 0.005, or --all to redeem everything.");
    const amount = all ? undefined : parseAmount(shares, "shares", SLRETH);
    const lab = await openLab(hre, account);
    const { vault, signer } = lab;
    const balance = await vault.balanceOf(signer.address);
    const toRedeem = amount ?? balance;
    if (balance === 0n) {
      throw new UserError(
        `You hold no slrETH: deposit first with ${labCommand("lrt-deposit", "--eth 0.02", { asMe: true })}.`,
      );
    }
    if (toRedeem > balance) {
      throw new UserError(
        `You hold ${formatAmount(balance, SLRETH)}: redeem at most that (or --all).`,
      );
    }
    const hash = await send("Redemption request refused", labErrors(lab), () =>
      vault.requestRedeem(toRedeem),
    );
    const id = await vault.redeemRequestCount();
    const request = await vault.getRedeemRequest(id);
    console.log(
      `Redemption #${id}: ${formatAmount(toRedeem, SLRETH)} for at most ${eth(request.assets, "slETH")}, ` +
        `claimable ${formatWhen(request.readyAt, await lab.now())} — ${hash}\n` +
        `Claim it then with ${labCommand("lrt-claim", `--id ${id}`, { asMe: true })}.`,
    );
  },
);
