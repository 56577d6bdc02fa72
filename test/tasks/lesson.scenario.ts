/**
 * Scenario: docs/lesson.md, step by step (1–25, and 26–29 "going further"), with the classroom
 * profile — the lesson a teacher runs on Hoodi, here in-process with `lab time` in place of
 * waiting; .ci/rehearse.sh runs the same commands and waits on a local node. Each step checks
 * what the lesson says will print; the rates are computed independently from the profile.
 */
import { expect } from "chai";

import { classroom } from "../../config/profiles.js";
import { deployedForTasksFixture, networkHelpers, runLabOk, runLab } from "./harness.js";

const WAD = 10n ** 18n;
/** The rate printed after "Exchange rate: … → ", as wei per slETH. */
function rateAfter(output: string): bigint {
  const match = /→ ([\d.]+) ETH per slETH/.exec(output);
  expect(match, output).to.not.equal(null);
  const [whole, fraction = ""] = match![1].split(".");
  return BigInt(whole) * WAD + BigInt(fraction.padEnd(18, "0"));
}
/** Within `tolerance` wei per slETH (the printed rate is rounded, and blocks take a second). */
function expectRateNear(actual: bigint, expected: bigint, tolerance: bigint, what: string) {
  const gap = actual > expected ? actual - expected : expected - actual;
  expect(gap <= tolerance, `${what}: ${actual} vs ${expected} ± ${tolerance}`).to.equal(true);
}

describe("Scenario: the classroom lesson (docs/lesson.md)", function () {
  it("shows what it promises: the rate rises with a year of rewards and falls after a slashing", async function () {
    await networkHelpers.loadFixture(deployedForTasksFixture);
    const deposit = classroom.validatorDepositWei; // 0.032 ETH

    // 1. The deployment's limits, the delays of the lesson among them.
    const limits = await runLabOk("status");
    expect(limits).to.match(/one validator\s*│ 0\.032 ETH/);
    expect(limits).to.match(/slashed: swept after \(correlation window\)\s*│ 10 min/);
    expect(limits).to.match(/restaking withdrawal delay\s*│ 5 min/);
    expect(limits).to.match(/allocation delay \(increase slashable after\)\s*│ 6 min 15 s/);

    // 2–3. Stake 0.1 ETH; the operator stakes two validators (0.064 ETH).
    expect(await runLabOk("stake", { amount: "0.1" })).to.contain(
      "Deposited 0.1 ETH and received 0.1 slETH",
    );
    const staked = await runLabOk("stake-validator", { count: "2" });
    expect(staked).to.contain("Validator #0 staked with 0.032 ETH");
    expect(staked).to.contain("Validator #1 staked with 0.032 ETH");

    // 4–5. A simulated year (30 real minutes); sweep; report. Rewards 3 % of 0.064 ETH, 90 %
    // of them to the stakers, shared by all slETH: the student's 0.1 and the 0.07 the deployer
    // staked to seed the market's pools (config/profiles.ts, classroom market):
    // the rate rises to 1 + 0.9 × 0.00192 / 0.17 = 1.0101647.
    await runLabOk("time", { seconds: "1800" });
    expect(await runLabOk("cl-sweep")).to.contain("Swept 2 validator(s)");
    const yearReport = await runLabOk("report");
    expect(yearReport).to.contain("(rose)");
    const rewards = (2n * deposit * classroom.rewardAprBps) / 10_000n;
    const marketSeeds = classroom.market.lstPool.seedEthWei + classroom.market.lrtPool.seedEthWei;
    const pooledBeforeYear = 10n ** 17n + marketSeeds;
    const afterYear =
      WAD + (rewards * (10_000n - classroom.protocolFeeBps) * WAD) / 10_000n / pooledBeforeYear;
    const afterYearPrinted = rateAfter(yearReport);
    expectRateNear(afterYearPrinted, afterYear, 10n ** 14n, "after a simulated year");

    // 6–9. A withdrawal through the queue, listed among the student's own ids, then claimed.
    expect(await runLabOk("request-withdrawal", { amount: "0.02" })).to.contain(
      "Request #1: 0.02 slETH",
    );
    expect((await runLab("claim-withdrawal", { id: "1" })).error).to.contain(
      "RequestNotFinalized (requestId 1, lastFinalized 0). The next oracle report finalises it: `npx hardhat lab report`",
    );
    expect(await runLabOk("my-requests")).to.match(/#1\s*│ waits for a report/);
    await runLabOk("time", { seconds: "60" });
    expect(await runLabOk("report")).to.contain("requests finalised up to #1");
    expect(await runLabOk("claim-withdrawal", { id: "1" })).to.contain("for request #1");

    // 10–14. The teacher slashes validator #0: it loses deposit / 32 = 0.001 ETH at once,
    // more than the rewards since the last report, so the loss needs the second opinion and
    // the rate falls by about 0.001 / 0.15 ETH pooled (the student's 0.08 and the market's 0.07).
    const slashed = await runLabOk("cl-slash", { index: "0" });
    expect(slashed).to.match(/initial penalty 0\.0009\d+ ETH/);
    expect(slashed).to.contain("withdrawable in 10 min");
    expect(await runLabOk("cl-sweep")).to.match(
      /Not withdrawable yet, sweep again later: validator #0 \(wait (10 min|9 min 59 s)\)/,
    );
    // A slashed validator is withdrawable a correlation window (10 minutes here) after its
    // slashing, when its correlation penalty has landed.
    await runLabOk("time", { seconds: "600" });
    await runLabOk("cl-sweep");
    const refused = await runLab("report");
    expect(refused.failed).to.equal(true);
    // The budget counts only validators still on the consensus layer: #0 is swept, #1 is left,
    // so it is 1 × 0.0001 ETH.
    expect(refused.error).to.match(/The loss of 0\.000\d+ ETH exceeds the budget of 0\.0001 ETH/);
    expect(refused.error).to.contain("`npx hardhat lab report --confirm`");
    const confirmed = await runLabOk("report", { confirm: true });
    expect(confirmed).to.contain("(fell)");
    const before = /Exchange rate: ([\d.]+) ETH/.exec(confirmed)![1];
    // The penalty (0.001 ETH) less the ten minutes of rewards the other validator earned while
    // #0 waited its correlation window (0.032 × 3 % / 3 × 0.9 ≈ 0.00029 ETH) is a loss of about
    // 0.0007 ETH on about 0.17 ETH pooled: the rate falls by about 0.004.
    const fall = afterYearPrinted - rateAfter(confirmed);
    expect(fall > 3n * 10n ** 15n, `the rate falls by more than 0.003 (from ${before})`).to.equal(
      true,
    );
    // 14. One active validator of two.
    expect(await runLabOk("status")).to.match(/validators: active \/ all\s*│ 1 \/ 2/);

    // 15–20. Restaking with one account in every role: operator, service, staker.
    expect(await runLabOk("register-operator")).to.contain(
      "is an operator (it keeps 10 % of the service rewards paid to its delegators)",
    );
    expect(await runLabOk("register-avs")).to.contain(
      "slashed tokens go to 0x000000000000000000000000000000000000dEaD",
    );
    // An allocation increase is slashable only after the allocation delay (6 min 15 s here,
    // longer than the 5-minute withdrawal delay), so delegators can leave before it applies.
    expect(await runLabOk("allocate", { avs: "0", percent: "50" })).to.match(
      /now 0 %; the increase becomes slashable in 6 min 15 s/,
    );
    expect(await runLabOk("restake", { amount: "0.02" })).to.contain("Restaked 0.02 slETH");
    // The payment streams over the withdrawal delay (5 minutes); one account is operator and
    // staker, so once both delays have run it has claimed the whole 0.001 slETH.
    expect(await runLabOk("avs-pay", { operator: "0", amount: "0.001" })).to.contain(
      "streamed over 5 min",
    );
    await runLabOk("time", { seconds: "376" });
    expect(await runLabOk("claim-rewards")).to.contain("Claimed 0.001 slETH");
    expect(await runLabOk("avs-slash", { operator: "0", percent: "10" })).to.contain(
      "0.02 shares → 0.019 shares",
    );

    // 21–25. Liquid restaking: delegate the vault, deposit, restake above the buffer, redeem.
    await runLabOk("lrt-manage", { delegate: "0" });
    expect(await runLabOk("lrt-deposit", { eth: "0.02" })).to.contain("worth 0.02 ETH in all");
    await runLabOk("lrt-manage", { restake: "0.015" });
    expect(await runLabOk("lrt-redeem", { all: true })).to.contain("claimable in 5 min");
    const early = await runLab("lrt-claim", { id: "1" });
    expect(early.error).to.match(
      /RedeemNotReady \(requestId 1, readyAt in 4 min 5\d s\)\. Redemptions wait for the restaking delay: wait 4 min 5\d s, then `npx hardhat lab lrt-claim --id 1`\./,
    );
    await runLabOk("time", { seconds: "300" });
    expect(await runLabOk("lrt-claim", { id: "1" })).to.match(/Redemption #1 paid 0\.0\d+ slETH/);

    // Going further, 26–29: the vault moves to another operator (account 2; on Hoodi, another
    // student's account). It still holds the deployer's 0.02 slETH seed: 0.005 idle, 0.015 restaked.
    await runLabOk("register-operator", { account: "2" });
    const left = await runLabOk("lrt-manage", { undelegate: true });
    expect(left).to.contain(
      "Its 0.015 slETH restaked are queued as withdrawal #1, slashable by that operator for the restaking delay: " +
        "wait 5 min, then `npx hardhat lab lrt-manage --complete`.",
    );
    await runLabOk("time", { seconds: "300" });
    expect(await runLabOk("lrt-manage", { complete: true })).to.contain(
      "Completed 1 withdrawal(s): 0.015 slETH back, idle now 0.02 slETH",
    );
    expect(await runLabOk("lrt-manage", { delegate: "2" })).to.contain("The vault is delegated to");
    expect(await runLabOk("lrt-manage", { restake: "0.015" })).to.contain(
      "Restaked 0.015 slETH; idle now 0.005 slETH",
    );
  });
});
