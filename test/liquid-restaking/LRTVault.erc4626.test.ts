/**
 * The ERC-4626 behaviour of the LRT, as a shared suite run on three vaults: a fresh one, one that
 * compounded service rewards (vault rate above 1) and one whose operator was slashed (vault rate
 * below 1). The suite is the same because the rules are: previews equal results, rounding favours
 * the vault, no round trip creates value. Exits are asynchronous (`requestRedeem` + `claimRedeem`
 * after the restaking delay); the synchronous `withdraw`/`redeem` are disabled with `max… = 0`.
 */
import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import { realistic } from "../../config/profiles.js";
import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import {
  WAD,
  checkLRTInvariants,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
  mulDiv,
  mulDivUp,
} from "../helpers/index.js";
import type {
  DepositPool,
  LiquidStakingToken,
  LRTVault,
  RestakingManager,
} from "../../types/ethers-contracts/index.js";
import { avsPaysRewards, avsSlashes, buyLstForVault } from "./lrt-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deployLRTVaultFixture, restakedVaultFixture } = liquidRestakingFixtures(connection);

const VIRTUAL_SHARES = 1000n;
const DELAY = realistic.restakingWithdrawalDelaySeconds;

/** What the suite needs: the vault and a depositor holding LST approved to it. */
interface VaultState {
  vault: LRTVault;
  lst: LiquidStakingToken;
  pool: DepositPool;
  restakingManager: RestakingManager;
  depositor: HardhatEthersSigner;
  /** What the state is, for messages. */
  label: string;
}

/** A fresh vault: empty and undelegated; carol holds 50 LST approved to it. */
async function freshVaultFixture(): Promise<VaultState> {
  const fixture = await deployLRTVaultFixture();
  await buyLstForVault(fixture, fixture.carol, ether(50));
  return { ...fixture, depositor: fixture.carol, label: "fresh" };
}

/** The restaked vault after the AVS paid 10 LST of rewards and the manager harvested them. */
async function afterRewardsFixture(): Promise<VaultState> {
  const fixture = await restakedVaultFixture();
  await avsPaysRewards(fixture, ether(10));
  await fixture.vault.connect(fixture.manager).harvestRewards();
  await buyLstForVault(fixture, fixture.carol, ether(50));
  return { ...fixture, depositor: fixture.carol, label: "after rewards" };
}

/** The restaked vault after the AVS slashed the operator 10 % of its 50 % allocation. */
async function afterSlashingFixture(): Promise<VaultState> {
  const fixture = await restakedVaultFixture();
  await avsSlashes(fixture, WAD / 10n);
  await buyLstForVault(fixture, fixture.carol, ether(50));
  return { ...fixture, depositor: fixture.carol, label: "after a slashing" };
}

/** Requests `shares`, waits for the delay, claims; returns the LST received. */
async function redeemThroughQueue(
  vault: LRTVault,
  lst: LiquidStakingToken,
  who: HardhatEthersSigner,
  shares: bigint,
) {
  await vault.connect(who).requestRedeem(shares);
  const id = await vault.redeemRequestCount();
  await time.increase(DELAY);
  const before = await lst.balanceOf(who.address);
  await vault.connect(who).claimRedeem(id);
  return (await lst.balanceOf(who.address)) - before;
}

function shouldBehaveLikeAnAsyncERC4626(load: () => Promise<VaultState>) {
  describe("conversions", function () {
    it("round down both ways with 10^3 virtual shares and 1 virtual wei", async function () {
      const { vault } = await load();
      const [supply, total] = await Promise.all([vault.totalSupply(), vault.totalAssets()]);
      for (const amount of [1n, 10n ** 18n, 12_345n * 10n ** 15n]) {
        expect(await vault.convertToShares(amount)).to.equal(
          mulDiv(amount, supply + VIRTUAL_SHARES, total + 1n),
        );
        expect(await vault.convertToAssets(amount * VIRTUAL_SHARES)).to.equal(
          mulDiv(amount * VIRTUAL_SHARES, total + 1n, supply + VIRTUAL_SHARES),
        );
      }
    });

    it("keep INV-8 and the vault's bookkeeping", async function () {
      const state = await load();
      await checkLRTInvariants(state, state.label);
    });
  });

  describe("deposit", function () {
    it("mints exactly previewDeposit, for 1 wei, 1 LST and an odd amount", async function () {
      const { vault, depositor } = await load();
      for (const assets of [1n, ether(1), 12_345_678_901_234_567n]) {
        const preview = await vault.previewDeposit(assets);
        const before = await vault.balanceOf(depositor.address);
        await vault.connect(depositor).deposit(assets, depositor.address);
        expect((await vault.balanceOf(depositor.address)) - before, `deposit ${assets}`).to.equal(
          preview,
        );
      }
    });

    it("mints 0 shares for 0 assets", async function () {
      const { vault, depositor } = await load();
      await expect(vault.connect(depositor).deposit(0n, depositor.address))
        .to.emit(vault, "Deposit")
        .withArgs(depositor.address, depositor.address, 0n, 0n);
    });

    it("never lowers the value of the shares already out", async function () {
      const { vault, depositor } = await load();
      const oneLrt = 10n ** 21n;
      const before = await vault.convertToAssets(oneLrt);
      await vault.connect(depositor).deposit(12_345_678_901_234_567n, depositor.address);
      expectAtMost(before, await vault.convertToAssets(oneLrt), "value of one LRT");
    });

    it("allows any amount (maxDeposit and maxMint are unlimited)", async function () {
      const { vault, depositor } = await load();
      expect(await vault.maxDeposit(depositor.address)).to.equal(ethers.MaxUint256);
      expect(await vault.maxMint(depositor.address)).to.equal(ethers.MaxUint256);
    });
  });

  describe("mint", function () {
    it("takes exactly previewMint, rounded up, for 1 unit, 1 wei's worth and 1 LRT", async function () {
      const { vault, lst, depositor } = await load();
      for (const shares of [1n, VIRTUAL_SHARES, 10n ** 21n]) {
        const [supply, total] = await Promise.all([vault.totalSupply(), vault.totalAssets()]);
        const preview = await vault.previewMint(shares);
        expect(preview, `previewMint ${shares}`).to.equal(
          mulDivUp(shares, total + 1n, supply + VIRTUAL_SHARES),
        );
        expect(preview > 0n, "a share never costs nothing").to.equal(true);
        const before = await lst.balanceOf(depositor.address);
        await vault.connect(depositor).mint(shares, depositor.address);
        expect(before - (await lst.balanceOf(depositor.address)), `mint ${shares}`).to.equal(
          preview,
        );
      }
    });
  });

  describe("round trips through requestRedeem and claimRedeem", function () {
    it("deposit then redeem everything returns at most the deposit, less only rounding", async function () {
      const { vault, lst, depositor } = await load();
      const assets = ether(5);
      const shares = await vault.previewDeposit(assets);
      await vault.connect(depositor).deposit(assets, depositor.address);
      const received = await redeemThroughQueue(vault, lst, depositor, shares);
      expectAtMost(received, assets, "received ≤ deposited");
      expectEqualWithinRounding(received, assets, "received ≈ deposited");
    });

    it("mint then redeem everything returns at most what the mint took", async function () {
      const { vault, lst, depositor } = await load();
      const shares = 3n * 10n ** 21n;
      const cost = await vault.previewMint(shares);
      await vault.connect(depositor).mint(shares, depositor.address);
      const received = await redeemThroughQueue(vault, lst, depositor, shares);
      expectAtMost(received, cost, "received ≤ paid");
      expectEqualWithinRounding(received, cost, "received ≈ paid");
    });

    it("records previewRedeem at request and pays it at claim when nothing changed", async function () {
      const { vault, lst, depositor } = await load();
      await vault.connect(depositor).deposit(ether(5), depositor.address);
      const shares = await vault.balanceOf(depositor.address);
      const preview = await vault.previewRedeem(shares);
      await vault.connect(depositor).requestRedeem(shares);
      const id = await vault.redeemRequestCount();
      expect((await vault.getRedeemRequest(id)).assets).to.equal(preview);
      await time.increase(DELAY);
      const before = await lst.balanceOf(depositor.address);
      await vault.connect(depositor).claimRedeem(id);
      expect((await lst.balanceOf(depositor.address)) - before).to.equal(preview);
    });

    it("pays at least `assets` for the previewWithdraw(assets) shares (rounded up)", async function () {
      const { vault, depositor } = await load();
      await vault.connect(depositor).deposit(ether(5), depositor.address);
      const assets = ether(2) + 7n;
      const shares = await vault.previewWithdraw(assets);
      await vault.connect(depositor).requestRedeem(shares);
      const { assets: recorded } = await vault.getRedeemRequest(await vault.redeemRequestCount());
      expectAtMost(assets, recorded, "the shares burnt are worth at least the assets asked");
    });
  });

  describe("withdraw and redeem", function () {
    it("are disabled for everyone: max is 0 and both revert", async function () {
      const { vault, depositor } = await load();
      await vault.connect(depositor).deposit(ether(1), depositor.address);
      expect(await vault.maxWithdraw(depositor.address)).to.equal(0n);
      expect(await vault.maxRedeem(depositor.address)).to.equal(0n);
      await expect(vault.connect(depositor).redeem(1n, depositor.address, depositor.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(depositor.address, 1n, 0n);
      await expect(vault.connect(depositor).withdraw(1n, depositor.address, depositor.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxWithdraw")
        .withArgs(depositor.address, 1n, 0n);
    });
  });
}

describe("LRTVault as an ERC-4626 vault", function () {
  describe("on a fresh vault", function () {
    shouldBehaveLikeAnAsyncERC4626(() => networkHelpers.loadFixture(freshVaultFixture));
  });

  describe("after service rewards were compounded (vault rate above 1)", function () {
    shouldBehaveLikeAnAsyncERC4626(() => networkHelpers.loadFixture(afterRewardsFixture));

    it("has a vault rate above 1", async function () {
      const { vault } = await networkHelpers.loadFixture(afterRewardsFixture);
      expect((await vault.convertToAssets(10n ** 21n)) > ether(1)).to.equal(true);
    });
  });

  describe("after a slashing (vault rate below 1)", function () {
    shouldBehaveLikeAnAsyncERC4626(() => networkHelpers.loadFixture(afterSlashingFixture));

    it("has a vault rate below 1", async function () {
      const { vault } = await networkHelpers.loadFixture(afterSlashingFixture);
      expect((await vault.convertToAssets(10n ** 21n)) < ether(1)).to.equal(true);
    });
  });
});
