/**
 * Turns a revert into one line a student can act on: which contract refused, why, the values in
 * ETH and durations (not wei and Unix timestamps), and the next command to run.
 *
 * It is generic: the catalogue holds every custom error of every compiled contract (read from
 * the artifacts), so an error added later is decoded too. How each argument prints is guessed
 * from its name and type (`formatArgument`), and refined per error in `error-hints.ts`, which
 * also holds each error's hint.
 */
import { AbiCoder, ErrorFragment, Interface, type Result } from "ethers";

import { lab } from "./commands.js";
import { addRole, roleName } from "./roles.js";

import { HINTS, UNIT_OVERRIDES, type HintContext } from "./error-hints.js";
import { REAL_CONTRACT_NAMES, REAL_REASONS } from "./real-hints.js";
import {
  ETH,
  SHARES,
  SLETH,
  SLRETH,
  formatAmount,
  formatBps,
  formatDuration,
  formatNumber,
  formatWadPercent,
  formatWhen,
  type Unit,
} from "./format.js";

/** One custom error of one contract. */
interface CatalogEntry {
  contract: string;
  fragment: ErrorFragment;
}

/** A decoded revert: the contract (best guess when several share the error), name and values. */
export interface DecodedRevert {
  contract: string;
  name: string;
  args: { name: string; type: string; value: unknown }[];
}

/** Anything that lists artifacts, as `hre.artifacts` does. */
export interface ArtifactSource {
  getAllFullyQualifiedNames(): Promise<ReadonlySet<string>>;
  readArtifact(
    name: string,
  ): Promise<{ contractName: string; abi: readonly unknown[]; bytecode: string }>;
}

const bySelector = new Map<string, CatalogEntry[]>();
let loaded = false;

/** Reads every artifact's custom errors once per process (test contracts last). */
export async function loadErrorCatalog(artifacts: ArtifactSource): Promise<void> {
  if (loaded) return;
  const names = [...(await artifacts.getAllFullyQualifiedNames())].sort(
    (a, b) => Number(a.startsWith("contracts/test/")) - Number(b.startsWith("contracts/test/")),
  );
  for (const fqn of names) {
    const artifact = await artifacts.readArtifact(fqn);
    // Interfaces and abstract contracts repeat their implementations' errors: skip them, so a
    // refusal names the contract that was deployed.
    if (artifact.bytecode === "0x" || artifact.bytecode === "") continue;
    // A stand-in for a real protocol's contract (contracts/test/real) declares the real errors:
    // they are named after the real contract, so a refusal on Hoodi reads the same.
    addAbi(REAL_CONTRACT_NAMES[artifact.contractName] ?? artifact.contractName, artifact.abi);
  }
  loaded = true;
}

/** Adds one contract's errors (the catalogue is also fed by hand in tests). */
export function addAbi(contract: string, abi: readonly unknown[]): void {
  const iface = new Interface(abi as never);
  iface.forEachFunction((fragment) => {
    if (/_ROLE$/.test(fragment.name) && fragment.inputs.length === 0) addRole(fragment.name);
  });
  iface.forEachError((fragment) => {
    const entries = bySelector.get(fragment.selector) ?? [];
    if (!entries.some((entry) => entry.contract === contract)) entries.push({ contract, fragment });
    bySelector.set(fragment.selector, entries);
  });
}

interface ErrorLike {
  data?: unknown;
  error?: ErrorLike;
  info?: { error?: ErrorLike };
  cause?: unknown;
}

/** The revert data carried by an ethers or Hardhat error (it nests them differently). */
export function revertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift() as ErrorLike | undefined;
    if (current === undefined || current === null || typeof current !== "object") continue;
    if (seen.has(current)) continue;
    seen.add(current);
    const { data } = current;
    if (typeof data === "string" && /^0x[0-9a-fA-F]{8}/.test(data)) return data;
    if (typeof data === "object" && data !== null) queue.push(data);
    queue.push(current.error, current.info?.error, current.cause);
  }
  return undefined;
}

/**
 * Decodes revert data against the catalogue. When several contracts declare the same error,
 * the first of `preferred` (the contracts the command called) wins.
 */
export function decodeRevert(data: string, preferred: string[] = []): DecodedRevert | undefined {
  const entries = bySelector.get(data.slice(0, 10).toLowerCase());
  if (entries === undefined || entries.length === 0) return undefined;
  const entry =
    preferred.map((name) => entries.find((e) => e.contract === name)).find((e) => e) ?? entries[0];
  let values: Result;
  try {
    values = Interface.from([entry.fragment]).decodeErrorResult(entry.fragment, data);
  } catch {
    return undefined;
  }
  return {
    contract: entry.contract,
    name: entry.fragment.name,
    args: entry.fragment.inputs.map((input, i) => ({
      name: input.name,
      type: input.type,
      value: values[i],
    })),
  };
}

/** The unit a contract's amounts and shares are counted in. */
function unitsOf(contract: string): { amount: Unit; shares: Unit } {
  switch (contract) {
    case "LRTVault":
      return { amount: SLETH, shares: SLRETH };
    case "DepositPool":
      return { amount: ETH, shares: SLETH };
    case "LiquidStakingToken":
      return { amount: SLETH, shares: SLETH };
    case "RestakingManager":
      return { amount: SLETH, shares: SHARES };
    default:
      return { amount: ETH, shares: SHARES };
  }
}

/** How an argument prints: its kind from the error's override, else from its name and type. */
export type ArgumentKind =
  | "amount"
  | "shares"
  | "time"
  | "simulated-time"
  | "duration"
  | "bps"
  | "wad"
  | "wad-number"
  | "plain"
  | "address"
  | Unit
  | EnumNames;

/** A Solidity enum argument: its members' names, in declaration order (the ABI has only numbers). */
export interface EnumNames {
  readonly enumNames: readonly string[];
}

export function argumentKind(name: string, type: string): ArgumentKind {
  if (type === "address") return "address";
  if (!type.startsWith("uint")) return "plain";
  if (type !== "uint256") return "plain"; // enums and small integers
  if (/(At|Timestamp|timestamp)$/.test(name)) return "time";
  if (/simulated/i.test(name)) return "simulated-time";
  if (/(delay|window|seconds|duration)/i.test(name)) return "duration";
  if (/bps$/i.test(name)) return "bps";
  if (/(magnitude|wad)/i.test(name)) return "wad";
  // Market-style quantities (health factors, LTVs, exchange rates) are WAD numbers; prices come
  // at several scales (Morpho's oracle uses 1e36), so they print as they are.
  if (/(factor|ratio|ltv|rate)$/i.test(name)) return "wad-number";
  if (/price/i.test(name)) return "plain";
  if (
    /(^id$|Id$|^index$|Index$|[cC]ount$|^last|^total$|^verified$|^deposited$|^pending)/.test(name)
  )
    return "plain";
  if (/shares/i.test(name)) return "shares";
  return "amount";
}

/** How an argument of an error prints: the error's override, else its name and type. */
export function kindOf(contract: string, error: string, name: string, type: string): ArgumentKind {
  const overrides = UNIT_OVERRIDES[`${contract}.${error}`] ?? UNIT_OVERRIDES[error] ?? {};
  return overrides[name] ?? argumentKind(name, type);
}

/** One argument as a student reads it. */
export function formatArgument(
  contract: string,
  kind: ArgumentKind,
  value: unknown,
  context: HintContext,
): string {
  if (typeof value !== "bigint") {
    if (kind === "address" && typeof value === "string") {
      return context.me !== undefined && value.toLowerCase() === context.me.toLowerCase()
        ? `${value} (you)`
        : value;
    }
    return roleName(value) ?? String(value);
  }
  if (typeof kind === "object" && "enumNames" in kind)
    return kind.enumNames[Number(value)] ?? String(value);
  if (typeof kind === "object") return formatAmount(value, kind);
  switch (kind) {
    case "amount":
      return formatAmount(value, unitsOf(contract).amount);
    case "shares":
      return formatAmount(value, unitsOf(contract).shares);
    case "time":
      return context.now === undefined ? `${value} (Unix time)` : formatWhen(value, context.now);
    case "simulated-time":
      return `simulated day ${(Number(value) / 86_400).toFixed(2)}`;
    case "duration":
      return formatDuration(value);
    case "bps":
      return formatBps(value);
    case "wad":
      return formatWadPercent(value);
    case "wad-number":
      return formatNumber(value, 18);
    default:
      return String(value);
  }
}

/**
 * The whole refusal: "<what>: <Contract> refused with <Name> (arg 1 ETH, at in 1 min 40 s).
 * <hint>". `now` defaults to the error's own `nowTimestamp` argument when it has one.
 */
export function describeRevert(decoded: DecodedRevert, context: HintContext): string {
  const nowArgument = decoded.args.find((arg) => arg.name === "nowTimestamp");
  const withNow: HintContext =
    typeof nowArgument?.value === "bigint" ? { ...context, now: nowArgument.value } : context;
  const shown = decoded.args
    .filter((arg) => arg.name !== "nowTimestamp")
    .map((arg) => {
      const kind = kindOf(decoded.contract, decoded.name, arg.name, arg.type);
      return `${arg.name} ${formatArgument(decoded.contract, kind, arg.value, withNow)}`;
    });
  const values = Object.fromEntries(decoded.args.map((arg) => [arg.name, arg.value]));
  const hint = HINTS[`${decoded.contract}.${decoded.name}`] ?? HINTS[decoded.name] ?? HINTS.default;
  const text = hint({ ...withNow, contract: decoded.contract, values });
  return `${decoded.contract} refused with ${decoded.name}${shown.length > 0 ? ` (${shown.join(", ")})` : ""}. ${text}`;
}

/** Solidity's panic codes (`Panic(uint256)`), as the compiler documents them. */
const PANIC_REASONS: Readonly<Record<number, string>> = {
  0x01: "an assertion failed",
  0x11: "an arithmetic overflow or underflow",
  0x12: "a division by zero",
  0x21: "an invalid enum value",
  0x22: "a corrupt storage byte array",
  0x31: "a pop from an empty array",
  0x32: "an array index out of bounds",
  0x41: "too much memory",
  0x51: "a call to an uninitialised function",
};

/**
 * The reverts every contract can give without declaring them: `Error(string)` (a `require`
 * with a message) and `Panic(uint256)` (overflow, division by zero…), as one line; `undefined`
 * for anything else.
 */
export function describeBuiltinRevert(data: string): string | undefined {
  const selector = data.slice(0, 10).toLowerCase();
  try {
    if (selector === "0x08c379a0") {
      const [reason] = AbiCoder.defaultAbiCoder().decode(["string"], `0x${data.slice(10)}`);
      const known = REAL_REASONS[String(reason)];
      if (known !== undefined)
        return `The transaction reverted with "${String(reason)}": ${known()}`;
      return `The transaction reverted: "${String(reason)}". ${HINTS.default({})}`;
    }
    if (selector === "0x4e487b71") {
      const [code] = AbiCoder.defaultAbiCoder().decode(["uint256"], `0x${data.slice(10)}`);
      const reason = PANIC_REASONS[Number(code)] ?? "an internal error";
      return (
        `The transaction stopped on ${reason} (Solidity panic 0x${Number(code).toString(16).padStart(2, "0")}): ` +
        `an amount is beyond what the contract's arithmetic handles; try a smaller one (${lab("status", "", { asMe: true })} shows balances).`
      );
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Every error in the catalogue, with the contract that declares it (for tests and docs). */
export function catalogEntries(): { contract: string; fragment: ErrorFragment }[] {
  return [...bySelector.values()].flat();
}

/** Whether `HINTS` has a hint of its own for that error (not the default one). */
export function hasOwnHint(contract: string, name: string): boolean {
  return `${contract}.${name}` in HINTS || name in HINTS;
}
