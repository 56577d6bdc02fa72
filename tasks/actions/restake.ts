/** `lab restake --amount 0.01`: deposit slETH into the restaking manager's LST strategy. */
import {
  approveLst,
  eth,
  labAction,
  labCommand,
  labErrors,
  openLab,
  parseAmount,
  send,
  SLETH,
  UserError,
} from "../lib.js";

export default labAction<{ amount: string; account: string }>(async ({ amount, account }, hre) => {
  const value = parseAmount(amount, "amount", SLETH);
  const lab = await openLab(hre, account);
  const { manager, token, signer } = lab;
  const balance = await token.balanceOf(signer.address);
  if (balance < value) {
    throw new UserError(
      `You hold ${eth(balance, "slETH")}: stake ETH first (${labCommand("stake", "--amount 0.01", { asMe: true })}) or lower --amount.`,
    );
  }
  await approveLst(lab, await manager.getAddress(), value);
  const hash = await send("Restaking refused", labErrors(lab), () =>
    manager.depositIntoStrategy(token, value),
  );
  const operator = await manager.delegatedTo(signer.address);
  console.log(
    `Restaked ${eth(value, "slETH")}: ${eth(await manager.depositShares(signer.address, token), "shares")} in the LST strategy — ${hash}\n` +
      (operator === "0x0000000000000000000000000000000000000000"
        ? `Not delegated: this stake earns no service rewards and cannot be slashed. Delegate with ${labCommand("delegate", "--operator <address>", { asMe: true })}.`
        : `Delegated to ${operator}.`),
  );
});
