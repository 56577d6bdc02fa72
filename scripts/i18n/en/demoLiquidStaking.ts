/** The demo's liquid-staking chapter (scripts/demo/liquid-staking.ts). */
export const demoLiquidStaking = {
  title: "Liquid staking",
  intro:
    "Alice and Bob deposit ETH in the pool and receive slETH, a token whose value in ETH grows with the consensus-layer rewards of the pool's validators (the rETH / wstETH model).",
  head: {
    rate: "slETH rate\n(ETH)",
    buffer: "buffer\n(ETH)",
    alice: "Alice\n(ETH)",
    bob: "Bob\n(ETH)",
    treasury: "treasury\n(ETH)",
  },
  step: {
    deposit: "1. Alice deposits {{alice}} ETH, Bob {{bob}}",
    stake: "2. the operator stakes {{count}} validators of {{deposit}} ETH",
    year: "3. a year at {{apr}} %, reported monthly: +{{rewards}} ETH",
    slash: "4. a week on, validator {{index}} slashed (1/{{quotient}}): −{{loss}} ETH",
    slashPrePectra:
      "5. a week on, validator {{index}} slashed (1/32, before Pectra): −{{loss}} ETH",
    request: "6. Bob queues {{shares}} slETH, worth {{eth}} ETH now",
    bunker: "7. report in bunker mode: {{pending}} slashed, nothing paid",
    sweep:
      "8. {{days}} days on, {{exits}} exits swept ({{slashed}} slashed, {{queue}} exited for Bob's request): {{paid}} ETH in, −{{penalty}} ETH correlation penalty",
    finalise: "9. the next report finalises Bob's request",
    claim: "10. Bob claims: {{shares}} slETH → {{eth}} ETH",
  },
  notice: {
    year: "Notice: {{staked}} ETH on validators earned {{apr}} % ({{rewards}} ETH), the {{buffer}} ETH buffer earned nothing and the {{fee}} % fee went to the treasury as slETH, so the rate rose {{rise}} %, not {{apr}} %.",
    slashings:
      "Notice: a slashing lowers the rate for every holder at once (a socialised loss). After Pectra the first penalty is 1/{{quotient}} of the deposit ({{small}} ETH) and, with the week's rewards, the rate moved {{firstMove}} %; before it, 1/32 ({{big}} ETH), with a week's rewards too, moved it {{fall}} %.",
    withdrawal:
      "Notice: the correlation penalty ({{penalty}} ETH) landed only at the exits' sweep: {{slashed}} ETH slashed in the window, counted three times against {{network}} ETH staked; Bob got {{paid}} ETH, the lower of his request's value ({{requested}}) and its value at finalisation ({{final}}).",
    chart:
      "Notice: each monthly report lifts the rate a step; the slashings are the drops after day 365, and the next weeks of rewards lift it again.",
  },
  series: "slETH rate",
  chart: "slETH rate (ETH per slETH) over days",
} as const;
