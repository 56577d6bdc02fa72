/**
 * LRTVault: the valuation of its queued withdrawals equals what the restaking manager will pay for
 * them, at every moment and across every slash (issue 8, finding 4). The manager pays a withdrawal
 * `scaledShares × m` with `m` the operator's magnitude at the last second it was slashable: a slash
 * inside the delay reaches it, a slash after it does not. The walk below puts a slash at each
 * timing that matters for the first of two withdrawals (before it is queued, inside its delay, at
 * its last slashable second, at its maturity, after it) and a second slash once both have matured,
 * and checks after every step that the vault counts Σ `previewWithdrawal` (never more, a few wei
 * less) and that completing the withdrawals does not move `totalAssets` beyond that rounding.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import {
  DAY,
  WAD,
  checkLRTInvariants,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
} from "../helpers/index.js";
import { avsSlashes } from "./lrt-helpers.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const { restakedVaultFixture } = liquidRestakingFixtures(connection);

const DELAY = realistic.restakingWithdrawalDelaySeconds;
/** `open + 1` shares and `open + 1` wei, with at most two withdrawals open. */
const MARGIN = 9n;

/** The first slash's time, relative to the first request (`undefined`: before it). */
const TIMINGS: [string, bigint | undefined][] = [
  ["before the first withdrawal is queued", undefined],
  ["inside its delay", DELAY / 2n],
  ["at its last slashable second", DELAY - 1n],
  ["at its maturity, the first second it is out of reach", DELAY],
  ["after its maturity, before anyone claims", DELAY + DAY],
];

describe("LRTVault", function () {
  describe("valuation of queued withdrawals", function () {
    for (const [when, offset] of TIMINGS) {
      it(`equals what the manager will pay when a slash lands ${when}, and after a later one`, async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, lst, pool, restakingManager, alice, bob } = fixture;
        const lrt = { vault, restakingManager, lst, pool };
        const check = async (step: string) => {
          await checkLRTInvariants(lrt, `${when} › ${step}`);
          let owed = 0n;
          for (let id = 1n; id <= (await vault.redeemRequestCount()); id++) {
            const request = await vault.getRedeemRequest(id);
            if (request.scaledShares === 0n) continue;
            owed += (await restakingManager.previewWithdrawal(request.withdrawalId))[1];
          }
          const counted = await vault.queuedAssets();
          expectAtMost(counted, owed, `${when} › ${step}: never more than the manager owes`);
          expectEqualWithinRounding(counted, owed, `${when} › ${step}: what it owes`, MARGIN);
        };

        if (offset === undefined) await avsSlashes(fixture, WAD / 10n);
        // alice redeems 60 LST of LRT: the 15 LST buffer, then 45 queued (or a little less after a slash).
        await vault.connect(alice).requestRedeem(ether(60) * 1000n);
        const first = await vault.getRedeemRequest(1n);
        const start = first.readyAt - DELAY;
        await check("first request");
        // A quarter of the delay later, bob redeems 20 LST of LRT, all queued.
        await time.setNextBlockTimestamp(start + DELAY / 4n);
        await vault.connect(bob).requestRedeem(ether(20) * 1000n);
        const second = await vault.getRedeemRequest(2n);
        await check("second request");

        if (offset !== undefined) {
          if (offset > DELAY / 4n) await time.setNextBlockTimestamp(start + offset);
          await avsSlashes(fixture, WAD / 10n);
          await check("first slash");
        }
        if (BigInt(await time.latest()) < first.readyAt) await time.increaseTo(first.readyAt);
        await check("first withdrawal matured");

        // Once both have matured, another slash: neither withdrawal bears it.
        await time.increaseTo(second.readyAt + DAY);
        await avsSlashes(fixture, WAD / 10n);
        await check("a slash after both matured");

        // Bringing them back changes nothing but the rounding: the vault had counted them right.
        const before = await vault.totalAssets();
        await vault.completeQueuedWithdrawals(10n);
        expect(await vault.openWithdrawals()).to.equal(0n);
        const after = await vault.totalAssets();
        expectAtMost(before, after, `${when} › completion never lowers totalAssets`);
        expectEqualWithinRounding(after, before, `${when} › completion does not move it`, MARGIN);
        await check("both completed");
        await vault.connect(alice).claimRedeem(1n);
        await vault.connect(bob).claimRedeem(2n);
        await check("both claimed");
      });
    }
  });
});
