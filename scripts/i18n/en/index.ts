/**
 * The English catalogue: one namespace per file (a chapter, a command, the report). Add a
 * namespace here and in `../zh-TW/index.ts`; the compiler then asks for every key in Chinese.
 */
import { common } from "./common.js";
import { compare } from "./compare.js";

export const en = {
  common,
  compare,
} as const;
