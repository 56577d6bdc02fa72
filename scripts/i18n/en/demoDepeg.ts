/** The demo's depeg chapter (scripts/demo/depeg.ts). */
export const demoDepeg = {
  title: "A depeg: the market price against the NAV",
  intro:
    "A fresh chain with the market: a StableSwap pool per token (ETH against slETH, ETH against slrETH), seeded by the teacher with {{seed}} ETH a side, and four lending markets per token that differ only by their oracle: NAV (exchange rate), CAPO (capped NAV), spot, EMA.",
  head: {
    ethShare: "ETH share",
    spot: "spot / NAV",
    ema: "EMA / NAV",
    nav: "NAV (ETH)",
    depeg: "depeg",
  },
  oracles: {
    ExchangeRate: "NAV",
    CappedRate: "CAPO",
    Spot: "spot",
    Ema: "EMA",
  },
  lst: {
    closed: "withdrawals closed",
    open: "withdrawals open",
    seeded: "seeded; a year of rewards",
    sell: "{{number}}. Alice sells {{amount}} slETH; 10 min",
    sellToTarget: "3. sells {{amount}} more: ETH 18.5 %",
    hourLater: "4. an hour later, no one redeems",
    buy: "{{number}}. Bob buys: {{eth}} ETH → {{slEth}} slETH",
    queue: "queue: {{slEth}} slETH → {{eth}} ETH",
  },
  lrt: {
    intro:
      "The LRT: slrETH cannot be redeemed (the vault paused, as ezETH in April 2024). Carol, Dave and Erin post the same slrETH in each of the four markets (LLTV {{lltv}} %, liquidation incentive {{incentive}}) and borrow {{ltvs}} of its NAV. Then Frank dumps slrETH into the pool.",
    pool: "LRT pool, A = {{a}}",
    seeded: "seeded",
    sold: "Frank has sold {{eth}} ETH's worth",
  },
  liquidations: {
    head: "{{oracle}}: HF",
    borrower: "{{name}}, {{ltv}} %",
    price: "price / NAV",
    afterDump: "right after the dump",
    later: "{{minutes}} minutes later",
    gone: "(gone)",
    safe: "{{health}} safe",
    liquidated: "{{health}} liquidated",
    badDebt: "{{health}} bad debt",
  },
  badDebt: {
    head: "bad debt written off (ETH)",
    row: "suppliers lose",
  },
  notice: {
    closed:
      "Notice: while no one can redeem at the NAV nothing pulls the price back: at 18.5 % ETH the pool pays {{price}} of the NAV (Curve, June 2022: 0.935–0.94) and the EMA catches up within the hour; the −0.1 % at first is the pool letting a rise of the NAV in at most 1 % at a time (Curve's safe rate).",
    open: "Notice: Bob paid {{paid}} ETH and the queue paid {{received}} ETH a day later, a {{profit}} % profit, below the first slETH's (1 − fee) / price − 1 = {{expected}} % because his buying closed the gap.",
    cliff:
      "Notice: A = {{a}} keeps the price within a fraction of a percent of the NAV while ETH is left, then the last ETH costs a cliff: the spot price falls off it while the EMA has not moved yet.",
    afterDump:
      "Notice: only the spot oracle sees the cliff at once; below LTV × incentive ({{ltv}} % × {{incentive}} = {{cover}} of the NAV) the collateral no longer covers the debt, and the rest becomes bad debt.",
    later:
      "Notice: after {{halfLives}} EMA half-lives ({{minutes}} min each) the EMA has followed most of the fall and the same loans are liquidated under it; the NAV and CAPO still see no reason to.",
    chart:
      "Notice: under the NAV and CAPO oracles the loan's health never moves; under the spot price it falls off the cliff with the pool, and under the EMA half an hour later.",
    badDebt:
      "Notice: the suppliers of the market-priced markets pay for the cliff (on 24 April 2024 Morpho's 86 % ezETH market wrote off 10.96 ETH this way), while an exchange-rate oracle liquidated no one: a liquidity event, not a backing loss.",
  },
  chart: "Health factor of {{name}}'s loan ({{ltv}} % of the NAV) under each oracle, step by step",
  chartSteps: "steps",
  series: {
    market: "market price (ETH)",
    ema: "EMA (ETH)",
    nav: "NAV (ETH)",
    health: "{{name}} ({{ltv}} %): {{oracle}}",
  },
} as const;
