/**
 * The English catalogue: one namespace per file (a chapter, a command, the report). Add a
 * namespace here and in `../zh-TW/index.ts`; the compiler then asks for every key in Chinese.
 */
import { common } from "./common.js";
import { demoEvents } from "./demoEvents.js";
import { demoSolo } from "./demoSolo.js";

export const en = {
  common,
  demoSolo,
  demoEvents,
} as const;
