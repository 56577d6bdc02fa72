/**
 * `lab remove-liquidity --pool slETH --lp 0.01` (or `--all`): burn LP tokens for both coins in
 * proportion (ng's `remove_liquidity`), or for one coin with `--only ETH|slETH|slrETH`
 * (`remove_liquidity_one_coin`, which pays the imbalance fee). Bounded by the quote less 0.5 %.
 */
import {
  MARKET_ERRORS,
  UNIT_OF,
  ethAmount,
  openMarketLab,
  parseCollateral,
  tokens,
  WAD,
} from "../market-lib.js";
import { labAction, labCommand, parseAmount, refuseConflict, send, UserError } from "../lib.js";
import { formatAmount } from "../../scripts/lib/format.js";

const LP = { symbol: "LP", decimals: 18 };
const withSlippage = (amount: bigint) => (amount * (WAD - WAD / 200n)) / WAD;

export default labAction<{ pool: string; lp: string; all: boolean; only: string; account: string }>(
  async (args, hre) => {
    if (args.pool === "")
      throw new UserError("--pool is required: slETH or slrETH, e.g. --pool slETH --all");
    const collateral = parseCollateral(args.pool, "pool");
    refuseConflict({ all: args.all, lp: args.lp !== "" }, "--lp 0.01 (or --all alone)");
    const asked = args.all ? undefined : parseAmount(args.lp, "lp", LP);
    const onlyEth = args.only.trim().toLowerCase() === "eth";
    if (args.only !== "" && !onlyEth && parseCollateral(args.only, "only") !== collateral) {
      throw new UserError(
        `--only is ETH or ${UNIT_OF[collateral].symbol} for this pool, not "${args.only}"`,
      );
    }
    const lab = await openMarketLab(hre, args.account);
    const { pool } = lab.market[collateral];
    const me = lab.signer.address;
    const held = await pool.balanceOf(me);
    const burn = asked ?? held;
    if (held === 0n) {
      throw new UserError(
        `You hold no LP tokens of the ${UNIT_OF[collateral].symbol} pool: ` +
          `${labCommand("add-liquidity", `--pool ${UNIT_OF[collateral].symbol} --eth 0.01 --tokens 0.01`, { asMe: true })} first.`,
      );
    }
    if (burn > held) {
      throw new UserError(
        `You hold ${formatAmount(held, LP)}, less than --lp ${formatAmount(burn, LP)}: lower it or use --all.`,
      );
    }
    let hash: string;
    let paid: string;
    if (args.only === "") {
      const supply = await pool.totalSupply();
      const expected = [0n, 1n].map(async (i) => ((await pool.balances(i)) * burn) / supply);
      const [eth, tok] = await Promise.all(expected);
      hash = await send("Removing liquidity refused", MARKET_ERRORS, () =>
        pool.removeLiquidity(burn, [withSlippage(eth), withSlippage(tok)], me),
      );
      paid = `${ethAmount(eth)} and ${tokens(collateral, tok)}`;
    } else {
      const i = onlyEth ? 0n : 1n;
      const quote = await pool.calcWithdrawOneCoin(burn, i);
      hash = await send("Removing liquidity refused", MARKET_ERRORS, () =>
        pool.removeLiquidityOneCoin(burn, i, withSlippage(quote), me),
      );
      paid = onlyEth ? ethAmount(quote) : tokens(collateral, quote);
    }
    console.log(`Burnt ${formatAmount(burn, LP)} for about ${paid} — ${hash}`);
  },
);
