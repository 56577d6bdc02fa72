/** `lab pod-create`: create your RestakingPod, the withdrawal address of your own validators. */
import { labAction, labCommand, labErrors, openLab, send } from "../lib.js";

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const lab = await openLab(hre, account);
  const hash = await send("Creating the pod refused", labErrors(lab), () =>
    lab.manager.createPod(),
  );
  console.log(
    `Your pod is ${await lab.manager.podOf(lab.signer.address)} — ${hash}\n` +
      `Next: ${labCommand("pod-stake", "", { asMe: true })} runs a validator with the pod as its withdrawal address.`,
  );
});
