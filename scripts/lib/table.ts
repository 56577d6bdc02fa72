/**
 * Tables for a projector and a 100-column terminal: no index column, no quoted strings, headers
 * carry the units (cli-table3 instead of console.table).
 */
import Table from "cli-table3";

/** Borders around the table and between columns, none between rows: compact on a projector. */
const COMPACT = {
  style: { head: [], border: [] },
  wordWrap: true,
  chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
};

/** Prints rows under headers; the first column left-aligned, as every column. */
export function printTable(head: string[], rows: string[][]): void {
  const table = new Table({ head, ...COMPACT });
  table.push(...rows);
  console.log(table.toString());
}

/** Prints "item │ value" pairs under a title (a state summary). */
export function printPairs(title: string, rows: [string, string][]): void {
  const table = new Table({ head: [title, ""], ...COMPACT });
  table.push(...rows);
  console.log(table.toString());
}
