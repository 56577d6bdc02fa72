/** The HTML report (`npm run report`): its page, each chart's title and axes (English, the source). */
export const report = {
  pageTitle: "Staking Lab — what the demo measured",
  intro:
    "Each chart was drawn from the demo's own run on an embedded chain, offline. Hover over a point to read its value; the numbered lines mark the events listed under each chart.",
  made: "Made by {{command}} on {{date}}.",
  series: "series",
  events: "What happened",
  points: "points recorded: {{count}}",
  empty:
    "No points were recorded for this chart: run the {{chapter}} chapter with the report ({{command}}).",
  liquidation: "1 = liquidation",
  axes: {
    days: "time (days)",
    step: "step of the depeg",
    lstRate: "slETH rate (ETH per slETH)",
    ethValue: "value (ETH)",
    price: "price (ETH per token)",
    healthFactor: "health factor (below 1: liquidated)",
  },
  charts: {
    lstRate: {
      title: "The LST rate through rewards and slashings",
      caption:
        "Rewards raise the rate of every holder at once; a slashing lowers it for all of them (a socialised loss).",
    },
    lrtValue: {
      title: "The LRT's value and its two layers",
      caption:
        "The LRT earns consensus-layer and AVS rewards and bears both layers of slashing: the two rates multiply.",
    },
    depegPrice: {
      title: "The pool's price against the NAV through the depeg",
      caption:
        "The NAV is what the protocol owes per token; the pool's price is what a seller gets now. The gap is the depeg.",
    },
    healthFactors: {
      title: "Health factors of one loan under each oracle",
      caption:
        "The same loan, priced by each oracle: it is liquidated when its health factor falls below 1.",
    },
    comparison: {
      title: "What 32 ETH became, per way to stake",
      caption:
        "The same year and the same events through each way to stake: the value held in ETH after each event.",
    },
  },
} as const;
