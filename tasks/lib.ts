/**
 * What every task needs: a connection checked against its network, the deployment record, typed
 * contracts, amounts parsed with clear errors, and reverts turned into one readable line.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { formatEther, getAddress, isAddress, parseEther, type Interface } from "ethers";

import { attachLab } from "../scripts/lib/contracts.js";
import { loadDeployment } from "../scripts/lib/deployment.js";
import { UserError, runMain } from "../scripts/lib/errors.js";
import { connect } from "../scripts/lib/network.js";

export { UserError };

/**
 * Opens the deployment of the selected network, with its contracts bound to one of the
 * network's accounts (`--account N`, default the first: on Hoodi, your HOODI_PRIVATE_KEY).
 */
export async function openLab(hre: HardhatRuntimeEnvironment, account = "0") {
  const connected = await connect(hre);
  const { ethers, networkName } = connected;
  const record = loadDeployment(networkName);
  if (BigInt(record.chainId) !== connected.chainId) {
    throw new UserError(
      `deployments/${networkName}.json is for chain ${record.chainId} but the node is chain ${connected.chainId}: ` +
        `redeploy with \`npx hardhat run scripts/deploy.ts --network ${networkName}\`.`,
    );
  }
  const signers = await ethers.getSigners();
  const accountIndex = Number(parseIndex(account, "account"));
  const signer = signers[accountIndex];
  if (signer === undefined) {
    throw new UserError(
      `--account ${account}: ${networkName} has ${signers.length} account(s) (0 to ${signers.length - 1}).`,
    );
  }
  const address = (name: string) => {
    const contract = record.contracts[name];
    if (contract === undefined) {
      throw new UserError(
        `deployments/${networkName}.json has no ${name}: rerun scripts/deploy.ts.`,
      );
    }
    return contract.address;
  };
  const contracts = await attachLab(
    ethers,
    {
      simulator: address("BeaconChainSimulator"),
      pool: address("DepositPool"),
      token: address("LiquidStakingToken"),
      manager: address("RestakingManager"),
      vault: address("LRTVault"),
    },
    signer,
  );
  if ((await ethers.provider.getCode(await contracts.pool.getAddress())) === "0x") {
    throw new UserError(
      `No contract at the recorded DepositPool address on ${networkName} (was the node restarted?): ` +
        `redeploy with \`npx hardhat run scripts/deploy.ts --network ${networkName}\`.`,
    );
  }
  return { ...connected, record, signer, ...contracts };
}

export type Lab = Awaited<ReturnType<typeof openLab>>;

/** Parses an ETH (or LST) amount given as a decimal string, e.g. "0.01". */
export function parseAmount(value: string, option: string): bigint {
  if (value === "") throw new UserError(`--${option} is required, e.g. --${option} 0.01`);
  let amount: bigint;
  try {
    amount = parseEther(value);
  } catch {
    throw new UserError(`--${option} must be an amount in ETH such as 0.01, not "${value}"`);
  }
  if (amount <= 0n) throw new UserError(`--${option} must be more than 0, not "${value}"`);
  return amount;
}

/** Parses a non-negative whole number option (an index or an id). */
export function parseIndex(value: string, option: string): bigint {
  if (!/^\d+$/.test(value))
    throw new UserError(`--${option} must be a whole number, not "${value}"`);
  return BigInt(value);
}

/** Formats wei as ETH with a unit. */
export function eth(wei: bigint, unit = "ETH"): string {
  return `${formatEther(wei)} ${unit}`;
}

interface RevertLike {
  data?: string;
  error?: RevertLike;
  info?: { error?: RevertLike };
  shortMessage?: string;
  message?: string;
}

function revertData(error: unknown): string | undefined {
  let current = error as RevertLike | undefined;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (
      typeof current.data === "string" &&
      current.data.startsWith("0x") &&
      current.data.length >= 10
    ) {
      return current.data;
    }
    current = current.error ?? current.info?.error;
  }
  return undefined;
}

/**
 * Sends a transaction and waits for it; a revert becomes one line naming the contract's custom
 * error and its values, e.g. `DepositPool refused: DepositBelowMinimum(sent=1, minimum=10000000000000000)`.
 */
export async function send(
  what: string,
  contracts: { name: string; iface: Interface }[],
  action: () => Promise<{ hash: string; wait: () => Promise<unknown> }>,
): Promise<string> {
  try {
    const tx = await action();
    await tx.wait();
    return tx.hash;
  } catch (error) {
    const data = revertData(error);
    if (data !== undefined) {
      for (const { name, iface } of contracts) {
        const parsed = iface.parseError(data);
        if (parsed === null) continue;
        const args = parsed.fragment.inputs.map(
          (input, i) => `${input.name}=${String(parsed.args[i])}`,
        );
        throw new UserError(`${what}: ${name} refused with ${parsed.name}(${args.join(", ")})`);
      }
    }
    const message =
      (error as RevertLike).shortMessage ?? (error as RevertLike).message ?? String(error);
    throw new UserError(`${what}: ${message}`);
  }
}

/**
 * Wraps a task action so that a refusal prints one line (what is wrong, how to fix it) and the
 * command exits with status 1, instead of a stack trace.
 */
export function labAction<ArgsT>(
  action: (args: ArgsT, hre: HardhatRuntimeEnvironment) => Promise<void>,
) {
  return (args: ArgsT, hre: HardhatRuntimeEnvironment): Promise<void> =>
    runMain(() => action(args, hre));
}

/** An address option: a 0x address, or a number naming one of the network's accounts. */
export async function parseAddress(lab: Lab, value: string, option: string): Promise<string> {
  if (value === "")
    throw new UserError(`--${option} is required: an address, or an account index such as 2`);
  if (/^\d+$/.test(value)) {
    const signers = await lab.ethers.getSigners();
    const signer = signers[Number(value)];
    if (signer === undefined)
      throw new UserError(`--${option} ${value}: there are only ${signers.length} account(s).`);
    return signer.address;
  }
  if (!isAddress(value))
    throw new UserError(`--${option} must be an address (0x…) or an account index, not "${value}"`);
  return getAddress(value);
}

/** Parses a percentage with up to 16 decimals into WAD (10 % → 1e17), as EigenLayer's magnitudes. */
export function parsePercentWad(value: string, option: string): bigint {
  if (!/^\d+(\.\d+)?$/.test(value))
    throw new UserError(`--${option} must be a percentage such as 10 or 2.5, not "${value}"`);
  const wad = parseEther(value) / 100n;
  if (wad === 0n || wad > 10n ** 18n)
    throw new UserError(`--${option} must be more than 0 and at most 100, not ${value}`);
  return wad;
}

/** The custom errors a task may meet, for `send`. */
export function labErrors(lab: Lab) {
  return [
    { name: "LRTVault", iface: lab.vault.interface },
    { name: "RestakingManager", iface: lab.manager.interface },
    { name: "DepositPool", iface: lab.pool.interface },
    { name: "BeaconChainSimulator", iface: lab.simulator.interface },
    { name: "LiquidStakingToken", iface: lab.token.interface },
  ];
}

/** Approves `spender` for `amount` of the LST if the allowance is short. */
export async function approveLst(lab: Lab, spender: string, amount: bigint): Promise<void> {
  if ((await lab.token.allowance(lab.signer.address, spender)) >= amount) return;
  await send("Approval refused", labErrors(lab), () => lab.token.approve(spender, amount));
}
