/**
 * DESIGN §9 scenario 8: the five ways to stake through the same year and the same events
 * (scripts/compare). The comparison runs once, on this file's chain; its key numbers are checked
 * against what the formulas say (the simulator's reward rate, the LST's fee, the AVS's slash of
 * an allocation, the StableSwap reference model), and the copies embedded in the READMEs against
 * its Markdown, so the docs never drift from the contracts.
 */
import { readFile } from "node:fs/promises";

import { expect } from "chai";
import hre, { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import {
  README_FILES,
  REFRESH_COMMAND,
  comparisonMarkdown,
  embeddedComparison,
  normalizeMarkdown,
} from "../../scripts/compare/readme.js";
import {
  EVENTS,
  STAKE,
  STAKING_TYPES,
  TIMELINE,
  comparisonSeriesName,
  runComparison,
  type ComparisonResult,
} from "../../scripts/compare/run.js";
import { renderComparisonText } from "../../scripts/compare/table.js";
import { clearSeries, seriesOf } from "../../scripts/demo/series.js";
import { LANGUAGES, useLanguage } from "../../scripts/i18n/index.js";
import { MAX_TABLE_WIDTH, textWidth } from "../../scripts/lib/table.js";
import {
  BPS,
  DAY,
  SECONDS_PER_YEAR,
  WAD,
  ether,
  expectEqualWithinRounding,
  mulDivUp,
} from "../helpers/index.js";
import { exchange, xpOf } from "../helpers/stableswap-reference.js";

const connection = await network.create();
const profile = realistic;
const PROJECT_ROOT = new URL("../../", import.meta.url);

/** A WAD rate `value` is `expected` to within `tolerance` (WAD), with a named failure. */
function expectRate(value: bigint, expected: bigint, tolerance: bigint, what: string) {
  expectEqualWithinRounding(value, expected, what, tolerance);
}

describe("The comparison: five ways to stake 32 ETH through the same year (scripts/compare)", function () {
  let result: ComparisonResult;

  before(async function () {
    clearSeries();
    result = await runComparison(connection);
  });

  describe("the READMEs", function () {
    for (const language of LANGUAGES) {
      it(`${README_FILES[language]} embeds the table of a fresh run, in ${language}`, async function () {
        const file = README_FILES[language];
        const readme = await readFile(new URL(file, PROJECT_ROOT), "utf8");
        const embedded = embeddedComparison(readme);
        expect(embedded, `${file} has no comparison block`).to.not.equal(undefined);
        expect(
          normalizeMarkdown(embedded!),
          `${file}'s comparison differs from a fresh run: refresh it with \`${REFRESH_COMMAND}\``,
        ).to.deep.equal(normalizeMarkdown(await comparisonMarkdown(result, language)));
      });
    }
  });

  describe("the printed table", function () {
    after(async function () {
      await useLanguage("en");
    });

    it("fits a 100-column projector in English and in Traditional Chinese", async function () {
      for (const language of LANGUAGES) {
        await useLanguage(language);
        const text = renderComparisonText(result);
        for (const line of text.split("\n"))
          expect(textWidth(line), `${language}: ${line}`).to.be.at.most(MAX_TABLE_WIDTH);
        expect(text.split("\n").length, language).to.be.at.most(45);
      }
    });
  });

  describe("solo staking", function () {
    it("earns the simulator's rate while its validator is active: 3 % a year on 32 ETH", function () {
      const apr = (profile.rewardAprBps * WAD) / BPS;
      expectRate(result.types.solo.clRateWad, apr, 10n ** 9n, "solo's CL rate");
    });

    it("bears its own validator's slashing: 32/4096 at once, then the correlation penalty", function () {
      const initial = mulDivUp(STAKE, 1n, profile.slashingPenaltyQuotient);
      // balance × 3 × (3 validators slashed together) / active stake; active stake is the rest of
      // the network and the lab's ~130 validators, the balance 32 ETH and half a year of rewards.
      const slashedTogether = 3n * 3n * STAKE;
      const labActive = 130n * STAKE;
      const lowest = (STAKE * slashedTogether) / (profile.externalActiveBalanceWei + labActive);
      const highest = (ether("32.5") * slashedTogether) / profile.externalActiveBalanceWei;
      const loss = result.types.solo.losses.clSlashingWei;
      expect(loss >= initial + lowest && loss <= initial + highest, `${loss}`).to.equal(true);
    });

    it("loses 32/4096 ETH at once when slashed, as after Pectra", function () {
      expect(result.facts.slashedValidatorLossWei).to.equal(
        mulDivUp(STAKE, 1n, profile.slashingPenaltyQuotient),
      );
    });

    it("stops earning once its slashed validator is exited: 3 % for 180 days, less the slashing", function () {
      const solo = result.types.solo;
      const rewards =
        (STAKE * profile.rewardAprBps * TIMELINE.clSlashingDay * DAY) / (BPS * SECONDS_PER_YEAR);
      expectEqualWithinRounding(
        solo.endWei,
        STAKE + rewards - solo.losses.clSlashingWei,
        "32 + 32 × 3 % × 180/365 − the slashing (setup seconds apart)",
        ether("0.0001"),
      );
      expect(solo.fees).to.deep.equal({ lstWei: 0n, operatorWei: 0n, lrtWei: 0n });
    });
  });

  describe("liquid staking", function () {
    it("earns the CL rate less the pool's 10 % fee, the treasury's fee shares earning too", function () {
      // Lido's accounting, report by report (every 30 days) on the pool's 128 validators: the
      // rewards raise the pooled ether; the fee is minted as shares to the treasury.
      const pooled0 = EVENTS.poolValidators * STAKE;
      let pooled = pooled0;
      let supply = pooled0;
      for (let day = 0n; day < TIMELINE.quietUntilDay; day += TIMELINE.reportEveryDays) {
        const rewards =
          (pooled0 * profile.rewardAprBps * TIMELINE.reportEveryDays * DAY) /
          (BPS * SECONDS_PER_YEAR);
        pooled += rewards;
        const fee = (rewards * profile.protocolFeeBps) / BPS;
        supply += (fee * supply) / (pooled - fee);
      }
      const rate = (pooled * WAD) / supply;
      const annual = ((rate - WAD) * 365n) / TIMELINE.quietUntilDay;
      // 2.699 %: a bit under 3 % × 0.9 because the treasury's fee shares take their part.
      expectRate(result.types.liquid.clRateWad, annual, 10n ** 12n, "slETH's CL rate");
    });

    it("pays a tenth of its gross rewards as the LST's fee: fee × 9 = what it kept", function () {
      const liquid = result.types.liquid;
      const kept = liquid.endWei - STAKE + liquid.losses.clSlashingWei;
      expectEqualWithinRounding(liquid.fees.lstWei * 9n, kept, "fee × 9 = net rewards", 10n ** 12n);
    });

    it("shares one slashed validator of 128: about 32/4096 of a validator's loss", function () {
      const expected = (result.types.solo.losses.clSlashingWei * STAKE) / (128n * STAKE);
      const loss = result.types.liquid.losses.clSlashingWei;
      // Lina's share of the pool is 32/4096 less the fee shares minted to the treasury (< 1 %).
      expect(
        loss <= expected && loss >= (expected * 99n) / 100n,
        `${loss} vs ${expected}`,
      ).to.equal(true);
    });
  });

  describe("native restaking", function () {
    it("loses 5 % of its restaked ETH to the AVS: 10 % of a 50 % allocation", function () {
      const native = result.types.native;
      const share = (EVENTS.avsSlashWad * EVENTS.allocationWad) / WAD;
      expectEqualWithinRounding(
        native.losses.avsSlashingWei,
        (native.restakedBeforeAvsSlashingWei * share) / WAD,
        "5 % of the pod's restaked ETH, to 1e-9 (the share maths rounds against the staker)",
        native.restakedBeforeAvsSlashingWei / 10n ** 9n,
      );
    });

    it("multiplies the two layers: its pod holds solo's year × 0.95", function () {
      const share = (EVENTS.avsSlashWad * EVENTS.allocationWad) / WAD;
      expectEqualWithinRounding(
        (result.types.native.holding as { amountWei: bigint }).amountWei,
        (result.types.solo.endWei * (WAD - share)) / WAD,
        "the same validator's balance × (1 − 5 %)",
        10n ** 12n,
      );
    });
  });

  describe("the AVS's rewards", function () {
    it("pays native ETH about its 1 % a year, less the operator's 10 %, in slETH", function () {
      // Paid in slETH at a rate of 1 on day 0, valued at the rate of day 150 (~1.0133).
      const expected =
        (EVENTS.avsRewardBpsNative * (BPS - profile.operatorSplitBps) * WAD) / BPS ** 2n;
      const rate = result.types.native.avsRateWad!;
      expect(rate > expected && rate < (expected * 102n) / 100n, `${rate}`).to.equal(true);
    });

    it("pays restaked slETH half the native rate: some rewards are out of its reach", function () {
      const { native, lstRestaked, lrt } = result.types;
      expectEqualWithinRounding(
        native.avsRateWad! * EVENTS.avsRewardBpsLst,
        lstRestaked.avsRateWad! * EVENTS.avsRewardBpsNative,
        "native : slETH = 1 % : 0.5 %",
        10n ** 12n,
      );
      // The LRT earns less again: 10 % of its slETH stays idle, and the vault takes 10 %.
      expect(lrt.avsRateWad!).to.be.lessThan(lstRestaked.avsRateWad!);
    });
  });

  describe("slETH restaked directly", function () {
    it("keeps 32 slETH × 0.95 in the strategy after the AVS slashing, and no token", function () {
      const held = result.types.lstRestaked.holding;
      expect(held.kind).to.equal("restakedSlETH");
      expectEqualWithinRounding(
        (held as { amountWei: bigint }).amountWei,
        ether("30.4"),
        "32 × 0.95",
      );
      expect(result.types.lstRestaked.marketExit).to.deep.equal({
        kind: "locked",
        seconds: profile.restakingWithdrawalDelaySeconds,
      });
    });
  });

  describe("liquid restaking", function () {
    it("loses 5 % of its restaked part only: the vault keeps 10 % idle", function () {
      const lrt = result.types.lrt;
      const share = (EVENTS.avsSlashWad * EVENTS.allocationWad) / WAD;
      expectEqualWithinRounding(
        lrt.losses.avsSlashingWei,
        (lrt.restakedBeforeAvsSlashingWei * share) / WAD,
        "5 % of the restaked part, to 1e-9 (the share maths rounds against the staker)",
        lrt.restakedBeforeAvsSlashingWei / 10n ** 9n,
      );
      expect(lrt.losses.avsSlashingWei).to.be.lessThan(
        result.types.lstRestaked.losses.avsSlashingWei,
      );
    });

    it("pays the operator 10 % of its AVS rewards, then the vault 10 % of the rest", function () {
      const { fees } = result.types.lrt;
      expectEqualWithinRounding(
        fees.lrtWei * 10n,
        fees.operatorWei * 9n,
        "0.1 × 0.9 = 0.09",
        10n ** 12n,
      );
    });
  });

  describe("exits", function () {
    it("waits the deployed delays to exit at NAV: a day for a validator or the queue, 14 more through restaking", function () {
      const { exitDelaySeconds: cl, restakingWithdrawalDelaySeconds: restaking } = profile;
      expect(STAKING_TYPES.map((type) => result.types[type].exitSeconds)).to.deep.equal([
        cl,
        cl,
        restaking,
        restaking + cl,
        restaking + cl,
      ]);
    });

    it("prices the whale's sale as the StableSwap reference model does, to the wei", function () {
      const { lstPoolBeforeRun: before, lstPoolAfterRun: after, lstSoldWei } = result.facts;
      const sale = exchange({ ...before, decimals: 18n, supply: 0n }, 1, lstSoldWei);
      expect(after.balances).to.deep.equal(sale.balances);
    });

    it("left ETH at 18.5 % of the slETH pool's value after the whale's sale", function () {
      const [x0, x1] = xpOf({ ...result.facts.lstPoolAfterRun, decimals: 18n, supply: 0n });
      const share = (x0 * 10_000n) / (x0 + x1);
      expect(Number(share), "ETH share, bps").to.be.within(1845, 1855);
    });

    it("quotes the whole slETH holding as the StableSwap reference model prices it", function () {
      const liquid = result.types.liquid;
      const quote = liquid.marketExit as { quoteWei: bigint; navWei: bigint; discountWad: bigint };
      const held = (liquid.holding as { amountWei: bigint }).amountWei;
      const state = { ...result.facts.lstPoolAfterRun, decimals: 18n, supply: 0n };
      const { dy } = exchange(state, 1, held);
      expect(quote.quoteWei, "getDy = the reference model's dy").to.equal(dy);
      expect(quote.discountWad).to.equal(WAD - (dy * WAD) / liquid.endWei);
      // June 2022's shape: ~0.937 of the NAV at 18.5 % ETH, and 32 slETH more push it below.
      expect(Number(quote.discountWad / 10n ** 14n), "discount, bps").to.be.within(630, 800);
    });

    it("has no token to sell for solo and native restaking", function () {
      expect(result.types.solo.marketExit).to.deep.equal({ kind: "noToken" });
      expect(result.types.native.marketExit).to.deep.equal({ kind: "noToken" });
    });
  });

  describe("the chart", function () {
    it("names its series as the table's columns, in Traditional Chinese with --lang zh-TW", async function () {
      await useLanguage("zh-TW");
      try {
        expect(STAKING_TYPES.map(comparisonSeriesName)).to.deep.equal([
          "獨立質押",
          "流動性質押（slETH）",
          "原生再質押",
          "slETH 直接再質押",
          "流動性再質押（slrETH）",
        ]);
      } finally {
        await useLanguage("en");
      }
    });

    it("records what 32 ETH is worth through the year, one series per way, from 32 to the year's value", function () {
      const chart = seriesOf("comparison");
      expect([...chart.keys()]).to.deep.equal([
        "Solo staking",
        "Liquid staking (slETH)",
        "Native restaking",
        "slETH restaked directly",
        "Liquid restaking (slrETH)",
      ]);
      for (const type of STAKING_TYPES) {
        const points = chart.get(comparisonSeriesName(type))!;
        expect(points[0].x, type).to.equal(0);
        expect(Math.abs(points[0].y - 32), `${type} starts at 32 ETH`).to.be.at.most(0.0001);
        expect(points.at(-1)!.x, type).to.equal(365);
        const end = Number(result.types[type].endWei / 10n ** 14n) / 10_000;
        expect(Math.abs(points.at(-1)!.y - end), `${type} ends at its value`).to.be.at.most(0.0001);
      }
    });
  });

  describe("npx hardhat compare", function () {
    /** Runs the task in-process with `lang`; returns what it printed and whether it failed. */
    async function runTask(lang: string) {
      const lines: string[] = [];
      const saved = { log: console.log, error: console.error, exitCode: process.exitCode };
      console.log = console.error = (...parts: unknown[]) =>
        lines.push(...parts.map(String).join(" ").split("\n"));
      process.exitCode = undefined;
      try {
        await hre.tasks.getTask("compare").run({ lang, writeReadme: false });
        return { lines, failed: process.exitCode === 1 };
      } finally {
        console.log = saved.log;
        console.error = saved.error;
        process.exitCode = saved.exitCode;
        await useLanguage("en");
      }
    }

    it("refuses an unknown language in one line, running nothing", async function () {
      const run = await runTask("xx");
      expect(run.failed).to.equal(true);
      expect(run.lines).to.deep.equal([
        "Error: Unknown language xx: choose one of en, zh-TW (e.g. --lang zh-TW).",
      ]);
    });

    it("prints its title first, then what it runs, then the table, as the demo's last chapter", async function () {
      const run = await runTask("zh-TW");
      expect(run.failed, run.lines.join("\n")).to.equal(false);
      expect(run.lines.slice(0, 2)).to.deep.equal([
        "用 32 ETH 質押的五種方式：同一年、同樣的事件",
        "在全新的內建鏈上跑完這一年……",
      ]);
      expect(run.lines.filter((line) => line.includes("五種方式：同一年"))).to.have.length(1);
    });
  });
});
