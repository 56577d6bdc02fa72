/**
 * `lab supply --market lst:ema --eth 0.01`: lend ETH to a lending market (Morpho's `supply`:
 * shares of what borrowers owe, earning their interest); `--collateral 0.01` posts the market's
 * token as collateral instead (`supplyCollateral`), to borrow against it.
 */
import {
  MARKET_ERRORS,
  UNIT_OF,
  approveToken,
  ethAmount,
  marketCommand,
  marketLabel,
  openMarketLab,
  parseMarket,
  tokenBalance,
  tokens,
} from "../market-lib.js";
import { labAction, labCommand, parseAmount, send, UserError } from "../lib.js";

export default labAction<{ market: string; eth: string; collateral: string; account: string }>(
  async (args, hre) => {
    const [collateral, kind] = parseMarket(args.market);
    if ((args.eth === "") === (args.collateral === "")) {
      throw new UserError(
        `Give exactly one of --eth (lend ETH) or --collateral (post ${UNIT_OF[collateral].symbol}), e.g. --collateral 0.01`,
      );
    }
    const value = args.eth === "" ? 0n : parseAmount(args.eth, "eth");
    const assets =
      args.collateral === "" ? 0n : parseAmount(args.collateral, "collateral", UNIT_OF[collateral]);
    const lab = await openMarketLab(hre, args.account);
    const market = lab.market[collateral].markets[kind];
    const me = lab.signer.address;
    const label = marketLabel(collateral, kind);
    if (args.eth !== "") {
      const hash = await send("Supply refused", MARKET_ERRORS, () => market.supply(me, { value }));
      console.log(
        `Lent ${ethAmount(value)} to ${label}; you now supply ${ethAmount(await market.supplyAssetsOf(me))} ` +
          `and earn what borrowers pay — ${hash}`,
      );
      return;
    }
    const held = await tokenBalance(lab, collateral, me);
    if (assets > held) {
      throw new UserError(
        `You hold ${tokens(collateral, held)}, less than --collateral ${tokens(collateral, assets)}: ` +
          (collateral === "LST"
            ? `stake first with ${labCommand("stake", "--amount 0.01", { asMe: true })}.`
            : `deposit first with ${labCommand("lrt-deposit", "--eth 0.01", { asMe: true })}.`),
      );
    }
    await approveToken(lab, collateral, await market.getAddress(), assets);
    const hash = await send("Posting collateral refused", MARKET_ERRORS, () =>
      market.supplyCollateral(assets, me),
    );
    console.log(
      `Posted ${tokens(collateral, assets)} in ${label}; you may borrow up to ${ethAmount(await market.maxBorrow(me))} ` +
        `in all — ${hash}\nNext: ${marketCommand("borrow", `--market ${args.market} --amount <ETH>`)}.`,
    );
  },
);
