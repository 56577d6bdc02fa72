/**
 * `lab pod-stake`: solo staking pointed at EigenLayer — deposit one validator (the full
 * validator deposit) through your pod, then credit it with `lab pod-credit --index N`.
 */
import { hexlify, randomBytes } from "ethers";

import { eth, labAction, labCommand, labErrors, openLab, send, UserError } from "../lib.js";

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const lab = await openLab(hre, account);
  const { manager, simulator, signer, ethers } = lab;
  const podAddress = await manager.podOf(signer.address);
  if (podAddress === ethers.ZeroAddress)
    throw new UserError(
      `You have no pod: run ${labCommand("pod-create", "", { asMe: true })} first.`,
    );
  const pod = await ethers.getContractAt("RestakingPod", podAddress, signer);
  const deposit = await simulator.validatorDeposit();
  const index = await simulator.validatorCount();
  const pubkeyHash = hexlify(randomBytes(32));
  const errors = [{ name: "RestakingPod" }, ...labErrors(lab)];
  const hash = await send("Staking through the pod refused", errors, () =>
    pod.stake(pubkeyHash, { value: deposit }),
  );
  console.log(
    `Validator #${index} staked with ${eth(deposit)}, withdrawal address ${podAddress} — ${hash}\n` +
      `Credit it as restaked ETH with ${labCommand("pod-credit", `--index ${index}`, { asMe: true })}.`,
  );
});
