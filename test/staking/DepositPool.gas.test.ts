import { expect } from "chai";
import { network } from "hardhat";

import { stakingFixtures } from "../helpers/fixtures/staking.js";
import { DAY, ether, expectGasWithinPercent, submitOracleReport } from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployStakingFixture } = stakingFixtures(connection);

/**
 * Gas of the two reports that matter, for a pool whose 160 ETH is held by `holders` addresses and
 * whose queue holds `requests` requests: a report with 30 days of rewards (fee mint), then a
 * report a day later that finalises the whole queue. Everything else is identical between runs.
 */
async function measureReports(holders: number, requests: number) {
  const fixture = await deployStakingFixture();
  const { pool, token, simulator, oracle, operator, alice } = fixture;
  await pool.connect(alice).deposit({ value: ether(160) });
  for (let n = 0; n < 4; n++)
    await pool.connect(operator).stakeValidator(ethers.id(`pool-validator-${n}`));
  await submitOracleReport(pool, simulator, oracle);

  // Spread the tokens: alice keeps some, the other holders get 0.01 LST each.
  for (let i = 1; i < holders; i++) {
    const holder = ethers.dataSlice(ethers.id(`holder-${i}`), 0, 20);
    await token.connect(alice).transfer(holder, ether("0.01"));
  }
  await networkHelpers.time.increase(30n * DAY);
  const rewardGas = (await (await submitOracleReport(pool, simulator, oracle)).wait())!.gasUsed;

  // Queue `requests` requests of 0.01 LST, from up to 10 signers.
  const signers = (await ethers.getSigners()).slice(10, 20);
  const poolAddress = await pool.getAddress();
  const perSigner = Math.ceil(requests / signers.length);
  for (const signer of signers) {
    await token.connect(alice).transfer(signer.address, ether("0.01") * BigInt(perSigner));
    await token.connect(signer).approve(poolAddress, ethers.MaxUint256);
  }
  for (let i = 0; i < requests; i++) {
    await pool.connect(signers[i % signers.length]).requestWithdrawal(ether("0.01"));
  }
  await networkHelpers.time.increase(DAY);
  const finalizeTx = await submitOracleReport(pool, simulator, oracle);
  const finalizeGas = (await finalizeTx.wait())!.gasUsed;
  expect(await pool.lastFinalizedRequestId()).to.equal(BigInt(requests));
  return { rewardGas, finalizeGas };
}

async function oneHolderFixture() {
  return measureReports(1, 1);
}

async function thousandHoldersFixture() {
  return measureReports(1_000, 1_000);
}

describe("DepositPool gas", function () {
  describe("submitReport", function () {
    it("costs the same (within 1 %) with 1 and with 1,000 holders", async function () {
      const one = await networkHelpers.loadFixture(oneHolderFixture);
      const many = await networkHelpers.loadFixture(thousandHoldersFixture);
      console.log(
        `        report with rewards: ${one.rewardGas} gas (1 holder), ${many.rewardGas} gas (1,000)`,
      );
      expectGasWithinPercent(one.rewardGas, many.rewardGas, 1n, "report with rewards and fee");
    });

    it("finalises 1 request or 1,000 requests of one period for the same gas (within 1 %)", async function () {
      const one = await networkHelpers.loadFixture(oneHolderFixture);
      const many = await networkHelpers.loadFixture(thousandHoldersFixture);
      console.log(
        `        report finalising: ${one.finalizeGas} gas (1 request), ${many.finalizeGas} gas (1,000)`,
      );
      expectGasWithinPercent(one.finalizeGas, many.finalizeGas, 1n, "report finalising the queue");
    });
  });
});
