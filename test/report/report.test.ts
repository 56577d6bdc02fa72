/**
 * The HTML report (scripts/report): the series the demo records, drawn as SVG charts in Node
 * (vega-lite + vega, no browser, no canvas) in one page that opens offline without a script.
 * The series come from a test data builder (./series-builder.ts), not from a demo run; the check
 * in a real browser is .ci/check-report.mjs.
 */
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { CHARTS, clearSeries, recordPoint, type ChartId } from "../../scripts/demo/series.js";
import { t, useLanguage } from "../../scripts/i18n/index.js";
import { renderReport, writeReport } from "../../scripts/report/index.js";
import { reportSeries } from "./series-builder.js";

/** Each chart's section of the page, by chart id. */
function sectionsOf(html: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const match of html.matchAll(/<section [^>]*data-chart="(\w+)"[\s\S]*?<\/section>/g)) {
    sections.set(match[1], match[0]);
  }
  return sections;
}

/** How many times `pattern` occurs in `text`. */
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

const DOT = /aria-roledescription="point"/g;
const DIR = "reports/test";

describe("Report (scripts/report)", function () {
  describe("renderReport", function () {
    describe("when every chart has points", function () {
      const builder = reportSeries().everyChart();
      let html: string;
      before(async function () {
        html = await renderReport(DIR, { series: builder.build() });
      });

      it("draws one SVG per chart, in the demo's order", function () {
        expect([...sectionsOf(html).keys()]).to.deep.equal([...CHARTS]);
        for (const [chart, section] of sectionsOf(html)) {
          expect(count(section, /<svg /g), chart).to.equal(1);
        }
      });

      it("draws a dot per recorded point and a line per series, and says how many", function () {
        for (const [chart, section] of sectionsOf(html)) {
          const points = builder.pointCount(chart as ChartId);
          expect(count(section, DOT), chart).to.equal(points);
          expect(count(section, /aria-roledescription="line mark"/g), chart).to.equal(2);
          expect(section, chart).to.contain(`data-points="${points}"`);
          expect(section, chart).to.contain(`data-series="2"`);
          expect(section, chart).to.contain(t("report:points", { count: points }));
        }
      });

      it("titles each chart and its axes with their units, and shows a legend of the series", function () {
        const section = sectionsOf(html).get("lstRate")!;
        expect(section).to.contain(`<h2 id="title-lstRate">${t("report:charts.lstRate.title")}`);
        expect(section).to.contain("slETH rate (ETH per slETH)</text>");
        expect(section).to.contain("time (days)</text>");
        expect(section).to.contain('aria-roledescription="legend"');
        expect(section).to.contain(">lstRate A</text>");
      });

      it("holds no URL and no script: the page opens offline, without JavaScript", function () {
        expect(html).to.not.match(/https?:/);
        expect(html).to.not.match(/<script|<link|<img|src=|@import|url\(/i);
      });
    });

    describe("when points carry labels", function () {
      const series = reportSeries()
        .with("lstRate", "slETH rate", [0, 1], [365, 1.0254, "a year at 3 %"], [366, 1.02])
        .with("lstRate", "another", [0, 1], [365, 1.01, "a year at 3 %"], [400, 1.0, "slashed"])
        .build();

      it("numbers each event once under its chart and gives each dot its tooltip", async function () {
        const section = sectionsOf(await renderReport(DIR, { series })).get("lstRate")!;
        expect(section).to.contain('<li value="1">a year at 3 %</li>');
        expect(section).to.contain('<li value="2">slashed</li>');
        expect(count(section, /<li /g)).to.equal(2);
        expect(section).to.contain("<title>slETH rate (365, 1.0254): a year at 3 %</title>");
        expect(section).to.contain("<title>slETH rate (366, 1.02)</title>");
      });
    });

    describe("when names and labels hold HTML", function () {
      it("escapes them in the chart, its tooltips and the list of events", async function () {
        const series = reportSeries()
          .withPoints("lstRate", "ok", 2)
          .with("lstRate", `<script>alert("x")</script> & co`, [1, 2, "<b>bold</b> & 'q'"])
          .build();
        const html = await renderReport(DIR, { series });
        expect(html).to.not.contain("<script>");
        expect(html).to.not.contain("<b>");
        expect(html).to.contain("&lt;script&gt;alert(");
        expect(html).to.contain('<li value="1">&lt;b&gt;bold&lt;/b&gt; &amp; &#39;q&#39;</li>');
      });
    });

    describe("when a chart has no points", function () {
      it("keeps its section and says which chapter to run for it", async function () {
        const series = reportSeries()
          .withPoints("lstRate", "slETH rate", 3)
          .with("lrtValue", "a series with no point")
          .build();
        const sections = sectionsOf(await renderReport(DIR, { series }));
        expect([...sections.keys()]).to.deep.equal([...CHARTS]);
        const lrt = sections.get("lrtValue")!;
        expect(lrt).to.contain('class="chart empty"');
        expect(lrt).to.contain('data-points="0"');
        expect(lrt).to.not.contain("<svg");
        expect(lrt).to.contain(
          "<code>npx hardhat demo --chapter liquid-restaking --report reports/test</code>",
        );
        expect(sections.get("depegPrice")).to.contain("--chapter depeg ");
        expect(sections.get("lstRate")).to.not.contain('class="missing"');
      });
    });

    describe("in Traditional Chinese", function () {
      after(async function () {
        await useLanguage("en");
      });

      it("sets the page's language and takes its titles and axes from the catalogue", async function () {
        await useLanguage("zh-TW");
        const html = await renderReport(DIR, { series: reportSeries().everyChart().build() });
        expect(html).to.contain('<html lang="zh-TW">');
        expect(html).to.contain("<title>Staking Lab — 示範實際量到的數字</title>");
        expect(html).to.contain("時間（天）</text>");
        expect(html).to.contain("記錄的資料點：");
      });
    });
  });

  describe("writeReport", function () {
    let dir: string;
    beforeEach(async function () {
      // Other files' demo runs record series in the same process: start from none.
      clearSeries();
      dir = await mkdtemp(path.join(tmpdir(), "staking-lab-report-"));
    });
    afterEach(async function () {
      clearSeries();
      await rm(dir, { recursive: true, force: true });
    });

    it("writes <dir>/index.html from what the demo recorded, in English, and returns its path", async function () {
      recordPoint("lstRate", "slETH rate", 0, 1);
      recordPoint("lstRate", "slETH rate", 365, 1.0254, "a year at 3 %");
      const file = await writeReport(path.join(dir, "latest"));
      expect(file).to.equal(path.join(dir, "latest", "index.html"));
      const html = await readFile(file, "utf8");
      expect(html).to.match(/^<!doctype html>\n<html lang="en">/);
      expect(count(sectionsOf(html).get("lstRate")!, DOT)).to.equal(2);
      expect(count(html, /class="chart empty"/g)).to.equal(CHARTS.length - 1);
    });
  });

  describe("rendering", function () {
    it("needs no canvas package (nothing native: a plain `npm ci` is enough)", function () {
      const require = createRequire(import.meta.url);
      expect(() => require.resolve("canvas")).to.throw();
    });
  });
});
