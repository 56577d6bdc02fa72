import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import type { DepositPool, LiquidStakingToken } from "../../types/ethers-contracts/index.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import {
  DAY,
  WAD,
  checkStakingInvariants,
  ether,
  expectEqualWithinRounding,
  mulDiv,
  oracleReport,
  submitOracleReport,
} from "../helpers/index.js";
import { signPermit } from "../helpers/permit.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { depositedAndStakedFixture } = stakingFixtures(connection);

type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** Approves and requests `shares`; returns the value at request computed from the rate before. */
async function request(
  pool: DepositPool,
  token: LiquidStakingToken,
  owner: Signer,
  shares: bigint,
) {
  const valueAtRequest = mulDiv(shares, await pool.totalPooledEther(), await token.totalSupply());
  await token.connect(owner).approve(await pool.getAddress(), shares);
  await pool.connect(owner).requestWithdrawal(shares);
  return valueAtRequest;
}

/** alice requests 10 LST and bob 5 LST (ids 1 and 2); a day of rewards; nothing finalised yet. */
async function requestedFixture() {
  const fixture = await depositedAndStakedFixture();
  const { pool, token, alice, bob } = fixture;
  const aliceValue = await request(pool, token, alice, ether(10));
  const bobValue = await request(pool, token, bob, ether(5));
  await networkHelpers.time.increase(DAY);
  return { ...fixture, aliceValue, bobValue };
}

/** The two requests finalised by an honest report a day later (rewards: each pays its value at request). */
async function finalizedFixture() {
  const fixture = await requestedFixture();
  await submitOracleReport(fixture.pool, fixture.simulator, fixture.oracle);
  return fixture;
}

describe("DepositPool", function () {
  describe("requestWithdrawal", function () {
    it("escrows the shares, records their value now and emits WithdrawalRequested", async function () {
      const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const shares = ether(10);
      const value = mulDiv(shares, await pool.totalPooledEther(), await token.totalSupply());
      const aliceBefore = await token.balanceOf(alice.address);
      await token.connect(alice).approve(await pool.getAddress(), shares);
      await expect(pool.connect(alice).requestWithdrawal(shares))
        .to.emit(pool, "WithdrawalRequested")
        .withArgs(1n, alice.address, shares, value);
      expect(await token.balanceOf(alice.address)).to.equal(aliceBefore - shares);
      expect(await token.balanceOf(await pool.getAddress())).to.equal(shares);
      const recorded = await pool.getWithdrawalRequest(1n);
      expect(recorded.owner).to.equal(alice.address);
      expect(recorded.cumulativeShares).to.equal(shares);
      expect(recorded.cumulativeEth).to.equal(value);
      expect(recorded.requestedAt).to.equal(BigInt(await networkHelpers.time.latest()));
      expect(recorded.claimed).to.equal(false);
      expect(await pool.lastRequestId()).to.equal(1n);
      expect(await pool.unfinalizedEther()).to.equal(value);
    });

    it("numbers requests from 1 in order and accumulates their sums", async function () {
      const { pool, aliceValue, bobValue, alice, bob } =
        await networkHelpers.loadFixture(requestedFixture);
      const second = await pool.getWithdrawalRequest(2n);
      expect(second.owner).to.equal(bob.address);
      expect(second.cumulativeShares).to.equal(ether(15));
      expect(second.cumulativeEth).to.equal(aliceValue + bobValue);
      expect((await pool.getWithdrawalRequest(1n)).owner).to.equal(alice.address);
      expect(await pool.unfinalizedEther()).to.equal(aliceValue + bobValue);
    });

    it("does not move the exchange rate: the escrowed shares stay in the supply (INV-2)", async function () {
      const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const rateBefore = await checkStakingInvariants(fixture, "before a request");
      await request(fixture.pool, fixture.token, fixture.alice, ether("12.345"));
      await checkStakingInvariants(fixture, "after a request", { rateBefore });
    });

    describe("when fewer than MIN_WITHDRAWAL_SHARES are requested", function () {
      it("reverts with WithdrawalBelowMinimum", async function () {
        const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
        await token.connect(alice).approve(await pool.getAddress(), 99n);
        await expect(pool.connect(alice).requestWithdrawal(99n))
          .to.be.revertedWithCustomError(pool, "WithdrawalBelowMinimum")
          .withArgs(99n, 100n);
      });
    });

    describe("when the pool has no allowance", function () {
      it("reverts with the token's ERC20InsufficientAllowance", async function () {
        const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
        await expect(pool.connect(alice).requestWithdrawal(ether(1)))
          .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
          .withArgs(await pool.getAddress(), 0n, ether(1));
      });
    });

    describe("when the pool is paused", function () {
      it("reverts with EnforcedPause", async function () {
        const { pool, token, alice, guardian } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await token.connect(alice).approve(await pool.getAddress(), ether(1));
        await pool.connect(guardian).pause();
        await expect(pool.connect(alice).requestWithdrawal(ether(1))).to.be.revertedWithCustomError(
          pool,
          "EnforcedPause",
        );
      });
    });

    describe("at the boundary", function () {
      it("accepts exactly MIN_WITHDRAWAL_SHARES (100 wei)", async function () {
        const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
        expect(await pool.MIN_WITHDRAWAL_SHARES()).to.equal(100n);
        await request(pool, token, alice, 100n);
        expect((await pool.getWithdrawalRequest(1n)).cumulativeShares).to.equal(100n);
      });
    });
  });

  describe("requestWithdrawalWithPermit", function () {
    it("requests with a signature instead of an approval", async function () {
      const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const { v, r, s } = await signPermit(
        token,
        alice,
        await pool.getAddress(),
        ether(3),
        deadline,
      );
      const value = mulDiv(ether(3), await pool.totalPooledEther(), await token.totalSupply());
      await expect(pool.connect(alice).requestWithdrawalWithPermit(ether(3), deadline, v, r, s))
        .to.emit(pool, "WithdrawalRequested")
        .withArgs(1n, alice.address, ether(3), value);
      expect(await token.balanceOf(await pool.getAddress())).to.equal(ether(3));
    });

    it("still succeeds when someone submitted the permit first (front-running is harmless)", async function () {
      const { pool, token, alice, stranger } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const poolAddress = await pool.getAddress();
      const { v, r, s } = await signPermit(token, alice, poolAddress, ether(3), deadline);
      await token.connect(stranger).permit(alice.address, poolAddress, ether(3), deadline, v, r, s);
      await expect(
        pool.connect(alice).requestWithdrawalWithPermit(ether(3), deadline, v, r, s),
      ).to.emit(pool, "WithdrawalRequested");
    });

    it("reverts with the token's ERC2612InvalidSigner when the permit is invalid and no allowance exists", async function () {
      const { pool, token, alice, bob } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      // Signed by bob for alice's tokens: not a valid permit.
      const { v, r, s } = await signPermit(token, bob, await pool.getAddress(), ether(3), deadline);
      await expect(pool.connect(alice).requestWithdrawalWithPermit(ether(3), deadline, v, r, s))
        .to.be.revertedWithCustomError(token, "ERC2612InvalidSigner")
        .withArgs((recovered: string) => recovered !== alice.address, alice.address);
    });

    it("ignores the permit when the allowance is already there", async function () {
      const { pool, token, alice } = await networkHelpers.loadFixture(depositedAndStakedFixture);
      await token.connect(alice).approve(await pool.getAddress(), ether(3));
      // An expired, unsigned permit: never submitted, since the allowance suffices.
      await expect(
        pool
          .connect(alice)
          .requestWithdrawalWithPermit(ether(3), 0n, 0, ethers.ZeroHash, ethers.ZeroHash),
      ).to.emit(pool, "WithdrawalRequested");
    });

    it("reverts with EnforcedPause when paused", async function () {
      const { pool, token, alice, guardian } =
        await networkHelpers.loadFixture(depositedAndStakedFixture);
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const { v, r, s } = await signPermit(
        token,
        alice,
        await pool.getAddress(),
        ether(3),
        deadline,
      );
      await pool.connect(guardian).pause();
      await expect(
        pool.connect(alice).requestWithdrawalWithPermit(ether(3), deadline, v, r, s),
      ).to.be.revertedWithCustomError(pool, "EnforcedPause");
    });
  });

  describe("finalisation (in submitReport)", function () {
    describe("when the buffer covers the requests", function () {
      it("burns their shares, locks their ETH and emits WithdrawalsFinalized", async function () {
        const fixture = await networkHelpers.loadFixture(requestedFixture);
        const { pool, token, simulator, oracle, aliceValue, bobValue } = fixture;
        const report = await oracleReport(pool, simulator);
        expect(report.finalizeUpToRequestId, "the oracle finalises both").to.equal(2n);
        const supplyBefore = await token.totalSupply();
        const bufferedBefore = await pool.bufferedEther();
        // A day of rewards: the rate rose, so each request pays its value at request.
        const ethLocked = aliceValue + bobValue;
        const tx = await pool.connect(oracle).submitReport(report);
        const feeShares = (await token.totalSupply()) + ether(15) - supplyBefore;
        const pooledAtReport = bufferedBefore + report.clBalance;
        await expect(tx)
          .to.emit(pool, "WithdrawalsFinalized")
          .withArgs(
            1n,
            2n,
            ethLocked,
            ether(15),
            mulDiv(WAD, pooledAtReport, supplyBefore + feeShares),
          );
        expect(await pool.lastFinalizedRequestId()).to.equal(2n);
        expect(await pool.lockedEther()).to.equal(ethLocked);
        expect(await pool.bufferedEther()).to.equal(bufferedBefore - ethLocked);
        expect(await token.balanceOf(await pool.getAddress()), "escrow burnt").to.equal(0n);
        expect(await pool.unfinalizedEther()).to.equal(0n);
        expect(await pool.claimableEther(1n)).to.equal(aliceValue);
        expect(await pool.claimableEther(2n)).to.equal(bobValue);
        await checkStakingInvariants(fixture, "after finalisation");
      });

      it("gives what the requesters forgo (a day of rewards) to the remaining holders", async function () {
        const fixture = await networkHelpers.loadFixture(requestedFixture);
        const { pool, token, simulator, oracle, aliceValue, bobValue } = fixture;
        const report = await oracleReport(pool, simulator);
        const pooledAtReport = (await pool.bufferedEther()) + report.clBalance;
        await pool.connect(oracle).submitReport(report);
        const sharesAtRate = (await token.totalSupply()) + ether(15); // after fee, before the burn
        const rateAtReport = mulDiv(WAD, pooledAtReport, sharesAtRate);
        const expectedRate = mulDiv(
          WAD,
          pooledAtReport - aliceValue - bobValue,
          sharesAtRate - ether(15),
        );
        expect(await pool.getExchangeRate()).to.equal(expectedRate);
        expect(
          expectedRate > rateAtReport,
          "the remaining holders gain the forgone rewards",
        ).to.equal(true);
      });

      it("keeps the rate within rounding when nothing was earned or lost since the requests (INV-2)", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, alice } = fixture;
        await request(pool, token, alice, ether("10.5"));
        const rateBefore = await pool.getExchangeRate();
        // A report that sees no change in the CL balance.
        await submitOracleReport(pool, simulator, oracle, { clBalance: await pool.clBalance() });
        expect(await pool.lastFinalizedRequestId()).to.equal(1n);
        await checkStakingInvariants(fixture, "after a neutral finalisation", { rateBefore });
      });
    });

    describe("when the rate fell since the request", function () {
      it("pays shares × the new rate: the requester bears the loss", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, teacher, alice, validatorIndices } = fixture;
        const value = await request(pool, token, alice, ether(10));
        await simulator.connect(teacher).penalize(validatorIndices[0], ether("0.3"));
        const report = await oracleReport(pool, simulator);
        const pooledAtReport = (await pool.bufferedEther()) + report.clBalance;
        const supply = await token.totalSupply();
        await pool.connect(oracle).submitReport(report);
        const expected = mulDiv(ether(10), pooledAtReport, supply);
        expect(expected < value, "worth less than at request").to.equal(true);
        expect(await pool.claimableEther(1n)).to.equal(expected);
        expect(await pool.lockedEther()).to.equal(expected);
        await checkStakingInvariants(fixture, "after a loss and finalisation");
      });
    });

    describe("when the batch spans several report periods", function () {
      it("prices each period at its own rate", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, teacher, alice, bob, validatorIndices } = fixture;
        // Period A: alice requests at rate rA.
        const aliceValue = await request(pool, token, alice, ether(10));
        // A report with rewards but finalising nothing: rate rB > rA.
        await networkHelpers.time.increase(60n * DAY);
        await submitOracleReport(pool, simulator, oracle, { finalizeUpToRequestId: 0n });
        // Period B: bob requests at rB.
        const bobValue = await request(pool, token, bob, ether(10));
        // A loss that brings the rate to R, with rA < R < rB.
        await simulator.connect(teacher).penalize(validatorIndices[0], ether("0.2"));
        const report = await oracleReport(pool, simulator);
        expect(report.finalizeUpToRequestId).to.equal(2n);
        const pooledAtReport = (await pool.bufferedEther()) + report.clBalance;
        const supply = await token.totalSupply();
        const bobAtR = mulDiv(ether(10), pooledAtReport, supply);
        expect(
          aliceValue < mulDiv(ether(10), pooledAtReport, supply),
          "period A gained since",
        ).to.equal(true);
        expect(bobAtR < bobValue, "period B lost since").to.equal(true);
        await expect(pool.connect(oracle).submitReport(report))
          .to.emit(pool, "WithdrawalsFinalized")
          .withArgs(1n, 2n, aliceValue + bobAtR, ether(20), mulDiv(WAD, pooledAtReport, supply));
        expect(await pool.claimableEther(1n), "alice: value at request").to.equal(aliceValue);
        expect(await pool.claimableEther(2n), "bob: shares × R").to.equal(bobAtR);
        await checkStakingInvariants(fixture, "after a two-period batch");
      });
    });

    describe("when a batch ends inside an earlier period", function () {
      it("finalises part of that period and the rest with the next batch", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, alice, bob } = fixture;
        // Period A: requests 1 and 2; a report finalising nothing; period B: request 3.
        const first = await request(pool, token, alice, ether(5));
        const second = await request(pool, token, bob, ether(5));
        await networkHelpers.time.increase(DAY);
        await submitOracleReport(pool, simulator, oracle, { finalizeUpToRequestId: 0n });
        const third = await request(pool, token, alice, ether(5));
        await networkHelpers.time.increase(DAY);
        await expect(submitOracleReport(pool, simulator, oracle, { finalizeUpToRequestId: 1n }))
          .to.emit(pool, "WithdrawalsFinalized")
          .withArgs(1n, 1n, first, ether(5), (rate: bigint) => rate > WAD);
        await networkHelpers.time.increase(DAY);
        await expect(submitOracleReport(pool, simulator, oracle))
          .to.emit(pool, "WithdrawalsFinalized")
          .withArgs(2n, 3n, second + third, ether(10), (rate: bigint) => rate > WAD);
        await checkStakingInvariants(fixture, "after two batches across two periods");
      });
    });

    describe("when the oracle finalises in several batches", function () {
      it("starts each batch after the last finalised request and checkpoints its rate", async function () {
        const fixture = await networkHelpers.loadFixture(requestedFixture);
        const { pool, simulator, oracle, aliceValue, bobValue } = fixture;
        await submitOracleReport(pool, simulator, oracle, { finalizeUpToRequestId: 1n });
        expect(await pool.lastFinalizedRequestId()).to.equal(1n);
        expect(await pool.claimableEther(2n), "not finalised yet").to.equal(0n);
        await networkHelpers.time.increase(DAY);
        await expect(submitOracleReport(pool, simulator, oracle))
          .to.emit(pool, "WithdrawalsFinalized")
          .withArgs(2n, 2n, bobValue, ether(5), (rate: bigint) => rate > WAD);
        expect(await pool.claimableEther(1n)).to.equal(aliceValue);
        expect(await pool.claimableEther(2n)).to.equal(bobValue);
      });

      it("treats 0 and the last finalised id as nothing to finalise", async function () {
        const { pool, simulator, oracle } = await networkHelpers.loadFixture(finalizedFixture);
        await networkHelpers.time.increase(DAY);
        await expect(
          submitOracleReport(pool, simulator, oracle, { finalizeUpToRequestId: 2n }),
        ).not.to.emit(pool, "WithdrawalsFinalized");
        await networkHelpers.time.increase(DAY);
        await expect(
          submitOracleReport(pool, simulator, oracle, { finalizeUpToRequestId: 0n }),
        ).not.to.emit(pool, "WithdrawalsFinalized");
      });
    });

    describe("when the buffer cannot cover the batch", function () {
      it("lets the honest oracle finalise only what fits", async function () {
        const { pool, token, simulator, oracle, alice, bob } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await request(pool, token, bob, ether(20));
        await request(pool, token, alice, ether(20)); // 40 requested, 32 buffered
        const report = await oracleReport(pool, simulator);
        expect(report.finalizeUpToRequestId).to.equal(1n);
      });

      it("reverts with NotEnoughEtherToFinalize when asked for more", async function () {
        const { pool, token, simulator, oracle, alice } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        const value = await request(pool, token, alice, ether(40));
        const buffered = await pool.bufferedEther();
        // Neutral report: the request's value at request is what it would lock.
        const report = await oracleReport(pool, simulator, {
          clBalance: await pool.clBalance(),
          finalizeUpToRequestId: 1n,
        });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "NotEnoughEtherToFinalize")
          .withArgs(buffered, value);
      });
    });

    describe("when the batch is out of range", function () {
      it("reverts with InvalidFinalization beyond the last request", async function () {
        const { pool, simulator, oracle } = await networkHelpers.loadFixture(requestedFixture);
        const report = await oracleReport(pool, simulator, { finalizeUpToRequestId: 3n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "InvalidFinalization")
          .withArgs(3n, 0n, 2n);
      });

      it("reverts with InvalidFinalization below the last finalised request", async function () {
        const { pool, token, simulator, oracle, alice } =
          await networkHelpers.loadFixture(finalizedFixture);
        await request(pool, token, alice, ether(1));
        await networkHelpers.time.increase(DAY);
        const report = await oracleReport(pool, simulator, { finalizeUpToRequestId: 1n });
        await expect(pool.connect(oracle).submitReport(report))
          .to.be.revertedWithCustomError(pool, "InvalidFinalization")
          .withArgs(1n, 2n, 3n);
      });
    });

    describe("when a request was made in the report's own block", function () {
      it("reverts with RequestTooRecent: no same-block sandwich", async function () {
        const { pool, token, simulator, oracle, alice } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await token.connect(alice).approve(await pool.getAddress(), ether(1));
        const report = await oracleReport(pool, simulator, { finalizeUpToRequestId: 1n });
        await connection.provider.request({ method: "evm_setAutomine", params: [false] });
        try {
          await pool.connect(alice).requestWithdrawal(ether(1), { gasLimit: 500_000n });
          const reportTx = await pool
            .connect(oracle)
            .submitReport(report, { gasLimit: 2_000_000n });
          await connection.provider.request({ method: "evm_mine", params: [] });
          const block = await ethers.provider.getBlock("latest");
          await expect(reportTx)
            .to.be.revertedWithCustomError(pool, "RequestTooRecent")
            .withArgs(1n, BigInt(block!.timestamp), BigInt(block!.timestamp));
        } finally {
          await connection.provider.request({ method: "evm_setAutomine", params: [true] });
        }
      });
    });

    describe("prefinalize", function () {
      it("returns what a batch would lock and burn at a given rate", async function () {
        const { pool, aliceValue, bobValue } = await networkHelpers.loadFixture(requestedFixture);
        // At a rate of 2 ETH per token both requests pay their value at request.
        const [ethToLock, sharesToBurn] = await pool.prefinalize(2n, ether(2), ether(1));
        expect(ethToLock).to.equal(aliceValue + bobValue);
        expect(sharesToBurn).to.equal(ether(15));
        // At half an ETH per token they pay shares × 0.5.
        const [halfLock] = await pool.prefinalize(1n, ether(1), ether(2));
        expect(halfLock).to.equal(ether(5));
      });

      it("reverts with InvalidFinalization out of range", async function () {
        const { pool } = await networkHelpers.loadFixture(requestedFixture);
        await expect(pool.prefinalize(0n, ether(1), ether(1)))
          .to.be.revertedWithCustomError(pool, "InvalidFinalization")
          .withArgs(0n, 0n, 2n);
        await expect(pool.prefinalize(3n, ether(1), ether(1)))
          .to.be.revertedWithCustomError(pool, "InvalidFinalization")
          .withArgs(3n, 0n, 2n);
      });
    });
  });

  describe("claimWithdrawal", function () {
    it("pays the owner, emits WithdrawalClaimed and releases the locked ETH", async function () {
      const fixture = await networkHelpers.loadFixture(finalizedFixture);
      const { pool, alice, aliceValue, bobValue } = fixture;
      const rateBefore = await checkStakingInvariants(fixture, "before a claim");
      const tx = pool.connect(alice).claimWithdrawal(1n);
      await expect(tx).to.emit(pool, "WithdrawalClaimed").withArgs(1n, alice.address, aliceValue);
      await expect(tx).to.changeEtherBalance(ethers, alice, aliceValue);
      expect(await pool.lockedEther()).to.equal(bobValue);
      expect((await pool.getWithdrawalRequest(1n)).claimed).to.equal(true);
      expect(await pool.claimableEther(1n)).to.equal(0n);
      await checkStakingInvariants(fixture, "after a claim", { rateBefore });
    });

    it("lets requests be claimed in any order", async function () {
      const { pool, alice, bob, aliceValue, bobValue } =
        await networkHelpers.loadFixture(finalizedFixture);
      await expect(pool.connect(bob).claimWithdrawal(2n)).to.changeEtherBalance(
        ethers,
        bob,
        bobValue,
      );
      await expect(pool.connect(alice).claimWithdrawal(1n)).to.changeEtherBalance(
        ethers,
        alice,
        aliceValue,
      );
      expect(await pool.lockedEther()).to.equal(0n);
    });

    describe("when the request does not exist", function () {
      it("reverts with UnknownRequest for id 0 and for an id after the last", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(finalizedFixture);
        await expect(pool.connect(alice).claimWithdrawal(0n))
          .to.be.revertedWithCustomError(pool, "UnknownRequest")
          .withArgs(0n);
        await expect(pool.connect(alice).claimWithdrawal(3n))
          .to.be.revertedWithCustomError(pool, "UnknownRequest")
          .withArgs(3n);
        await expect(pool.getWithdrawalRequest(3n))
          .to.be.revertedWithCustomError(pool, "UnknownRequest")
          .withArgs(3n);
        expect(await pool.claimableEther(0n)).to.equal(0n);
      });
    });

    describe("when the caller does not own the request", function () {
      it("reverts with NotRequestOwner", async function () {
        const { pool, alice, bob } = await networkHelpers.loadFixture(finalizedFixture);
        await expect(pool.connect(bob).claimWithdrawal(1n))
          .to.be.revertedWithCustomError(pool, "NotRequestOwner")
          .withArgs(1n, bob.address, alice.address);
      });
    });

    describe("when the request is not finalised", function () {
      it("reverts with RequestNotFinalized", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(requestedFixture);
        await expect(pool.connect(alice).claimWithdrawal(1n))
          .to.be.revertedWithCustomError(pool, "RequestNotFinalized")
          .withArgs(1n, 0n);
      });
    });

    describe("when the request was already claimed", function () {
      it("reverts with AlreadyClaimed (no double claim)", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(finalizedFixture);
        await pool.connect(alice).claimWithdrawal(1n);
        await expect(pool.connect(alice).claimWithdrawal(1n))
          .to.be.revertedWithCustomError(pool, "AlreadyClaimed")
          .withArgs(1n);
      });
    });

    describe("when the pool is paused", function () {
      it("reverts with EnforcedPause, and pays after the unpause", async function () {
        const { pool, alice, guardian, aliceValue } =
          await networkHelpers.loadFixture(finalizedFixture);
        await pool.connect(guardian).pause();
        await expect(pool.connect(alice).claimWithdrawal(1n)).to.be.revertedWithCustomError(
          pool,
          "EnforcedPause",
        );
        await pool.connect(guardian).unpause();
        await expect(pool.connect(alice).claimWithdrawal(1n)).to.changeEtherBalance(
          ethers,
          alice,
          aliceValue,
        );
      });
    });

    describe("when the owner is a contract", function () {
      /** A MaliciousClaimer with 10 LST, its request finalised. */
      async function claimerFixture() {
        const fixture = await depositedAndStakedFixture();
        const { pool, token, simulator, oracle, carol } = fixture;
        const claimer = await ethers.deployContract("MaliciousClaimer", [await pool.getAddress()]);
        await claimer.connect(carol).depositIntoPool({ value: ether(10) });
        await claimer.requestWithdrawal(await token.balanceOf(await claimer.getAddress()));
        await networkHelpers.time.increase(DAY);
        await submitOracleReport(pool, simulator, oracle);
        return { ...fixture, claimer, claimable: await pool.claimableEther(1n) };
      }

      it("reverts with EthTransferFailed when it refuses ETH", async function () {
        const { pool, claimer, claimable } = await networkHelpers.loadFixture(claimerFixture);
        await claimer.setMode(3); // Refuse
        await expect(claimer.claim())
          .to.be.revertedWithCustomError(pool, "EthTransferFailed")
          .withArgs(await claimer.getAddress(), claimable);
      });

      it("cannot reenter claimWithdrawal: the reentrant call fails and so does the whole claim", async function () {
        const { pool, claimer, claimable } = await networkHelpers.loadFixture(claimerFixture);
        await claimer.setMode(1); // Reenter, let the failure bubble
        await expect(claimer.claim())
          .to.be.revertedWithCustomError(pool, "EthTransferFailed")
          .withArgs(await claimer.getAddress(), claimable);
        expect(await pool.lockedEther(), "nothing left the pool").to.equal(claimable);
      });

      it("is paid exactly once when it swallows the failed reentry (ReentrancyGuardReentrantCall)", async function () {
        const { pool, claimer, claimable } = await networkHelpers.loadFixture(claimerFixture);
        await claimer.setMode(2); // ReenterAndCatch
        await expect(claimer.claim()).to.changeEtherBalance(ethers, claimer, claimable);
        expect(await claimer.reentryAttempts()).to.equal(1n);
        expect(await claimer.reentryError()).to.equal(
          pool.interface.getError("ReentrancyGuardReentrantCall")!.selector,
        );
        await expect(claimer.claim())
          .to.be.revertedWithCustomError(pool, "AlreadyClaimed")
          .withArgs(1n);
        expect(await pool.lockedEther()).to.equal(0n);
      });

      it("pays a contract that accepts ETH", async function () {
        const { claimer, claimable } = await networkHelpers.loadFixture(claimerFixture);
        await expect(claimer.claim()).to.changeEtherBalance(ethers, claimer, claimable);
      });
    });
  });

  describe("validator exits (at the end of submitReport)", function () {
    describe("when the queue asks for more than the buffer and the exiting validators bring", function () {
      it("requests exits of the oldest active validators and emits ValidatorExitRequested", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, alice, validatorIndices } = fixture;
        // ~100 ETH requested, 32 ETH buffered: ceil(68 / 32) = 3 exits.
        const value = await request(pool, token, alice, await token.balanceOf(alice.address));
        const exits =
          (value - (await pool.bufferedEther()) + realistic.validatorDepositWei - 1n) /
          realistic.validatorDepositWei;
        expect(exits).to.equal(3n);
        const tx = submitOracleReport(pool, simulator, oracle);
        for (const index of validatorIndices.slice(0, 3)) {
          await expect(tx).to.emit(pool, "ValidatorExitRequested").withArgs(index);
        }
        expect((await simulator.getValidator(validatorIndices[2])).status).to.equal(2n); // Exiting
        expect((await simulator.getValidator(validatorIndices[3])).status).to.equal(1n); // Active
        expect(await pool.nextExitCandidate()).to.equal(3n);
        expect(await pool.lastFinalizedRequestId(), "the buffer cannot pay it yet").to.equal(0n);
      });

      it("counts validators already exiting, so the next report asks for no more", async function () {
        const { pool, token, simulator, oracle, alice } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await request(pool, token, alice, await token.balanceOf(alice.address));
        await submitOracleReport(pool, simulator, oracle);
        await networkHelpers.time.increase(3600n);
        await expect(submitOracleReport(pool, simulator, oracle)).not.to.emit(
          pool,
          "ValidatorExitRequested",
        );
      });

      it("skips slashed validators and counts nothing from them until they are swept (their correlation penalty may take everything)", async function () {
        const { pool, token, simulator, oracle, teacher, alice, validatorIndices } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await simulator.connect(teacher).slash(validatorIndices[0]);
        const value = await request(pool, token, alice, await token.balanceOf(alice.address));
        // ~100 ETH requested, 32 ETH buffered, 0 expected from the slashed validator (not a full
        // deposit): ceil(68 / 32) = 3 exits, of validators 1 to 3.
        const exits =
          (value - (await pool.bufferedEther()) + realistic.validatorDepositWei - 1n) /
          realistic.validatorDepositWei;
        expect(exits).to.equal(3n);
        const tx = submitOracleReport(pool, simulator, oracle);
        for (const index of validatorIndices.slice(1, 4)) {
          await expect(tx).to.emit(pool, "ValidatorExitRequested").withArgs(index);
        }
        await tx;
        expect(await simulator.activeValidatorCountOf(await pool.getAddress())).to.equal(0n);
      });

      it("counts the slashed validator's ETH once it is swept, like any received ETH", async function () {
        const { pool, token, simulator, oracle, teacher, alice, validatorIndices } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await simulator.connect(teacher).setExternalActiveBalance(ether(34_000_000)); // tiny penalty
        await simulator.connect(teacher).slash(validatorIndices[0]);
        await networkHelpers.time.increase(await simulator.correlationWindow());
        await simulator.sweep(validatorIndices[0]); // ≈ 31.99 ETH to the pool, unaccounted
        // 60 ETH requested ≤ 32 buffered + ≈ 31.99 received: no exit (finalising nothing, so the
        // demand stays).
        await request(pool, token, alice, ether(60));
        const report = submitOracleReport(pool, simulator, oracle, { finalizeUpToRequestId: 0n });
        await expect(report).not.to.emit(pool, "ValidatorExitRequested");
      });
    });

    describe("when many exits are needed", function () {
      it("requests at most MAX_EXITS_PER_REPORT (16) per report, the rest in the next", async function () {
        const { pool, token, simulator, oracle, operator, alice, bob } =
          await networkHelpers.loadFixture(depositedAndStakedFixture);
        await pool.connect(alice).deposit({ value: ether(640) });
        for (let n = 4; n < 24; n++)
          await pool.connect(operator).stakeValidator(ethers.id(`pool-validator-${n}`));
        await submitOracleReport(pool, simulator, oracle);
        await request(pool, token, alice, await token.balanceOf(alice.address));
        await request(pool, token, bob, await token.balanceOf(bob.address));
        const first = await (await submitOracleReport(pool, simulator, oracle)).wait();
        const exitEvents = (receipt: typeof first) =>
          receipt!.logs.filter(
            (log) => log.topics[0] === pool.interface.getEvent("ValidatorExitRequested")!.topicHash,
          ).length;
        expect(exitEvents(first)).to.equal(16);
        expect(await pool.nextExitCandidate()).to.equal(16n);
        await networkHelpers.time.increase(3600n);
        const second = await (await submitOracleReport(pool, simulator, oracle)).wait();
        // 24 validators, ~800 ETH requested, 0 buffered: all 24 must go, 8 remain.
        expect(exitEvents(second)).to.equal(8);
      });
    });

    describe("when the ETH comes back", function () {
      it("the sweep pays the pool, the next report finalises, and the owner claims", async function () {
        const fixture = await networkHelpers.loadFixture(depositedAndStakedFixture);
        const { pool, token, simulator, oracle, alice, stranger, validatorIndices } = fixture;
        const value = await request(pool, token, alice, ether(50));
        await submitOracleReport(pool, simulator, oracle); // exit of validator 0
        await networkHelpers.time.increase(realistic.exitDelaySeconds);
        await simulator.connect(stranger).sweep(validatorIndices[0]);
        const report = await oracleReport(pool, simulator);
        expect(report.finalizeUpToRequestId).to.equal(1n);
        await pool.connect(oracle).submitReport(report);
        await expect(pool.connect(alice).claimWithdrawal(1n)).to.changeEtherBalance(
          ethers,
          alice,
          value,
        );
        expectEqualWithinRounding(await pool.lockedEther(), 0n, "nothing left locked");
        await checkStakingInvariants(fixture, "after the round trip");
      });
    });
  });
});
