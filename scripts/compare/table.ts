/**
 * The comparison as one table: rows are what a staker asks (units in the row labels), columns
 * the five ways to stake. The same cells render as terminal text (cli-table3, ≤ 100 columns) and
 * as Markdown (the READMEs), in the selected language (`t`).
 */
import { t, type MessageKey } from "../i18n/index.js";
import { formatNumber } from "../lib/format.js";
import { MAX_TABLE_WIDTH, renderTable, wrapText } from "../lib/table.js";
import {
  EVENTS,
  STAKING_TYPES,
  TIMELINE,
  type ComparisonResult,
  type TypeResult,
} from "./types.js";

const DAY = 86_400n;
/**
 * Text columns of the label and of each type's cells: 16 + 5 × 13, plus padding and borders, is
 * 100. Cells are wrapped here (a Chinese line breaks between characters), so the table prints at
 * its natural width.
 */
const LABEL_WIDTH = 16;
const CELL_WIDTH = 13;

/** A WAD number with exactly `decimals` decimals, rounded half away from zero ("2.70", "-1.99"). */
export function fixed(wad: bigint, decimals: number): string {
  const step = 10n ** BigInt(18 - decimals);
  const negative = wad < 0n;
  const magnitude = ((negative ? -wad : wad) + step / 2n) / step;
  const text = magnitude.toString().padStart(decimals + 1, "0");
  const number = decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  return negative && magnitude !== 0n ? `−${number}` : number;
}

/** ETH with 4 decimals, or 2 significant digits below 0.01 ("0.0081", "0.000063"). */
export const eth = (wei: bigint) => formatNumber(wei, 18, { significant: 2 });
/** A WAD fraction as a percentage with 2 decimals ("2.70"). */
export const percent = (wad: bigint) => fixed(wad * 100n, 2);
/** Whole days, rounded up ("15"). */
export const days = (seconds: bigint) => ((seconds + DAY - 1n) / DAY).toString();

/** The rows' labels and each type's cells, in the selected language. */
export function comparisonCells(result: ComparisonResult): { head: string[]; rows: string[][] } {
  const row = (label: MessageKey, cell: (r: TypeResult) => string[]) => [
    t(label),
    ...STAKING_TYPES.map((type) => cell(result.types[type]).join("\n")),
  ];
  const rows = [
    row("compare:rows.capital", (r) => [
      r.runsNode
        ? t("compare:cells.plusNode", { amount: eth(r.capitalWei) })
        : t("compare:cells.minimum", { amount: eth(r.capitalWei) }),
    ]),
    row("compare:rows.holding", (r) => [holding(r)]),
    row("compare:rows.layers", (r) => [
      t("compare:cells.cl", { rate: percent(r.clRateWad) }),
      ...(r.avsRateWad === undefined
        ? []
        : [t("compare:cells.avs", { rate: percent(r.avsRateWad) })]),
    ]),
    row("compare:rows.fees", (r) => {
      const lines = [
        ...(r.fees.lstWei > 0n ? [t("compare:cells.lstFee", { amount: eth(r.fees.lstWei) })] : []),
        ...(r.fees.operatorWei > 0n
          ? [t("compare:cells.operatorFee", { amount: eth(r.fees.operatorWei) })]
          : []),
        ...(r.fees.lrtWei > 0n ? [t("compare:cells.lrtFee", { amount: eth(r.fees.lrtWei) })] : []),
      ];
      return lines.length === 0 ? [t("compare:cells.none")] : lines;
    }),
    row("compare:rows.value", (r) => [eth(r.endWei)]),
    row("compare:rows.return", (r) => [`${r.returnWad > 0n ? "+" : ""}${percent(r.returnWad)}`]),
    row("compare:rows.exitNav", (r) => [days(r.exitSeconds)]),
    row("compare:rows.exitMarket", (r) => [marketExit(r)]),
    row("compare:rows.clLoss", (r) => [loss(r.losses.clSlashingWei)]),
    row("compare:rows.avsLoss", (r) => [loss(r.losses.avsSlashingWei)]),
  ];
  const head = [t("compare:corner"), ...STAKING_TYPES.map((type) => t(`compare:types.${type}`))];
  return { head, rows };
}

/** The sentence under the table: the events every column went through. */
export function comparisonNote(result: ComparisonResult): string {
  return t("compare:note", {
    apr: fixed(result.profile.rewardAprBps * 10n ** 14n * 100n, 1),
    clDay: TIMELINE.clSlashingDay.toString(),
    validators: result.facts.poolValidators.toString(),
    avsNative: fixed(EVENTS.avsRewardBpsNative * 10n ** 16n, 1),
    avsLst: fixed(EVENTS.avsRewardBpsLst * 10n ** 16n, 1),
    avsDay: TIMELINE.avsSlashingDay.toString(),
    avsSlash: fixed(EVENTS.avsSlashWad * 100n, 0),
    allocation: fixed(EVENTS.allocationWad * 100n, 0),
    ethShare: fixed(result.facts.lstPoolEthShareWad * 100n, 1),
  });
}

/** The table and its sentence for a 100-column terminal (under its title unless `withTitle` is false). */
export function renderComparisonText(result: ComparisonResult, withTitle = true): string {
  const { head, rows } = comparisonCells(result);
  const wrap = (cells: string[]) =>
    cells.map((cell, i) => wrapText(cell, i === 0 ? LABEL_WIDTH : CELL_WIDTH));
  return [
    ...(withTitle ? [t("compare:title")] : []),
    wrapText(comparisonNote(result), MAX_TABLE_WIDTH),
    renderTable(wrap(head), rows.map(wrap)),
    wrapText(t("compare:notice"), MAX_TABLE_WIDTH),
  ].join("\n");
}

/** The same table and sentence in Markdown (line breaks in a cell as `<br>`). */
export function renderComparisonMarkdown(result: ComparisonResult): string {
  const { head, rows } = comparisonCells(result);
  const line = (cells: string[]) =>
    `| ${cells.map((c) => c.replace(/\|/g, "\\|").replace(/\n/g, "<br>")).join(" | ")} |`;
  return [
    line(head),
    line(head.map(() => "---")),
    ...rows.map(line),
    "",
    comparisonNote(result),
    "",
    t("compare:notice"),
  ].join("\n");
}

function holding(r: TypeResult): string {
  const h = r.holding;
  switch (h.kind) {
    case "validator":
      return t("compare:cells.validator");
    case "pod":
      return t("compare:cells.pod", { amount: eth(h.amountWei) });
    case "slETH":
      return t("compare:cells.slEth", { amount: eth(h.amountWei) });
    case "restakedSlETH":
      return t("compare:cells.restakedSlEth", { amount: eth(h.amountWei) });
    case "slrETH":
      return t("compare:cells.slrEth", { amount: formatNumber(h.amount, 21, { significant: 2 }) });
  }
}

function marketExit(r: TypeResult): string {
  const m = r.marketExit;
  if (m.kind === "noToken") return t("compare:cells.noToken");
  if (m.kind === "locked") return t("compare:cells.locked", { days: days(m.seconds) });
  return t("compare:cells.discount", { percent: `−${percent(m.discountWad)}` });
}

function loss(wei: bigint): string {
  return wei === 0n ? t("compare:cells.notReached") : eth(wei);
}
