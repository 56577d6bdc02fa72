/**
 * `lab stake-validator --count 1` (operator): move validator deposits from the pool's buffer to
 * the consensus layer, with the pool as withdrawal address.
 */
import { hexlify, randomBytes } from "ethers";

import { eth, labAction, labCommand, openLab, parseIndex, send, UserError } from "../lib.js";

export default labAction<{ count: string; account: string }>(async ({ count, account }, hre) => {
  const n = parseIndex(count, "count", { min: 1n });
  const { pool, simulator } = await openLab(hre, account);
  const deposit = await simulator.validatorDeposit();
  const depositable = await pool.depositableEther();
  if (depositable < deposit * n) {
    throw new UserError(
      `The pool can stake ${depositable / deposit} validator(s) now (${eth(depositable)} depositable, ` +
        `${eth(deposit)} each): stake more ETH with ${labCommand("stake", "--amount 0.1")} or lower --count.`,
    );
  }
  const errors = [{ name: "DepositPool" }, { name: "BeaconChainSimulator" }];
  for (let i = 0n; i < n; i++) {
    // A stand-in for the validator's BLS public key: random, so nobody can take it first
    // (a predictable key could be deposited by someone else, and the simulator refuses duplicates).
    const index = await simulator.validatorCount();
    const pubkeyHash = hexlify(randomBytes(32));
    const hash = await send("Staking a validator refused", errors, () =>
      pool.stakeValidator(pubkeyHash),
    );
    console.log(`Validator #${index} staked with ${eth(deposit)} — ${hash}`);
  }
});
