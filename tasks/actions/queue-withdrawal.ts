/**
 * `lab queue-withdrawal --amount 0.005` (or `--all`, `--native` for pod ETH): queue restaked
 * stake for withdrawal. It stays slashable for the whole withdrawal delay.
 */
import {
  eth,
  formatWhen,
  labAction,
  labCommand,
  labErrors,
  openLab,
  parseAmount,
  refuseConflict,
  send,
  UserError,
} from "../lib.js";

export default labAction<{ amount: string; all: boolean; native: boolean; account: string }>(
  async ({ amount, all, native, account }, hre) => {
    refuseConflict({ all, amount: amount !== "" }, "--amount 0.005 (or --all alone)");
    const asked = all ? undefined : parseAmount(amount, "amount");
    const lab = await openLab(hre, account);
    const { manager, token, signer } = lab;
    const strategy = native ? await manager.beaconChainETHStrategy() : await token.getAddress();
    const unit = native ? "ETH" : "slETH";
    const held = await manager.depositShares(signer.address, strategy);
    if (held === 0n) {
      throw new UserError(
        native
          ? `You have no native ETH restaked: ${labCommand("pod-create", "", { asMe: true })}, ` +
              `${labCommand("pod-stake", "", { asMe: true })}, then ${labCommand("pod-credit", "", { asMe: true })} first.`
          : `Nothing restaked to withdraw: restake first with ${labCommand("restake", "--amount 0.01", { asMe: true })}.`,
      );
    }
    let depositShares = held;
    if (asked !== undefined) {
      const shares = await manager.underlyingToShares(strategy, asked);
      depositShares = await manager.convertToDepositShares(signer.address, strategy, shares);
    }
    if (depositShares === 0n)
      throw new UserError(
        `Nothing restaked to withdraw: restake first with ${labCommand("restake", "--amount 0.01", { asMe: true })}.`,
      );
    if (depositShares > held) {
      throw new UserError(
        `You can withdraw at most ${eth(await manager.withdrawableUnderlying(signer.address, strategy), unit)}: lower --amount.`,
      );
    }
    const hash = await send("Queueing refused", labErrors(lab), () =>
      manager.queueWithdrawal(strategy, depositShares),
    );
    const id = await manager.withdrawalCount();
    const [, preview] = await manager.previewWithdrawal(id);
    const at = await manager.completableAt(id);
    console.log(
      `Withdrawal #${id} queued: ${eth(preview, unit)} if no slashing comes before it completes ${formatWhen(at, await lab.now())} — ${hash}\n` +
        `Complete it then with ${labCommand("complete-withdrawal", `--id ${id}`, { asMe: true })}.`,
    );
  },
);
