/**
 * What the market tasks share (swap, liquidity, lending, positions): the deployment's market
 * contracts, typed; which pool or lending market an option names; the token units; and the
 * prices a student reads (spot, EMA, NAV, depeg). Everything else — the error boundary, amount
 * parsing and printing, refusals with the next command — is `tasks/lib.ts`, as for every task.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { ZeroAddress } from "ethers";

import {
  COLLATERALS,
  ORACLES,
  ORACLE_LABELS,
  attachMarket,
  marketName,
  poolName,
  type Collateral,
  type CollateralContracts,
  type MarketContracts,
  type OracleKind,
} from "../scripts/lib/market-deployment.js";
import { deployCommand, setCommandContext } from "../scripts/lib/commands.js";
import {
  ETH,
  SLETH,
  SLRETH,
  UserError,
  formatAmount,
  labCommand,
  openLab,
  send,
  type Lab,
} from "./lib.js";
import type { Unit } from "../scripts/lib/format.js";

export { COLLATERALS, ORACLES, ORACLE_LABELS, marketName, type Collateral, type OracleKind };

export const WAD = 10n ** 18n;
/** Oracle prices: wei per smallest unit of collateral, scaled 1e36 (Morpho's `ORACLE_PRICE_SCALE`). */
export const PRICE_SCALE = 10n ** 36n;

/** The token each collateral is, as students type and read it. */
export const UNIT_OF: Readonly<Record<Collateral, Unit>> = { LST: SLETH, LRT: SLRETH };

/** The contracts whose errors the market tasks meet, most likely first (for `send`). */
export const MARKET_ERRORS = [
  { name: "StableSwapPool" },
  { name: "LendingMarket" },
  { name: "LiquidStakingToken" },
  { name: "LRTVault" },
];

/** `openLab` plus the market's contracts, typed; refuses a deployment made before the market. */
export async function openMarketLab(hre: HardhatRuntimeEnvironment, account = "0") {
  const lab = await openLab(hre, account);
  const addresses = Object.fromEntries(
    Object.entries(lab.record.contracts).map(([name, record]) => [name, record.address]),
  );
  if (addresses[marketName("LRT", "Ema")] === undefined) {
    throw new UserError(
      `deployments/${lab.networkName}.json has no market (it was deployed before the market layer): ` +
        `deploy again with ${deployCommand(lab.networkName)}.`,
    );
  }
  // The pools and lending markets must answer (a restarted node, a hand-edited record).
  const used = COLLATERALS.flatMap((c) => [poolName(c), ...ORACLES.map((k) => marketName(c, k))]);
  const codes = await Promise.all(
    used.map((name) => lab.ethers.provider.getCode(addresses[name] ?? ZeroAddress)),
  );
  const missing = used.filter((_, i) => codes[i] === "0x");
  if (missing.length > 0) {
    throw new UserError(
      `No contract at the recorded ${missing.join(", ")} address on ${lab.networkName} (was the node restarted?): ` +
        `redeploy with ${deployCommand(lab.networkName)}.`,
    );
  }
  const market = await attachMarket(lab.ethers, addresses, lab.signer);
  return { ...lab, market };
}

export type MarketLab = Lab & { market: MarketContracts };

/** "sleth", "lst" → LST; "slreth", "lrt" → LRT (any case); anything else is refused. */
export function parseCollateral(value: string, option: string): Collateral {
  const key = value.trim().toLowerCase();
  if (key === "sleth" || key === "lst") return "LST";
  if (key === "slreth" || key === "lrt") return "LRT";
  throw new UserError(
    `--${option} must name a token, slETH or slrETH (or lst / lrt), not "${value}"`,
  );
}

const ORACLE_ALIASES: Readonly<Record<string, OracleKind>> = {
  nav: "ExchangeRate",
  exchangerate: "ExchangeRate",
  capo: "CappedRate",
  cappedrate: "CappedRate",
  spot: "Spot",
  ema: "Ema",
};

/** The eight markets as a student types them: `lst:nav`, `lrt:ema`… */
export const MARKET_EXAMPLES = COLLATERALS.flatMap((c) =>
  ORACLES.map((k) => `${c.toLowerCase()}:${ORACLE_LABELS[k].toLowerCase()}`),
);

/** "--market lst:ema" (token, then oracle: nav, capo, spot or ema) → ["LST", "Ema"]. */
export function parseMarket(value: string, option = "market"): [Collateral, OracleKind] {
  const [token = "", oracle = ""] = value.trim().split(/[:/]/);
  const kind = ORACLE_ALIASES[oracle.toLowerCase()];
  if (value === "" || kind === undefined || !/^(sl(r)?eth|lst|lrt)$/i.test(token)) {
    throw new UserError(
      `--${option} names a lending market as <token>:<oracle>, one of ${MARKET_EXAMPLES.join(", ")}; not "${value}"`,
    );
  }
  // Hints after a refusal name this market rather than a placeholder.
  setCommandContext({ market: `${token.toLowerCase()}:${oracle.toLowerCase()}` });
  return [parseCollateral(token, option), kind];
}

/** How a market prints: "LST:EMA". */
export const marketLabel = (c: Collateral, k: OracleKind) => `${c}:${ORACLE_LABELS[k]}`;

/** A token amount of that collateral, rounded, with its unit. */
export const tokens = (c: Collateral, amount: bigint) => formatAmount(amount, UNIT_OF[c]);
export const ethAmount = (wei: bigint) => formatAmount(wei, ETH);

/** Decimals of the collateral's smallest unit per whole token (18 for slETH, 21 for slrETH). */
export const decimalsOf = (c: Collateral) => BigInt(UNIT_OF[c].decimals);

/** A WAD ratio with exactly `decimals` decimals ("0.9375", "1.0000"). */
export function ratio(wad: bigint, decimals = 4): string {
  const step = 10n ** BigInt(18 - decimals);
  const rounded = (wad + step / 2n) / step;
  const text = rounded.toString().padStart(decimals + 1, "0");
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

/** (r − 1) as a signed percentage with two decimals: 0.937 → "−6.30 %". */
export function percentFromOne(wad: bigint): string {
  const hundredths = ((wad - WAD) * 10_000n) / WAD;
  const sign = hundredths < 0n ? "−" : hundredths > 0n ? "+" : "";
  return `${sign}${ratio((hundredths < 0n ? -hundredths : hundredths) * 10n ** 16n, 2)} %`;
}

/** A pool's prices: spot and EMA in NAV units, the NAV, the market price in ETH, the depeg. */
export async function poolPrices(side: CollateralContracts) {
  const { pool, rateProvider } = side;
  const [spot, ema, nav, stored, eth, tokenBalance] = await Promise.all([
    pool.spotPrice(),
    pool.priceOracle(),
    rateProvider.getRate(),
    pool.storedRate(),
    pool.balances(0),
    pool.balances(1),
  ]);
  /** ETH per whole token: spot (NAV units) × the pool's rate. */
  const marketPrice = (spot * stored) / WAD;
  const emaPrice = (ema * stored) / WAD;
  return {
    spot,
    ema,
    nav,
    marketPrice,
    emaPrice,
    /** Market price / NAV (WAD): below 1 is a discount. */
    depeg: nav === 0n ? WAD : (marketPrice * WAD) / nav,
    /** The rate the pool uses: the NAV, with a rise bounded per block (Curve's safe-rate work). */
    storedRate: stored,
    balances: [eth, tokenBalance] as const,
  };
}

/**
 * Health factor of a position (collateral in smallest units, debt in wei) if priced by an oracle
 * price (1e36 scale) at `lltvWad`: collateral × price × LLTV / debt, WAD; max when there is no debt.
 */
export function healthAt(collateral: bigint, debt: bigint, price: bigint, lltvWad: bigint): bigint {
  if (debt === 0n) return 2n ** 256n - 1n;
  return (((collateral * price) / PRICE_SCALE) * lltvWad) / debt;
}

/** A health factor as printed: "1.234", "∞" without debt; "(liquidatable)" below 1. */
export function formatHealth(hf: bigint): string {
  if (hf >= 2n ** 255n) return "∞ (no debt)";
  return hf < WAD ? `${ratio(hf, 3)} (liquidatable)` : ratio(hf, 3);
}

/** The next command for a market option (carries the network and the account). */
export const marketCommand = (task: string, options = "") =>
  labCommand(task, options, { asMe: true });

/** Approves `spender` for `amount` of `token` (the LST or the LRT vault) when the allowance is short. */
export async function approveToken(
  lab: MarketLab,
  collateral: Collateral,
  spender: string,
  amount: bigint,
): Promise<void> {
  const token = collateral === "LST" ? lab.token : lab.vault;
  if ((await token.allowance(lab.signer.address, spender)) >= amount) return;
  await send("Approval refused", MARKET_ERRORS, () => token.approve(spender, amount));
}

/** The student's balance of the collateral token. */
export async function tokenBalance(lab: MarketLab, collateral: Collateral, who: string) {
  return collateral === "LST" ? lab.token.balanceOf(who) : lab.vault.balanceOf(who);
}
