/** The demo's solo-staking chapter (scripts/demo/solo-staking.ts), English. */
export const demoSolo = {
  title: "Solo staking: 32 ETH and a node of your own",
  intro:
    "Carol deposits {{deposit}} ETH for a validator of her own and runs its node herself: no pool, " +
    "no token, no fee. The validator's withdrawal address (0x01 credentials) is her own wallet, so " +
    "the consensus layer pays her directly: the withdrawal sweep, which runs for every validator, " +
    "skims whatever is above {{deposit}} ETH to her wallet, and pays her the rest when it exits.",
  yearIntro:
    "Her node stays online for a year. Rewards accrue on the deposit: {{deposit}} ETH × {{apr}} % × " +
    "1 year = {{reward}} ETH.",
  head: {
    day: "Day",
    event: "What happens",
    validator: "Validator (ETH)",
    paid: "Paid to Carol (ETH)",
    change: "Change (ETH)",
  },
  steps: {
    deposit: "Carol deposits {{deposit}} ETH: validator #{{index}}",
    year: "a year online at {{apr}} %",
    skim: "rewards skimmed to her wallet",
    offline: "{{days}} days offline: inactivity penalty",
    slashed: "slashed: initial penalty {{deposit}}/{{quotient}}",
    correlation: "correlation penalty, set mid-exit (day {{midpoint}})",
    withdrawn: "withdrawable: the rest paid to her",
  },
  yearNote:
    "Notice: the {{reward}} ETH reached her wallet without a transaction of hers, while her " +
    "{{deposit}} ETH stay locked on the consensus layer: the Change column is what she earned, the " +
    "sweep only moved it.",
  troubleIntro:
    "Then things go wrong. Her server fails and stays offline for {{days}} days: an offline " +
    "validator misses its duties and pays inactivity penalties of about the rewards it misses. The " +
    "simulator credits rewards by time, so it takes back the {{week}} ETH of that week and as much " +
    "again: a penalty of {{penalty}} ETH. To come back fast, she starts her keys on a backup machine " +
    "while the first still runs: both sign the same slot, a slashable offence (double signing).",
  troubleNote:
    "Notice: being offline {{days}} days cost {{offline}} ETH, a week of rewards; the slashing cost " +
    "{{deposit}} / {{quotient}} = {{initial}} ETH at once and, her {{slashed}} ETH being the only " +
    "stake slashed among {{total}} ETH active, a correlation penalty of balance × 3 × {{slashed}} / " +
    "{{total}} = {{correlation}} ETH — and during the {{exitDays}} days of her exit she earned " +
    "nothing ({{missed}} ETH she would have had online).",
  summaryIntro: "What solo staking brought Carol, event by event:",
  summary: {
    head: "Carol's validator, day 0 to {{day}}",
    eth: "ETH",
    deposited: "deposited",
    credited: "rewards while active ({{days}} days at {{apr}} %)",
    inactivity: "inactivity penalty ({{days}} days offline)",
    initial: "initial slashing penalty ({{deposit}} / {{quotient}})",
    correlation: "correlation penalty",
    paid: "paid to her wallet (skim + withdrawal)",
    net: "net: paid - deposited",
  },
  summaryNote:
    "Notice: net {{net}} ETH on {{deposit}} ETH in {{day}} days, {{annual}} % a year instead of {{apr}} %: " +
    "a solo staker keeps every reward (no fee) and bears every penalty alone, and {{lesson}}.",
  /** The end of `summaryNote`: how the slashing's penalties compare with the rewards its exit forgoes. */
  lesson: {
    cheaper:
      "with an initial penalty of 1/{{quotient}} a lone slashing costs less than the {{missed}} ETH " +
      "of rewards its exit forgoes",
    dearer:
      "with an initial penalty of 1/{{quotient}} a lone slashing costs more than the {{missed}} ETH " +
      "of rewards its exit forgoes",
  },
} as const;
