/**
 * `npm run report`: the demo's chapters on the embedded chain, offline, then their charts as one
 * HTML page in reports/latest (scripts/report). Open reports/latest/index.html in any browser.
 * (Once the demo is the `demo` task, `hardhat demo --report reports/latest` does the same.)
 */
import hre from "hardhat";

import { setUpDemo, say } from "./demo/context.js";
import { depegChapter } from "./demo/depeg.js";
import { liquidStakingChapter } from "./demo/liquid-staking.js";
import { liquidRestakingChapter } from "./demo/liquid-restaking.js";
import { restakingChapter } from "./demo/restaking.js";
import { writeReport } from "./report/index.js";

const started = Date.now();
const demo = await setUpDemo(hre);
await liquidStakingChapter(demo);
await restakingChapter(demo);
await liquidRestakingChapter(demo);
await depegChapter(hre);
const page = await writeReport("reports/latest");
say("", `Report: ${page} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
