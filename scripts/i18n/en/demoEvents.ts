/** The demo's real-events chapter (scripts/demo/real-events.ts), English. */
export const demoEvents = {
  title: "Real events replayed",
  intro:
    "Pectra (mainnet, 7 May 2025) cut the initial slashing penalty from 1/32 of a validator's " +
    "balance to 1/4096: from 1 ETH to 0.0078125 ETH for 32 ETH. The correlation penalty did not " +
    "change: the more stake is slashed within about 36 days, the more each slashed validator loses.",
  launchnodes: {
    intro:
      "11 October 2023: a misconfigured signer made {{count}} validators that Launchnodes ran for " +
      "Lido sign twice, and all {{count}} were slashed that afternoon. The pool here stakes " +
      "{{count}} validators of its own, then the same state is replayed three times: without the " +
      "slashing, with today's rule (1/4096) and with the 2023 rule (1/32), each through the exits " +
      "{{days}} days later and the oracle's reports.",
  },
  head: {
    none: "no slashing",
    after: "after Pectra: 1/{{quotient}}",
    before: "before Pectra: 1/{{quotient}}",
  },
  rates: {
    head: "slETH rate (ETH per slETH)",
    start: "day 0, before the slashings",
    slashed: "day 0, slashings reported",
    end: "day {{days}}, exits withdrawn, reported",
    change: "change from day 0 to day {{days}} (%)",
    note:
      "Notice: on day 0 the {{count}} initial penalties cut the rate {{preDrop}} % before " +
      "Pectra ({{preInitial}} ETH) and {{postDrop}} % after it ({{postInitial}} ETH), because here " +
      "the {{count}} validators are {{share}} % of the pool — in Lido's millions of ETH the same " +
      "loss only made one day's reward smaller.",
    confirmed:
      "Before Pectra the loss was above the oracle's loss budget, so a second role had to confirm " +
      "the report (Lido's second opinion) before the rate could fall.",
  },
  costs: {
    intro:
      "What the slashings cost, read from the simulator's events. Each slashed validator's " +
      "correlation penalty is its balance × 3 × the stake slashed in its window ({{slashed}} ETH) / " +
      "the stake active when it was slashed ({{total}} ETH for the first: the rest of the network " +
      "and the lab's validators still active).",
    head: "The {{count}} slashings (ETH)",
    initial: "initial penalties, {{count}} × {{deposit}} / quotient",
    correlation: "correlation penalties, 3 × {{slashed}} / {{total}}",
    perValidator: "penalties per validator",
    notEarned: "rewards the {{count}} no longer earned, after the fee",
    holders: "total lost by slETH holders (day {{days}})",
    note:
      "Notice: the real {{count}} lost {{real}} ETH in all (Lido's count, under the 1/32 rule): the " +
      "{{preInitial}} ETH of initial penalties, plus the rewards they missed and the penalties a " +
      "slashed validator pays every epoch until it is withdrawable, which the simulator does not " +
      "charge; after Pectra the same incident costs {{postPenalties}} ETH of penalties instead of " +
      "{{prePenalties}} ETH, and the holders' loss is mostly the rewards the exited validators no " +
      "longer earn.",
  },
} as const;
