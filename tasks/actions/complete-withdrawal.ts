/** `lab complete-withdrawal --id 1`: collect a queued restaking withdrawal after its delay. */
import { eth, labAction, labErrors, openLab, parseIndex, send } from "../lib.js";

export default labAction<{ id: string; account: string }>(async ({ id, account }, hre) => {
  const lab = await openLab(hre, account);
  const withdrawalId = parseIndex(id, "id");
  const [, amount] = await lab.manager.previewWithdrawal(withdrawalId);
  const { token } = await lab.manager.getWithdrawal(withdrawalId);
  const unit = token === (await lab.manager.beaconChainETHStrategy()) ? "ETH" : "slETH";
  const hash = await send(`Completing withdrawal #${withdrawalId} refused`, labErrors(lab), () =>
    lab.manager.completeQueuedWithdrawal(withdrawalId),
  );
  console.log(`Withdrawal #${withdrawalId} paid ${eth(amount, unit)} — tx ${hash}`);
});
