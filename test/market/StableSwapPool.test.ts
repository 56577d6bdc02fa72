/**
 * Deployment: the constructor's parameters and checks, and the state a new pool starts in.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { LRT_POOL, LST_POOL, marketPoolFixtures } from "../helpers/fixtures/market-pool.js";
import { WAD } from "../helpers/index.js";

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
          "fee × offpeg multiplier is above 50 %",
          4,
          12_500_000_000_001n,
          "InvalidParameter",
          ["offpegFeeMultiplier", 12_500_000_000_001n],
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

      it("accepts the largest fee × multiplier (50 %)", async function () {
        const { args } = await networkHelpers.loadFixture(deployArgsFixture);
        const ok = [...args] as unknown[];
        ok[4] = 12_500_000_000_000n; // 4e6 × 1.25e13 = 5e19 = 5e9 × 1e10
        await ethers.deployContract("StableSwapPool", ok);
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
