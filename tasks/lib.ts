/**
 * What every task needs: a connection checked against its network, the deployment record, typed
 * contracts, amounts parsed with clear errors, and reverts turned into one readable line.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { formatEther, parseEther, type Interface } from "ethers";

import { loadDeployment } from "../scripts/lib/deployment.js";
import { UserError } from "../scripts/lib/errors.js";
import { connect } from "../scripts/lib/network.js";

export { UserError };

/** Opens the deployment of the selected network, with its contracts bound to the first account. */
export async function openLab(hre: HardhatRuntimeEnvironment) {
  const connected = await connect(hre);
  const { ethers, networkName } = connected;
  const record = loadDeployment(networkName);
  if (BigInt(record.chainId) !== connected.chainId) {
    throw new UserError(
      `deployments/${networkName}.json is for chain ${record.chainId} but the node is chain ${connected.chainId}: ` +
        `redeploy with \`npx hardhat run scripts/deploy.ts --network ${networkName}\`.`,
    );
  }
  const [signer] = await ethers.getSigners();
  const address = (name: string) => {
    const contract = record.contracts[name];
    if (contract === undefined) {
      throw new UserError(
        `deployments/${networkName}.json has no ${name}: rerun scripts/deploy.ts.`,
      );
    }
    return contract.address;
  };
  const simulator = await ethers.getContractAt(
    "BeaconChainSimulator",
    address("BeaconChainSimulator"),
    signer,
  );
  const pool = await ethers.getContractAt("DepositPool", address("DepositPool"), signer);
  const token = await ethers.getContractAt(
    "LiquidStakingToken",
    address("LiquidStakingToken"),
    signer,
  );
  if ((await ethers.provider.getCode(await pool.getAddress())) === "0x") {
    throw new UserError(
      `No contract at the recorded DepositPool address on ${networkName} (was the node restarted?): ` +
        `redeploy with \`npx hardhat run scripts/deploy.ts --network ${networkName}\`.`,
    );
  }
  return { ...connected, record, signer, simulator, pool, token };
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
  return async (args: ArgsT, hre: HardhatRuntimeEnvironment): Promise<void> => {
    try {
      await action(args, hre);
    } catch (error) {
      if (error instanceof UserError) {
        console.error(`Error: ${error.message}`);
        process.exitCode = 1;
        return;
      }
      throw error;
    }
  };
}
