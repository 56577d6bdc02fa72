/**
 * `lab liquidate --market lrt:spot --borrower 3`: repay an unhealthy borrower's debt in that
 * market and seize its collateral with the market's incentive (Morpho's `liquidate`: no close
 * factor). When the collateral does not cover the debt with the incentive, all of it is seized
 * and the rest of the debt is written off against the suppliers (bad debt, printed).
 */
import {
  MARKET_ERRORS,
  PRICE_SCALE,
  WAD,
  ethAmount,
  formatHealth,
  marketCommand,
  marketLabel,
  openMarketLab,
  parseMarket,
  tokens,
} from "../market-lib.js";
import { labAction, parseAddress, send, UserError } from "../lib.js";

export default labAction<{ market: string; borrower: string; account: string }>(
  async (args, hre) => {
    const [collateral, kind] = parseMarket(args.market);
    const lab = await openMarketLab(hre, args.account);
    const borrower = await parseAddress(lab, args.borrower, "borrower");
    const side = lab.market[collateral];
    const market = side.markets[kind];
    const label = marketLabel(collateral, kind);
    const debt = await market.borrowAssetsOf(borrower);
    if (debt === 0n) {
      throw new UserError(
        `${borrower} owes nothing in ${label}: ${marketCommand("positions", "--of <address>")} shows who borrows.`,
      );
    }
    const position = await market.position(borrower);
    const [price, lif] = await Promise.all([
      side.oracles[kind].price(),
      market.liquidationIncentiveFactor(),
    ]);
    // Collateral the whole debt buys at the oracle's price with the incentive; if there is less,
    // seize all of it (the rest becomes bad debt).
    const seizedForAll = (((debt * lif) / WAD) * PRICE_SCALE) / price;
    const value = debt + debt / 100_000n + 1n; // what is not owed comes back
    // A margin of 1 ppm for the contract's rounding (it rounds the seized amount up).
    const seizeAll = seizedForAll + seizedForAll / 1_000_000n + 1n >= position.collateral;
    let txHash = "";
    const hash = await send("Liquidation refused", MARKET_ERRORS, async () => {
      const tx = seizeAll
        ? await market.liquidate(borrower, position.collateral, 0, { value })
        : await market.liquidate(borrower, 0, position.borrowShares, { value });
      txHash = tx.hash;
      return tx;
    });
    const receipt = await lab.ethers.provider.getTransactionReceipt(txHash);
    let line = `Liquidated ${borrower} in ${label} — ${hash}`;
    for (const log of receipt?.logs ?? []) {
      const parsed = market.interface.parseLog(log);
      if (parsed?.name !== "Liquidate") continue;
      const { repaidAssets, seizedAssets, badDebtAssets } = parsed.args;
      line =
        `Repaid ${ethAmount(repaidAssets)} of ${borrower}'s debt in ${label} and seized ${tokens(collateral, seizedAssets)} ` +
        `(incentive ×${(Number((lif * 10_000n) / WAD) / 10_000).toFixed(4)})` +
        (badDebtAssets > 0n
          ? `; ${ethAmount(badDebtAssets)} of bad debt written off against the suppliers`
          : "") +
        ` — ${hash}`;
    }
    console.log(line);
    const left = await market.borrowAssetsOf(borrower);
    if (left > 0n)
      console.log(
        `It still owes ${ethAmount(left)}, health ${formatHealth(await market.healthFactor(borrower))}.`,
      );
  },
);
