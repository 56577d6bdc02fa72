/**
 * 繁體中文目錄：與英文目錄同一組命名空間與鍵（型別 `Catalogue` 會檢查）。
 * Traditional Chinese, in the talk's terms (質押、流動性質押、再質押、流動性再質押、脫鉤…).
 */
import type { Catalogue } from "../catalogue.js";
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

export const zhTW: Catalogue = {
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
};
