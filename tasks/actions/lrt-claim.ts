/** `lab lrt-claim --id 1`: collect a redemption's slETH once the restaking delay has passed. */
import { eth, labAction, labErrors, openLab, parseIndex, send } from "../lib.js";

export default labAction<{ id: string; account: string }>(async ({ id, account }, hre) => {
  const lab = await openLab(hre, account);
  const requestId = parseIndex(id, "id");
  const hash = await send(`Claim of redemption #${requestId} refused`, labErrors(lab), () =>
    lab.vault.claimRedeem(requestId),
  );
  const { assets } = await lab.vault.getRedeemRequest(requestId);
  console.log(
    `Redemption #${requestId} paid (at most ${eth(assets, "slETH")} as priced at request) — tx ${hash}`,
  );
});
