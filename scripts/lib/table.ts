/**
 * Tables for a projector and a 100-column terminal: no index column, no quoted strings, headers
 * carry the units (cli-table3 instead of console.table). A table wider than 100 columns wraps
 * the text of its widest columns, so no row breaks across lines of the terminal; prose printed
 * with the tables wraps at the same width, never inside a `command`.
 */
import Table from "cli-table3";
import stringWidth from "string-width";

/** The widest a table may print: a projector's terminal. */
export const MAX_TABLE_WIDTH = 100;
/** A column is never squeezed below this (borders and padding included). */
const MIN_COLUMN_WIDTH = 12;

/** Borders around the table and between columns, none between rows: compact on a projector. */
const COMPACT = {
  style: { head: [], border: [] },
  wordWrap: true,
  chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
};

/**
 * Renders the table at its natural width; if wider than `MAX_TABLE_WIDTH`, narrows the widest
 * columns (their text wraps) until it fits. Widths are read from the rendered top border, so
 * they are measured as cli-table3 measures them (a Chinese character is two columns).
 */
export function renderTable(head: string[], rows: string[][]): string {
  const natural = new Table({ head, ...COMPACT });
  natural.push(...rows);
  const text = natural.toString();
  const top = text.split("\n")[0] ?? "";
  const widths = top
    .slice(1, -1)
    .split("┬")
    .map((segment) => segment.length);
  let total = widths.reduce((sum, w) => sum + w, 0) + widths.length + 1;
  if (total <= MAX_TABLE_WIDTH) return text;
  while (total > MAX_TABLE_WIDTH) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_COLUMN_WIDTH) break;
    widths[widest] -= 1;
    total -= 1;
  }
  const fitted = new Table({ head, colWidths: widths, ...COMPACT });
  // Cells are wrapped here, measured in terminal columns, so Chinese (no spaces) wraps between
  // characters rather than where cli-table3 finds a space; padding takes two columns.
  fitted.push(...rows.map((row) => row.map((cell, i) => wrapCell(cell, widths[i] - 2))));
  return fitted.toString();
}

/** A cell's text wrapped at `width` columns, line by line (its own line breaks kept). */
function wrapCell(cell: string, width: number): string {
  return cell
    .split("\n")
    .map((line) => (textWidth(line) <= width ? line : wrapText(line, width)))
    .join("\n");
}

/** Prints rows under headers; the first column left-aligned, as every column. */
export function printTable(head: string[], rows: string[][]): void {
  console.log(renderTable(head, rows));
}

/** Prints "item │ value" pairs under a title (a state summary). */
export function printPairs(title: string, rows: [string, string][]): void {
  console.log(renderTable([title, ""], rows));
}

/**
 * The columns a line takes in a terminal, as cli-table3 measures a cell (`string-width`): a
 * Chinese character or full-width punctuation takes two, colour codes none.
 */
export function textWidth(line: string): number {
  return stringWidth(line);
}

/** Wide (East Asian) characters, as a character-class body: a line may break beside them. */
const WIDE = "\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF";
/** Punctuation that must not start a line (kinsoku): it stays with the character before it. */
const NO_LINE_START = /^[，。、；：？！）」』》〉％,.;:?!)\]]/u;
/** A unit after a number, with the punctuation after it: it stays on the number's line. */
const UNIT = /^(%|ETH|slETH|slrETH)[，。、；：）,.;:)]*$/u;
/** Punctuation that must not end a line: the character after it stays with it. */
const NO_LINE_END = /[（「『《〈]$/u;

/**
 * Wraps prose at `MAX_TABLE_WIDTH` terminal columns (`textWidth`): between words, and in Chinese,
 * which has no spaces, between any two characters except before closing punctuation. A command
 * in backticks stays on one line (with the punctuation after it), so it can be copied whole.
 */
export function wrapText(text: string, width = MAX_TABLE_WIDTH): string {
  // Line breaks already in the text are kept: each line wraps on its own.
  if (text.includes("\n"))
    return text
      .split("\n")
      .map((line) => wrapText(line, width))
      .join("\n");
  // Tokens: a command in backticks (with what follows it), a run of Latin text, or one wide
  // character with the closing punctuation after it. `glue` says a token joins the previous
  // one without a space (Chinese, or a space-less join as in the source).
  const tokens: { text: string; glue: boolean }[] = [];
  const pattern = new RegExp(`(\\s*)(\`[^\`]*\`[^\\s${WIDE}]*|[^\\s${WIDE}]+|[${WIDE}])`, "gu");
  for (const [, space, token] of text.matchAll(pattern)) {
    const last = tokens.at(-1);
    const attached = NO_LINE_START.test(token) || NO_LINE_END.test(last?.text ?? "");
    if (last !== undefined && space === "" && attached) last.text += token;
    // A unit stays with its number: "10 %" or "32 ETH" never breaks before the unit.
    else if (last !== undefined && /\d$/.test(last.text) && UNIT.test(token))
      last.text += `${space === "" ? "" : " "}${token}`;
    else tokens.push({ text: token, glue: space === "" });
  }
  const lines: string[] = [];
  let line = "";
  for (const { text: token, glue } of tokens) {
    const joined = line === "" ? token : glue ? `${line}${token}` : `${line} ${token}`;
    if (line !== "" && textWidth(joined) > width) {
      lines.push(line);
      line = token;
    } else line = joined;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** Prints prose wrapped at the tables' width (`wrapText`). */
export function printText(text: string): void {
  console.log(wrapText(text));
}
