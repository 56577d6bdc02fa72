/** `lab claim-withdrawal --id 1`: collect the ETH of a finalised withdrawal request. */
import { eth, labAction, openLab, parseIndex, refusing, send } from "../lib.js";

export default labAction<{ id: string; account: string }>(async ({ id, account }, hre) => {
  const requestId = parseIndex(id, "id");
  const { pool, signer, ethers } = await openLab(hre, account);
  const what = `Claim of request #${requestId} refused`;
  const claimable = await refusing(what, [{ name: "DepositPool" }], () =>
    pool.claimableEther(requestId),
  );
  const before = await ethers.provider.getBalance(signer.address);
  const hash = await send(what, [{ name: "DepositPool" }], () => pool.claimWithdrawal(requestId));
  const after = await ethers.provider.getBalance(signer.address);
  console.log(
    `Claimed ${eth(claimable)} for request #${requestId} (your balance ${eth(before)} → ${eth(after)}, after gas) — ${hash}`,
  );
});
