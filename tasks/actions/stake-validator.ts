/**
 * `lab stake-validator --count 1` (operator): move validator deposits from the pool's buffer to
 * the consensus layer, with the pool as withdrawal address.
 */
import { id as keccakText } from "ethers";

import { eth, labAction, openLab, parseIndex, send, UserError } from "../lib.js";

export default labAction<{ count: string; account: string }>(async ({ count, account }, hre) => {
  const { pool, simulator, chainId } = await openLab(hre, account);
  const n = parseIndex(count, "count");
  if (n === 0n) throw new UserError("--count must be at least 1");
  const deposit = await simulator.validatorDeposit();
  const depositable = await pool.depositableEther();
  if (depositable < deposit * n) {
    throw new UserError(
      `The pool can stake ${depositable / deposit} validator(s) now (${eth(depositable)} depositable, ` +
        `${eth(deposit)} each): stake more ETH with \`npx hardhat lab stake\` or lower --count.`,
    );
  }
  const poolAddress = await pool.getAddress();
  const errors = [
    { name: "DepositPool", iface: pool.interface },
    { name: "BeaconChainSimulator", iface: simulator.interface },
  ];
  for (let i = 0n; i < n; i++) {
    // A stand-in for the validator's BLS public key: unique per pool and validator.
    const index = await simulator.validatorCount();
    const pubkeyHash = keccakText(`staking-lab:${chainId}:${poolAddress}:${index}`);
    const hash = await send("Staking a validator refused", errors, () =>
      pool.stakeValidator(pubkeyHash),
    );
    console.log(`Validator #${index} staked with ${eth(deposit)} — tx ${hash}`);
  }
});
