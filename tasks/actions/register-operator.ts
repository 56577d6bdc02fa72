/** `lab register-operator`: become an operator (delegated to yourself) that services can use. */
import { formatBps, labAction, labCommand, labErrors, openLab, send } from "../lib.js";

export default labAction<{ metadata: string; account: string }>(
  async ({ metadata, account }, hre) => {
    const lab = await openLab(hre, account);
    const hash = await send("Registering as operator refused", labErrors(lab), () =>
      lab.manager.registerAsOperator(metadata),
    );
    console.log(
      `${lab.signer.address} is an operator (it keeps ${formatBps(await lab.manager.operatorSplitBps(lab.signer.address))} of the service rewards paid to its delegators) — ${hash}\n` +
        `Next: opt in and allocate to a service with ${labCommand("allocate", "--avs <address> --percent 50", { asMe: true })}.`,
    );
  },
);
