/**
 * The market's part of `lab status`: each token's NAV against its market price (the pool's spot),
 * the pool's EMA, the depeg in %, the pool's balances, and the four lending markets' prices, so a
 * student sees at once whether a discount is a backing loss (the NAV fell) or a market one.
 */
import { attachMarket } from "../scripts/lib/market-deployment.js";
import { printPairs, printTable, printText } from "../scripts/lib/table.js";
import {
  COLLATERALS,
  ORACLES,
  ORACLE_LABELS,
  PRICE_SCALE,
  UNIT_OF,
  decimalsOf,
  ethAmount,
  marketName,
  percentFromOne,
  poolPrices,
  ratio,
  tokens,
} from "./market-lib.js";
import { labCommand, type Lab } from "./lib.js";

export async function printMarketStatus(lab: Lab): Promise<void> {
  const addresses = Object.fromEntries(
    Object.entries(lab.record.contracts).map(([name, record]) => [name, record.address]),
  );
  if (addresses[marketName("LRT", "Ema")] === undefined) {
    console.log("This deployment has no market (deployed before the market layer).");
    return;
  }
  const market = await attachMarket(lab.ethers, addresses);
  const rows: [string, string][] = [];
  const lending: string[][] = [];
  for (const collateral of COLLATERALS) {
    const side = market[collateral];
    const symbol = UNIT_OF[collateral].symbol;
    const prices = await poolPrices(side);
    const [lpSupply, a, fee] = await Promise.all([
      side.pool.totalSupply(),
      side.pool.A(),
      side.pool.fee(),
    ]);
    rows.push(
      [`${symbol}: NAV (what the protocol owes per token)`, `${ratio(prices.nav, 6)} ETH`],
      [`${symbol}: market price (the pool's spot)`, `${ratio(prices.marketPrice, 6)} ETH`],
      [`${symbol}: EMA price (the pool's moving average)`, `${ratio(prices.emaPrice, 6)} ETH`],
      [`${symbol}: depeg (market price / NAV − 1)`, percentFromOne(prices.depeg)],
      [
        `${symbol} pool: the rate it prices with (follows the NAV; rises bounded per block)`,
        `${ratio(prices.storedRate, 6)} ETH`,
      ],
      [
        `${symbol} pool: balances, LP supply`,
        `${ethAmount(prices.balances[0])} + ${tokens(collateral, prices.balances[1])}, ${ratio(lpSupply, 4)} LP`,
      ],
      [`${symbol} pool: A, fee`, `${a}, ${ratio(fee * 10n ** 10n, 4)} %`],
    );
    const oraclePrices = await Promise.all(ORACLES.map((k) => side.oracles[k].price()));
    const one = 10n ** decimalsOf(collateral);
    const [supplied, borrowed] = await Promise.all([
      Promise.all(ORACLES.map((k) => side.markets[k].totalSupplyAssets())),
      Promise.all(ORACLES.map((k) => side.markets[k].totalBorrowAssets())),
    ]);
    const lltv = await side.markets.Ema.lltv();
    ORACLES.forEach((k, i) => {
      lending.push([
        `${collateral}:${ORACLE_LABELS[k]}`,
        ratio((oraclePrices[i] * one) / PRICE_SCALE, 6),
        ethAmount(supplied[i]),
        ethAmount(borrowed[i]),
        `${ratio(lltv * 100n, 1)} %`,
      ]);
    });
  }
  printPairs("Market (StableSwap pools; prices in ETH per token)", rows);
  printTable(["lending market", "price (ETH)", "supplied", "borrowed", "LLTV"], lending);
  printText(
    "A depeg with the NAV unchanged is a market discount; a lower NAV is a backing loss. " +
      "A (amplification) is how long a pool holds its price near the NAV as it empties; " +
      "LLTV is the most a loan may be of its collateral's value before liquidation. " +
      `Your loans under every oracle: ${labCommand("positions", "", { asMe: true })}.`,
  );
}
