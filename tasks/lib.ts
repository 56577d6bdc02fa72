/**
 * What every task needs: the error boundary, a connection checked against its network, the
 * deployment record, typed contracts, amounts parsed and printed one way, and transactions that
 * show their progress and, when refused, one decoded line with the next command.
 *
 * A new task (e.g. a market task) follows the same shape:
 *
 *   export default labAction<{ amount: string; account: string }>(async ({ amount, account }, hre) => {
 *     const value = parseAmount(amount, "amount", SLETH);      // refuses bad input in one line
 *     const lab = await openLab(hre, account);                  // network, record, signer
 *     const link = await send("Swap refused", [{ name: "StableSwapPool" }], () => pool.exchange(…));
 *     console.log(`Swapped ${formatAmount(value, SLETH)} — ${link}`);
 *   });
 *
 * and in tasks/index.ts `.addOption(ACCOUNT).addFlag(VERBOSE)`. Reverts of any compiled
 * contract are decoded by the boundary (scripts/lib/revert.ts); a hint of the error's own goes
 * in scripts/lib/error-hints.ts (`HINTS`, and `UNIT_OVERRIDES` when an argument's name does not
 * say its unit). Next commands come from `labCommand(task, options, { asMe })`, which carries
 * `--network` and `--account`. Tables go through scripts/lib/table.ts.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { getAddress, isAddress } from "ethers";

import { attachLab } from "../scripts/lib/contracts.js";
import { loadDeployment } from "../scripts/lib/deployment.js";
import {
  chainNow,
  chainPeople,
  runMain,
  setChainContext,
  stackTracesRequested,
} from "../scripts/lib/boundary.js";
import {
  deployCommand,
  lab as labCommand,
  minesInstantly,
  setCommandContext,
  txLink,
} from "../scripts/lib/commands.js";
import { UserError } from "../scripts/lib/errors.js";
import {
  ETH as ETH_UNIT,
  SLETH as SLETH_UNIT,
  formatAmount,
  parseWhole,
  type Unit,
} from "../scripts/lib/format.js";
import { connect } from "../scripts/lib/network.js";
import {
  decodeRevert,
  describeRevert,
  loadErrorCatalog,
  revertData,
} from "../scripts/lib/revert.js";

export { UserError };
export {
  parseAmount,
  parsePercentWad,
  formatDuration,
  formatWhen,
  formatWait,
  ETH,
  SLETH,
  SLRETH,
  SHARES,
} from "../scripts/lib/format.js";
export {
  formatEth,
  formatAmount,
  formatBps,
  formatNumber,
  formatWadPercent,
} from "../scripts/lib/format.js";
export { labCommand, txLink };

/**
 * Opens the deployment of the selected network, with its contracts bound to one of the
 * network's accounts (`--account N`, default the first: on Hoodi, your HOODI_PRIVATE_KEY).
 */
export async function openLab(hre: HardhatRuntimeEnvironment, account = "0") {
  const connected = await connect(hre);
  const { ethers, networkName } = connected;
  setCommandContext({ networkName, account });
  /** The chain's time: the latest block's timestamp, in seconds. */
  const now = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  setChainContext({ now });
  const record = loadDeployment(networkName);
  if (BigInt(record.chainId) !== connected.chainId) {
    throw new UserError(
      `deployments/${networkName}.json is for chain ${record.chainId} but the node is chain ${connected.chainId}: ` +
        `redeploy with ${deployCommand(networkName)}.`,
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
  setChainContext({ me: signer.address, accounts: signers.map((s) => s.address) });
  const address = (name: string) => {
    const contract = record.contracts[name];
    if (contract === undefined) {
      throw new UserError(
        `deployments/${networkName}.json has no ${name}: redeploy with ${deployCommand(networkName)}.`,
      );
    }
    return contract.address;
  };
  const names = {
    simulator: "BeaconChainSimulator",
    pool: "DepositPool",
    token: "LiquidStakingToken",
    manager: "RestakingManager",
    vault: "LRTVault",
  } as const;
  const addresses = Object.fromEntries(
    Object.entries(names).map(([key, name]) => [key, address(name)]),
  ) as Record<keyof typeof names, string>;
  // Every recorded contract must answer: a restarted node or a hand-edited record otherwise
  // fails later with "could not decode result data".
  const codes = await Promise.all(
    Object.values(addresses).map((at) => ethers.provider.getCode(at)),
  );
  const missing = Object.values(names).filter((_, i) => codes[i] === "0x");
  if (missing.length > 0) {
    throw new UserError(
      `No contract at the recorded ${missing.join(", ")} address on ${networkName} (was the node restarted?): ` +
        `redeploy with ${deployCommand(networkName)}.`,
    );
  }
  const contracts = await attachLab(ethers, addresses, signer);
  return { ...connected, record, signer, now, ...contracts };
}

export type Lab = Awaited<ReturnType<typeof openLab>>;

/** Parses a non-negative whole number option (an index or an id). */
export const parseIndex = parseWhole;

/** Formats a token amount with its unit, rounded (`formatAmount`); kept for the tasks' brevity. */
export function eth(wei: bigint, unit = "ETH", decimals = 18): string {
  return formatAmount(wei, { symbol: unit, decimals } satisfies Unit);
}

/**
 * Runs `fn` (reads or transactions); a revert becomes one line: "<what>: <Contract> refused
 * with <Error> (values in ETH and durations). <next command>". `contracts` names the contracts
 * called, to pick the right meaning when two declare the same error.
 */
export async function refusing<T>(
  what: string,
  contracts: { name: string }[],
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const data = revertData(error);
    const decoded =
      data === undefined
        ? undefined
        : decodeRevert(
            data,
            contracts.map((c) => c.name),
          );
    if (decoded === undefined) throw error;
    // The raw error rides along: `--verbose` prints it under the decoded line.
    throw new UserError(
      `${what}: ${describeRevert(decoded, { now: await chainNow(), ...chainPeople() })}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Sends a transaction and waits for it. On Hoodi it says at once where to follow it (an
 * explorer link) while it waits to be mined. A revert is refused as `refusing` says. Returns
 * the transaction as printed: an explorer link on Hoodi, "tx <hash>" elsewhere.
 */
export async function send(
  what: string,
  contracts: { name: string }[],
  action: () => Promise<{ hash: string; wait: () => Promise<unknown> }>,
): Promise<string> {
  return refusing(what, contracts, async () => {
    const tx = await action();
    if (!minesInstantly()) console.log(`… sent ${txLink(tx.hash)}, waiting for it to be mined`);
    await tx.wait();
    return txLink(tx.hash);
  });
}

/** The flag every lab task takes to show the stack trace of an unexpected error. */
export const VERBOSE = {
  name: "verbose",
  description: "Show the stack trace of an unexpected error",
} as const;

/**
 * Wraps a task action in the error boundary: any failure prints one line (what is wrong, what
 * to run next) and the command exits with status 1; `--verbose` adds the stack trace.
 */
export function labAction<ArgsT extends { account?: string; verbose?: boolean }>(
  action: (args: ArgsT, hre: HardhatRuntimeEnvironment) => Promise<void>,
) {
  return (args: ArgsT, hre: HardhatRuntimeEnvironment): Promise<void> => {
    setCommandContext({
      networkName: hre.globalOptions.network ?? "default",
      account: args.account ?? "0",
      market: undefined,
    });
    // Nothing left from a previous task (tasks run in one process in the tests).
    setChainContext({ now: undefined, me: undefined, accounts: undefined });
    const verbose = args.verbose === true || stackTracesRequested();
    return runMain(
      async () => {
        await loadErrorCatalog(hre.artifacts);
        await action(args, hre);
      },
      { verbose },
    );
  };
}

/** An address option: a 0x address, or a number naming one of the network's accounts. */
export async function parseAddress(lab: Lab, value: string, option: string): Promise<string> {
  const text = value.trim();
  if (text === "")
    throw new UserError(`--${option} is required: an address, or an account index such as 2`);
  if (/^\d+$/.test(text)) {
    const signers = await lab.ethers.getSigners();
    const signer = signers[Number(text)];
    if (signer === undefined)
      throw new UserError(
        `--${option} ${text}: ${lab.networkName} has ${signers.length} account(s) (0 to ${signers.length - 1}).`,
      );
    return signer.address;
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(text) && !isAddress(text)) {
    throw new UserError(
      `--${option} ${text} has a wrong checksum (its capitals do not match): copy it again, or type it all in lowercase.`,
    );
  }
  if (!isAddress(text))
    throw new UserError(
      `--${option} must be an address (0x and 40 hexadecimal digits) or an account index, not "${value}"`,
    );
  return getAddress(text);
}

/** Refuses options that contradict each other, rather than silently picking one. */
export function refuseConflict(options: Record<string, boolean>, example: string): void {
  const given = Object.entries(options)
    .filter(([, set]) => set)
    .map(([name]) => `--${name}`);
  if (given.length > 1) {
    throw new UserError(`${given.join(" and ")} contradict each other: give one, e.g. ${example}`);
  }
}

/** The validator at `index`, or a refusal naming the valid range (read before sending). */
export async function requireValidator(lab: Lab, index: bigint): Promise<void> {
  const count = await lab.simulator.validatorCount();
  if (index >= count) {
    throw new UserError(
      count === 0n
        ? `There is no validator yet: the operator stakes one with ${labCommand("stake-validator")}.`
        : `There is no validator #${index}: validators are numbered 0 to ${count - 1n} (${labCommand("status")}).`,
    );
  }
}

/** The contracts whose errors a task may meet, most likely first (for `send`). */
export function labErrors(_lab?: Lab) {
  return [
    { name: "LRTVault" },
    { name: "RestakingManager" },
    { name: "DepositPool" },
    { name: "BeaconChainSimulator" },
    { name: "LiquidStakingToken" },
  ];
}

/**
 * Refuses, before anything is sent, an amount above what the account holds: of ETH (`token`
 * omitted; gas is on top) or of the LST. The refusal names the balance and the next command.
 */
export async function requireBalance(
  lab: Lab,
  amount: bigint,
  option: string,
  token: "ETH" | "slETH" = "ETH",
): Promise<void> {
  const me = lab.signer.address;
  const held =
    token === "ETH" ? await lab.ethers.provider.getBalance(me) : await lab.token.balanceOf(me);
  if (amount <= held) return;
  const unit = token === "ETH" ? ETH_UNIT : SLETH_UNIT;
  const next =
    token === "ETH"
      ? "lower it"
      : `lower it, or stake first with ${labCommand("stake", "--amount 0.01", { asMe: true })}`;
  throw new UserError(
    `You hold ${formatAmount(held, unit)}, less than --${option} ${formatAmount(amount, unit)}: ${next}.`,
  );
}

/** Approves `spender` for `amount` of the LST if the allowance is short. */
export async function approveLst(lab: Lab, spender: string, amount: bigint): Promise<void> {
  if ((await lab.token.allowance(lab.signer.address, spender)) >= amount) return;
  await send("Approval refused", labErrors(lab), () => lab.token.approve(spender, amount));
}
