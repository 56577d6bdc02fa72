/**
 * The one error boundary of every `lab` task and script: whatever goes wrong prints as one line
 * saying what is wrong and what to run next, and the command exits with status 1. The stack
 * trace is printed only on request (`--verbose` on a task, `--show-stack-traces` anywhere).
 */
import { currentNetworkName, lab } from "./commands.js";
import { UserError, explainHardhatError } from "./errors.js";
import { formatEth } from "./format.js";
import { decodeRevert, describeBuiltinRevert, describeRevert, revertData } from "./revert.js";

/** What the boundary may read to date a refusal ("wait 1 min 40 s") and to say "(you)". */
interface ChainContext {
  now?: () => Promise<bigint>;
  me?: string;
  /** The network's accounts by index, so a hint can say `--account N`. */
  accounts?: readonly string[];
}
const chain: ChainContext = {};

/** Called once the task is connected: the chain's clock and the acting address. */
export function setChainContext(update: ChainContext): void {
  Object.assign(chain, update);
}

/** Who acts and the network's accounts, once the task is connected (for "(you)", `--account N`). */
export function chainPeople(): { me?: string; accounts?: readonly string[] } {
  return { me: chain.me, accounts: chain.accounts };
}

/** The chain's time now, if a connection is known (for refusals that name a moment). */
export async function chainNow(): Promise<bigint | undefined> {
  try {
    return chain.now === undefined ? undefined : await chain.now();
  } catch {
    return undefined;
  }
}

interface Chained {
  code?: unknown;
  message?: unknown;
  shortMessage?: unknown;
  hostname?: unknown;
  cause?: unknown;
  error?: unknown;
}

/** The error and every error it wraps (`cause`, ethers' `error`). */
function chainOf(error: unknown): Chained[] {
  const out: Chained[] = [];
  let current = error as Chained | undefined;
  while (
    current !== undefined &&
    current !== null &&
    typeof current === "object" &&
    out.length < 8
  ) {
    out.push(current);
    current = (current.cause ?? current.error) as Chained | undefined;
  }
  return out;
}

const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ECONNRESET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * "Insufficient funds" as the node says it (EDR: "max upfront cost is: X and the sender's
 * balance is: Y"; geth: "have Y want X"), in ETH with the next step, or `undefined`.
 */
export function insufficientFunds(message: string): string | undefined {
  if (!/insufficient funds|enough funds/i.test(message)) return undefined;
  const cost = /upfront cost is:?\s*(\d+)|want (\d+)|tx cost (\d+)/i.exec(message);
  const balance = /balance is:?\s*(\d+)|have (\d+)|balance (\d+)/i.exec(message);
  const faucet =
    currentNetworkName() === "hoodi"
      ? "get Hoodi ETH from a faucet (README › Deploy to Hoodi), or send less"
      : "send less";
  if (cost === null || balance === null) {
    return `Your account lacks the ETH for this transaction and its gas: ${faucet} (${lab("status", "", { asMe: true })} shows your balance).`;
  }
  const [costWei, balanceWei] = [cost, balance].map((m) => BigInt(m.slice(1).find((g) => g)!));
  return (
    `Your account holds ${formatEth(balanceWei)}, less than the ${formatEth(costWei)} this transaction ` +
    `needs with its gas: ${faucet} (${lab("status", "", { asMe: true })} shows your balance).`
  );
}

/**
 * One line for any error: a refusal as written, a revert decoded into ETH, durations and a
 * hint, a Hardhat or network error with its remedy, anything else as its first line.
 */
export async function explainError(
  error: unknown,
  preferredContracts: string[] = [],
): Promise<string> {
  if (error instanceof UserError) return error.message;
  const networkName = currentNetworkName();
  const data = revertData(error);
  if (data !== undefined) {
    const decoded = decodeRevert(data, preferredContracts);
    if (decoded !== undefined)
      return describeRevert(decoded, { now: await chainNow(), ...chainPeople() });
  }
  const links = chainOf(error);
  for (const link of links) {
    const remedy = explainHardhatError(link, networkName);
    if (remedy !== undefined) return remedy;
  }
  const network = links.find(
    (link) => typeof link.code === "string" && NETWORK_CODES.has(link.code),
  );
  if (network !== undefined) {
    const host = typeof network.hostname === "string" ? network.hostname : "the server";
    return networkName === "localhost"
      ? "No node answers at 127.0.0.1:8545: start one with `npx hardhat node --hostname 127.0.0.1 --chain-id 560048` in another terminal."
      : `Cannot reach ${host} (${String(network.code)}): if it is your RPC, check HOODI_RPC_URL ` +
          "(`npx hardhat keystore set HOODI_RPC_URL --force`); otherwise check your connection and retry later.";
  }
  const messages = links.map((link) => String(link.shortMessage ?? link.message ?? ""));
  if (
    messages.some((m) => /Field\.fromBytes|private key|expected 32 bytes|invalid.*key/i.test(m))
  ) {
    return "HOODI_PRIVATE_KEY is not a private key (0x followed by 64 hexadecimal digits): set it again with `npx hardhat keystore set HOODI_PRIVATE_KEY --force`.";
  }
  const funds = messages.map(insufficientFunds).find((line) => line !== undefined);
  if (funds !== undefined) return funds;

  if (messages.some((m) => /Failed to make POST request/i.test(m))) {
    return `Cannot reach the ${networkName} RPC: check HOODI_RPC_URL (\`npx hardhat keystore set HOODI_RPC_URL --force\`) and your connection.`;
  }
  if (data !== undefined) {
    const builtin = describeBuiltinRevert(data);
    if (builtin !== undefined) return builtin;
    return `The transaction reverted with data ${data.slice(0, 10)}… that no contract here declares.`;
  }
  const first = messages.find((m) => m !== "") ?? String(error);
  return `${first.split("\n")[0]} (unexpected: run again with --verbose and report it if it persists)`;
}

/**
 * Runs a task's or script's main function inside the boundary. A failure prints
 * "Error: <one line>" (and the stack only when `verbose`) and sets exit status 1.
 */
/**
 * Whether the person asked for stack traces with Hardhat's `--show-stack-traces`. Hardhat turns
 * its `showStackTraces` option on by itself on CI machines (`CI=true`), where a student's
 * refusal must still read as one line, so the option alone is not a request.
 */
export function stackTracesRequested(argv: readonly string[] = process.argv): boolean {
  return argv.includes("--show-stack-traces");
}

export async function runMain(main: () => Promise<void>, { verbose = false } = {}): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(`Error: ${await explainError(error)}`);
    // A refusal has no stack worth showing, but one made from a revert keeps the raw error.
    if (verbose) {
      const raw = error instanceof UserError ? error.cause : error;
      if (raw !== undefined) console.error(raw);
    }
    process.exitCode = 1;
  }
}
