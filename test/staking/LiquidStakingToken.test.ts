import { expect } from "chai";
import { network } from "hardhat";

import { stakingFixtures } from "../helpers/fixtures/staking.js";
import { DAY, ether, mulDiv, submitOracleReport } from "../helpers/index.js";
import { signPermit } from "../helpers/permit.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployStakingFixture, depositedAndStakedFixture } = stakingFixtures(connection);

describe("LiquidStakingToken", function () {
  describe("deployment", function () {
    it("is named Staking Lab ETH, symbol slETH, with 18 decimals", async function () {
      const { token } = await networkHelpers.loadFixture(deployStakingFixture);
      expect(await token.name()).to.equal("Staking Lab ETH");
      expect(await token.symbol()).to.equal("slETH");
      expect(await token.decimals()).to.equal(18n);
    });

    it("is created by the pool, which is its only minter and burner", async function () {
      const { pool, token } = await networkHelpers.loadFixture(deployStakingFixture);
      expect(await token.pool()).to.equal(await pool.getAddress());
      expect(await pool.token()).to.equal(await token.getAddress());
    });

    it("starts with no supply", async function () {
      const { token } = await networkHelpers.loadFixture(deployStakingFixture);
      expect(await token.totalSupply()).to.equal(0n);
    });
  });

  describe("mint", function () {
    it("mints when the pool calls it (a deposit)", async function () {
      const { pool, token, alice } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(alice).deposit({ value: ether(1) }))
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, alice.address, ether(1));
    });

    describe("when the caller is not the pool", function () {
      it("reverts with OnlyPool", async function () {
        const { pool, token, stranger } = await networkHelpers.loadFixture(deployStakingFixture);
        await expect(token.connect(stranger).mint(stranger.address, ether(1)))
          .to.be.revertedWithCustomError(token, "OnlyPool")
          .withArgs(stranger.address, await pool.getAddress());
      });

      it("reverts with OnlyPool even for the pool's admin", async function () {
        const { pool, token, admin } = await networkHelpers.loadFixture(deployStakingFixture);
        await expect(token.connect(admin).mint(admin.address, 1n))
          .to.be.revertedWithCustomError(token, "OnlyPool")
          .withArgs(admin.address, await pool.getAddress());
      });
    });
  });

  describe("burn", function () {
    it("burns when the pool calls it", async function () {
      const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const poolAddress = await pool.getAddress();
      await networkHelpers.impersonateAccount(poolAddress);
      await networkHelpers.setBalance(poolAddress, ether(1000));
      const asPool = await ethers.getSigner(poolAddress);
      const before = await token.balanceOf(alice.address);
      await expect(token.connect(asPool).burn(alice.address, ether(1)))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, ethers.ZeroAddress, ether(1));
      expect(await token.balanceOf(alice.address)).to.equal(before - ether(1));
    });

    describe("when the caller is not the pool", function () {
      it("reverts with OnlyPool", async function () {
        const { pool, token, alice, stranger } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await expect(token.connect(stranger).burn(alice.address, 1n))
          .to.be.revertedWithCustomError(token, "OnlyPool")
          .withArgs(stranger.address, await pool.getAddress());
      });
    });
  });

  describe("ethValueOf", function () {
    describe("when no report moved the rate", function () {
      it("equals the deposit", async function () {
        const { pool, token, alice } = await networkHelpers.loadFixture(deployStakingFixture);
        await pool.connect(alice).deposit({ value: ether(3) });
        expect(await token.ethValueOf(alice.address)).to.equal(ether(3));
      });
    });

    describe("when rewards raised the rate", function () {
      it("returns balance × totalPooledEther / supply, rounded down, while the balance stays put", async function () {
        const { pool, token, simulator, oracle, alice } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const balance = await token.balanceOf(alice.address);
        await networkHelpers.time.increase(30n * DAY);
        await submitOracleReport(pool, simulator, oracle);
        expect(
          await token.balanceOf(alice.address),
          "a value-accruing balance does not rebase",
        ).to.equal(balance);
        // What stETH would show as alice's balance: her share of everything the pool accounts.
        const expected = mulDiv(balance, await pool.totalPooledEther(), await token.totalSupply());
        expect(expected > balance, "rewards made each token worth more than 1 ETH").to.equal(true);
        expect(await token.ethValueOf(alice.address)).to.equal(expected);
      });
    });

    it("is 0 for an address with no tokens", async function () {
      const { token, stranger } = await networkHelpers.loadFixture(depositedAndStakedFixture);
      expect(await token.ethValueOf(stranger.address)).to.equal(0n);
    });
  });

  describe("permit", function () {
    it("sets an allowance from an EIP-2612 signature and uses up the nonce", async function () {
      const { token, alice, bob } = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const { v, r, s } = await signPermit(token, alice, bob.address, ether(5), deadline);
      await token.connect(bob).permit(alice.address, bob.address, ether(5), deadline, v, r, s);
      expect(await token.allowance(alice.address, bob.address)).to.equal(ether(5));
      expect(await token.nonces(alice.address)).to.equal(1n);
    });
  });
});
