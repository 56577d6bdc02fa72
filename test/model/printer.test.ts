/**
 * The printer that turns a shrunk failing sequence into a scenario ready to paste: a known command
 * list renders to the expected text, amounts in the project's helpers.
 */
import { expect } from "chai";

import { amountCode } from "./command.js";
import { Report, Deposit, Slash, AdvanceTime } from "./commands-staking.js";
import { AvsSlash } from "./commands-restaking.js";
import { Liquidate } from "./commands-lending.js";
import { Swap } from "./commands-stableswap.js";
import { printScenario, ranCommands } from "./printer.js";

describe("The model test's scenario printer", function () {
  describe("amountCode", function () {
    it("writes whole amounts to 1e-6 ETH with ether(…) and anything finer in wei", function () {
      expect(amountCode(10n ** 18n)).to.equal('ether("1")');
      expect(amountCode(15n * 10n ** 17n)).to.equal('ether("1.5")');
      expect(amountCode(10n ** 12n)).to.equal('ether("0.000001")');
      expect(amountCode(0n)).to.equal('ether("0")');
      expect(amountCode(123n)).to.equal("123n");
    });
  });

  describe("printScenario", function () {
    it("renders a command list as a test ready to paste, with fast-check's seed and path", function () {
      const text = printScenario({
        seed: 42,
        path: "3:1:0",
        error: "step 4 › INV-1 supply value ≤ totalPooledEther: 2 exceeds 1 by 1 wei\nmore detail",
        commands: [
          new Deposit("alice", 32n * 10n ** 18n),
          new AdvanceTime(86_400n),
          new Slash(2, 3),
          new AvsSlash("avs", "operator", 2_500),
          new Swap("bob", "lst", true, 15n * 10n ** 17n),
          new Liquidate("lrt.spot", "carol", 10_000),
          new Report(),
        ],
      });
      expect(text).to.equal(
        [
          "// A random sequence broke the system: step 4 › INV-1 supply value ≤ totalPooledEther: 2 exceeds 1 by 1 wei",
          '// fast-check seed 42, path "3:1:0"; replay the search with',
          '// FUZZ_SEED=42 FUZZ_PATH="3:1:0" npm run fuzz, or paste this into test/model/regressions.test.ts:',
          'it("keeps every invariant when 7 steps run in this order", async () => {',
          "  await replay(connection, [",
          '    new Deposit("alice", ether("32")),',
          "    new AdvanceTime(86400n),",
          "    new Slash(2, 3),",
          '    new AvsSlash("avs", "operator", 2500),',
          '    new Swap("bob", "lst", true, ether("1.5")),',
          '    new Liquidate("lrt.spot", "carol", 10000),',
          "    new Report(),",
          "  ]);",
          "});",
        ].join("\n"),
      );
    });

    it("leaves out the path when there is none, and the commands fast-check did not run", function () {
      const ran = new Report();
      const skipped = new Deposit("bob", 10n ** 18n);
      const commands = ranCommands([
        { cmd: ran, hasRan: true },
        { cmd: skipped, hasRan: false },
      ]);
      expect(commands).to.deep.equal([ran]);
      const text = printScenario({ seed: 7, commands, error: "boom" });
      expect(text.split("\n").slice(1, 3)).to.deep.equal([
        "// fast-check seed 7; replay the search with",
        "// FUZZ_SEED=7 npm run fuzz, or paste this into test/model/regressions.test.ts:",
      ]);
      expect(text).to.contain("    new Report(),\n");
      expect(text).not.to.contain("Deposit");
    });
  });
});
