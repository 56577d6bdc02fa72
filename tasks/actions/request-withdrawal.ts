/**
 * `lab request-withdrawal --amount 0.005` (or `--all`): queue LST for withdrawal. The request
 * is priced now; it is paid after a report finalises it, at min(value now, value then).
 */
import {
  eth,
  labAction,
  labCommand,
  openLab,
  parseAmount,
  refuseConflict,
  send,
  SLETH,
  UserError,
} from "../lib.js";

export default labAction<{ amount: string; all: boolean; account: string }>(
  async ({ amount, all, account }, hre) => {
    refuseConflict({ all, amount: amount !== "" }, "--amount 0.005 (or --all alone)");
    const asked = all ? undefined : parseAmount(amount, "amount", SLETH);
    const { pool, token, signer } = await openLab(hre, account);
    const balance = await token.balanceOf(signer.address);
    const shares = asked ?? balance;
    if (shares === 0n)
      throw new UserError(
        `You hold no slETH: stake first with ${labCommand("stake", "--amount 0.01", { asMe: true })}.`,
      );
    if (shares > balance) {
      throw new UserError(
        `You hold ${eth(balance, "slETH")}, less than the ${eth(shares, "slETH")} asked: lower --amount.`,
      );
    }
    const errors = [{ name: "DepositPool" }, { name: "LiquidStakingToken" }];
    const poolAddress = await pool.getAddress();
    if ((await token.allowance(signer.address, poolAddress)) < shares) {
      await send("Approval refused", errors, () => token.approve(poolAddress, shares));
    }
    const value = await pool.getEthByShares(shares);
    const hash = await send("Withdrawal request refused", errors, () =>
      pool.requestWithdrawal(shares),
    );
    const id = await pool.lastRequestId();
    console.log(
      `Request #${id}: ${eth(shares, "slETH")} worth ${eth(value)} now — ${hash}\n` +
        `It is finalised by the next oracle report (${labCommand("report")}), then claim it with ` +
        `${labCommand("claim-withdrawal", `--id ${id}`, { asMe: true })}.`,
    );
  },
);
