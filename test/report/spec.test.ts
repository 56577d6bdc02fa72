/**
 * How a chart marks what happened (scripts/report/spec.ts): each labelled point is a numbered
 * event listed under the chart, and events a few blocks apart share one dashed line on it.
 */
import { expect } from "chai";

import { eventLabel, eventMarkers, eventsOf, numberRanges } from "../../scripts/report/spec.js";
import { reportSeries } from "./series-builder.js";

describe("Report charts (scripts/report/spec.ts)", function () {
  describe("eventsOf", function () {
    it("numbers labels in the order first recorded, one event per label across series", function () {
      const series = reportSeries()
        .with("comparison", "solo", [0, 32], [100, 32.5, "CL slashing"], [200, 33, "AVS slashing"])
        .with("comparison", "LRT", [0, 32], [100, 32.1, "CL slashing"], [300, 31, "depeg"])
        .build().comparison!;
      expect(eventsOf(series)).to.deep.equal([
        { n: 1, label: "CL slashing", xs: [100] },
        { n: 2, label: "AVS slashing", xs: [200] },
        { n: 3, label: "depeg", xs: [300] },
      ]);
    });
  });

  describe("eventLabel", function () {
    it("drops a label's own step number, the chart numbers it, and keeps numbers inside", function () {
      expect(eventLabel("3. a year at 3 %; oracle reports")).to.equal(
        "a year at 3 %; oracle reports",
      );
      expect(eventLabel("1.5 ETH withdrawn")).to.equal("1.5 ETH withdrawn");
      expect(eventLabel(undefined)).to.equal("");
    });
  });

  describe("eventMarkers", function () {
    it("puts events closer than 1/50 of the x range on one line, numbered as ranges", function () {
      const events = [
        { n: 1, label: "deposits", xs: [0] },
        { n: 2, label: "a year", xs: [365] },
        { n: 3, label: "slashed", xs: [365.001] },
        { n: 4, label: "reported", xs: [365.002] },
        { n: 5, label: "claimed", xs: [401] },
      ];
      expect(eventMarkers(events, [0, 401])).to.deep.equal([
        { x: 0, text: "1" },
        { x: 365, text: "2–4" },
        { x: 401, text: "5" },
      ]);
    });
  });

  describe("numberRanges", function () {
    it("writes runs of consecutive numbers as ranges, in order", function () {
      expect(numberRanges([7, 3, 4, 5, 1])).to.equal("1,3–5,7");
      expect(numberRanges([2])).to.equal("2");
    });
  });
});
