import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { stakingFixtures } from "../helpers/fixtures/staking.js";
import { ether } from "../helpers/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployStakingFixture } = stakingFixtures(connection);

/** The constructor arguments of the realistic profile, with `changes` applied, as an array. */
async function constructorArgs(changes: Record<number, unknown> = {}) {
  const { constructorArgs: args } = await networkHelpers.loadFixture(deployStakingFixture);
  return args.map((value, i) => (i in changes ? changes[i] : value));
}

describe("DepositPool", function () {
  describe("constructor", function () {
    it("stores the profile's parameters", async function () {
      const { pool, treasury } = await networkHelpers.loadFixture(deployStakingFixture);
      expect(await pool.treasury()).to.equal(treasury.address);
      expect(await pool.feeBps()).to.equal(realistic.protocolFeeBps);
      expect(await pool.maxAprBps()).to.equal(realistic.maxAprBps);
      expect(await pool.lossBudgetPerValidator()).to.equal(realistic.lossBudgetPerValidatorWei);
      expect(await pool.minDeposit()).to.equal(realistic.minDepositWei);
      expect(await pool.depositCap()).to.equal(realistic.depositCapWei);
    });

    it("reads the validator deposit from the simulator", async function () {
      const { pool, simulator } = await networkHelpers.loadFixture(deployStakingFixture);
      expect(await pool.simulator()).to.equal(await simulator.getAddress());
      expect(await pool.validatorDeposit()).to.equal(realistic.validatorDepositWei);
    });

    it("starts the oracle's clock at the simulator's time of deployment", async function () {
      const { pool, simulator } = await networkHelpers.loadFixture(deployStakingFixture);
      const deployedAt = (await pool.deploymentTransaction()!.wait())!.blockNumber;
      expect(await pool.lastReportTimestamp()).to.equal(
        await simulator.simulatedTime({ blockTag: deployedAt }),
      );
    });

    it("starts empty: no ether, no shares, rate 1, no validators, no requests", async function () {
      const { pool } = await networkHelpers.loadFixture(deployStakingFixture);
      expect(await pool.totalPooledEther()).to.equal(0n);
      expect(await pool.totalShares()).to.equal(0n);
      expect(await pool.getExchangeRate()).to.equal(ether(1));
      expect(await pool.depositedValidators()).to.equal(0n);
      expect(await pool.clValidators()).to.equal(0n);
      expect(await pool.lastRequestId()).to.equal(0n);
      expect(await pool.reportCount()).to.equal(0n);
    });

    it("grants only DEFAULT_ADMIN_ROLE to the admin", async function () {
      const [admin] = await ethers.getSigners();
      const pool = await ethers.deployContract(
        "DepositPool",
        await constructorArgs({ 0: admin.address }),
      );
      expect(await pool.hasRole(await pool.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      for (const role of [
        "ORACLE_ROLE",
        "OPERATOR_ROLE",
        "PAUSER_ROLE",
        "LOSS_CONFIRMER_ROLE",
      ] as const) {
        expect(await pool.hasRole(await pool[role](), admin.address), role).to.equal(false);
      }
    });

    it("names its roles by keccak256 of their names", async function () {
      const { pool } = await networkHelpers.loadFixture(deployStakingFixture);
      expect(await pool.ORACLE_ROLE()).to.equal(ethers.id("ORACLE_ROLE"));
      expect(await pool.OPERATOR_ROLE()).to.equal(ethers.id("OPERATOR_ROLE"));
      expect(await pool.PAUSER_ROLE()).to.equal(ethers.id("PAUSER_ROLE"));
      expect(await pool.LOSS_CONFIRMER_ROLE()).to.equal(ethers.id("LOSS_CONFIRMER_ROLE"));
    });

    describe("when an address is zero", function () {
      for (const [position, name] of [
        [0, "admin"],
        [1, "simulator"],
        [2, "treasury"],
      ] as const) {
        it(`reverts with ZeroAddress("${name}")`, async function () {
          const { pool } = await networkHelpers.loadFixture(deployStakingFixture);
          await expect(
            ethers.deployContract(
              "DepositPool",
              await constructorArgs({ [position]: ethers.ZeroAddress }),
            ),
          )
            .to.be.revertedWithCustomError(pool, "ZeroAddress")
            .withArgs(name);
        });
      }
    });

    describe("when a parameter is out of range", function () {
      const cases: [string, number, bigint][] = [
        ["feeBps", 3, 5_001n],
        ["maxAprBps", 4, 0n],
        ["maxAprBps", 4, 10_001n],
        ["lossBudgetPerValidator", 5, realistic.validatorDepositWei + 1n],
        ["minDeposit", 6, 0n],
        ["depositCap", 7, realistic.minDepositWei - 1n],
      ];
      for (const [name, position, value] of cases) {
        it(`reverts with InvalidParameter("${name}", ${value})`, async function () {
          const { pool } = await networkHelpers.loadFixture(deployStakingFixture);
          await expect(
            ethers.deployContract("DepositPool", await constructorArgs({ [position]: value })),
          )
            .to.be.revertedWithCustomError(pool, "InvalidParameter")
            .withArgs(name, value);
        });
      }
    });

    describe("at the boundaries", function () {
      it("accepts a 50 % fee, a 100 % APR bound, a budget of a whole deposit and cap = minimum", async function () {
        const pool = await ethers.deployContract(
          "DepositPool",
          await constructorArgs({
            3: 5_000n,
            4: 10_000n,
            5: realistic.validatorDepositWei,
            7: realistic.minDepositWei,
          }),
        );
        expect(await pool.feeBps()).to.equal(5_000n);
        expect(await pool.maxAprBps()).to.equal(10_000n);
        expect(await pool.depositCap()).to.equal(realistic.minDepositWei);
      });
    });
  });

  describe("setDepositLimits", function () {
    it("sets both limits and emits DepositLimitsChanged", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(admin).setDepositLimits(ether(1), ether(500)))
        .to.emit(pool, "DepositLimitsChanged")
        .withArgs(ether(1), ether(500));
      expect(await pool.minDeposit()).to.equal(ether(1));
      expect(await pool.depositCap()).to.equal(ether(500));
    });

    it("reverts with InvalidParameter for a zero minimum or a cap below it", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(admin).setDepositLimits(0n, ether(1)))
        .to.be.revertedWithCustomError(pool, "InvalidParameter")
        .withArgs("minDeposit", 0n);
      await expect(pool.connect(admin).setDepositLimits(ether(2), ether(1)))
        .to.be.revertedWithCustomError(pool, "InvalidParameter")
        .withArgs("depositCap", ether(1));
    });

    it("reverts with InvalidParameter beyond the packed widths (uint96 minimum, uint128 cap)", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      const tooLargeMin = 2n ** 96n;
      await expect(pool.connect(admin).setDepositLimits(tooLargeMin, 2n ** 100n))
        .to.be.revertedWithCustomError(pool, "InvalidParameter")
        .withArgs("minDeposit", tooLargeMin);
      await expect(pool.connect(admin).setDepositLimits(1n, 2n ** 128n))
        .to.be.revertedWithCustomError(pool, "InvalidParameter")
        .withArgs("depositCap", 2n ** 128n);
    });
  });

  describe("setTreasury", function () {
    it("changes the treasury and emits TreasuryChanged", async function () {
      const { pool, admin, treasury, carol } =
        await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(admin).setTreasury(carol.address))
        .to.emit(pool, "TreasuryChanged")
        .withArgs(treasury.address, carol.address);
      expect(await pool.treasury()).to.equal(carol.address);
    });

    it("reverts with ZeroAddress for the zero address", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(admin).setTreasury(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(pool, "ZeroAddress")
        .withArgs("treasury");
    });
  });

  describe("setFeeBps", function () {
    it("changes the fee and emits FeeChanged, up to MAX_FEE_BPS", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      const max = await pool.MAX_FEE_BPS();
      await expect(pool.connect(admin).setFeeBps(max))
        .to.emit(pool, "FeeChanged")
        .withArgs(realistic.protocolFeeBps, max);
      await expect(pool.connect(admin).setFeeBps(0n)).to.emit(pool, "FeeChanged").withArgs(max, 0n);
    });

    it("reverts with InvalidParameter above MAX_FEE_BPS", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      const tooHigh = (await pool.MAX_FEE_BPS()) + 1n;
      await expect(pool.connect(admin).setFeeBps(tooHigh))
        .to.be.revertedWithCustomError(pool, "InvalidParameter")
        .withArgs("feeBps", tooHigh);
    });
  });

  describe("setReportBounds", function () {
    it("changes the bounds and emits ReportBoundsChanged", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(admin).setReportBounds(500n, ether(1)))
        .to.emit(pool, "ReportBoundsChanged")
        .withArgs(500n, ether(1));
      expect(await pool.maxAprBps()).to.equal(500n);
      expect(await pool.lossBudgetPerValidator()).to.equal(ether(1));
    });

    it("reverts with InvalidParameter out of range", async function () {
      const { pool, admin } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(admin).setReportBounds(0n, 0n))
        .to.be.revertedWithCustomError(pool, "InvalidParameter")
        .withArgs("maxAprBps", 0n);
      await expect(pool.connect(admin).setReportBounds(1n, ether(33)))
        .to.be.revertedWithCustomError(pool, "InvalidParameter")
        .withArgs("lossBudgetPerValidator", ether(33));
    });
  });

  describe("pause and unpause", function () {
    it("lets the guardian pause and unpause", async function () {
      const { pool, guardian } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(guardian).pause())
        .to.emit(pool, "Paused")
        .withArgs(guardian.address);
      expect(await pool.paused()).to.equal(true);
      await expect(pool.connect(guardian).unpause())
        .to.emit(pool, "Unpaused")
        .withArgs(guardian.address);
      expect(await pool.paused()).to.equal(false);
    });
  });

  describe("confirmLossReport", function () {
    it("records the loss confirmer's approval and emits LossReportConfirmed", async function () {
      const { pool, lossConfirmer } = await networkHelpers.loadFixture(deployStakingFixture);
      const reportHash = ethers.id("some report");
      await expect(pool.connect(lossConfirmer).confirmLossReport(reportHash))
        .to.emit(pool, "LossReportConfirmed")
        .withArgs(reportHash, lossConfirmer.address);
      expect(await pool.isLossReportConfirmed(reportHash)).to.equal(true);
    });
  });

  describe("when a stranger calls a role-gated function", function () {
    const report = {
      timestamp: 1n,
      clValidators: 0n,
      clBalance: 0n,
      withdrawnFromCl: 0n,
      finalizeUpToRequestId: 0n,
    };
    const calls: [string, string, (pool: any) => Promise<unknown>][] = [
      ["stakeValidator", "OPERATOR_ROLE", (pool) => pool.stakeValidator(ethers.id("key"))],
      ["submitReport", "ORACLE_ROLE", (pool) => pool.submitReport(report)],
      [
        "confirmLossReport",
        "LOSS_CONFIRMER_ROLE",
        (pool) => pool.confirmLossReport(ethers.ZeroHash),
      ],
      ["pause", "PAUSER_ROLE", (pool) => pool.pause()],
      ["unpause", "PAUSER_ROLE", (pool) => pool.unpause()],
      ["setDepositLimits", "DEFAULT_ADMIN_ROLE", (pool) => pool.setDepositLimits(1n, 2n)],
      ["setTreasury", "DEFAULT_ADMIN_ROLE", (pool) => pool.setTreasury(ethers.ZeroAddress)],
      ["setFeeBps", "DEFAULT_ADMIN_ROLE", (pool) => pool.setFeeBps(0n)],
      ["setReportBounds", "DEFAULT_ADMIN_ROLE", (pool) => pool.setReportBounds(1n, 0n)],
      [
        "grantRole",
        "DEFAULT_ADMIN_ROLE",
        (pool) => pool.grantRole(ethers.id("ORACLE_ROLE"), ethers.ZeroAddress),
      ],
    ];
    for (const [name, role, call] of calls) {
      it(`${name} reverts with AccessControlUnauthorizedAccount(stranger, ${role})`, async function () {
        const { pool, stranger } = await networkHelpers.loadFixture(deployStakingFixture);
        const roleId = role === "DEFAULT_ADMIN_ROLE" ? ethers.ZeroHash : ethers.id(role);
        await expect(call(pool.connect(stranger)))
          .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, roleId);
      });
    }

    it("an operator cannot report and the oracle cannot stake (roles are separate)", async function () {
      const { pool, oracle, operator } = await networkHelpers.loadFixture(deployStakingFixture);
      await expect(pool.connect(operator).submitReport(report))
        .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
        .withArgs(operator.address, ethers.id("ORACLE_ROLE"));
      await expect(pool.connect(oracle).stakeValidator(ethers.id("key")))
        .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
        .withArgs(oracle.address, ethers.id("OPERATOR_ROLE"));
    });
  });
});
