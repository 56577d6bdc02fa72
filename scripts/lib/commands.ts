/**
 * The next command to run, as a refusal or a task prints it. It always carries the network the
 * student is on (a bare `npx hardhat lab report` would run on the embedded chain, which has no
 * deployment, and send them in a loop) and, for their own actions, the account they act as.
 */

interface CommandContext {
  /** `--network` of the running command ("default" when none was given). */
  networkName: string;
  /** `--account` of the running task ("0" when none was given). */
  account: string;
  /** `--market` of the running market task (`lst:ema`), for hints that name it. */
  market?: string;
}

const context: CommandContext = { networkName: "default", account: "0" };

/** Called by the error boundary and by `connect` once the network (and account) are known. */
export function setCommandContext(update: Partial<CommandContext>): void {
  if (update.networkName !== undefined) context.networkName = update.networkName;
  if (update.account !== undefined) context.account = update.account;
  if ("market" in update) context.market = update.market;
}

/** The lending market the running task names (`lst:ema`), or a placeholder to fill in. */
export function currentMarket(): string {
  return context.market ?? "<market>";
}

export function currentNetworkName(): string {
  return context.networkName;
}

function networkFlag(): string {
  return context.networkName === "default" ? "" : ` --network ${context.networkName}`;
}

/**
 * A task to run next, in backticks: lab("report") → "`npx hardhat lab report --network hoodi`".
 * `asMe` adds `--account N` when the student acts as another account than the first.
 */
export function lab(task: string, options = "", { asMe = false } = {}): string {
  const account = asMe && context.account !== "0" ? ` --account ${context.account}` : "";
  const extra = options === "" ? "" : ` ${options}`;
  return `\`npx hardhat lab ${task}${extra}${networkFlag()}${account}\``;
}

/** The deploy command for the current network. */
export function deployCommand(networkName = context.networkName): string {
  return `\`npx hardhat run scripts/deploy.ts${networkName === "default" ? "" : ` --network ${networkName}`}\``;
}

/** Public explorers for the networks that have one, to link transactions and addresses. */
const EXPLORERS: Readonly<Record<string, string>> = {
  hoodi: "https://hoodi.etherscan.io",
};

/** A transaction as the student can open it: an explorer link on Hoodi, the hash elsewhere. */
export function txLink(hash: string, networkName = context.networkName): string {
  const explorer = EXPLORERS[networkName];
  return explorer === undefined ? `tx ${hash}` : `${explorer}/tx/${hash}`;
}

/** Whether the network mines at once (a local node, the embedded chain): no progress to show. */
export function minesInstantly(networkName = context.networkName): boolean {
  return EXPLORERS[networkName] === undefined;
}
