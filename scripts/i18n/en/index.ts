/**
 * The English catalogue: one namespace per file (a chapter, a command, the report). Add a
 * namespace here and in `../zh-TW/index.ts`; the compiler then asks for every key in Chinese.
 */
import { common } from "./common.js";
import { compare } from "./compare.js";
import { demo } from "./demo.js";
import { demoDepeg } from "./demoDepeg.js";
import { demoEvents } from "./demoEvents.js";
import { demoLiquidRestaking } from "./demoLiquidRestaking.js";
import { demoLiquidStaking } from "./demoLiquidStaking.js";
import { demoRestaking } from "./demoRestaking.js";
import { demoSolo } from "./demoSolo.js";
import { report } from "./report.js";

export const en = {
  common,
  demo,
  demoLiquidStaking,
  demoRestaking,
  demoLiquidRestaking,
  demoDepeg,
  report,
  demoSolo,
  demoEvents,
  compare,
} as const;
