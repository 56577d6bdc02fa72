/**
 * Tables for a projector and a 100-column terminal: no index column, no quoted strings, headers
 * carry the units (cli-table3 instead of console.table). A table wider than 100 columns wraps
 * the text of its widest columns, so no row breaks across lines of the terminal; prose printed
 * with the tables wraps at the same width, never inside a `command`.
 */
import Table from "cli-table3";

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
  fitted.push(...rows);
  return fitted.toString();
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
 * Wraps prose at `MAX_TABLE_WIDTH` columns between words; a command in backticks stays on one
 * line (with the punctuation after it), so it can be copied whole.
 */
export function wrapText(text: string, width = MAX_TABLE_WIDTH): string {
  const words = text.match(/`[^`]*`\S*|\S+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** Prints prose wrapped at the tables' width (`wrapText`). */
export function printText(text: string): void {
  console.log(wrapText(text));
}
