/**
 * What a teacher reads on a 100-column projector: tables narrow their widest columns and the
 * prose beside them wraps between words, never inside a command, so no line of `lab positions`
 * or `lab my-requests` is wider than 100 columns. In-process, classroom profile
 * (test/tasks/harness.ts).
 */
import { expect } from "chai";

import { MAX_TABLE_WIDTH, renderTable, textWidth, wrapText } from "../../scripts/lib/table.js";
import { deployedForTasksFixture, networkHelpers, runLabOk } from "./harness.js";

/** The printed width of a line in a terminal (a Chinese character takes two columns). */
const width = textWidth;

/** Two validators staked; account 0 holds slETH. */
async function stakedFixture() {
  const deployment = await deployedForTasksFixture();
  await runLabOk("stake", { amount: "0.1" });
  await runLabOk("stake", { amount: "0.05", account: "1" });
  await runLabOk("stake-validator", { count: "2" });
  return deployment;
}

describe("lab output on a projector (in-process, classroom profile)", function () {
  describe("tables on a 100-column projector", function () {
    it("a table wider than 100 columns wraps its widest column to fit, losing no word", function () {
      const long =
        "0.001 slrETH for at most 0.001 slETH, claimable in 5 min, after the restaking delay";
      const text = renderTable(
        ["queue", "id", "pays", "next"],
        [["liquid restaking: redemption", "#1", long, "`npx hardhat lab lrt-claim --id 1`"]],
      );
      for (const line of text.split("\n")) expect(width(line), line).to.be.at.most(MAX_TABLE_WIDTH);
      const words = text.replace(/[│┌┐└┘┬┴─]/g, " ");
      for (const word of long.split(" ")) expect(words).to.contain(word);
      const narrow = renderTable(["a", "b"], [["1", "2"]]);
      expect(narrow.split("\n")[0]).to.equal("┌───┬───┐");
    });

    it("prose beside a table wraps at 100 columns between words, never inside a command", function () {
      const command = "`npx hardhat lab liquidate --market <market> --borrower <address>`";
      const text = wrapText(
        `HF = collateral × price × LLTV / debt under each price source; * the market's own oracle; ! below 1: liquidatable there (${command}).`,
      );
      const lines = text.split("\n");
      expect(lines.length).to.equal(2);
      for (const line of lines) expect(width(line), line).to.be.at.most(MAX_TABLE_WIDTH);
      expect(lines[1]).to.contain(command); // whole, not cut at the margin
    });

    it("Chinese prose wraps at 100 terminal columns, a character taking two, never before a comma", function () {
      const sentence =
        "請注意：每次削減都同時降低所有持有者的匯率（損失由大家分攤），升級前的初始懲罰是押金的 1/32。";
      const prose = `${sentence}${sentence}${sentence} \`npx hardhat demo --lang zh-TW\``;
      const text = wrapText(prose);
      const lines = text.split("\n");
      expect(lines.length).to.be.greaterThan(2);
      for (const line of lines) {
        expect(textWidth(line), line).to.be.at.most(MAX_TABLE_WIDTH);
        expect(line, line).to.not.match(/^[，。、；：）]/u);
        expect(line, line).to.not.match(/[（]$/u);
      }
      expect(textWidth(lines[0])).to.be.greaterThan(MAX_TABLE_WIDTH - 4); // full lines, not early breaks
      expect(text.replace(/\s/g, "")).to.equal(prose.replace(/\s/g, "")); // no character lost
      expect(lines.at(-1)).to.contain("`npx hardhat demo --lang zh-TW`");
    });

    it("lab positions prints no line wider than 100 columns, with and without a loan", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      const without = await runLabOk("positions");
      await runLabOk("supply", { market: "lst:spot", eth: "0.5", account: "4" });
      await runLabOk("supply", { market: "lst:spot", collateral: "0.05" });
      await runLabOk("borrow", { market: "lst:spot", amount: "0.01" });
      const withLoan = await runLabOk("positions");
      expect(withLoan).to.contain("HF = collateral × price × LLTV / debt");
      for (const line of `${without}\n${withLoan}`.split("\n"))
        expect(width(line), line).to.be.at.most(MAX_TABLE_WIDTH);
    });

    it("lab my-requests fits 100 columns with all three queues open", async function () {
      await networkHelpers.loadFixture(stakedFixture);
      await runLabOk("request-withdrawal", { amount: "0.001" });
      await runLabOk("restake", { amount: "0.02" });
      await runLabOk("queue-withdrawal", { amount: "0.005" });
      await runLabOk("lrt-deposit", { eth: "0.02" });
      await runLabOk("lrt-redeem", { shares: "0.001" });
      const out = await runLabOk("my-requests");
      const table = out.split("\n").filter((line) => /^[│┌└├]/.test(line));
      expect(table.length, out).to.be.greaterThan(4);
      for (const line of out.split("\n")) expect(width(line), line).to.be.at.most(MAX_TABLE_WIDTH);
    });
  });
});
