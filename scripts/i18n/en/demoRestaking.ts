/** The demo's restaking chapter (scripts/demo/restaking.ts). */
export const demoRestaking = {
  title: "Restaking (EigenLayer)",
  intro:
    "Alice, Bob, Carol and Dave restake slETH. Alice delegates to the operator Olivia, Carol to Oscar; Bob does not delegate. Both operators allocate {{allocation}} % of their stake to one service (an AVS).",
  head: {
    alice: "Alice →\nOlivia\n(slETH)",
    bob: "Bob,\nalone\n(slETH)",
    carol: "Carol →\nOscar\n(slETH)",
    dave: "Dave →\nOlivia\n(slETH)",
    rewards: "rewards\nAlice /\nOlivia\n(slETH)",
  },
  step: {
    restake: "1. restake {{amounts}} slETH, delegate",
    pay: "2. the AVS pays Olivia's delegators {{amount}} slETH over a day",
    slash: "3. the AVS slashes Olivia {{slash}} %",
    late: "4. Dave restakes {{amount}} slETH after it, delegates to Olivia",
  },
  notice:
    "Notice: only Olivia's delegators paid for her fault: Alice lost {{lost}} slETH ({{percent}} %: {{slash}} % of a {{allocation}} % allocation); Bob (undelegated) and Carol (another operator) lost nothing; Dave, who came later, is whole. Olivia kept {{split}} % of the AVS's rewards.",
} as const;
