/**
 * `npm run compare` (`npx hardhat compare`): the five ways to stake through the same year and the
 * same events, on a fresh embedded chain, printed as one table (DESIGN §9 scenario 8).
 * `--lang zh-TW` prints it in Traditional Chinese; `--write-readme` refreshes the copies embedded
 * in README.md and README.zh-TW.md.
 */
import { task } from "hardhat/config";

export const compareTasks = [
  task("compare", "Five ways to stake 32 ETH through the same year and events, as one table")
    .addOption({
      name: "lang",
      description: "Language of the table: en or zh-TW",
      defaultValue: "en",
    })
    .addFlag({
      name: "writeReadme",
      description: "Also write the table into README.md and README.zh-TW.md",
    })
    .setAction(() => import("./actions/compare.js"))
    .build(),
];
