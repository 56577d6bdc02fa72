/**
 * `lab positions` (or `--of <address|account>`): every lending position of an account, and each
 * loan's health factor as the market's own oracle sees it and as each of the other three price
 * sources would (the same collateral, debt and LLTV): who would be liquidated under which oracle.
 */
import {
  COLLATERALS,
  ORACLES,
  ORACLE_LABELS,
  ethAmount,
  healthAt,
  marketCommand,
  marketLabel,
  openMarketLab,
  ratio,
  tokens,
  WAD,
} from "../market-lib.js";
import { labAction, labCommand, parseAddress } from "../lib.js";
import { printTable, printText } from "../../scripts/lib/table.js";

export default labAction<{ of: string; account: string }>(async (args, hre) => {
  const lab = await openMarketLab(hre, args.account);
  const who = args.of === "" ? lab.signer.address : await parseAddress(lab, args.of, "of");
  const lent: string[][] = [];
  const loans: string[][] = [];
  for (const collateral of COLLATERALS) {
    const side = lab.market[collateral];
    const prices = await Promise.all(ORACLES.map((k) => side.oracles[k].price()));
    for (const kind of ORACLES) {
      const market = side.markets[kind];
      const [supplied, posted, debt, lltv] = await Promise.all([
        market.supplyAssetsOf(who),
        market.collateral(who),
        market.borrowAssetsOf(who),
        market.lltv(),
      ]);
      if (supplied > 0n) lent.push([marketLabel(collateral, kind), ethAmount(supplied)]);
      if (posted === 0n && debt === 0n) continue;
      const health = ORACLES.map((k, i) => {
        if (debt === 0n) return "no debt";
        const hf = healthAt(posted, debt, prices[i], lltv);
        return `${ratio(hf, 3)}${k === kind ? "*" : ""}${hf < WAD ? " !" : ""}`;
      });
      loans.push([
        marketLabel(collateral, kind),
        tokens(collateral, posted),
        ethAmount(debt),
        ...health,
      ]);
    }
  }
  console.log(`Lending positions of ${who}`);
  if (lent.length > 0) printTable(["lending to", "supplied (with interest)"], lent);
  if (loans.length === 0) {
    printText(
      `No collateral or loan. Borrow with ${marketCommand("supply", "--market lst:ema --collateral 0.01")}, ` +
        `then ${marketCommand("borrow", "--market lst:ema --amount 0.005")}.`,
    );
    return;
  }
  printTable(
    ["market", "collateral", "debt", ...ORACLES.map((k) => `HF ${ORACLE_LABELS[k]}`)],
    loans,
  );
  printText(
    "HF = collateral × price × LLTV / debt under each price source; * the market's own oracle; " +
      `! below 1: liquidatable there (${labCommand("liquidate", "--market <market> --borrower <address>")}).`,
  );
});
