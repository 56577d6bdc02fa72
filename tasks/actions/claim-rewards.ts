/** `lab claim-rewards`: collect your service rewards (as a delegator and as an operator). */
import { eth, labAction, labErrors, openLab, send } from "../lib.js";

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const lab = await openLab(hre, account);
  const { manager, token, signer } = lab;
  const claimable = await manager.claimableRewards(signer.address, token);
  const hash = await send("Claim refused", labErrors(lab), () =>
    manager.claimRewards(token, signer.address),
  );
  console.log(`Claimed ${eth(claimable, "slETH")} of service rewards — ${hash}`);
});
