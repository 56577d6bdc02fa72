/**
 * The last chapter — the comparison the talk left blank: the five ways to stake through the same
 * year and the same events, as one table (scripts/compare). It runs on a chain of its own, so it
 * does not depend on what the other chapters did, and records what 32 ETH is worth through the
 * year for the report's `comparison` chart.
 */
import { network } from "hardhat";

import { runComparison } from "../compare/run.js";
import { renderComparisonText } from "../compare/table.js";
import { t } from "../i18n/index.js";
import { chapter, type Demo } from "./context.js";
import { pause } from "./controls.js";

/** Runs the comparison on a fresh embedded chain and prints its table in the selected language. */
export async function comparisonChapter(_demo?: Demo): Promise<void> {
  chapter(t("compare:title"), t("compare:running"));
  const result = await runComparison(await network.create());
  console.log(renderComparisonText(result, false));
  await pause();
}
