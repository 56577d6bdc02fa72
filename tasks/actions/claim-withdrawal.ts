/** `lab claim-withdrawal --id 1`: collect the ETH of a finalised withdrawal request. */
import { eth, labAction, openLab, parseIndex, send } from "../lib.js";

export default labAction<{ id: string; account: string }>(async ({ id, account }, hre) => {
  const { pool, signer, ethers } = await openLab(hre, account);
  const requestId = parseIndex(id, "id");
  const claimable = await pool.claimableEther(requestId);
  const before = await ethers.provider.getBalance(signer.address);
  const hash = await send(
    `Claim of request #${requestId} refused`,
    [{ name: "DepositPool", iface: pool.interface }],
    () => pool.claimWithdrawal(requestId),
  );
  const after = await ethers.provider.getBalance(signer.address);
  console.log(
    `Claimed ${eth(claimable)} for request #${requestId} (balance ${eth(before)} → ${eth(after)}) — tx ${hash}`,
  );
});
