/**
 * `lab register-avs [--recipient <address|account>]`: register as a service (AVS). Slashed
 * tokens go to the recipient (redistribution), or are burnt when it is omitted.
 */
import { labAction, labErrors, openLab, parseAddress, send } from "../lib.js";

export default labAction<{ recipient: string; metadata: string; account: string }>(
  async ({ recipient, metadata, account }, hre) => {
    const lab = await openLab(hre, account);
    const to =
      recipient === ""
        ? await lab.manager.burnAddress()
        : await parseAddress(lab, recipient, "recipient");
    const hash = await send("Registering the AVS refused", labErrors(lab), () =>
      lab.manager.registerAVS(to, metadata),
    );
    console.log(`${lab.signer.address} is an AVS; slashed tokens go to ${to} — ${hash}`);
  },
);
