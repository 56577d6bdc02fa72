/**
 * `lab real eigen-delegate --operator <address|index>`: delegate your restaked stETH to an
 * EigenLayer operator (`delegateTo`, no approver). `--register` makes the acting account an
 * operator instead (`registerAsOperator`), e.g. a second student account.
 */
import { UserError } from "../../scripts/lib/errors.js";
import { openReal } from "../../scripts/lib/real.js";
import { labAction, labCommand, refuseConflict } from "../lib.js";
import { getAddress, isAddress, ZeroHash } from "ethers";
import { sendReal } from "./shared.js";

export default labAction<{ operator: string; register: boolean; account: string }>(
  async ({ operator, register, account }, hre) => {
    refuseConflict({ register, operator: operator !== "" }, "--operator 0x…");
    const real = await openReal(hre, account);
    const { delegationManager, signer } = real;
    const me = signer.address;
    const current = (await delegationManager.delegatedTo(me)) as string;
    if (register) {
      if ((await delegationManager.isOperator(me)) as boolean) {
        console.log(`${me} is an EigenLayer operator already.`);
        return;
      }
      if (!/^0x0{40}$/i.test(current)) {
        throw new UserError(
          `You are delegated to ${current}: an operator cannot be delegated elsewhere.`,
        );
      }
      const link = await sendReal(
        real,
        "Registration refused",
        ["EigenLayer DelegationManager"],
        () =>
          delegationManager.registerAsOperator.estimateGas(
            "0x0000000000000000000000000000000000000000",
            0,
            "",
          ),
        () =>
          delegationManager.registerAsOperator("0x0000000000000000000000000000000000000000", 0, ""),
      );
      console.log(
        `${me} is now an EigenLayer operator (no approver, allocation delay 0) — ${link}`,
      );
      return;
    }
    const text = operator.trim();
    if (text === "") {
      throw new UserError(
        "--operator is required: an operator's address, or an account index (register one with --register).",
      );
    }
    let target: string;
    if (/^\d+$/.test(text)) {
      const signers = await real.ethers.getSigners();
      const s = signers[Number(text)];
      if (s === undefined)
        throw new UserError(
          `--operator ${text}: ${real.networkName} has ${signers.length} account(s).`,
        );
      target = s.address;
    } else if (isAddress(text)) target = getAddress(text);
    else
      throw new UserError(`--operator must be an address or an account index, not "${operator}"`);
    if (current.toLowerCase() === me.toLowerCase()) {
      throw new UserError(
        `You (${me}) are an EigenLayer operator, delegated to yourself: an operator cannot delegate to another; delegate from another account (--account N).`,
      );
    }
    if (!/^0x0{40}$/i.test(current)) {
      throw new UserError(
        `You are delegated to ${current} already: to change, EigenLayer's undelegate (or redelegate) queues all your shares for withdrawal; do it on EigenLayer's site (queueing shares here does not undelegate).`,
      );
    }
    if (!((await delegationManager.isOperator(target)) as boolean)) {
      throw new UserError(
        `${target} is not an EigenLayer operator: it registers with ${labCommand("real eigen-delegate", "--register")} as that account.`,
      );
    }
    const noSignature = { signature: "0x", expiry: 0n };
    const link = await sendReal(
      real,
      "Delegation refused",
      ["EigenLayer DelegationManager"],
      () => delegationManager.delegateTo.estimateGas(target, noSignature, ZeroHash),
      () => delegationManager.delegateTo(target, noSignature, ZeroHash),
    );
    console.log(`Delegated your restaked shares to operator ${target} — ${link}`);
  },
);
