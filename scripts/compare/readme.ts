/**
 * The READMEs embed the comparison's Markdown between two markers, each in its language. A fresh
 * run refreshes them (`npm run compare -- --write-readme`), and test/compare checks that the
 * embedded copies still match one, so the docs never drift from what the contracts do.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import * as prettier from "prettier";

import { LANGUAGES, currentLanguage, useLanguage, type Language } from "../i18n/index.js";
import { renderComparisonMarkdown } from "./table.js";
import type { ComparisonResult } from "./types.js";

export const START_MARKER = "<!-- comparison:start -->";
export const END_MARKER = "<!-- comparison:end -->";

/** The README of each language, relative to the project's root. */
export const README_FILES: Readonly<Record<Language, string>> = {
  en: "README.md",
  "zh-TW": "README.zh-TW.md",
};

/** The command that refreshes the embedded copies (printed when they drift). */
export const REFRESH_COMMAND = "npm run compare -- --write-readme";

/** The comparison's Markdown in `language` (the selected language is restored after). */
export async function comparisonMarkdown(
  result: ComparisonResult,
  language: Language,
): Promise<string> {
  const previous = currentLanguage();
  await useLanguage(language);
  try {
    return renderComparisonMarkdown(result);
  } finally {
    await useLanguage(previous);
  }
}

/** The text between the markers (without the line breaks next to them), or undefined. */
export function embeddedComparison(readme: string): string | undefined {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) return undefined;
  return readme.slice(start + START_MARKER.length, end).trim();
}

/**
 * The table's cells and the prose, without the padding and dash widths prettier adds: what a
 * reader sees, so a formatted README and a fresh rendering compare equal.
 */
export function normalizeMarkdown(markdown: string): string[] {
  return markdown
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) =>
      line.startsWith("|")
        ? line
            .slice(1, -1)
            .split(/(?<!\\)\|/)
            .map((cell) => (/^\s*:?-+:?\s*$/.test(cell) ? "---" : cell.trim()))
            .join(" | ")
        : line,
    );
}

/** `readme` with `markdown` between its markers; throws if a marker is missing. */
export function withComparison(readme: string, markdown: string, file: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start)
    throw new Error(`${file} has no ${START_MARKER} … ${END_MARKER} block to fill.`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${markdown}\n${readme.slice(end)}`;
}

/** Writes the comparison into every language's README under `root`; returns the files written. */
export async function refreshReadmes(result: ComparisonResult, root: string): Promise<string[]> {
  const written: string[] = [];
  for (const language of LANGUAGES) {
    const file = README_FILES[language];
    const full = path.join(root, file);
    const before = await readFile(full, "utf8");
    const filled = withComparison(before, await comparisonMarkdown(result, language), file);
    // Formatted as `npm run lint` checks it (prettier aligns the table's columns).
    const options = (await prettier.resolveConfig(full)) ?? {};
    const after = await prettier.format(filled, { ...options, filepath: full });
    if (after !== before) await writeFile(full, after);
    written.push(file);
  }
  return written;
}
