/** The demo's liquid-restaking chapter (scripts/demo/liquid-restaking.ts). */
export const demoLiquidRestaking = {
  title: "Liquid restaking (ether.fi, Kelp, Renzo, Puffer)",
  intro:
    "Erin deposits ETH in the LRT vault. The vault stakes it through the pool (slETH), keeps a {{buffer}} % buffer, and restakes the rest with the operator Oscar, who allocates part of his stake to the AVS.",
  head: {
    lst: "slETH rate\n(ETH)",
    vault: "vault rate\n(slETH)",
    lrt: "slrETH\n(ETH)",
    erin: "Erin\n(ETH)",
    restaked: "restaked\n(slETH)",
  },
  step: {
    deposit: "1. Erin deposits {{eth}} ETH: staked through the pool",
    restake:
      "2. the vault restakes {{slEth}} slETH with Oscar, keeps {{idle}} idle; a validator is staked",
    year: "3. a year of CL rewards, reported monthly: slrETH {{change}} %",
    avsRewards: "4. the AVS pays {{amount}} slETH; harvest: {{fee}} slrETH fee",
    clSlash: "5. CL: a validator slashed (1/32): slETH rate {{change}} %",
    avsSlash: "6. AVS: Oscar slashed 10 %: vault rate {{change}} %",
    redeem: "7. Erin redeems half; {{days}} days later: {{slEth}} slETH ({{eth}} ETH)",
  },
  notice: {
    table:
      "Notice: slrETH is worth (slrETH in slETH) × (slETH in ETH): both layers of rewards raised it; the CL slashing moved the slETH rate {{cl}} %, the AVS slashing the vault rate {{avs}} %, and the two multiply: slrETH {{both}} %.",
    chart:
      "Notice: slrETH follows slETH through the year, rises above it when the AVS pays (only slrETH earns that) and falls below it when the AVS slashes; the CL slashing lowers both.",
  },
  series: {
    lrt: "slrETH (ETH)",
    lst: "slETH (ETH)",
  },
  chart: "Value in ETH of one token, step by step over {{days}} days",
} as const;
