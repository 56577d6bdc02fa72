/**
 * Hints and argument units for the market's errors (StableSwapPool, LendingMarket, the oracles),
 * merged into `error-hints.ts`'s tables. Same rules: what to do next, with the command.
 */
import { currentMarket, lab } from "./commands.js";
import { formatEth } from "./format.js";
import type { ArgumentKind } from "./revert.js";

interface HintContext {
  values?: Record<string, unknown>;
}
type Hint = (context: HintContext) => string;

const value = (context: HintContext, name: string): bigint => {
  const v = context.values?.[name];
  return typeof v === "bigint" ? v : 0n;
};
const ADMIN = "only the deployer (the pool's admin) changes it, within Curve's bounds";

export const MARKET_HINTS: Readonly<Record<string, Hint>> = {
  // StableSwapPool (Curve stableswap-ng)
  ExchangeBelowMinimum: () =>
    `The pool pays less than your minimum (slippage): lower --min-out or swap less; ${lab("status")} shows the pool's price.`,
  MintBelowMinimum: () =>
    "The pool would mint fewer LP tokens than --min-lp: lower it, or add a more balanced deposit.",
  "StableSwapPool.WithdrawalBelowMinimum": () =>
    "The pool would pay less than your minimum: its balances moved; try again, or remove less.",
  EthAmountMismatch: () => "Send exactly the ETH the trade or deposit names (the task does).",
  InitialDepositRequiresAllCoins: () =>
    `The first deposit in an empty pool adds both coins: ${lab("add-liquidity", "--pool slETH --eth 0.01 --tokens 0.01", { asMe: true })}.`,
  InvariantNotIncreased: () => "The deposit is too small to add any liquidity: add more.",
  EmptyPool: () =>
    `The pool has no liquidity: add both coins first with ${lab("add-liquidity", "--pool slETH --eth 0.01 --tokens 0.01", { asMe: true })}.`,
  BurnExceedsSupply: () => "Burn at most the pool's LP supply.",
  ExchangeTooSmall: () =>
    "That sale frees less than 1 wei of the other coin, so there is nothing to pay: sell more.",
  WithdrawalEmptiesCoin: () =>
    `Taking that much in one coin would empty the pool of it: remove less with --only, or take both coins (${lab("remove-liquidity", "--pool slETH --all", { asMe: true })}, without --only).`,
  InvalidCoinIndex: () => "The pool's coins are 0 (ETH) and 1 (the token).",
  SameCoin: () => "Swap one coin for the other: ETH against the token.",
  InvariantOutOfRange: () =>
    "The pool's balances would pass 2^124 wei (2e19 ETH), beyond the range of its exact invariant check: trade a smaller amount.",
  BalanceTooLarge: () =>
    "The pool would hold 2^128 units of that coin or more (about 340 tokens of a 36-decimal coin), more than it can record: trade or deposit a smaller amount.",
  OffpegFeeMultiplierTooLarge: () =>
    `The off-peg fee multiplier is at most ×100 (1e12), so the dynamic fee cannot overflow (${ADMIN}).`,
  RampTooSoon: () => `A changed less than a day ago: wait (${ADMIN}).`,
  RampTooShort: () => `A ramp lasts at least a day (${ADMIN}).`,
  AOutOfRange: () => `A is between 1 and 1,000,000 (${ADMIN}).`,
  AChangeTooLarge: () => `A moves at most ×10 or ÷10 in one ramp (${ADMIN}).`,

  // LendingMarket (Morpho Blue)
  UnhealthyPosition: (c) =>
    `The loan would exceed collateral × price × LLTV (${formatEth(value(c, "maxBorrow"))}): borrow less or keep more collateral, ` +
    `repay first (${lab("repay", `--market ${currentMarket()} --all`, { asMe: true })}), or post more ` +
    `(${lab("supply", `--market ${currentMarket()} --collateral <amount>`, { asMe: true })}); ${lab("positions", "", { asMe: true })} shows your health.`,
  HealthyPosition: () =>
    `Not liquidatable: under this market's oracle the loan is healthy (debt ≤ the most it may owe). ` +
    `${lab("positions", "--of <borrower>")} shows its health under every oracle.`,
  InsufficientLiquidity: (c) =>
    `The market has only ${formatEth(value(c, "available"))} to lend or pay out: ask for less, or lenders supply more (${lab("supply", `--market ${currentMarket()} --eth 0.01`)}).`,
  InsufficientCollateral: () =>
    `Withdraw at most your collateral: ${lab("positions", "", { asMe: true })}.`,
  WithdrawExceedsBalance: () =>
    `Withdraw at most what you supplied: ${lab("positions", "", { asMe: true })}.`,
  NoDebt: () => `Nothing is owed there: ${lab("positions", "", { asMe: true })} lists the loans.`,
  InsufficientPayment: (c) =>
    `Send at least ${formatEth(value(c, "required"))}, the debt this liquidation repays (the task does).`,
  SeizeExceedsCollateral: () =>
    `Seize at most the borrower's collateral (${lab("liquidate", `--market ${currentMarket()} --borrower <address>`)} computes it).`,
  RepayExceedsDebt: () =>
    `Repay at most the borrower's debt (${lab("liquidate", `--market ${currentMarket()} --borrower <address>`)} computes it).`,
  ZeroPrice: () =>
    `The market's oracle prices the collateral at 0: a liquidation then names the collateral to seize, not the debt to repay; ${lab("positions", "--of <borrower>")} shows the prices.`,
  InconsistentInput: () =>
    "Give either the collateral to seize or the debt shares to repay, not both.",
  InvalidLltv: () => "The LLTV is a fraction strictly between 0 and 1 (see config/profiles.ts).",
  "LendingMarket.EthTransferFailed": () =>
    "The recipient refused the ETH: use an address that accepts plain ETH.",

  // Oracles (Aave's CAPO)
  SnapshotRateIsZero: () => "CAPO's snapshot rate cannot be 0: read the rate provider's getRate().",
  InvalidSnapshotTimestamp: () =>
    "CAPO's snapshot must be later than the last one and not in the future.",
  SnapshotMayOverflowSoon: () => "That growth cap could overflow within three years: lower it.",
  InvalidDecimals: () =>
    "A token of more than 36 decimals cannot be priced on Morpho's 1e36 scale.",
  OwnableUnauthorizedAccount: () =>
    "Only the oracle's owner (the deployer, Aave's risk admin) moves the CAPO snapshot.",
  OwnableInvalidOwner: () => "The owner cannot be the zero address.",

  // OpenZeppelin's Address, used to send ETH
  FailedCall: () => "The recipient refused the ETH: use an address that accepts plain ETH.",
  InsufficientBalance: () => "The contract holds less ETH than it must send: report this as a bug.",
};

export const MARKET_UNIT_OVERRIDES: Readonly<
  Record<string, Readonly<Record<string, ArgumentKind>>>
> = {
  InvalidLltv: { lltv: "wad" },
  InvalidCoinIndex: { index: "plain" },
  ExchangeTooSmall: { index: "plain", dx: "plain" },
  WithdrawalEmptiesCoin: { index: "plain", burn: "shares", supply: "shares" },
  SameCoin: { index: "plain" },
  InvariantOutOfRange: { ann: "plain" },
  BalanceTooLarge: { index: "plain", balance: "plain", maxBalance: "plain" },
  OffpegFeeMultiplierTooLarge: { offpegFeeMultiplier: "plain", maxOffpegFeeMultiplier: "plain" },
  AOutOfRange: { futureA: "plain" },
  AChangeTooLarge: { currentA: "plain", futureA: "plain" },
  RampTooShort: { futureTime: "time", earliest: "time" },
  RampTooSoon: { earliest: "time" },
  "StableSwapPool.WithdrawalBelowMinimum": { index: "plain" },
  InvalidSnapshotTimestamp: { snapshotTimestamp: "time", previous: "time" },
  RepayExceedsDebt: { repaidShares: "shares", borrowShares: "shares" },
  InconsistentInput: { repaidShares: "shares" },
};
