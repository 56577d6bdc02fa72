/** `lab stake --amount 0.01`: deposit ETH into the pool and receive the LST at the current rate. */
import { eth, labAction, openLab, parseAmount, send } from "../lib.js";

export default labAction<{ amount: string; account: string }>(async ({ amount, account }, hre) => {
  const value = parseAmount(amount, "amount");
  const lab = await openLab(hre, account);
  const { pool, token, signer } = lab;
  const expectedShares = await pool.getSharesByEth(value);
  const before = await token.balanceOf(signer.address);
  const hash = await send("Deposit refused", [{ name: "DepositPool" }], () =>
    pool.deposit({ value }),
  );
  const minted = (await token.balanceOf(signer.address)) - before;
  console.log(
    `Deposited ${eth(value)} and received ${eth(minted, "slETH")} (quoted ${eth(expectedShares, "slETH")}) — ${hash}`,
  );
});
