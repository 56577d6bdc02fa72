/** The `compare` task: runs the comparison once, prints it, and refreshes the READMEs if asked. */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { runComparison } from "../../scripts/compare/run.js";
import { refreshReadmes } from "../../scripts/compare/readme.js";
import { renderComparisonText } from "../../scripts/compare/table.js";
import { parseLanguage, t, useLanguage } from "../../scripts/i18n/index.js";
import { runMain, stackTracesRequested } from "../../scripts/lib/boundary.js";
import { UserError } from "../../scripts/lib/errors.js";

export default async function compare(
  { lang, writeReadme }: { lang: string; writeReadme: boolean },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  // A wrong --lang is one line, as every refusal of the lab's tasks.
  await runMain(
    async () => {
      let language;
      try {
        language = parseLanguage(lang);
      } catch (error) {
        throw new UserError((error as Error).message);
      }
      await useLanguage(language);
      // The title first, then what it is doing, as the demo's last chapter prints them.
      console.log(t("compare:title"));
      console.log(t("compare:running"));
      const result = await runComparison(await hre.network.create());
      console.log(renderComparisonText(result, false));
      if (writeReadme) {
        const files = await refreshReadmes(result, hre.config.paths.root);
        console.log(t("compare:refreshed", { files: files.join(", ") }));
      }
    },
    { verbose: stackTracesRequested() },
  );
}
