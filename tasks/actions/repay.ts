/**
 * `lab repay --market lst:ema --amount 0.002` (or `--all`): pay back ETH borrowed in that market
 * (Morpho's `repay`). `--all` sends the debt with interest to the next minute; the rest comes back.
 */
import {
  MARKET_ERRORS,
  ethAmount,
  formatHealth,
  marketCommand,
  marketLabel,
  openMarketLab,
  parseMarket,
} from "../market-lib.js";
import { labAction, parseAmount, refuseConflict, send, UserError } from "../lib.js";

export default labAction<{ market: string; amount: string; all: boolean; account: string }>(
  async (args, hre) => {
    const [collateral, kind] = parseMarket(args.market);
    refuseConflict(
      { all: args.all, amount: args.amount !== "" },
      "--amount 0.002 (or --all alone)",
    );
    const asked = args.all ? undefined : parseAmount(args.amount, "amount");
    const lab = await openMarketLab(hre, args.account);
    const market = lab.market[collateral].markets[kind];
    const me = lab.signer.address;
    const debt = await market.borrowAssetsOf(me);
    const label = marketLabel(collateral, kind);
    if (debt === 0n) {
      throw new UserError(
        `You owe nothing in ${label}: ${marketCommand("positions")} lists your loans.`,
      );
    }
    // --all: a margin for the interest of the next minute (the market returns what is not owed).
    const value = asked ?? debt + debt / 100_000n + 1n;
    const hash = await send("Repay refused", MARKET_ERRORS, () => market.repay(me, { value }));
    const left = await market.borrowAssetsOf(me);
    console.log(
      left === 0n
        ? `Repaid the whole debt of ${label} (${ethAmount(debt)} with interest); take your collateral back with ${marketCommand("withdraw", `--market ${args.market} --collateral all`)} — ${hash}`
        : `Repaid ${ethAmount(value)} to ${label}; you still owe ${ethAmount(left)}, health factor ${formatHealth(await market.healthFactor(me))} — ${hash}`,
    );
  },
);
