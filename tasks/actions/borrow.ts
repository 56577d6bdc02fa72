/**
 * `lab borrow --market lst:ema --amount 0.005`: borrow ETH against the collateral posted in that
 * market (Morpho's `borrow`). Refused when the loan would exceed collateral × price × LLTV.
 */
import {
  MARKET_ERRORS,
  UNIT_OF,
  ethAmount,
  formatHealth,
  marketCommand,
  marketLabel,
  openMarketLab,
  parseMarket,
} from "../market-lib.js";
import { labAction, parseAmount, send, UserError } from "../lib.js";

export default labAction<{ market: string; amount: string; account: string }>(async (args, hre) => {
  const [collateral, kind] = parseMarket(args.market);
  const assets = parseAmount(args.amount, "amount");
  const lab = await openMarketLab(hre, args.account);
  const market = lab.market[collateral].markets[kind];
  const me = lab.signer.address;
  if ((await market.collateral(me)) === 0n) {
    throw new UserError(
      `You have no collateral in ${marketLabel(collateral, kind)}: post ${UNIT_OF[collateral].symbol} first with ` +
        `${marketCommand("supply", `--market ${args.market} --collateral 0.01`)}.`,
    );
  }
  const hash = await send("Borrow refused", MARKET_ERRORS, () => market.borrow(assets, me));
  console.log(
    `Borrowed ${ethAmount(assets)} from ${marketLabel(collateral, kind)}; you owe ${ethAmount(await market.borrowAssetsOf(me))}, ` +
      `health factor ${formatHealth(await market.healthFactor(me))} — ${hash}\n` +
      `${marketCommand("positions")} shows its health under every oracle.`,
  );
});
