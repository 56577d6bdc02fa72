/** The demo's shared lines: its opening and closing, the teacher's controls, words of every table. */
export const demo = {
  title: "Staking Lab — the demo",
  profile:
    'Profile "{{name}}": mainnet-like numbers: {{deposit}} ETH validators, {{apr}} % APR, a {{delay}}-day restaking delay.',
  profileNotUsed:
    'STAKING_LAB_PROFILE={{asked}} is not used by the demo: its story is told in mainnet numbers (100 ETH deposits, 32 ETH validators), so it runs the "{{name}}" profile. The classroom profile is for the lesson on Hoodi or a local node: see docs/lesson.md.',
  roles:
    "The teacher holds the consensus, oracle and operator roles; Alice, Bob and the others are stakers.",
  chapter: "Chapter {{number}} — {{title}}",
  lossConfirmed: "; above the loss budget: a second role confirmed",
  pressEnter: "Press Enter for the next step… ",
  unknownChapter: "Unknown chapter {{asked}}: choose one of {{choices}} (e.g. --chapter depeg).",
  stepWithoutTerminal:
    "--step pauses only in a terminal, and stdin is not one: the demo runs without pauses.",
  reportNotDirectory:
    "Cannot write the report to {{dir}}: it is a file, not a directory. Name a directory instead " +
    "(e.g. --report reports/latest).",
  reportNotWritable:
    "Cannot write the report to {{dir}} ({{code}}): choose a directory you can write to " +
    "(e.g. --report reports/latest).",
  reportWritten: "The report (open it in a browser, no network needed): {{path}}",
  listSeparator: ", ",
  step: "step",
} as const;
