/**
 * A Vega-Lite specification to an SVG string, in Node, with no browser, canvas or network:
 * `vega-lite` compiles it to Vega, and a headless Vega view (`renderer: "none"`) writes the SVG.
 * Without the optional `canvas` package Vega estimates text widths, which is all a layout needs.
 */
import { View, parse } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** The chart as an SVG element, ready to inline in HTML (no namespace URLs, native tooltips). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
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
