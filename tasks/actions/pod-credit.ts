/**
 * `lab pod-credit --index N`: prove a validator's withdrawal credentials point at your pod (here:
 * the pod reads the simulator) and receive native-ETH restaking shares for its balance.
 * `--checkpoint` instead re-reads your validators' balances: a drop (a CL slashing) lowers your
 * beacon-chain slashing factor.
 */
import {
  eth,
  formatWadPercent,
  labAction,
  labCommand,
  labErrors,
  openLab,
  parseIndex,
  refuseConflict,
  send,
  UserError,
} from "../lib.js";

export default labAction<{ index: string; checkpoint: boolean; account: string }>(
  async ({ index, checkpoint, account }, hre) => {
    refuseConflict({ checkpoint, index: index !== "" }, "--index 2 (or --checkpoint alone)");
    const only = index === "" ? undefined : parseIndex(index, "index");
    const lab = await openLab(hre, account);
    const { manager, signer, ethers } = lab;
    const podAddress = await manager.podOf(signer.address);
    if (podAddress === ethers.ZeroAddress)
      throw new UserError(
        `You have no pod: run ${labCommand("pod-create", "", { asMe: true })} first.`,
      );
    const pod = await ethers.getContractAt("RestakingPod", podAddress, signer);
    const errors = [{ name: "RestakingPod" }, ...labErrors(lab)];
    const native = await manager.beaconChainETHStrategy();
    let hash = "";
    if (checkpoint) {
      hash = await send("Checkpoint refused", errors, () => pod.checkpoint());
    } else {
      // One validator, or by default every validator of the pod not yet credited.
      const indices: bigint[] = [];
      if (only !== undefined) indices.push(only);
      else {
        for (let i = 0n; i < (await lab.simulator.validatorCount()); i++) {
          const { withdrawalAddress } = await lab.simulator.getValidator(i);
          if (withdrawalAddress === podAddress && !(await pod.isVerified(i))) indices.push(i);
        }
      }
      if (indices.length === 0) {
        throw new UserError(
          `No validator of your pod to credit: run ${labCommand("pod-stake", "", { asMe: true })} first.`,
        );
      }
      for (const i of indices) {
        hash = await send(`Crediting validator #${i} refused`, errors, () =>
          pod.verifyWithdrawalCredentials(i),
        );
        console.log(`Validator #${i} credited.`);
      }
    }
    console.log(
      `Restaked native ETH: ${eth(await manager.withdrawableUnderlying(signer.address, native))}; ` +
        `beacon-chain slashing factor ${formatWadPercent(await manager.beaconChainSlashingFactor(signer.address))} — ${hash}`,
    );
  },
);
