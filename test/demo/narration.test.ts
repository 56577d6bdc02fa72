/**
 * The demo's prose on a 100-column projector, in English and in Chinese: a Chinese character
 * takes two columns and Chinese has no spaces, so `wrapText` measures as the terminal draws and
 * breaks between characters, never before closing punctuation, after opening punctuation, between
 * a number and its unit, or inside a `command`.
 */
import { expect } from "chai";
import stringWidth from "string-width";

import { signedEth } from "../../scripts/demo/context.js";
import { wrapText } from "../../scripts/lib/table.js";
import { ether } from "../helpers/units.js";

describe("Demo narration (wrapText in scripts/lib/table.ts, signedEth in scripts/demo/context.ts)", function () {
  describe("wrapText", function () {
    it("wraps Chinese between characters at 100 columns, counting each character as two", function () {
      const text = "獨立質押者拿到全部獎勵，也獨自承擔所有懲罰。".repeat(8);
      const lines = wrapText(text).split("\n");
      expect(lines.length).to.be.greaterThan(1);
      for (const line of lines) expect(stringWidth(line), line).to.be.at.most(100);
      expect(lines.join("")).to.equal(text); // nothing lost, no space added
      expect(stringWidth(lines[0])).to.be.at.least(98);
    });

    it("starts no line with closing punctuation and ends none with opening punctuation", function () {
      for (let pad = 0; pad < 60; pad++) {
        const text = `${"削".repeat(pad)}相關性懲罰（第 390 天定案），「變動」欄。`.repeat(4);
        for (const line of wrapText(text).split("\n")) {
          expect(line, text).to.not.match(/^[，。、；：）」]/u);
          expect(line, text).to.not.match(/[（「]$/u);
          expect(stringWidth(line)).to.be.at.most(100);
        }
      }
    });

    it("keeps a number with its unit and a command whole", function () {
      for (let pad = 0; pad < 100; pad++) {
        const text = `${"x".repeat(pad)} pays 0.0078125 ETH at once, then run \`npx hardhat lab cl-sweep --network hoodi\`.`;
        const lines = wrapText(text).split("\n");
        expect(
          lines.some((line) => line.startsWith("ETH")),
          text,
        ).to.equal(false);
        expect(
          lines.some((line) => line.includes("`npx hardhat lab cl-sweep --network hoodi`.")),
        ).to.equal(true);
      }
    });

    it("wraps English between words, as the tables' prose does", function () {
      const text = "the sweep skims the rewards to her wallet ".repeat(5).trim();
      const lines = wrapText(text, 40).split("\n");
      for (const line of lines) expect(line.length).to.be.at.most(40);
      expect(lines.join(" ")).to.equal(text);
    });
  });

  describe("signedEth", function () {
    it("signs gains and losses, rounded as the tables round, and leaves zero unsigned", function () {
      expect(signedEth(ether("0.96"))).to.equal("+0.96");
      expect(signedEth(-ether("0.0078125"), 7)).to.equal("-0.0078125");
      expect(signedEth(-ether("0.0078125"), 4)).to.equal("-0.0078");
      expect(signedEth(10n ** 10n, 4)).to.equal("0");
      expect(signedEth(0n)).to.equal("0");
    });
  });
});
