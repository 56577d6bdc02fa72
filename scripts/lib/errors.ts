/**
 * A refusal meant for the person at the keyboard: one line saying what is wrong and the next
 * command to run. Scripts and tasks throw it; the error boundary (`boundary.ts`) prints its
 * message alone, without a stack trace.
 */
export class UserError extends Error {
  override name = "UserError";
}

/** Hardhat's own errors carry a code (`HHE7`) and the values involved. */
interface HardhatErrorLike {
  errorCode?: string;
  messageArguments?: Record<string, unknown>;
}

/**
 * Turns the Hardhat errors a student meets first into one-line remedies; returns `undefined`
 * for anything else.
 */
export function explainHardhatError(error: unknown, networkName: string): string | undefined {
  const { errorCode, messageArguments } = (error ?? {}) as HardhatErrorLike;
  if (errorCode === "HHE7") {
    const name = String(messageArguments?.name ?? messageArguments?.variable ?? "the variable");
    return (
      `${name} is not set: run \`npx hardhat keystore set ${name}\` ` +
      `(or export ${name} in this shell), then run the command again.`
    );
  }
  if (errorCode === "HHE703") {
    return networkName === "localhost"
      ? "No node answers at 127.0.0.1:8545: start one with `npx hardhat node --hostname 127.0.0.1 --chain-id 560048` in another terminal."
      : `Cannot reach the ${networkName} RPC: check HOODI_RPC_URL (\`npx hardhat keystore set HOODI_RPC_URL --force\`) and your connection.`;
  }
  if (errorCode === "HHE28") {
    // "Invalid URL value for the configuration variable "HOODI_RPC_URL""
    const name =
      /"([A-Z0-9_]+)"/.exec(String(messageArguments?.configVariable ?? ""))?.[1] ?? "HOODI_RPC_URL";
    return (
      `${name} is not a URL: set it to your RPC's full address, starting with https:// ` +
      `(\`npx hardhat keystore set ${name} --force\`).`
    );
  }
  if (errorCode === "HHE27") {
    return "Hardhat is half-installed (its EDR package is missing), usually after `npm ci` under an older Node: switch to Node 22 (`nvm use`) and run `npm ci` again.";
  }
  return undefined;
}
