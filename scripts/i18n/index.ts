/**
 * Messages in the teacher's language (i18next). `--lang zh-TW` selects Traditional Chinese;
 * English is the default and the fallback. Every narration line, table header and note of the
 * demo, `npm run compare` and the report goes through `t`, never a string in the code.
 *
 *   await useLanguage("zh-TW");
 *   t("common:done", { seconds: "12.3" }); // "完成，共 12.3 秒。"
 */
import i18next, { type i18n } from "i18next";

import type { MessageKey } from "./catalogue.js";
import { en } from "./en/index.js";
import { zhTW } from "./zh-TW/index.js";

export type { Catalogue, MessageKey } from "./catalogue.js";

/** The languages with a full catalogue, in the order `--lang` lists them. */
export const LANGUAGES = ["en", "zh-TW"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's catalogue, namespace by namespace (i18next's `resources`). */
export const CATALOGUES = { en, "zh-TW": zhTW } as const;

/** One i18next instance, loaded synchronously from memory (nothing fetched), English first. */
const messages: i18n = i18next.createInstance();
void messages.init({
  lng: "en",
  fallbackLng: false,
  resources: CATALOGUES as unknown as Record<string, Record<string, object>>,
  ns: Object.keys(en),
  defaultNS: "common",
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** Reads `--lang`: "en" or "zh-TW" (also "zh-tw", "zh_TW"); anything else throws one line. */
export function parseLanguage(asked: string | undefined): Language {
  if (asked === undefined || asked === "") return "en";
  const found = LANGUAGES.find(
    (lang) => lang.toLowerCase() === asked.replace("_", "-").toLowerCase(),
  );
  if (found !== undefined) return found;
  throw new Error(t("common:unknownLanguage", { asked, choices: LANGUAGES.join(", ") }));
}

/** Selects the language of every message from now on. */
export async function useLanguage(language: Language): Promise<void> {
  await messages.changeLanguage(language);
}

/** The selected language ("en" until `useLanguage` is called). */
export function currentLanguage(): Language {
  return messages.language as Language;
}

/** The message `key` ("namespace:path") in the selected language, `{{name}}` filled from `values`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return messages.t(key, values) as string;
}
