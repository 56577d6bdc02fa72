/**
 * The demo, `npm run compare` and the report speak English and Traditional Chinese from one
 * catalogue per language (scripts/i18n). A key missing in either language, a placeholder that
 * one language drops, or a Chinese message left in English fails here.
 */
import { expect } from "chai";

import { CATALOGUES, LANGUAGES, parseLanguage, t, useLanguage } from "../../scripts/i18n/index.js";

/** Every leaf of a catalogue as "namespace:path" → message. */
function flatten(node: object, prefix = ""): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(node)) {
    const path =
      prefix === "" ? `${key}:` : prefix.endsWith(":") ? `${prefix}${key}` : `${prefix}.${key}`;
    if (typeof value === "string") leaves.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) leaves.set(k, v);
  }
  return leaves;
}

/** The `{{name}}` placeholders of a message, sorted. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
}

/** Words a Chinese message may keep from English: tickers, units, names, commands. */
function untranslatedWords(message: string): string[] {
  const prose = message
    .replace(/\{\{\w+\}\}/g, "")
    .replace(/`[^`]*`/g, "")
    .replace(/--[\w-]+/g, "");
  return (prose.match(/\b[a-z]{4,}\b/g) ?? []).filter((w) => !ALLOWED_IN_CHINESE.has(w));
}

/** Lower-case words that are names, not English prose (protocols, commands, token names). */
const ALLOWED_IN_CHINESE = new Set(["hoodi", "npm", "demo", "compare", "wsteth", "steth", "reth"]);

describe("Message catalogues (scripts/i18n)", function () {
  const english = flatten(CATALOGUES.en);
  const chinese = flatten(CATALOGUES["zh-TW"]);

  describe("every language", function () {
    it("has every key of the English catalogue, and no other", function () {
      for (const lang of LANGUAGES) {
        const keys = [...flatten(CATALOGUES[lang]).keys()].sort();
        expect(keys, lang).to.deep.equal([...english.keys()].sort());
      }
    });

    it("fills the same placeholders as English in every message", function () {
      for (const [key, message] of english) {
        expect(placeholders(chinese.get(key) ?? ""), key).to.deep.equal(placeholders(message));
      }
    });

    it("has no empty message", function () {
      for (const lang of LANGUAGES) {
        for (const [key, message] of flatten(CATALOGUES[lang])) {
          expect(message.trim(), `${lang} ${key}`).to.not.equal("");
        }
      }
    });
  });

  describe("Traditional Chinese (zh-TW)", function () {
    it("translates every message: no English prose left, only names, units and commands", function () {
      for (const [key, message] of chinese) {
        expect(untranslatedWords(message), key).to.deep.equal([]);
      }
    });

    it("opens with 請注意 exactly the messages that open with Notice in English", function () {
      for (const [key, message] of english) {
        const zh = chinese.get(key) ?? "";
        expect(zh.startsWith("請注意"), `${key}: ${zh}`).to.equal(message.startsWith("Notice"));
      }
    });

    it("writes Traditional characters, not Simplified ones", function () {
      // Characters that exist only in Simplified Chinese, common in staking text.
      const simplified = /[质权验证奖励罚议资产币领动时个这数价钱债额]/u;
      for (const [key, message] of chinese) {
        expect(message.match(simplified), key).to.equal(null);
      }
    });
  });

  describe("t", function () {
    afterEach(async function () {
      await useLanguage("en");
    });

    it("fills placeholders in the selected language, English by default", async function () {
      expect(t("common:done", { seconds: "12.3" })).to.equal("Done in 12.3 s.");
      await useLanguage("zh-TW");
      expect(t("common:done", { seconds: "12.3" })).to.equal("完成，共 12.3 秒。");
    });
  });

  describe("parseLanguage", function () {
    it("reads zh-TW in any case or with an underscore, and English by default", function () {
      expect(parseLanguage("zh-tw")).to.equal("zh-TW");
      expect(parseLanguage("zh_TW")).to.equal("zh-TW");
      expect(parseLanguage(undefined)).to.equal("en");
      expect(parseLanguage("")).to.equal("en");
    });

    it("refuses an unknown language in one line that lists the choices", function () {
      expect(() => parseLanguage("fr")).to.throw(
        "Unknown language fr: choose one of en, zh-TW (e.g. --lang zh-TW).",
      );
    });
  });
});
