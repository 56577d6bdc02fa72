/** `lab delegate --operator <address|account>`: delegate all your restaked shares to an operator. */
import { labAction, labErrors, openLab, parseAddress, send } from "../lib.js";

export default labAction<{ operator: string; account: string }>(
  async ({ operator, account }, hre) => {
    const lab = await openLab(hre, account);
    const to = await parseAddress(lab, operator, "operator");
    const hash = await send("Delegation refused", labErrors(lab), () => lab.manager.delegateTo(to));
    console.log(
      `Delegated to ${to}: your restaked stake now earns its services' rewards and can be slashed by them — ${hash}`,
    );
  },
);
