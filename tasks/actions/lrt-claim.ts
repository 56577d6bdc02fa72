/** `lab lrt-claim --id 1`: collect a redemption's slETH once the restaking delay has passed. */
import { eth, labAction, openLab, parseIndex, send } from "../lib.js";

export default labAction<{ id: string; account: string }>(async ({ id, account }, hre) => {
  const requestId = parseIndex(id, "id");
  const lab = await openLab(hre, account);
  const before = await lab.token.balanceOf(lab.signer.address);
  const hash = await send(`Claim of redemption #${requestId} refused`, [{ name: "LRTVault" }], () =>
    lab.vault.claimRedeem(requestId),
  );
  const received = (await lab.token.balanceOf(lab.signer.address)) - before;
  console.log(`Redemption #${requestId} paid ${eth(received, "slETH")} — ${hash}`);
});
