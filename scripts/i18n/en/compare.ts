/** `npm run compare` and the demo's last chapter: five ways to stake side by side (English). */
export const compare = {
  title: "Five ways to stake 32 ETH: the same year, the same events",
  running: "Running the year on a fresh embedded chain…",
  corner: "32 ETH, one year",
  types: {
    solo: "Solo staking",
    liquid: "Liquid staking (slETH)",
    native: "Native restaking",
    lstRestaked: "slETH restaked directly",
    lrt: "Liquid restaking (slrETH)",
  },
  rows: {
    capital: "Capital needed (ETH)",
    holding: "What you hold",
    layers: "Yield layers (% a year)",
    fees: "Fees on your rewards (ETH)",
    value: "Value after the year (ETH)",
    return: "The year's return (%)",
    exitNav: "Exit at NAV (days)",
    exitMarket: "Exit now in the pool (below NAV)",
    clLoss: "CL slashing took (ETH)",
    avsLoss: "AVS slashing took (ETH)",
  },
  cells: {
    plusNode: "{{amount}} and your own node",
    minimum: "from {{amount}}",
    validator: "a validator (exited after its slashing)",
    pod: "a pod: {{amount}} ETH restaked",
    slEth: "{{amount}} slETH",
    restakedSlEth: "{{amount}} slETH in the strategy, no token",
    slrEth: "{{amount}} slrETH",
    cl: "CL {{rate}}",
    avs: "AVS {{rate}}",
    lstFee: "LST {{amount}}",
    operatorFee: "operator {{amount}}",
    lrtFee: "LRT {{amount}}",
    none: "none",
    noToken: "no token to sell",
    locked: "none: locked {{days}} days",
    discount: "{{percent}} %",
    notReached: "—",
  },
  note:
    "Same events for all five: CL rewards at {{apr}} % a year; on day {{clDay}} a slashing hit one " +
    "validator of each stake (solo's and the pod's own, which are then exited; one of the pool's " +
    "{{validators}}, which spreads the loss); the AVS paid {{avsNative}} % a year on native ETH and " +
    "{{avsLst}} % on slETH, and on day {{avsDay}} slashed {{avsSlash}} % of its {{allocation}} % " +
    "allocation; at the year's end a whale sold slETH until ETH was {{ethShare}} % of its pool, " +
    "and as much slrETH. Values at NAV; the pool's discount is a quote for the whole holding.",
  notice:
    "Notice: a pool spreads a slashing over its holders, a solo staker bears it alone; restaking " +
    "adds a second layer of rewards and of losses; only a token can be sold at once, at the pool's price.",
  refreshed: "Refreshed the comparison in {{files}}.",
  upToDate: "The comparison in {{files}} is up to date.",
} as const;
