/**
 * Prose for a projector in any language: wraps at 100 terminal columns, measuring each character
 * as the terminal draws it (a Chinese character takes two columns), and breaking Chinese text
 * between characters, since it has no spaces. English wraps between words as `wrapText` does; a
 * `command` in backticks stays whole, and no line starts with closing
 * punctuation (，。）) nor ends with opening punctuation (（「), nor splits a number from its unit.
 */
import stringWidth from "string-width";

import { MAX_TABLE_WIDTH } from "../lib/table.js";
import { fmt } from "./context.js";

/**
 * A command in backticks (with what sticks to it), one Chinese character or CJK/fullwidth
 * punctuation mark (each a place a line may break), or a run of anything else but spaces.
 */
const TOKEN =
  /(\s*)(`[^`]*`[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]*|[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+)/gu;
/** Punctuation that closes a phrase: kept on the line of what it follows. */
const CLOSING = /^[，。、；：！？）」』%,.;:!?)]+$/u;

/** Punctuation that opens a phrase: kept on the line of what follows it. */
const OPENING = /[（「『(]$/u;
/** A unit after a number ("32 ETH", "3 %"): kept on the line of its number. */
const UNIT = /^(ETH|slETH|%)[，。、；：）,.;:)]*$/u;

/** Splits a paragraph into tokens, each with whether a space preceded it. */
function tokens(text: string): { space: boolean; word: string }[] {
  const out: { space: boolean; word: string }[] = [];
  for (const [, space, word] of text.matchAll(TOKEN)) {
    const previous = out[out.length - 1];
    if (previous !== undefined && space === "" && CLOSING.test(word)) previous.word += word;
    else if (previous !== undefined && space === "" && OPENING.test(previous.word)) {
      previous.word += word;
    } else if (previous !== undefined && /\d$/.test(previous.word) && UNIT.test(word)) {
      previous.word += `${space === "" ? "" : " "}${word}`;
    } else out.push({ space: space !== "" && out.length > 0, word });
  }
  return out;
}

/** Wraps one paragraph at `width` terminal columns. */
export function wrapWide(text: string, width = MAX_TABLE_WIDTH): string {
  const lines: string[] = [];
  let line = "";
  for (const { space, word } of tokens(text)) {
    const joined = line === "" ? word : `${line}${space ? " " : ""}${word}`;
    if (line !== "" && stringWidth(joined) > width) {
      lines.push(line);
      line = word;
    } else line = joined;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** Prints paragraphs (an empty string prints an empty line), each wrapped at 100 columns. */
export function narrate(...paragraphs: string[]): void {
  for (const paragraph of paragraphs) console.log(paragraph === "" ? "" : wrapWide(paragraph));
}

/** Wei as signed ETH for a "change" column, rounded as `fmt`: "+0.96", "-0.0078125", "0". */
export function signedEth(wei: bigint, decimals = 4): string {
  const text = fmt(wei < 0n ? -wei : wei, decimals);
  if (text === "0") return text;
  return wei < 0n ? `-${text}` : `+${text}`;
}

/** Whole ETH with thousands separators ("34,000,000"): the stakes a correlation penalty weighs. */
export function grouped(wei: bigint): string {
  return (wei / 10n ** 18n).toLocaleString("en-US");
}
