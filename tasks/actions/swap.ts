/**
 * `lab swap --sell slETH --amount 0.04` (or `--sell ETH --buy slrETH …`): trade on the token's
 * StableSwap pool (Curve stableswap-ng's `exchange`). One side is always ETH. The least accepted
 * is `--min-out`, or the pool's quote less `--slippage` percent (default 0.5 %, Curve's default).
 */
import {
  UNIT_OF,
  MARKET_ERRORS,
  approveToken,
  ethAmount,
  marketCommand,
  openMarketLab,
  parseCollateral,
  percentFromOne,
  poolPrices,
  ratio,
  tokenBalance,
  tokens,
  WAD,
} from "../market-lib.js";
import { labAction, parseAmount, parsePercentWad, send, UserError } from "../lib.js";
import { ETH } from "../../scripts/lib/format.js";
import { revertData } from "../../scripts/lib/revert.js";

interface SwapArgs {
  sell: string;
  buy: string;
  amount: string;
  minOut: string;
  slippage: string;
  account: string;
}

export default labAction<SwapArgs>(async (args, hre) => {
  const sellEth = args.sell.trim().toLowerCase() === "eth";
  const buyEth = args.buy.trim().toLowerCase() === "eth" || (args.buy === "" && !sellEth);
  if (args.sell === "")
    throw new UserError(
      "--sell is required: ETH, slETH or slrETH, e.g. --sell slETH --amount 0.01",
    );
  if (sellEth === buyEth) {
    throw new UserError(
      "One side of a swap is ETH and the other slETH or slrETH: e.g. --sell ETH --buy slETH, or --sell slETH",
    );
  }
  if (args.minOut !== "" && args.slippage !== "")
    throw new UserError(
      "--min-out and --slippage contradict each other: give one, e.g. --slippage 1",
    );
  const collateral = parseCollateral(sellEth ? args.buy : args.sell, sellEth ? "buy" : "sell");
  const unitIn = sellEth ? ETH : UNIT_OF[collateral];
  const unitOut = sellEth ? UNIT_OF[collateral] : ETH;
  const dx = parseAmount(args.amount, "amount", unitIn);
  const slippageWad =
    args.slippage === "" ? WAD / 200n : parsePercentWad(args.slippage, "slippage");
  const minOutAsked = args.minOut === "" ? undefined : parseAmount(args.minOut, "min-out", unitOut);
  const lab = await openMarketLab(hre, args.account);
  const side = lab.market[collateral];
  const me = lab.signer.address;
  const [i, j] = sellEth ? [0n, 1n] : [1n, 0n];

  const held = sellEth
    ? await lab.ethers.provider.getBalance(me)
    : await tokenBalance(lab, collateral, me);
  if (dx > held) {
    throw new UserError(
      `You hold ${sellEth ? ethAmount(held) : tokens(collateral, held)}, less than the ${sellEth ? ethAmount(dx) : tokens(collateral, dx)} to sell: lower --amount.`,
    );
  }
  // The pool quotes 0 (its −1 wei takes all) or refuses with ExchangeTooSmall (the sale frees less
  // than 1 wei of the other coin): either way it pays nothing, and the task says so before sending.
  const tooSmall = side.pool.interface.getError("ExchangeTooSmall")!.selector;
  const quote = await side.pool.getDy(i, j, dx).catch((error: unknown) => {
    if (revertData(error)?.slice(0, 10).toLowerCase() === tooSmall.toLowerCase()) return 0n;
    throw error;
  });
  if (quote === 0n) {
    // A sale worth under 1 wei of what is bought: the pool would pay nothing.
    throw new UserError(
      `The pool would pay nothing for ${sellEth ? ethAmount(dx) : tokens(collateral, dx)}: too small to trade; sell more.`,
    );
  }
  const minOut = minOutAsked ?? (quote * (WAD - slippageWad)) / WAD;
  if (quote < minOut) {
    // The contract's own check (`ExchangeBelowMinimum`), made before sending: getDy is exactly
    // what `exchange` pays in this block, and the refusal can name the right unit.
    const show = (v: bigint) => (sellEth ? tokens(collateral, v) : ethAmount(v));
    throw new UserError(
      `Swap refused: the pool pays ${show(quote)} for ${sellEth ? ethAmount(dx) : tokens(collateral, dx)}, ` +
        `less than your minimum ${show(minOut)} (slippage). Lower --min-out or swap less; ` +
        `${marketCommand("status")} shows the pool's price.`,
    );
  }
  if (!sellEth) await approveToken(lab, collateral, await side.pool.getAddress(), dx);

  const before = sellEth
    ? await tokenBalance(lab, collateral, me)
    : await lab.ethers.provider.getBalance(me);
  const hash = await send("Swap refused", MARKET_ERRORS, () =>
    side.pool.exchange(i, j, dx, minOut, me, { value: sellEth ? dx : 0n }),
  );
  const after = sellEth
    ? await tokenBalance(lab, collateral, me)
    : await lab.ethers.provider.getBalance(me);
  // Selling tokens for ETH: the balance change is net of gas, so report the pool's quote.
  const received = sellEth ? after - before : quote;
  const prices = await poolPrices(side);
  const one = 10n ** BigInt(UNIT_OF[collateral].decimals);
  // ETH per whole token paid or received in this trade.
  const price = sellEth ? (dx * one) / received : (received * one) / dx;
  console.log(
    `Sold ${sellEth ? ethAmount(dx) : tokens(collateral, dx)} for ${sellEth ? tokens(collateral, received) : ethAmount(received)} ` +
      `(${ratio(price)} ETH per ${UNIT_OF[collateral].symbol}; NAV ${ratio(prices.nav)}) — ${hash}\n` +
      `The pool's price is now ${ratio(prices.marketPrice)} ETH, ${percentFromOne(prices.depeg)} from the NAV; ` +
      `${marketCommand("status")} shows both pools.`,
  );
});
