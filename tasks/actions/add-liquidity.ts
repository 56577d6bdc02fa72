/**
 * `lab add-liquidity --pool slETH --eth 0.01 --tokens 0.01`: deposit ETH and/or the token in its
 * StableSwap pool and receive LP tokens (ng's `add_liquidity`; an imbalanced deposit pays ng's
 * imbalance fee). `--min-lp` bounds the LP tokens accepted (default: the quote less 0.5 %).
 */
import {
  MARKET_ERRORS,
  UNIT_OF,
  approveToken,
  ethAmount,
  openMarketLab,
  parseCollateral,
  tokenBalance,
  tokens,
  WAD,
} from "../market-lib.js";
import { labAction, labCommand, parseAmount, send, UserError } from "../lib.js";
import { formatAmount } from "../../scripts/lib/format.js";

const LP = { symbol: "LP", decimals: 18 };

export default labAction<{
  pool: string;
  eth: string;
  tokens: string;
  minLp: string;
  account: string;
}>(async (args, hre) => {
  if (args.pool === "")
    throw new UserError("--pool is required: slETH or slrETH, e.g. --pool slETH --eth 0.01");
  const collateral = parseCollateral(args.pool, "pool");
  if (args.eth === "" && args.tokens === "")
    throw new UserError("Give --eth, --tokens or both, e.g. --eth 0.01 --tokens 0.01");
  const ethIn = args.eth === "" ? 0n : parseAmount(args.eth, "eth");
  const tokensIn =
    args.tokens === "" ? 0n : parseAmount(args.tokens, "tokens", UNIT_OF[collateral]);
  const minLpAsked = args.minLp === "" ? undefined : parseAmount(args.minLp, "min-lp", LP);
  const lab = await openMarketLab(hre, args.account);
  const { pool } = lab.market[collateral];
  const me = lab.signer.address;
  const ethHeld = await lab.ethers.provider.getBalance(me);
  if (ethIn > ethHeld) {
    throw new UserError(
      `You hold ${ethAmount(ethHeld)}, less than --eth ${ethAmount(ethIn)} (and its gas): lower --eth.`,
    );
  }
  const held = await tokenBalance(lab, collateral, me);
  if (tokensIn > held) {
    throw new UserError(
      `You hold ${tokens(collateral, held)}, less than --tokens ${tokens(collateral, tokensIn)}: ` +
        (collateral === "LST"
          ? `stake first with ${labCommand("stake", "--amount 0.01", { asMe: true })}.`
          : `deposit first with ${labCommand("lrt-deposit", "--eth 0.01", { asMe: true })}.`),
    );
  }
  const quote = await pool.calcTokenAmount([ethIn, tokensIn]);
  const minLp = minLpAsked ?? (quote * (WAD - WAD / 200n)) / WAD;
  if (tokensIn > 0n) await approveToken(lab, collateral, await pool.getAddress(), tokensIn);
  const before = await pool.balanceOf(me);
  const hash = await send("Adding liquidity refused", MARKET_ERRORS, () =>
    pool.addLiquidity([ethIn, tokensIn], minLp, me, { value: ethIn }),
  );
  const minted = (await pool.balanceOf(me)) - before;
  const supply = await pool.totalSupply();
  console.log(
    `Added ${ethAmount(ethIn)} and ${tokens(collateral, tokensIn)}; received ${formatAmount(minted, LP)} ` +
      `(${formatAmount((minted * 10_000n) / supply, { symbol: "%", decimals: 2 })} of the pool) — ${hash}\n` +
      `Take it out with ${labCommand("remove-liquidity", `--pool ${UNIT_OF[collateral].symbol} --all`, { asMe: true })}.`,
  );
});
