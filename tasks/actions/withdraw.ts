/**
 * `lab withdraw --market lst:ema --eth 0.01` (or `--eth all`): take back ETH lent to a lending
 * market (Morpho's `withdraw`, as long as borrowers have not borrowed it); `--collateral 0.004`
 * (or `all`) takes back posted collateral (`withdrawCollateral`), refused while a loan needs it.
 */
import {
  MARKET_ERRORS,
  UNIT_OF,
  ethAmount,
  marketCommand,
  marketLabel,
  openMarketLab,
  parseMarket,
  tokens,
} from "../market-lib.js";
import { ETH, labAction, parseAmount, send, UserError } from "../lib.js";
import type { Unit } from "../../scripts/lib/format.js";

const MAX_UINT256 = 2n ** 256n - 1n;

/** "all" (any case), or an amount in `unit` as `parseAmount` reads it. */
function parseAmountOrAll(value: string, option: string, unit: Unit): bigint | "all" {
  if (value.trim().toLowerCase() === "all") return "all";
  if (!/^\s*\d*\.?\d*\s*$/.test(value) || value.trim() === ".") {
    throw new UserError(
      `--${option} must be an amount in ${unit.symbol} such as 0.01, or all; not "${value}"`,
    );
  }
  return parseAmount(value, option, unit);
}

export default labAction<{ market: string; eth: string; collateral: string; account: string }>(
  async (args, hre) => {
    const [collateral, kind] = parseMarket(args.market);
    if ((args.eth === "") === (args.collateral === "")) {
      throw new UserError(
        `Give exactly one of --eth (ETH you lent) or --collateral (${UNIT_OF[collateral].symbol} you posted), e.g. --eth all`,
      );
    }
    // Every option is read before the chain: a typo is refused whatever the position.
    const ethAsked = args.eth === "" ? undefined : parseAmountOrAll(args.eth, "eth", ETH);
    const collateralAsked =
      args.collateral === ""
        ? undefined
        : parseAmountOrAll(args.collateral, "collateral", UNIT_OF[collateral]);
    const lab = await openMarketLab(hre, args.account);
    const market = lab.market[collateral].markets[kind];
    const me = lab.signer.address;
    const label = marketLabel(collateral, kind);
    if (ethAsked !== undefined) {
      const supplied = await market.supplyAssetsOf(me);
      if (supplied === 0n) {
        throw new UserError(
          `You lend nothing in ${label}: ${marketCommand("positions")} lists your positions.`,
        );
      }
      const all = ethAsked === "all";
      const assets = ethAsked === "all" ? MAX_UINT256 : ethAsked;
      const before = await market.supplyAssetsOf(me);
      const hash = await send("Withdrawal refused", MARKET_ERRORS, () =>
        market.withdraw(assets, me),
      );
      const taken = before - (await market.supplyAssetsOf(me));
      console.log(
        `Withdrew ${ethAmount(all ? before : assets)} lent to ${label} (${ethAmount(taken)} of your supply) — ${hash}`,
      );
      return;
    }
    const posted = await market.collateral(me);
    const assets =
      collateralAsked === "all" || collateralAsked === undefined ? posted : collateralAsked;
    if (posted === 0n || assets > posted) {
      throw new UserError(
        `You have ${tokens(collateral, posted)} of collateral in ${label}, less than ${tokens(collateral, assets)}: ` +
          `${marketCommand("positions")} lists your positions.`,
      );
    }
    const hash = await send("Withdrawal refused", MARKET_ERRORS, () =>
      market.withdrawCollateral(assets, me),
    );
    console.log(`Took back ${tokens(collateral, assets)} of collateral from ${label} — ${hash}`);
  },
);
