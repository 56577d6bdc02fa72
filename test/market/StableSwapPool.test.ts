/**
 * Deployment: the constructor's parameters and checks, and the state a new pool starts in.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { LRT_POOL, LST_POOL, marketPoolFixtures } from "../helpers/fixtures/market-pool.js";
import { WAD } from "../helpers/index.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployLstPoolFixture, deployLrtPoolFixture } = marketPoolFixtures(connection);

async function deployArgsFixture() {
  const base = await deployLstPoolFixture();
  const args = [
    await base.token.getAddress(),
    await base.rateProvider.getAddress(),
    LST_POOL.a,
    LST_POOL.fee,
    LST_POOL.offpeg,
    LST_POOL.maExpTime,
    base.admin.address,
    "LP",
    "LP",
  ] as const;
  return { ...base, args };
}

describe("StableSwapPool", function () {
  describe("constructor", function () {
    describe("when the parameters are valid", function () {
      it("starts with the parameters, the provider's rate and both prices at 1", async function () {
        const { pool, token, rateProvider, admin } =
          await networkHelpers.loadFixture(deployLstPoolFixture);
        expect(await pool.coin1()).to.equal(await token.getAddress());
        expect(await pool.rateProvider()).to.equal(await rateProvider.getAddress());
        expect(await pool.storedRate()).to.equal(LST_POOL.rateWad);
        expect(await pool.A()).to.equal(LST_POOL.a);
        expect(await pool.APrecise()).to.equal(LST_POOL.a * 100n);
        expect(await pool.futureAPrecise()).to.equal(LST_POOL.a * 100n);
        expect(await pool.futureATime()).to.equal(0n);
        expect(await pool.fee()).to.equal(LST_POOL.fee);
        expect(await pool.offpegFeeMultiplier()).to.equal(LST_POOL.offpeg);
        expect(await pool.maExpTime()).to.equal(LST_POOL.maExpTime);
        expect(await pool.lastPrice()).to.equal(WAD);
        expect(await pool.priceOracle()).to.equal(WAD);
        expect(await pool.totalSupply()).to.equal(0n);
        expect([await pool.balances(0n), await pool.balances(1n)]).to.deep.equal([0n, 0n]);
        expect(await pool.hasRole(await pool.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
        expect([await pool.name(), await pool.symbol(), await pool.decimals()]).to.deep.equal([
          "Curve ETH/tsETH",
          "ethtseth-ng",
          18n,
        ]);
      });

      it("scales a 21-decimal token by 10^15 (ng's rate multiplier)", async function () {
        const { pool } = await networkHelpers.loadFixture(deployLrtPoolFixture);
        expect(await pool.storedRate()).to.equal(LRT_POOL.rateWad);
        expect(await pool.A()).to.equal(LRT_POOL.a);
      });
    });

    describe("when a parameter is out of range", function () {
      const cases: [string, number, bigint | string, string, unknown[]][] = [
        ["coin1 is zero", 0, ethers.ZeroAddress, "ZeroAddress", ["coin1"]],
        ["the rate provider is zero", 1, ethers.ZeroAddress, "ZeroAddress", ["rateProvider"]],
        ["A is 0", 2, 0n, "AOutOfRange", [0n]],
        ["A is 1,000,000", 2, 1_000_000n, "AOutOfRange", [1_000_000n]],
        ["the fee is 0", 3, 0n, "InvalidParameter", ["fee", 0n]],
        ["the fee is above 1 %", 3, 100_000_001n, "InvalidParameter", ["fee", 100_000_001n]],
        [
          "the offpeg multiplier is above ×100 (its bound, so the dynamic fee cannot overflow)",
          4,
          1_000_000_000_001n,
          "OffpegFeeMultiplierTooLarge",
          [1_000_000_000_001n, 1_000_000_000_000n],
        ],
        ["maExpTime is 0", 5, 0n, "InvalidParameter", ["maExpTime", 0n]],
        ["the admin is zero", 6, ethers.ZeroAddress, "ZeroAddress", ["admin"]],
      ];
      for (const [what, index, value, error, errorArgs] of cases) {
        it(`reverts with ${error} when ${what}`, async function () {
          const { pool, args } = await networkHelpers.loadFixture(deployArgsFixture);
          const bad = [...args] as unknown[];
          bad[index] = value;
          await expect(ethers.deployContract("StableSwapPool", bad))
            .to.be.revertedWithCustomError(pool, error)
            .withArgs(...errorArgs);
        });
      }

      it("reverts with InvalidParameter when fee × offpeg multiplier is above 50 %", async function () {
        const { pool, args } = await networkHelpers.loadFixture(deployArgsFixture);
        const bad = [...args] as unknown[];
        bad[3] = 100_000_000n; // 1 %
        bad[4] = 500_000_000_001n; // 1e8 × (5e11 + 1) > 5e9 × 1e10
        await expect(ethers.deployContract("StableSwapPool", bad))
          .to.be.revertedWithCustomError(pool, "InvalidParameter")
          .withArgs("offpegFeeMultiplier", 500_000_000_001n);
      });

      it("accepts the largest fee × multiplier (50 %) and the largest multiplier (×100)", async function () {
        const { args } = await networkHelpers.loadFixture(deployArgsFixture);
        const largestProduct = [...args] as unknown[];
        largestProduct[3] = 100_000_000n;
        largestProduct[4] = 500_000_000_000n; // 1e8 × 5e11 = 5e19 = 5e9 × 1e10
        await ethers.deployContract("StableSwapPool", largestProduct);
        const largestMultiplier = [...args] as unknown[];
        largestMultiplier[4] = 1_000_000_000_000n; // ×100 at the default fee of 0.04 %
        await ethers.deployContract("StableSwapPool", largestMultiplier);
      });

      it("keeps the dynamic fee in range at the largest multiplier and 1e32 wei a side", async function () {
        // The fault the fuzz test found: at fee 1 and m = 5e19 (allowed by fee × m ≤ 50 % alone),
        // (m − 1)·4·xi·xj overflowed from 2.4e28 wei a side. At the bound m ≤ 1e12 it cannot below
        // 1.7e32 wei a side.
        const harness = await ethers.deployContract("PoolMathHarness");
        await expect(
          harness.dynamicFee(24n * 10n ** 27n, 25n * 10n ** 27n, 1n, 50_000_000_000_000_000_000n),
        ).to.be.revertedWithPanic(0x11);
        const side = 17n * 10n ** 31n;
        expect(await harness.dynamicFee(side, side / 3n, 1n, 1_000_000_000_000n)).to.equal(
          ref.dynamicFee(side, side / 3n, 1n, 1_000_000_000_000n),
        );
      });

      it("reverts with InvalidParameter for a token with more than 36 decimals", async function () {
        const { pool, args } = await networkHelpers.loadFixture(deployArgsFixture);
        const token = await ethers.deployContract("DecimalsTestToken", ["X", "X", 37n]);
        const bad = [...args] as unknown[];
        bad[0] = await token.getAddress();
        await expect(ethers.deployContract("StableSwapPool", bad))
          .to.be.revertedWithCustomError(pool, "InvalidParameter")
          .withArgs("decimals", 37n);
      });
    });
  });

  describe("balances and adminBalances", function () {
    it("revert with InvalidCoinIndex for a coin above 1", async function () {
      const { pool } = await networkHelpers.loadFixture(deployLstPoolFixture);
      await expect(pool.balances(2n))
        .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
        .withArgs(2n);
      await expect(pool.adminBalances(2n))
        .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
        .withArgs(2n);
    });
  });

  describe("receive", function () {
    it("does not exist: plain ETH sent to the pool is refused", async function () {
      const { pool, bob } = await networkHelpers.loadFixture(deployLstPoolFixture);
      await expect(bob.sendTransaction({ to: await pool.getAddress(), value: 1n })).to.be.revert(
        ethers,
      );
    });
  });
});
