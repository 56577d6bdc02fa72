/**
 * `npx hardhat demo` (`npm run demo`): the teacher's lesson on the embedded chain, offline. The
 * action lives in scripts/demo/run.ts; the chapters in scripts/demo/.
 */
import { task } from "hardhat/config";

export const demoTasks = [
  task("demo", "The staking story on an embedded chain, offline: tables, charts, zh-TW")
    .addFlag({ name: "step", description: "Pause for Enter after each table (a terminal only)" })
    .addOption({
      name: "chapter",
      description: "Run one chapter by name, e.g. depeg (an unknown name lists them all)",
      defaultValue: "",
    })
    .addOption({
      name: "lang",
      description: "Language of every line: en (the default) or zh-TW",
      defaultValue: "",
    })
    .addOption({
      name: "report",
      description: "Also write an HTML report with the charts into this directory",
      defaultValue: "",
    })
    .addFlag({ name: "verbose", description: "On an unexpected error, also print its stack trace" })
    .setAction(() => import("../scripts/demo/run.js"))
    .build(),
];
