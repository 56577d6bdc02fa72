/**
 * `npx hardhat demo` (`npm run demo`): the staking story on the embedded chain, offline, in
 * seconds, one chapter after another. Each chapter prints a few tables within 100 columns, one
 * sentence under each saying what to notice, and a chart where a picture says it better.
 *
 *   npx hardhat demo --chapter depeg --lang zh-TW --step
 *
 * Chapters, in the order of the talk, each runnable alone (`--chapter <name>`): it sets up what
 * it needs on a chain that the earlier chapters may or may not have used.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { runMain, stackTracesRequested } from "../lib/boundary.js";
import { UserError } from "../lib/errors.js";
import { parseLanguage, t, useLanguage } from "../i18n/index.js";
import { DAY, bpsText, fmt, say, setChapterNumber, setUpDemo, type Demo } from "./context.js";
import { canPause, getControls, setControls } from "./controls.js";
import { clearSeries } from "./series.js";

/** One chapter of the demo: its `--chapter` name and what it runs. */
export interface Chapter {
  name: string;
  run: (demo: Demo) => Promise<void>;
}

/**
 * The chapters in the order they run. Each is imported when it runs, so a chapter is one line
 * here. The talk's order: solo staking, liquid staking, restaking, liquid restaking, the depeg,
 * real events replayed, and the comparison of the five ways to stake.
 */
export const CHAPTERS: readonly Chapter[] = [
  {
    name: "solo",
    run: async (demo) => (await import("./solo-staking.js")).soloStakingChapter(demo),
  },
  {
    name: "liquid-staking",
    run: async (demo) => (await import("./liquid-staking.js")).liquidStakingChapter(demo),
  },
  {
    name: "restaking",
    run: async (demo) => (await import("./restaking.js")).restakingChapter(demo),
  },
  {
    name: "liquid-restaking",
    run: async (demo) => (await import("./liquid-restaking.js")).liquidRestakingChapter(demo),
  },
  {
    name: "depeg",
    run: async (demo) => (await import("./depeg.js")).depegChapter(demo),
  },
  {
    name: "events",
    run: async (demo) => (await import("./real-events.js")).realEventsChapter(demo),
  },
  {
    name: "compare",
    run: async (demo) => (await import("./compare.js")).comparisonChapter(demo),
  },
];

/** The demo task's options, as Hardhat passes them. */
export interface DemoOptions {
  step: boolean;
  chapter: string;
  lang: string;
  report: string;
  verbose?: boolean;
}

/** The chapters `--chapter` asks for: all of them, or the one named; anything else refused. */
export function selectChapters(asked: string): readonly Chapter[] {
  if (asked === "") return CHAPTERS;
  const found = CHAPTERS.find((chapter) => chapter.name === asked.trim().toLowerCase());
  if (found !== undefined) return [found];
  throw new UserError(
    t("demo:unknownChapter", { asked, choices: CHAPTERS.map((c) => c.name).join(", ") }),
  );
}

/** Runs the demo: the options checked first (nothing deployed before a refusal), then each chapter. */
export async function runDemo(hre: HardhatRuntimeEnvironment, options: DemoOptions): Promise<void> {
  let language;
  try {
    language = parseLanguage(options.lang);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  await useLanguage(language);
  const chapters = selectChapters(options.chapter);
  setControls({
    step: options.step,
    chapter: options.chapter === "" ? undefined : options.chapter,
    language,
    reportDir: options.report === "" ? undefined : options.report,
  });
  // --step without a terminal to press Enter in (a pipe, `< /dev/null`): said once, then no pauses.
  if (options.step && !canPause()) say(t("demo:stepWithoutTerminal"));
  if (options.report !== "") {
    // Checked before the first chapter: a bad directory is refused now, not after the run.
    const { prepareReportDirectory } = await import("../report/index.js");
    await prepareReportDirectory(options.report);
  }
  clearSeries();
  const started = Date.now();
  const demo = await setUpDemo(hre);
  const { profile } = demo;
  say(
    t("demo:title"),
    t("demo:profile", {
      name: profile.name,
      deposit: fmt(profile.validatorDepositWei),
      apr: bpsText(profile.rewardAprBps),
      delay: `${profile.restakingWithdrawalDelaySeconds / DAY}`,
    }),
    t("demo:roles"),
  );
  for (const [i, chapter] of chapters.entries()) {
    setChapterNumber(chapters.length > 1 ? i + 1 : 0);
    await chapter.run(demo);
  }
  setChapterNumber(0);
  const { reportDir } = getControls();
  if (reportDir !== undefined) {
    const { writeReport } = await import("../report/index.js");
    say("", t("demo:reportWritten", { path: await writeReport(reportDir) }));
  }
  console.log("");
  say(t("common:done", { seconds: ((Date.now() - started) / 1000).toFixed(1) }));
}

/** The task's action: the demo inside the error boundary (one line on failure, exit status 1). */
export default async function demoAction(
  options: DemoOptions,
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  await runMain(() => runDemo(hre, options), {
    verbose: options.verbose === true || stackTracesRequested(),
  });
}
