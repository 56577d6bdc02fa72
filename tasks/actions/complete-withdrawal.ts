/** `lab complete-withdrawal --id 1`: collect a queued restaking withdrawal after its delay. */
import { eth, labAction, labErrors, openLab, parseIndex, refusing, send } from "../lib.js";

export default labAction<{ id: string; account: string }>(async ({ id, account }, hre) => {
  const withdrawalId = parseIndex(id, "id");
  const lab = await openLab(hre, account);
  const what = `Completing withdrawal #${withdrawalId} refused`;
  const [[, amount], { token }] = await refusing(what, [{ name: "RestakingManager" }], () =>
    Promise.all([
      lab.manager.previewWithdrawal(withdrawalId),
      lab.manager.getWithdrawal(withdrawalId),
    ]),
  );
  const unit = token === (await lab.manager.beaconChainETHStrategy()) ? "ETH" : "slETH";
  const hash = await send(what, labErrors(lab), () =>
    lab.manager.completeQueuedWithdrawal(withdrawalId),
  );
  console.log(`Withdrawal #${withdrawalId} paid ${eth(amount, unit)} — ${hash}`);
});
