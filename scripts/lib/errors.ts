/**
 * A refusal meant for the person at the keyboard: one line saying what is wrong and how to fix
 * it. Scripts and tasks throw it; `runMain` prints its message alone (no stack trace).
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
    const name = String(messageArguments?.name ?? "the variable");
    return (
      `${name} is not set: run \`npx hardhat keystore set ${name}\` ` +
      `(or export ${name} in this shell), then run the command again.`
    );
  }
  if (errorCode === "HHE703") {
    return networkName === "localhost"
      ? "No node answers at 127.0.0.1:8545: start one with `npx hardhat node --hostname 127.0.0.1` in another terminal."
      : `Cannot reach the ${networkName} RPC: check HOODI_RPC_URL (\`npx hardhat keystore set HOODI_RPC_URL\`) and your connection.`;
  }
  return undefined;
}

/** Runs a script's main function; a refusal prints one line and sets a failing exit code. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UserError) {
      console.error(`Error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
