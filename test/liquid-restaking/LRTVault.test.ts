import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import { ONE_SECOND } from "../helpers/fixtures/restaking.js";
import {
  BPS,
  WAD,
  checkLRTInvariants,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
  mulDiv,
  mulDivUp,
} from "../helpers/index.js";
import { avsPaysRewards, avsSlashes, buyLstForVault } from "./lrt-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deployLRTVaultFixture, delegatedVaultFixture, restakedVaultFixture } =
  liquidRestakingFixtures(connection);

/** 10^3 virtual shares: the vault's decimals offset. */
const VIRTUAL_SHARES = 1000n;
const DELAY = realistic.restakingWithdrawalDelaySeconds;

/** ERC-4626 shares for `assets` at `supply` / `total`, rounded down (OpenZeppelin's formula). */
function sharesFor(assets: bigint, supply: bigint, total: bigint): bigint {
  return mulDiv(assets, supply + VIRTUAL_SHARES, total + 1n);
}

/** ERC-4626 assets for `shares` at `supply` / `total`, rounded down. */
function assetsFor(shares: bigint, supply: bigint, total: bigint): bigint {
  return mulDiv(shares, total + 1n, supply + VIRTUAL_SHARES);
}

describe("LRTVault", function () {
  describe("constructor", function () {
    it("names the token, takes the LST as asset and stores the parameters", async function () {
      const { vault, pool, lst, restakingManager, treasury } =
        await networkHelpers.loadFixture(deployLRTVaultFixture);
      expect(await vault.name()).to.equal("Staking Lab Restaked ETH");
      expect(await vault.symbol()).to.equal("slrETH");
      expect(await vault.decimals()).to.equal(21n);
      expect(await vault.asset()).to.equal(await lst.getAddress());
      expect(await vault.pool()).to.equal(await pool.getAddress());
      expect(await vault.manager()).to.equal(await restakingManager.getAddress());
      expect(await vault.treasury()).to.equal(treasury.address);
      expect(await vault.bufferBps()).to.equal(realistic.lrtBufferBps);
      expect(await vault.feeBps()).to.equal(realistic.lrtFeeBps);
      expect(await vault.operator()).to.equal(ethers.ZeroAddress);
    });

    it("starts empty: no assets, no shares, one LRT worth one LST worth one ETH", async function () {
      const { vault } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      expect(await vault.totalAssets()).to.equal(0n);
      expect(await vault.totalSupply()).to.equal(0n);
      expect(await vault.lrtRateInEth()).to.equal(ether(1));
      expect(await vault.restakedAssets()).to.equal(0n);
      expect(await vault.queuedAssets()).to.equal(0n);
      expect(await vault.redeemRequestCount()).to.equal(0n);
    });

    it("grants only DEFAULT_ADMIN_ROLE to the admin", async function () {
      const { vaultArgs, admin } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      const vault = await ethers.deployContract("LRTVault", [...vaultArgs]);
      expect(await vault.hasRole(await vault.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await vault.hasRole(await vault.MANAGER_ROLE(), admin.address)).to.equal(false);
      expect(await vault.hasRole(await vault.PAUSER_ROLE(), admin.address)).to.equal(false);
    });

    it("accepts a buffer of 100 % and the largest fee", async function () {
      const { vaultArgs } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      const [admin, pool, manager, treasury] = vaultArgs;
      const vault = await ethers.deployContract("LRTVault", [
        admin,
        pool,
        manager,
        treasury,
        BPS,
        5000n,
      ]);
      expect(await vault.bufferBps()).to.equal(BPS);
      expect(await vault.feeBps()).to.equal(await vault.MAX_FEE_BPS());
    });

    describe("when an argument is invalid", function () {
      const cases = [
        { index: 0, value: ethers.ZeroAddress, error: "ZeroAddress", args: ["admin"] },
        { index: 2, value: ethers.ZeroAddress, error: "ZeroAddress", args: ["manager"] },
        { index: 3, value: ethers.ZeroAddress, error: "ZeroAddress", args: ["treasury"] },
        { index: 4, value: BPS + 1n, error: "InvalidParameter", args: ["bufferBps", BPS + 1n] },
        { index: 5, value: 5001n, error: "InvalidParameter", args: ["feeBps", 5001n] },
      ] as const;
      for (const { index, value, error, args } of cases) {
        it(`reverts with ${error}(${args.join(", ")})`, async function () {
          const { vaultArgs, vault } = await networkHelpers.loadFixture(deployLRTVaultFixture);
          const changed = vaultArgs.map((arg, i) => (i === index ? value : arg));
          await expect(ethers.deployContract("LRTVault", changed))
            .to.be.revertedWithCustomError(vault, error)
            .withArgs(...args);
        });
      }
    });
  });

  describe("depositETH", function () {
    describe("when the vault is empty", function () {
      it("stakes the ETH through the pool and mints 10^3 LRT units per LST wei", async function () {
        const { vault, pool, alice, bob } = await networkHelpers.loadFixture(deployLRTVaultFixture);
        const eth = ether(10);
        const bufferedBefore = await pool.bufferedEther();
        const expectedShares = eth * VIRTUAL_SHARES; // rate 1: 10 LST, first deposit: ×10^3
        await expect(vault.connect(alice).depositETH(bob.address, expectedShares, { value: eth }))
          .to.emit(vault, "DepositedETH")
          .withArgs(alice.address, bob.address, eth, eth, expectedShares)
          .and.to.emit(vault, "Deposit")
          .withArgs(alice.address, bob.address, eth, expectedShares);
        expect(await vault.balanceOf(bob.address)).to.equal(expectedShares);
        expect(await vault.idleAssets()).to.equal(eth);
        expect(await vault.totalAssets()).to.equal(eth);
        expect(await pool.bufferedEther()).to.equal(bufferedBefore + eth);
      });
    });

    describe("when the LST rate is above 1", function () {
      it("mints LRT for the LST the pool minted, at the vault's rate", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, pool, carol } = fixture;
        await avsPaysRewards(fixture, ether(10));
        await vault.connect(fixture.manager).harvestRewards();
        const [pooled, lstSupply, supply, total] = await Promise.all([
          pool.totalPooledEther(),
          pool.totalShares(),
          vault.totalSupply(),
          vault.totalAssets(),
        ]);
        const eth = ether(3);
        const lstMinted = mulDiv(eth, lstSupply, pooled);
        const expected = sharesFor(lstMinted, supply, total);
        await expect(vault.connect(carol).depositETH(carol.address, expected, { value: eth }))
          .to.emit(vault, "DepositedETH")
          .withArgs(carol.address, carol.address, eth, lstMinted, expected);
        expect(await vault.balanceOf(carol.address)).to.equal(expected);
      });
    });

    describe("when fewer shares than minShares would be minted", function () {
      it("reverts with SlippageExceeded(shares, minShares)", async function () {
        const { vault, alice } = await networkHelpers.loadFixture(deployLRTVaultFixture);
        const eth = ether(1);
        const shares = eth * VIRTUAL_SHARES;
        await expect(vault.connect(alice).depositETH(alice.address, shares + 1n, { value: eth }))
          .to.be.revertedWithCustomError(vault, "SlippageExceeded")
          .withArgs(shares, shares + 1n);
      });
    });

    describe("when the deposit is below the pool's minimum", function () {
      it("reverts with the pool's DepositBelowMinimum", async function () {
        const { vault, pool, alice } = await networkHelpers.loadFixture(deployLRTVaultFixture);
        const tooSmall = realistic.minDepositWei - 1n;
        await expect(vault.connect(alice).depositETH(alice.address, 0n, { value: tooSmall }))
          .to.be.revertedWithCustomError(pool, "DepositBelowMinimum")
          .withArgs(tooSmall, realistic.minDepositWei);
      });
    });

    describe("when the vault is paused", function () {
      it("reverts with EnforcedPause", async function () {
        const { vault, alice, guardian } = await networkHelpers.loadFixture(deployLRTVaultFixture);
        await vault.connect(guardian).pause();
        await expect(
          vault.connect(alice).depositETH(alice.address, 0n, { value: ether(1) }),
        ).to.be.revertedWithCustomError(vault, "EnforcedPause");
      });
    });
  });

  describe("deposit", function () {
    it("takes the LST, counts it as idle and mints shares at the vault's rate", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, lst, carol } = fixture;
      const assets = await buyLstForVault(fixture, carol, ether(20));
      const [supply, total, idle] = await Promise.all([
        vault.totalSupply(),
        vault.totalAssets(),
        vault.idleAssets(),
      ]);
      const expected = sharesFor(assets, supply, total);
      await expect(vault.connect(carol).deposit(assets, carol.address))
        .to.emit(vault, "Deposit")
        .withArgs(carol.address, carol.address, assets, expected)
        .and.to.emit(lst, "Transfer")
        .withArgs(carol.address, await vault.getAddress(), assets);
      expect(await vault.balanceOf(carol.address)).to.equal(expected);
      expect(await vault.idleAssets()).to.equal(idle + assets);
      expect(await vault.totalAssets()).to.equal(total + assets);
    });

    describe("when the vault is paused", function () {
      it("reverts with EnforcedPause, and maxDeposit and maxMint say 0", async function () {
        const fixture = await networkHelpers.loadFixture(deployLRTVaultFixture);
        const { vault, carol, guardian } = fixture;
        const assets = await buyLstForVault(fixture, carol, ether(1));
        expect(await vault.maxDeposit(carol.address)).to.equal(ethers.MaxUint256);
        expect(await vault.maxMint(carol.address)).to.equal(ethers.MaxUint256);
        await vault.connect(guardian).pause();
        expect(await vault.maxDeposit(carol.address)).to.equal(0n);
        expect(await vault.maxMint(carol.address)).to.equal(0n);
        await expect(
          vault.connect(carol).deposit(assets, carol.address),
        ).to.be.revertedWithCustomError(vault, "EnforcedPause");
        await expect(vault.connect(carol).mint(1n, carol.address)).to.be.revertedWithCustomError(
          vault,
          "EnforcedPause",
        );
      });
    });
  });

  describe("depositWithMinShares", function () {
    it("deposits when at least minShares are minted (boundary: exactly minShares)", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, carol } = fixture;
      const assets = await buyLstForVault(fixture, carol, ether(5));
      const expected = await vault.previewDeposit(assets);
      await expect(vault.connect(carol).depositWithMinShares(assets, carol.address, expected))
        .to.emit(vault, "Deposit")
        .withArgs(carol.address, carol.address, assets, expected);
      expect(await vault.balanceOf(carol.address)).to.equal(expected);
    });

    describe("when fewer shares than minShares would be minted", function () {
      it("reverts with SlippageExceeded(shares, minShares)", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, carol } = fixture;
        const assets = await buyLstForVault(fixture, carol, ether(5));
        const shares = await vault.previewDeposit(assets);
        await expect(vault.connect(carol).depositWithMinShares(assets, carol.address, shares + 1n))
          .to.be.revertedWithCustomError(vault, "SlippageExceeded")
          .withArgs(shares, shares + 1n);
      });
    });
  });

  describe("mintWithMaxAssets", function () {
    it("mints exactly the shares for at most maxAssets, rounded up (boundary: exactly)", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, carol } = fixture;
      await buyLstForVault(fixture, carol, ether(5));
      const shares = ether(2) * VIRTUAL_SHARES;
      const [supply, total] = await Promise.all([vault.totalSupply(), vault.totalAssets()]);
      const cost = mulDivUp(shares, total + 1n, supply + VIRTUAL_SHARES);
      await expect(vault.connect(carol).mintWithMaxAssets(shares, carol.address, cost))
        .to.emit(vault, "Deposit")
        .withArgs(carol.address, carol.address, cost, shares);
      expect(await vault.balanceOf(carol.address)).to.equal(shares);
    });

    describe("when the shares cost more than maxAssets", function () {
      it("reverts with MaxAssetsExceeded(assets, maxAssets)", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, carol } = fixture;
        await buyLstForVault(fixture, carol, ether(5));
        const shares = ether(2) * VIRTUAL_SHARES;
        const cost = await vault.previewMint(shares);
        await expect(vault.connect(carol).mintWithMaxAssets(shares, carol.address, cost - 1n))
          .to.be.revertedWithCustomError(vault, "MaxAssetsExceeded")
          .withArgs(cost, cost - 1n);
      });
    });
  });

  describe("withdraw and redeem (synchronous)", function () {
    it("are disabled: maxWithdraw and maxRedeem are 0 and both revert with ERC-4626's errors", async function () {
      const { vault, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
      expect(await vault.maxWithdraw(alice.address)).to.equal(0n);
      expect(await vault.maxRedeem(alice.address)).to.equal(0n);
      await expect(vault.connect(alice).withdraw(1n, alice.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxWithdraw")
        .withArgs(alice.address, 1n, 0n);
      await expect(vault.connect(alice).redeem(1n, alice.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(alice.address, 1n, 0n);
    });
  });

  describe("delegateTo", function () {
    it("delegates the vault's stake to the operator in the manager", async function () {
      const { vault, restakingManager, manager, operator } =
        await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(manager).delegateTo(operator.address))
        .to.emit(vault, "OperatorDelegated")
        .withArgs(operator.address)
        .and.to.emit(restakingManager, "StakerDelegated")
        .withArgs(await vault.getAddress(), operator.address);
      expect(await vault.operator()).to.equal(operator.address);
      expect(await restakingManager.delegatedTo(await vault.getAddress())).to.equal(
        operator.address,
      );
    });

    describe("when the vault is already delegated", function () {
      it("reverts with AlreadyDelegated(operator)", async function () {
        const { vault, manager, operator, otherOperator } =
          await networkHelpers.loadFixture(delegatedVaultFixture);
        await expect(vault.connect(manager).delegateTo(otherOperator.address))
          .to.be.revertedWithCustomError(vault, "AlreadyDelegated")
          .withArgs(operator.address);
      });
    });

    describe("when the operator is the zero address", function () {
      it("reverts with ZeroAddress(operator)", async function () {
        const { vault, manager } = await networkHelpers.loadFixture(deployLRTVaultFixture);
        await expect(vault.connect(manager).delegateTo(ethers.ZeroAddress))
          .to.be.revertedWithCustomError(vault, "ZeroAddress")
          .withArgs("operator");
      });
    });

    describe("when the address is not a registered operator", function () {
      it("reverts with the manager's NotOperator(account)", async function () {
        const { vault, restakingManager, manager, stranger } =
          await networkHelpers.loadFixture(deployLRTVaultFixture);
        await expect(vault.connect(manager).delegateTo(stranger.address))
          .to.be.revertedWithCustomError(restakingManager, "NotOperator")
          .withArgs(stranger.address);
      });
    });

    describe("when called by a stranger", function () {
      it("reverts with AccessControlUnauthorizedAccount(stranger, MANAGER_ROLE)", async function () {
        const { vault, stranger, operator } =
          await networkHelpers.loadFixture(deployLRTVaultFixture);
        await expect(vault.connect(stranger).delegateTo(operator.address))
          .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await vault.MANAGER_ROLE());
      });
    });
  });

  describe("restake", function () {
    it("deposits idle LST into the manager's strategy, keeping totalAssets", async function () {
      const { vault, restakingManager, lst, pool, alice, manager } =
        await networkHelpers.loadFixture(delegatedVaultFixture);
      await vault.connect(alice).depositETH(alice.address, 0n, { value: ether(100) });
      const amount = ether(90); // leaves exactly the 10 % buffer
      const expectedShares = amount; // the strategy is empty: 1 share per LST (1e3 virtual on both sides)
      await expect(vault.connect(manager).restake(amount))
        .to.emit(vault, "Restaked")
        .withArgs(amount, expectedShares)
        .and.to.emit(restakingManager, "Deposited")
        .withArgs(await vault.getAddress(), await lst.getAddress(), amount, expectedShares);
      expect(await vault.idleAssets()).to.equal(ether(10));
      expect(await vault.restakedAssets()).to.equal(amount);
      expect(await vault.totalAssets()).to.equal(ether(100));
      expect(
        await restakingManager.operatorShares(
          (await vault.operator()) as string,
          await lst.getAddress(),
        ),
      ).to.equal(amount);
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "restake");
    });

    describe("when the buffer is 0", function () {
      it("restakes every idle LST", async function () {
        const { vault, alice, manager, admin } =
          await networkHelpers.loadFixture(delegatedVaultFixture);
        await vault.connect(admin).setBufferBps(0n);
        await vault.connect(alice).depositETH(alice.address, 0n, { value: ether(10) });
        await vault.connect(manager).restake(ether(10));
        expect(await vault.idleAssets()).to.equal(0n);
        expect(await vault.restakedAssets()).to.equal(ether(10));
      });
    });

    describe("when it would leave less than the buffer", function () {
      it("reverts with BufferTooLow(idleAfter, minIdle)", async function () {
        const { vault, alice, manager } = await networkHelpers.loadFixture(delegatedVaultFixture);
        await vault.connect(alice).depositETH(alice.address, 0n, { value: ether(100) });
        const minIdle = mulDivUp(ether(100), realistic.lrtBufferBps, BPS); // 10 LST
        await expect(vault.connect(manager).restake(ether(90) + 1n))
          .to.be.revertedWithCustomError(vault, "BufferTooLow")
          .withArgs(minIdle - 1n, minIdle);
      });
    });

    describe("when it asks for more than the unreserved idle LST", function () {
      it("reverts with NotEnoughIdle(assets, freeIdle): reserved LST is not restaked", async function () {
        const { vault, alice, manager, admin } =
          await networkHelpers.loadFixture(delegatedVaultFixture);
        await vault.connect(admin).setBufferBps(0n);
        await vault.connect(alice).depositETH(alice.address, 0n, { value: ether(10) });
        const shares = ether(4) * VIRTUAL_SHARES;
        const reserved = assetsFor(shares, await vault.totalSupply(), await vault.totalAssets());
        await vault.connect(alice).requestRedeem(shares); // reserves ~4 LST of the 10 idle
        const freeIdle = ether(10) - reserved;
        expect(await vault.reservedAssets()).to.equal(reserved);
        await expect(vault.connect(manager).restake(freeIdle + 1n))
          .to.be.revertedWithCustomError(vault, "NotEnoughIdle")
          .withArgs(freeIdle + 1n, freeIdle);
      });
    });

    describe("when the vault is not delegated", function () {
      it("reverts with NotDelegated", async function () {
        const { vault, alice, manager } = await networkHelpers.loadFixture(deployLRTVaultFixture);
        await vault.connect(alice).depositETH(alice.address, 0n, { value: ether(10) });
        await expect(vault.connect(manager).restake(ether(1))).to.be.revertedWithCustomError(
          vault,
          "NotDelegated",
        );
      });
    });

    describe("when the amount is 0", function () {
      it("reverts with ZeroAmount", async function () {
        const { vault, manager } = await networkHelpers.loadFixture(delegatedVaultFixture);
        await expect(vault.connect(manager).restake(0n)).to.be.revertedWithCustomError(
          vault,
          "ZeroAmount",
        );
      });
    });

    describe("when called by a stranger", function () {
      it("reverts with AccessControlUnauthorizedAccount(stranger, MANAGER_ROLE)", async function () {
        const { vault, stranger } = await networkHelpers.loadFixture(restakedVaultFixture);
        await expect(vault.connect(stranger).restake(1n))
          .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await vault.MANAGER_ROLE());
      });
    });
  });

  describe("harvestRewards", function () {
    it("claims the service rewards, compounds them and mints the fee to the treasury as LRT", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, restakingManager, lst, manager, treasury } = fixture;
      const paid = ether(10);
      await avsPaysRewards(fixture, paid);
      // The operator keeps its 10 % split; the vault is its only delegator.
      const rewards = paid - mulDiv(paid, realistic.operatorSplitBps, BPS); // 9 LST
      const claimable = await restakingManager.claimableRewards(
        await vault.getAddress(),
        await lst.getAddress(),
      );
      expectEqualWithinRounding(claimable, rewards, "the vault's claimable rewards");
      const [supply, total, idle] = await Promise.all([
        vault.totalSupply(),
        vault.totalAssets(),
        vault.idleAssets(),
      ]);
      const fee = mulDiv(claimable, realistic.lrtFeeBps, BPS); // 0.9 LST
      // totalAssets already counted the rewards net of the fee (8.1 LST): the harvest adds the fee.
      expect(await vault.earnedRewards(), "earned, net of the fee").to.equal(claimable - fee);
      const totalAfter = total + fee;
      // Lido's formula with the vault's virtual shares: the treasury's shares are worth `fee`.
      const feeShares = mulDiv(fee, supply + VIRTUAL_SHARES, totalAfter - fee + 1n);
      await expect(vault.connect(manager).harvestRewards())
        .to.emit(vault, "RewardsHarvested")
        .withArgs(claimable, fee, feeShares, treasury.address);
      expect(await vault.idleAssets()).to.equal(idle + claimable);
      expect(await vault.totalAssets()).to.equal(totalAfter);
      expect(await vault.balanceOf(treasury.address)).to.equal(feeShares);
      const treasuryValue = await vault.convertToAssets(feeShares);
      expectAtMost(treasuryValue, fee, "the treasury never gets more than the fee");
      expectEqualWithinRounding(treasuryValue, fee, "the treasury's LRT are worth the fee", 1n);
    });

    describe("when the fee is 0", function () {
      it("compounds all of the rewards and mints nothing", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, manager, admin, treasury } = fixture;
        await vault.connect(admin).setFeeBps(0n);
        await avsPaysRewards(fixture, ether(1));
        const supply = await vault.totalSupply();
        const tx = vault.connect(manager).harvestRewards();
        await expect(tx).to.emit(vault, "RewardsHarvested");
        await expect(tx).not.to.emit(vault, "Transfer");
        expect(await vault.totalSupply()).to.equal(supply);
        expect(await vault.balanceOf(treasury.address)).to.equal(0n);
      });
    });

    describe("when the AVS pays in a token other than the LST (issue 8, finding 5)", function () {
      it("claims it and forwards it to the treasury with RewardsForwarded, compounding nothing", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, restakingManager, rewardToken, avs, operator, manager, treasury } = fixture;
        const paid = ether(100);
        await rewardToken.mint(avs.address, paid);
        await rewardToken.connect(avs).approve(await restakingManager.getAddress(), paid);
        await restakingManager
          .connect(avs)
          .payRewards(operator.address, await vault.asset(), rewardToken, paid, ONE_SECOND);
        await time.increase(ONE_SECOND); // the stream has run out
        const credited = await restakingManager.claimableRewards(
          await vault.getAddress(),
          rewardToken,
        );
        expectEqualWithinRounding(
          credited,
          paid - mulDiv(paid, realistic.operatorSplitBps, BPS),
          "90 credited to the vault (rounded down)",
        );
        const total = await vault.totalAssets();
        const tx = vault.connect(manager).harvestRewards();
        await expect(tx)
          .to.emit(vault, "RewardsForwarded")
          .withArgs(await rewardToken.getAddress(), credited, treasury.address)
          .and.not.to.emit(vault, "RewardsHarvested");
        await expect(tx).to.changeTokenBalance(ethers, rewardToken, treasury, credited);
        expect(
          await restakingManager.claimableRewards(await vault.getAddress(), rewardToken),
          "nothing left stuck",
        ).to.equal(0n);
        expect(await vault.totalAssets(), "the vault's LST do not change").to.equal(total);
      });

      it("forwards the other token and compounds the LST in one harvest", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, restakingManager, rewardToken, avs, operator, manager, treasury } = fixture;
        await rewardToken.mint(avs.address, ether(10));
        await rewardToken.connect(avs).approve(await restakingManager.getAddress(), ether(10));
        await restakingManager
          .connect(avs)
          .payRewards(operator.address, await vault.asset(), rewardToken, ether(10), ONE_SECOND);
        await avsPaysRewards(fixture, ether(10));
        const credited = await restakingManager.claimableRewards(
          await vault.getAddress(),
          rewardToken,
        );
        expectEqualWithinRounding(credited, ether(9), "9 of the other token");
        await expect(vault.connect(manager).harvestRewards())
          .to.emit(vault, "RewardsForwarded")
          .withArgs(await rewardToken.getAddress(), credited, treasury.address)
          .and.to.emit(vault, "RewardsHarvested");
      });
    });

    describe("when there is nothing to claim", function () {
      it("reverts with NothingToHarvest", async function () {
        const { vault, manager } = await networkHelpers.loadFixture(restakedVaultFixture);
        await expect(vault.connect(manager).harvestRewards()).to.be.revertedWithCustomError(
          vault,
          "NothingToHarvest",
        );
      });
    });

    describe("when called by a stranger", function () {
      it("reverts with AccessControlUnauthorizedAccount(stranger, MANAGER_ROLE)", async function () {
        const { vault, stranger } = await networkHelpers.loadFixture(restakedVaultFixture);
        await expect(vault.connect(stranger).harvestRewards())
          .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await vault.MANAGER_ROLE());
      });
    });
  });

  describe("requestRedeem", function () {
    describe("when a slash left the vault with nothing restaked and its buffer reserved", function () {
      it("still accepts requests: the rest is paid from idle LST, and every request is claimed in full", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, alice, bob, restakingManager, lst } = fixture;
        const vaultAddress = await vault.getAddress();
        // 1. bob asks for 30 % of his shares (≈ 15 LST): the whole buffer is reserved for him.
        await vault.connect(bob).requestRedeem(((await vault.balanceOf(bob.address)) * 30n) / 100n);
        // 2. The AVS slashes all of the operator's 50 % allocation: the restaked LST halves.
        await avsSlashes(fixture, WAD);
        // 3. alice queues 90 % of hers and bob the rest: everything restaked is now queued.
        await vault
          .connect(alice)
          .requestRedeem(((await vault.balanceOf(alice.address)) * 90n) / 100n);
        await vault.connect(bob).requestRedeem(await vault.balanceOf(bob.address));
        expect(await restakingManager.depositShares(vaultAddress, await lst.getAddress())).to.equal(
          0n,
        );
        // 4. alice's last shares: nothing left to queue, nothing free in the buffer — accepted anyway.
        await vault.connect(alice).requestRedeem(await vault.balanceOf(alice.address));
        const last = await vault.getRedeemRequest(4n);
        expect(last.withdrawalId, "nothing queued for it").to.equal(0n);
        expect(last.fromBuffer, "nothing reserved for it").to.equal(0n);
        // 5. After the delay every request is claimed, the unqueued one first: each pays its preview,
        //    and the vault ends with no shares and no more than rounding dust of LST.
        await networkHelpers.time.increase(fixture.profile.restakingWithdrawalDelaySeconds);
        for (const [id, owner] of [
          [4n, alice],
          [2n, alice],
          [3n, bob],
          [1n, bob],
        ] as const) {
          const preview = await vault.previewClaimRedeem(id);
          await expect(vault.connect(owner).claimRedeem(id))
            .to.emit(vault, "RedeemClaimed")
            .withArgs(id, owner.address, (await vault.getRedeemRequest(id)).shares, preview);
        }
        expect(await vault.totalSupply(), "every share redeemed").to.equal(0n);
      });
    });

    describe("when the buffer covers it", function () {
      it("escrows the shares, reserves buffer LST and queues nothing", async function () {
        const { vault, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
        const shares = ether(10) * VIRTUAL_SHARES; // ~10 LST of the 15 LST buffer
        const [supply, total] = await Promise.all([vault.totalSupply(), vault.totalAssets()]);
        const assets = assetsFor(shares, supply, total);
        const readyAt = BigInt(await time.latest()) + 1n + DELAY;
        await expect(vault.connect(alice).requestRedeem(shares))
          .to.emit(vault, "RedeemRequested")
          .withArgs(1n, alice.address, shares, assets, assets, 0n, readyAt)
          .and.to.emit(vault, "Transfer")
          .withArgs(alice.address, await vault.getAddress(), shares);
        const request = await vault.getRedeemRequest(1n);
        expect(request.owner).to.equal(alice.address);
        expect(request.readyAt).to.equal(readyAt);
        expect(request.shares).to.equal(shares);
        expect(request.assets).to.equal(assets);
        expect(request.fromBuffer).to.equal(assets);
        expect(request.withdrawalId).to.equal(0n);
        expect(request.claimed).to.equal(false);
        expect(await vault.reservedAssets()).to.equal(assets);
        expect(await vault.openWithdrawals()).to.equal(0n);
        expect(await vault.totalSupply()).to.equal(supply); // escrowed, not burnt
        expect(await vault.totalAssets()).to.equal(total);
      });
    });

    describe("when the buffer does not cover it", function () {
      it("reserves the whole free buffer and queues the rest in the manager", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, restakingManager, lst, alice, pool } = fixture;
        const shares = ether(40) * VIRTUAL_SHARES;
        const [supply, total, idle] = await Promise.all([
          vault.totalSupply(),
          vault.totalAssets(),
          vault.idleAssets(),
        ]);
        const assets = assetsFor(shares, supply, total);
        const shortfall = assets - idle; // ~25 LST from the manager
        const withdrawalId = (await restakingManager.withdrawalCount()) + 1n;
        const readyAt = BigInt(await time.latest()) + 1n + DELAY;
        await expect(vault.connect(alice).requestRedeem(shares))
          .to.emit(vault, "RedeemRequested")
          .withArgs(1n, alice.address, shares, assets, idle, withdrawalId, readyAt)
          .and.to.emit(restakingManager, "WithdrawalQueued");
        const request = await vault.getRedeemRequest(1n);
        expect(request.withdrawalId).to.equal(withdrawalId);
        expect(await restakingManager.completableAt(withdrawalId)).to.equal(readyAt);
        const withdrawal = await restakingManager.getWithdrawal(withdrawalId);
        expect(withdrawal.staker).to.equal(await vault.getAddress());
        expect(request.scaledShares).to.equal(withdrawal.scaledShares);
        const [, queuedValue] = await restakingManager.previewWithdrawal(withdrawalId);
        expectAtMost(shortfall, queuedValue, "the queue covers the shortfall");
        expectEqualWithinRounding(queuedValue, shortfall, "and no more than rounding", 2n);
        expect(await vault.openWithdrawals()).to.equal(1n);
        expect(await vault.reservedAssets()).to.equal(idle);
        // Moving LST from "restaked" to "queued" changes totalAssets by the vault's rounding margin
        // only: with one open withdrawal, 2 shares and 2 wei (see `_managerAssets`).
        expectEqualWithinRounding(await vault.totalAssets(), total, "totalAssets", 4n);
        expectAtMost(await vault.totalAssets(), total, "totalAssets never rises on a request");
        await checkLRTInvariants({ vault, restakingManager, lst, pool }, "request");
      });
    });

    describe("when a second request finds the buffer reserved", function () {
      it("queues all of it in the manager", async function () {
        const { vault, alice, bob } = await networkHelpers.loadFixture(restakedVaultFixture);
        await vault.connect(alice).requestRedeem(ether(15) * VIRTUAL_SHARES);
        const shares = ether(5) * VIRTUAL_SHARES;
        await vault.connect(bob).requestRedeem(shares);
        const request = await vault.getRedeemRequest(2n);
        expect(request.fromBuffer).to.equal(0n);
        expect(request.withdrawalId).to.not.equal(0n);
      });
    });

    describe("when the shares are worth nothing", function () {
      it("reverts with ZeroAssets(shares) for 0 shares and for dust below 1 wei", async function () {
        const { vault, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
        await expect(vault.connect(alice).requestRedeem(0n))
          .to.be.revertedWithCustomError(vault, "ZeroAssets")
          .withArgs(0n);
        await expect(vault.connect(alice).requestRedeem(1n))
          .to.be.revertedWithCustomError(vault, "ZeroAssets")
          .withArgs(1n);
      });
    });

    describe("when the owner holds fewer shares", function () {
      it("reverts with ERC20InsufficientBalance(owner, balance, shares)", async function () {
        const { vault, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
        const balance = await vault.balanceOf(alice.address);
        await expect(vault.connect(alice).requestRedeem(balance + 1n))
          .to.be.revertedWithCustomError(vault, "ERC20InsufficientBalance")
          .withArgs(alice.address, balance, balance + 1n);
      });
    });

    describe("when the vault is paused", function () {
      it("reverts with EnforcedPause", async function () {
        const { vault, alice, guardian } = await networkHelpers.loadFixture(restakedVaultFixture);
        await vault.connect(guardian).pause();
        await expect(vault.connect(alice).requestRedeem(ether(1))).to.be.revertedWithCustomError(
          vault,
          "EnforcedPause",
        );
      });
    });
  });

  describe("claimRedeem", function () {
    describe("when the last holders leave before the rewards they were valued with are harvested", function () {
      it("compounds the vault's earned rewards itself and pays every claim in full", async function () {
        // 150 LST (15 idle, 135 restaked) and 9 LST earned (8.1 net). alice (100) then bob (50) ask
        // for everything: 158.1 LST of value, of which 8.1 sits in the manager as rewards, not
        // restaked: bob's claim could not be paid until the manager role harvested.
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, lst, alice, bob } = fixture;
        await avsPaysRewards(fixture, ether(10));
        await vault.connect(alice).requestRedeem(await vault.balanceOf(alice.address));
        await vault.connect(bob).requestRedeem(await vault.balanceOf(bob.address));
        const [aliceRequest, bobRequest] = await Promise.all([
          vault.getRedeemRequest(1n),
          vault.getRedeemRequest(2n),
        ]);
        await time.increaseTo(bobRequest.readyAt);
        await vault.connect(alice).claimRedeem(1n);
        expectEqualWithinRounding(
          await lst.balanceOf(alice.address),
          aliceRequest.assets,
          "alice is paid her value",
          3n,
        );
        const idle = await vault.idleAssets();
        expect(bobRequest.assets > idle, "bob's value exceeds the idle LST").to.equal(true);
        await expect(vault.connect(bob).claimRedeem(2n)).to.emit(vault, "RewardsHarvested");
        const bobBalance = await lst.balanceOf(bob.address);
        expectAtMost(bobBalance, bobRequest.assets, "never more than the value at request");
        expectEqualWithinRounding(bobBalance, bobRequest.assets, "bob is paid his value", 3n);
      });
    });

    describe("when served from the buffer and nothing changed", function () {
      it("pays the value at request, burns the escrowed shares and releases the reserve", async function () {
        const { vault, lst, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
        const shares = ether(10) * VIRTUAL_SHARES;
        await vault.connect(alice).requestRedeem(shares);
        const { assets, readyAt } = await vault.getRedeemRequest(1n);
        await time.increaseTo(readyAt);
        const [supply, idle, balance] = await Promise.all([
          vault.totalSupply(),
          vault.idleAssets(),
          lst.balanceOf(alice.address),
        ]);
        expect(await vault.previewClaimRedeem(1n)).to.equal(assets);
        await expect(vault.connect(alice).claimRedeem(1n))
          .to.emit(vault, "RedeemClaimed")
          .withArgs(1n, alice.address, shares, assets)
          .and.to.emit(vault, "Withdraw")
          .withArgs(alice.address, alice.address, alice.address, assets, shares);
        expect(await lst.balanceOf(alice.address)).to.equal(balance + assets);
        expect(await vault.totalSupply()).to.equal(supply - shares);
        expect(await vault.idleAssets()).to.equal(idle - assets);
        expect(await vault.reservedAssets()).to.equal(0n);
        expect((await vault.getRedeemRequest(1n)).claimed).to.equal(true);
        expect(await vault.previewClaimRedeem(1n)).to.equal(0n);
      });
    });

    describe("when part of it was queued in the manager", function () {
      it("completes the manager's withdrawal into the buffer, then pays", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, restakingManager, lst, alice, pool } = fixture;
        await vault.connect(alice).requestRedeem(ether(40) * VIRTUAL_SHARES);
        const { assets, readyAt, withdrawalId } = await vault.getRedeemRequest(1n);
        const [, queuedValue] = await restakingManager.previewWithdrawal(withdrawalId);
        await time.increaseTo(readyAt);
        const balance = await lst.balanceOf(alice.address);
        await expect(vault.connect(alice).claimRedeem(1n))
          .to.emit(vault, "RestakedWithdrawalCompleted")
          .withArgs(withdrawalId, queuedValue)
          .and.to.emit(restakingManager, "WithdrawalCompleted");
        expect(await lst.balanceOf(alice.address)).to.equal(balance + assets);
        expect(await vault.openWithdrawals()).to.equal(0n);
        expect(await vault.queuedScaledShares()).to.equal(0n);
        expect(await vault.queuedAssets()).to.equal(0n);
        await checkLRTInvariants({ vault, restakingManager, lst, pool }, "claim");
      });
    });

    describe("when the operator was slashed after the request", function () {
      it("pays the lower value at claim: the requester bears the slash", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, lst, alice } = fixture;
        const shares = ether(10) * VIRTUAL_SHARES;
        await vault.connect(alice).requestRedeem(shares);
        const { assets: atRequest, readyAt } = await vault.getRedeemRequest(1n);
        await avsSlashes(fixture, WAD / 10n); // 5 % of the 135 restaked LST
        const [supply, total] = await Promise.all([vault.totalSupply(), vault.totalAssets()]);
        const atClaim = assetsFor(shares, supply, total);
        expect(atClaim < atRequest, "the slash lowered the request's value").to.equal(true);
        await time.increaseTo(readyAt);
        const balance = await lst.balanceOf(alice.address);
        await vault.connect(alice).claimRedeem(1n);
        expect(await lst.balanceOf(alice.address)).to.equal(balance + atClaim);
      });
    });

    describe("when the vault earned after the request", function () {
      it("pays the value at request: the rise stays with the other holders", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, lst, alice, bob, manager } = fixture;
        const shares = ether(10) * VIRTUAL_SHARES;
        await vault.connect(alice).requestRedeem(shares);
        const { assets: atRequest, readyAt } = await vault.getRedeemRequest(1n);
        await avsPaysRewards(fixture, ether(10));
        await vault.connect(manager).harvestRewards();
        await time.increaseTo(readyAt);
        const bobValueBefore = await vault.convertToAssets(await vault.balanceOf(bob.address));
        const balance = await lst.balanceOf(alice.address);
        await vault.connect(alice).claimRedeem(1n);
        expect(await lst.balanceOf(alice.address)).to.equal(balance + atRequest);
        const bobValueAfter = await vault.convertToAssets(await vault.balanceOf(bob.address));
        expectAtMost(bobValueBefore, bobValueAfter, "bob gains what alice gave up");
      });
    });

    describe("when the request does not exist", function () {
      it("reverts with UnknownRequest(id) for 0 and for the next id", async function () {
        const { vault, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
        await vault.connect(alice).requestRedeem(ether(1) * VIRTUAL_SHARES);
        for (const id of [0n, 2n]) {
          await expect(vault.connect(alice).claimRedeem(id))
            .to.be.revertedWithCustomError(vault, "UnknownRequest")
            .withArgs(id);
          await expect(vault.getRedeemRequest(id))
            .to.be.revertedWithCustomError(vault, "UnknownRequest")
            .withArgs(id);
          await expect(vault.previewClaimRedeem(id))
            .to.be.revertedWithCustomError(vault, "UnknownRequest")
            .withArgs(id);
        }
      });
    });

    describe("when the caller is not the owner", function () {
      it("reverts with NotRequestOwner(id, caller, owner)", async function () {
        const { vault, alice, stranger } = await networkHelpers.loadFixture(restakedVaultFixture);
        await vault.connect(alice).requestRedeem(ether(1) * VIRTUAL_SHARES);
        await time.increase(DELAY);
        await expect(vault.connect(stranger).claimRedeem(1n))
          .to.be.revertedWithCustomError(vault, "NotRequestOwner")
          .withArgs(1n, stranger.address, alice.address);
      });
    });

    describe("when the delay has not passed", function () {
      it("reverts with RedeemNotReady(id, readyAt, now), one second before readyAt", async function () {
        const { vault, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
        await vault.connect(alice).requestRedeem(ether(1) * VIRTUAL_SHARES);
        const { readyAt } = await vault.getRedeemRequest(1n);
        await time.setNextBlockTimestamp(readyAt - 1n);
        await expect(vault.connect(alice).claimRedeem(1n))
          .to.be.revertedWithCustomError(vault, "RedeemNotReady")
          .withArgs(1n, readyAt, readyAt - 1n);
      });
    });

    describe("when it was already claimed", function () {
      it("reverts with AlreadyClaimed(id)", async function () {
        const { vault, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
        await vault.connect(alice).requestRedeem(ether(1) * VIRTUAL_SHARES);
        await time.increase(DELAY);
        await vault.connect(alice).claimRedeem(1n);
        await expect(vault.connect(alice).claimRedeem(1n))
          .to.be.revertedWithCustomError(vault, "AlreadyClaimed")
          .withArgs(1n);
      });
    });

    describe("when the vault is paused", function () {
      it("reverts with EnforcedPause, and pays after unpausing", async function () {
        const { vault, alice, guardian } = await networkHelpers.loadFixture(restakedVaultFixture);
        await vault.connect(alice).requestRedeem(ether(1) * VIRTUAL_SHARES);
        await time.increase(DELAY);
        await vault.connect(guardian).pause();
        await expect(vault.connect(alice).claimRedeem(1n)).to.be.revertedWithCustomError(
          vault,
          "EnforcedPause",
        );
        await vault.connect(guardian).unpause();
        await expect(vault.connect(alice).claimRedeem(1n)).to.emit(vault, "RedeemClaimed");
      });
    });
  });

  describe("setBufferBps", function () {
    it("sets the buffer (boundary: 100 %)", async function () {
      const { vault, admin } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(admin).setBufferBps(BPS))
        .to.emit(vault, "BufferBpsChanged")
        .withArgs(realistic.lrtBufferBps, BPS);
      expect(await vault.bufferBps()).to.equal(BPS);
    });

    it("reverts with InvalidParameter(bufferBps, value) above 100 %", async function () {
      const { vault, admin } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(admin).setBufferBps(BPS + 1n))
        .to.be.revertedWithCustomError(vault, "InvalidParameter")
        .withArgs("bufferBps", BPS + 1n);
    });

    it("reverts with AccessControlUnauthorizedAccount for a stranger", async function () {
      const { vault, stranger } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(stranger).setBufferBps(0n))
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await vault.DEFAULT_ADMIN_ROLE());
    });
  });

  describe("setFeeBps", function () {
    it("sets the fee (boundary: MAX_FEE_BPS)", async function () {
      const { vault, admin } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      const max = await vault.MAX_FEE_BPS();
      await expect(vault.connect(admin).setFeeBps(max))
        .to.emit(vault, "FeeChanged")
        .withArgs(realistic.lrtFeeBps, max);
      expect(await vault.feeBps()).to.equal(max);
    });

    it("charges the old fee on rewards earned before the change: it compounds them first, so totalAssets does not jump", async function () {
      // 10 LST paid, 9 earned by the vault, counted net of the 10 % fee (8.1). Lowering the fee to 0
      // without compounding would add 0.9 LST to totalAssets at once: a deposit just before the
      // change would take a share of it from the holders.
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, admin, restakingManager, lst, treasury } = fixture;
      await avsPaysRewards(fixture, ether(10));
      const claimable = await restakingManager.claimableRewards(
        await vault.getAddress(),
        await lst.getAddress(),
      );
      const fee = mulDiv(claimable, realistic.lrtFeeBps, BPS); // 0.9 LST, at the old fee
      const [supply, total] = await Promise.all([vault.totalSupply(), vault.totalAssets()]);
      // The harvest's formula: fee × (supply + 10^3) / (totalAssets after the claim − fee + 1).
      const feeShares = mulDiv(fee, supply + VIRTUAL_SHARES, total + 1n);
      await expect(vault.connect(admin).setFeeBps(0n))
        .to.emit(vault, "RewardsHarvested")
        .withArgs(claimable, fee, feeShares, treasury.address)
        .and.to.emit(vault, "FeeChanged")
        .withArgs(realistic.lrtFeeBps, 0n);
      expect(await vault.totalAssets(), "the holders' value is unchanged").to.equal(total + fee);
      expect(await vault.convertToAssets(ether(1) * VIRTUAL_SHARES)).to.equal(
        assetsFor(ether(1) * VIRTUAL_SHARES, supply + feeShares, total + fee),
      );
      expect(await vault.earnedRewards()).to.equal(0n);
    });

    it("reverts with InvalidParameter(feeBps, value) above MAX_FEE_BPS", async function () {
      const { vault, admin } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      const tooHigh = (await vault.MAX_FEE_BPS()) + 1n;
      await expect(vault.connect(admin).setFeeBps(tooHigh))
        .to.be.revertedWithCustomError(vault, "InvalidParameter")
        .withArgs("feeBps", tooHigh);
    });

    it("reverts with AccessControlUnauthorizedAccount for a stranger", async function () {
      const { vault, stranger } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(stranger).setFeeBps(0n))
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await vault.DEFAULT_ADMIN_ROLE());
    });
  });

  describe("setTreasury", function () {
    it("sets where the fee shares go", async function () {
      const { vault, admin, treasury, carol } =
        await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(admin).setTreasury(carol.address))
        .to.emit(vault, "TreasuryChanged")
        .withArgs(treasury.address, carol.address);
      expect(await vault.treasury()).to.equal(carol.address);
    });

    it("reverts with ZeroAddress(treasury) for the zero address", async function () {
      const { vault, admin } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(admin).setTreasury(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(vault, "ZeroAddress")
        .withArgs("treasury");
    });

    it("reverts with AccessControlUnauthorizedAccount for a stranger", async function () {
      const { vault, stranger } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(stranger).setTreasury(stranger.address))
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await vault.DEFAULT_ADMIN_ROLE());
    });
  });

  describe("pause and unpause", function () {
    it("lets the pauser stop and resume the vault", async function () {
      const { vault, guardian } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      await expect(vault.connect(guardian).pause())
        .to.emit(vault, "Paused")
        .withArgs(guardian.address);
      expect(await vault.paused()).to.equal(true);
      await expect(vault.connect(guardian).unpause())
        .to.emit(vault, "Unpaused")
        .withArgs(guardian.address);
      expect(await vault.paused()).to.equal(false);
    });

    it("reverts with AccessControlUnauthorizedAccount for a stranger", async function () {
      const { vault, stranger, guardian } = await networkHelpers.loadFixture(deployLRTVaultFixture);
      const role = await vault.PAUSER_ROLE();
      await expect(vault.connect(stranger).pause())
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, role);
      await vault.connect(guardian).pause();
      await expect(vault.connect(stranger).unpause())
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, role);
    });

    it("leaves LRT transfers and the manager's functions running", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, alice, bob, guardian, manager } = fixture;
      await vault.connect(guardian).pause();
      await expect(vault.connect(alice).transfer(bob.address, 1n)).to.emit(vault, "Transfer");
      await avsPaysRewards(fixture, ether(1));
      await expect(vault.connect(manager).harvestRewards()).to.emit(vault, "RewardsHarvested");
    });
  });

  describe("totalAssets", function () {
    it("is idle + restaked after slashing + queued after slashing", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, restakingManager, lst, pool, alice } = fixture;
      await vault.connect(alice).requestRedeem(ether(40) * VIRTUAL_SHARES);
      await avsSlashes(fixture, WAD / 10n);
      const [idle, restaked, queued] = await Promise.all([
        vault.idleAssets(),
        vault.restakedAssets(),
        vault.queuedAssets(),
      ]);
      expect(await vault.totalAssets()).to.equal(idle + restaked + queued);
      expect(restaked).to.equal(
        await restakingManager.withdrawableUnderlying(
          await vault.getAddress(),
          await lst.getAddress(),
        ),
      );
      await checkLRTInvariants(
        { vault, restakingManager, lst, pool },
        "slash with a queued withdrawal",
      );
    });

    it("ignores LST sent to the vault directly (a donation)", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, lst, stranger } = fixture;
      const total = await vault.totalAssets();
      const donated = await buyLstForVault(fixture, stranger, ether(7));
      await lst.connect(stranger).transfer(await vault.getAddress(), donated);
      expect(await vault.totalAssets()).to.equal(total);
    });

    // `totalAssets` asks the manager for the vault's rewards only if one of its operator's streams ran
    // after the last harvest (`operatorStrategyState`'s `rewardsActiveUntil`): these walk the cases
    // where it must ask.
    describe("after a harvest", function () {
      /** The vault's share of `paid` net of the operator's split and the fee (it is the only delegator). */
      function netOf(paid: bigint): bigint {
        const rewards = paid - mulDiv(paid, realistic.operatorSplitBps, BPS);
        return rewards - mulDiv(rewards, realistic.lrtFeeBps, BPS);
      }

      it("counts the rewards of a payment made after it", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, manager } = fixture;
        await avsPaysRewards(fixture, ether(10));
        await vault.connect(manager).harvestRewards();
        const total = await vault.totalAssets();
        expect(await vault.earnedRewards(), "nothing left after the harvest").to.equal(0n);
        await avsPaysRewards(fixture, ether(20));
        const net = netOf(ether(20)); // 20 − 10 % split − 10 % fee = 16.2 LST
        expectEqualWithinRounding(await vault.earnedRewards(), net, "16.2 LST earned since", 2n);
        expect(await vault.totalAssets()).to.equal(total + (await vault.earnedRewards()));
      });

      it("counts what a stream still running at the harvest releases after it", async function () {
        const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
        const { vault, manager, restakingManager, pool, lst, avs, operator } = fixture;
        const paid = ether(10);
        const duration = 10n * 86_400n;
        await pool.connect(avs).deposit({ value: 2n * paid });
        await lst.connect(avs).approve(await restakingManager.getAddress(), paid);
        const lstAddress = await lst.getAddress();
        await restakingManager
          .connect(avs)
          .payRewards(operator.address, lstAddress, lstAddress, paid, duration);
        const start = BigInt(await time.latest());
        // Half the stream (4.5 of the vault's 9 LST) is released and harvested at the midpoint...
        await time.setNextBlockTimestamp(start + duration / 2n);
        await vault.connect(manager).harvestRewards();
        const total = await vault.totalAssets();
        // ...and the other half, earned after the harvest, is counted as it streams.
        await time.increaseTo(start + duration);
        const half = netOf(paid) / 2n; // 4.05 LST net
        expectEqualWithinRounding(await vault.earnedRewards(), half, "4.05 LST earned since", 2n);
        expect(await vault.totalAssets()).to.equal(total + (await vault.earnedRewards()));
      });
    });
  });

  describe("views", function () {
    it("ethValueOf values a holder's LRT at the vault rate times the LST rate", async function () {
      const { vault, pool, alice } = await networkHelpers.loadFixture(restakedVaultFixture);
      const shares = await vault.balanceOf(alice.address);
      expect(await vault.ethValueOf(alice.address)).to.equal(
        await pool.getEthByShares(await vault.convertToAssets(shares)),
      );
      expectEqualWithinRounding(
        await vault.ethValueOf(alice.address),
        ether(100),
        "alice's 100 ETH",
      );
    });

    it("reports the restaked scaled shares s·k as the manager sees them", async function () {
      const { vault, restakingManager, lst } =
        await networkHelpers.loadFixture(restakedVaultFixture);
      const vaultAddress = await vault.getAddress();
      const lstAddress = await lst.getAddress();
      const s = await restakingManager.depositShares(vaultAddress, lstAddress);
      const k = await restakingManager.depositScalingFactor(vaultAddress, lstAddress);
      expect(await vault.restakedScaledShares()).to.equal(mulDiv(s, k, WAD));
    });
  });
});
