/** Words every chapter, table and report shares (English, the source catalogue). */
export const common = {
  language: "English",
  unknownLanguage: "Unknown language {{asked}}: choose one of {{choices}} (e.g. --lang zh-TW).",
  units: {
    eth: "ETH",
    percent: "%",
    days: "days",
    seconds: "s",
  },
  done: "Done in {{seconds}} s.",
} as const;
