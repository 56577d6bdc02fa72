/**
 * The one way tasks read and print amounts, durations and next commands (scripts/lib/format.ts,
 * scripts/lib/commands.ts): what a student types is refused in one line when it cannot be
 * exact; what they read is rounded, in ETH and in minutes, with the network they are on.
 */
import { expect } from "chai";

import { stackTracesRequested } from "../../scripts/lib/boundary.js";
import { lab, setCommandContext, txLink } from "../../scripts/lib/commands.js";
import {
  ETH,
  SLRETH,
  formatAmount,
  formatBps,
  formatDuration,
  formatEth,
  formatWadPercent,
  formatWait,
  formatWhen,
  parseAmount,
  parsePercentWad,
  parseWhole,
} from "../../scripts/lib/format.js";
import { ether } from "../helpers/index.js";

describe("Task formatting (scripts/lib/format.ts)", function () {
  describe("parseAmount", function () {
    it("reads a decimal amount exactly, in the unit's decimals", function () {
      expect(parseAmount("0.01", "amount")).to.equal(ether("0.01"));
      expect(parseAmount("1.5", "shares", SLRETH)).to.equal(15n * 10n ** 20n);
      expect(parseAmount(".5", "amount")).to.equal(ether("0.5"));
      expect(parseAmount("0.000000000000000000001", "shares", SLRETH)).to.equal(1n);
    });

    it("refuses more decimals than slrETH's 21 in one line", function () {
      expect(() => parseAmount("0.0000000000000000000001", "shares", SLRETH)).to.throw(
        "--shares 0.0000000000000000000001 has 22 decimals; slrETH has 21",
      );
    });

    it("refuses more decimals than ETH's 18, and accepts trailing zeros beyond them", function () {
      expect(() => parseAmount("0.0000000000000000001", "amount", ETH)).to.throw(
        "has 19 decimals; ETH has 18",
      );
      expect(parseAmount("0.01000000000000000000000", "amount")).to.equal(ether("0.01"));
    });

    it("refuses words, negatives, zero and nothing", function () {
      expect(() => parseAmount("lots", "amount")).to.throw(
        'must be an amount in ETH such as 0.01, not "lots"',
      );
      expect(() => parseAmount("-1", "amount")).to.throw("must be an amount");
      expect(() => parseAmount("0", "amount")).to.throw("must be more than 0");
      expect(() => parseAmount("", "amount")).to.throw("--amount is required");
    });
  });

  describe("parsePercentWad", function () {
    it("reads a percentage as a WAD fraction", function () {
      expect(parsePercentWad("10", "percent")).to.equal(ether("0.1"));
      expect(parsePercentWad("100", "percent")).to.equal(ether("1"));
      expect(parsePercentWad("0.0000000000000001", "percent")).to.equal(1n);
    });

    it("refuses more than 16 decimals (finer than 1 wei of a WAD) in one line", function () {
      expect(() => parsePercentWad("10.0000000000000000001", "percent")).to.throw(
        "--percent 10.0000000000000000001 has 19 decimals; a percentage here has at most 16",
      );
    });

    it("refuses 0 and more than 100", function () {
      expect(() => parsePercentWad("0", "percent")).to.throw("must be more than 0");
      expect(() => parsePercentWad("100.5", "percent")).to.throw("must be at most 100");
    });
  });

  describe("parseWhole", function () {
    it("refuses anything but a whole number", function () {
      expect(parseWhole("7", "id")).to.equal(7n);
      expect(() => parseWhole("1.5", "id")).to.throw('--id must be a whole number, not "1.5"');
    });
  });

  describe("formatAmount", function () {
    it("rounds to six significant decimals, half up, and trims zeros", function () {
      expect(formatEth(ether("0.032000013"))).to.equal("0.032 ETH");
      expect(formatEth(1_000_027_124_900_000_000n)).to.equal("1.000027 ETH");
      expect(formatEth(123_456_789_000_000n)).to.equal("0.000123457 ETH");
      expect(formatEth(ether("9999.8629541"))).to.equal("9,999.862954 ETH");
      expect(formatEth(0n)).to.equal("0 ETH");
    });

    it("prints slrETH in its 21 decimals and every decimal on request", function () {
      expect(formatAmount(15n * 10n ** 20n, SLRETH)).to.equal("1.5 slrETH");
      expect(formatEth(1n, { full: true })).to.equal("0.000000000000000001 ETH");
    });
  });

  describe("formatDuration and formatWait", function () {
    it("prints the two largest units, never a timestamp", function () {
      expect(formatDuration(100n)).to.equal("1 min 40 s");
      expect(formatDuration(7_500n)).to.equal("2 h 5 min");
      expect(formatDuration(93_600n)).to.equal("1 day 2 h");
      expect(formatDuration(1_209_600n)).to.equal("14 days");
      expect(formatDuration(0n)).to.equal("0 s");
    });

    it("says how long to wait, or that the time has come", function () {
      expect(formatWait(1_000_100n, 1_000_000n)).to.equal("wait 1 min 40 s");
      expect(formatWait(1_000_000n, 1_000_000n)).to.equal("it is time now");
      expect(formatWhen(1_000_300n, 1_000_000n)).to.equal("in 5 min");
      expect(formatWhen(1_000_000n, 1_000_060n)).to.equal("1 min ago");
    });
  });

  describe("formatBps and formatWadPercent", function () {
    it("prints shares of a whole as percentages", function () {
      expect(formatBps(1000n)).to.equal("10 %");
      expect(formatBps(25n)).to.equal("0.25 %");
      expect(formatWadPercent(ether("0.5"))).to.equal("50 %");
    });
  });
});

describe("Next commands (scripts/lib/commands.ts)", function () {
  afterEach(function () {
    setCommandContext({ networkName: "default", account: "0" });
  });

  it("carries the network the student is on, so a hint never sends them to the embedded chain", function () {
    setCommandContext({ networkName: "localhost" });
    expect(lab("report")).to.equal("`npx hardhat lab report --network localhost`");
    setCommandContext({ networkName: "hoodi" });
    expect(lab("claim-withdrawal", "--id 3")).to.equal(
      "`npx hardhat lab claim-withdrawal --id 3 --network hoodi`",
    );
  });

  it("carries the student's --account for their own actions only", function () {
    setCommandContext({ networkName: "localhost", account: "2" });
    expect(lab("my-requests", "", { asMe: true })).to.equal(
      "`npx hardhat lab my-requests --network localhost --account 2`",
    );
    expect(lab("report")).to.equal("`npx hardhat lab report --network localhost`");
  });

  it("links Hoodi transactions to the explorer and prints the hash elsewhere", function () {
    const hash = `0x${"ab".repeat(32)}`;
    expect(txLink(hash, "hoodi")).to.equal(`https://hoodi.etherscan.io/tx/${hash}`);
    expect(txLink(hash, "localhost")).to.equal(`tx ${hash}`);
  });
});

describe("Stack traces (scripts/lib/boundary.ts)", function () {
  it("are shown when the person types --show-stack-traces", function () {
    expect(stackTracesRequested(["node", "hardhat", "lab", "status", "--show-stack-traces"])).to.be
      .true;
  });

  it("are not shown because Hardhat turned its option on by itself on a CI machine", function () {
    expect(stackTracesRequested(["node", "hardhat", "lab", "status"])).to.be.false;
  });
});
