/**
 * The report's HTML: one self-contained page (inline CSS, inline SVG, no script, no URL), in the
 * selected language, with a section per chart: its title, what to notice, the chart, the
 * numbered events, and how many points it holds. A chart with no points says which chapter of
 * the demo records them, instead of silently vanishing. Every `data-*` attribute is there for
 * the check in headless Chromium (.ci/check-report.mjs).
 */
import type { ChartId } from "../demo/series.js";
import { t, type Language, type MessageKey } from "../i18n/index.js";
import type { ChartLayout } from "./charts.js";
import type { ChartEvent } from "./spec.js";

/** Fonts for Latin and Traditional Chinese alike, for the page and the charts' text. */
export const FONT_STACK =
  "'Noto Sans', 'Noto Sans CJK TC', 'Noto Sans TC', 'Source Han Sans TC', 'PingFang TC', " +
  "'Microsoft JhengHei', 'WenQuanYi Zen Hei', 'AR PL UMing TW', system-ui, sans-serif";

/** One chart as the page shows it: rendered, or empty with the chapter to run. */
export interface ChartSection {
  chart: ChartId;
  layout: ChartLayout;
  /** The chart's SVG, or undefined when no point was recorded. */
  svg?: string;
  /** How many series and points were recorded. */
  seriesCount: number;
  pointCount: number;
  events: ChartEvent[];
  /** The command that records the missing points (shown when the chart is empty). */
  command: string;
}

export interface PageInput {
  lang: Language;
  /** The command that made the page and when (UTC, to the minute). */
  command: string;
  madeAt: Date;
  sections: ChartSection[];
}

/** Text for HTML content and attribute values: &, <, >, " and ' escaped. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A message whose `{{command}}` is shown as code: the rest escaped, the command in `<code>`. */
function withCommand(key: MessageKey, values: Record<string, string>, command: string): string {
  const marker = "\u0000";
  const [before, after = ""] = t(key, { ...values, command: marker }).split(marker);
  return `${escapeHtml(before)}<code>${escapeHtml(command)}</code>${escapeHtml(after)}`;
}

const CSS = `
:root { color-scheme: light; }
body { font-family: ${FONT_STACK}; margin: 0 auto; max-width: 760px; padding: 1.5rem 1rem 3rem;
  color: #1b1b1b; background: #fff; line-height: 1.5; font-size: 17px; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
header p { margin: .25rem 0; }
.made { color: #555; font-size: .9rem; }
code { font-family: ui-monospace, 'Noto Sans Mono', 'DejaVu Sans Mono', monospace; font-size: .9em;
  background: #f2f2f2; padding: 0 .25em; border-radius: 3px; }
section.chart { margin: 2rem 0 0; padding-top: 1rem; border-top: 1px solid #ddd; }
section.chart svg { display: block; max-width: 100%; height: auto; margin: .5rem 0; }
section.chart svg text { font-family: ${FONT_STACK}; }
.caption { margin: 0 0 .25rem; color: #333; }
.events { margin: .25rem 0; padding-left: 1.75rem; }
.events-title { font-weight: bold; margin: .5rem 0 0; font-size: .95rem; }
.count { color: #666; font-size: .85rem; margin: .25rem 0 0; }
.missing { border-left: 4px solid #b03a2e; background: #fbeeec; padding: .5rem .75rem; margin: .5rem 0; }
`;

/** One chart's section of the page. */
function section(s: ChartSection): string {
  const title = escapeHtml(t(s.layout.title));
  const head =
    `<section class="chart${s.svg === undefined ? " empty" : ""}" id="chart-${s.chart}" ` +
    `data-chart="${s.chart}" data-series="${s.seriesCount}" data-points="${s.pointCount}" ` +
    `aria-labelledby="title-${s.chart}">\n` +
    `<h2 id="title-${s.chart}">${title}</h2>\n` +
    `<p class="caption">${escapeHtml(t(s.layout.caption))}</p>\n`;
  if (s.svg === undefined) {
    const missing = withCommand("report:empty", { chapter: s.layout.chapter }, s.command);
    return `${head}<p class="missing" role="note">${missing}</p>\n</section>`;
  }
  const events =
    s.events.length === 0
      ? ""
      : `<p class="events-title">${escapeHtml(t("report:events"))}</p>\n<ol class="events">\n` +
        s.events.map((e) => `<li value="${e.n}">${escapeHtml(e.label)}</li>`).join("\n") +
        "\n</ol>\n";
  return (
    head +
    `${s.svg}\n${events}` +
    `<p class="count">${escapeHtml(t("report:points", { count: s.pointCount }))}</p>\n` +
    "</section>"
  );
}

/** The whole page. */
export function renderPage(input: PageInput): string {
  const date = `${input.madeAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t("report:pageTitle"))}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(t("report:pageTitle"))}</h1>
<p>${escapeHtml(t("report:intro"))}</p>
<p class="made">${withCommand("report:made", { date }, input.command)}</p>
</header>
<main>
${input.sections.map(section).join("\n")}
</main>
</body>
</html>
`;
}
