/**
 * `npm run demo`: the staking story on the embedded chain, offline, in under a minute. Each
 * chapter prints a table of rates and balances after each step. Nothing leaves this process.
 */
import hre from "hardhat";

import { comparisonChapter } from "./demo/compare.js";
import { setUpDemo, say } from "./demo/context.js";
import { depegChapter } from "./demo/depeg.js";
import { liquidStakingChapter } from "./demo/liquid-staking.js";
import { liquidRestakingChapter } from "./demo/liquid-restaking.js";
import { restakingChapter } from "./demo/restaking.js";

const started = Date.now();
const demo = await setUpDemo(hre);
say(
  "Staking Lab — the demo",
  `Profile "${demo.profile.name}": ${demo.profile.description}.`,
  "The teacher holds the consensus, oracle and operator roles; alice and bob are stakers.",
);
await liquidStakingChapter(demo);
await restakingChapter(demo);
await liquidRestakingChapter(demo);
await depegChapter(hre);
await comparisonChapter(demo);
say("", `Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
