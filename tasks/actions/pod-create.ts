/** `lab pod-create`: create your RestakingPod, the withdrawal address of your own validators. */
import { labAction, labErrors, openLab, send } from "../lib.js";

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const lab = await openLab(hre, account);
  const hash = await send("Creating the pod refused", labErrors(lab), () =>
    lab.manager.createPod(),
  );
  console.log(
    `Your pod is ${await lab.manager.podOf(lab.signer.address)} — tx ${hash}\n` +
      "Next: `npx hardhat lab pod-stake` runs a validator with the pod as its withdrawal address.",
  );
});
