/**
 * A Vega-Lite specification to an SVG string, in Node, with no browser, canvas or network:
 * `vega-lite` compiles it to Vega, and a headless Vega view (`renderer: "none"`) writes the SVG.
 * Without the optional `canvas` package Vega estimates text widths, which is all a layout needs.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** Full-width characters: CJK ideographs and punctuation, kana, full-width forms. */
const FULL_WIDTH = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/**
 * A text's width in pixels, guessed per character: 0.6 em for Latin letters and digits, 1 em for
 * Chinese. Vega's own guess without a canvas (0.8 em for every character) leaves English titles
 * far too much room and Chinese ones too little. Vega lets a renderer set this function (as
 * vl-convert does); `textMetrics` is in its exports but not in its type declarations.
 */
function estimateTextWidth(item: { fontSize?: number; text?: unknown }, text?: unknown): number {
  const value = text ?? item.text;
  const lines = Array.isArray(value) ? value.map(String) : [value == null ? "" : String(value)];
  const size = item.fontSize ?? 11;
  const ems = (line: string) => [...line].reduce((n, c) => n + (FULL_WIDTH.test(c) ? 1 : 0.6), 0);
  return Math.ceil(size * Math.max(0, ...lines.map(ems)));
}
(vega as unknown as { textMetrics: { width: typeof estimateTextWidth } }).textMetrics.width =
  estimateTextWidth;

/** The chart as an SVG element, ready to inline in HTML (no namespace URLs, native tooltips). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return inlineable(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Inline SVG in HTML needs no `xmlns` (the HTML parser knows `<svg>`), so none is left: the page
 * holds no URL at all. Each dot gets its description as a `<title>`, which browsers show as a
 * tooltip without any script (Vega's own tooltips need its JavaScript handler).
 */
export function inlineable(svg: string): string {
  return svg
    .replace(/ xmlns(:xlink)?="[^"]*"/g, "")
    .replace(
      /<path ([^>]*?aria-roledescription="point"[^>]*?)\/>/g,
      (whole: string, attributes: string) => {
        const label = /aria-label="([^"]*)"/.exec(attributes)?.[1];
        return label === undefined ? whole : `<path ${attributes}><title>${label}</title></path>`;
      },
    );
}
