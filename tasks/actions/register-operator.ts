/** `lab register-operator`: become an operator (delegated to yourself) that services can use. */
import { labAction, labCommand, labErrors, openLab, send } from "../lib.js";

export default labAction<{ metadata: string; account: string }>(
  async ({ metadata, account }, hre) => {
    const lab = await openLab(hre, account);
    const hash = await send("Registering as operator refused", labErrors(lab), () =>
      lab.manager.registerAsOperator(metadata),
    );
    console.log(
      `${lab.signer.address} is an operator (split ${await lab.manager.operatorSplitBps(lab.signer.address)} bps) — ${hash}\n` +
        `Next: opt in and allocate to a service with ${labCommand("allocate", "--avs <address> --percent 50", { asMe: true })}.`,
    );
  },
);
