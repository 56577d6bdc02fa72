/**
 * DESIGN §11 against the LRT: each attack is tried and shown failing (or bounded, with the bound
 * stated). First-depositor inflation, donation, a deposit at a stale rate, leaving right before a
 * known slash, depositing before a harvest and leaving after it, a slash between a withdrawal's
 * maturity and its claim, and reentrancy on the claim through a token hook.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { realistic } from "../../config/profiles.js";
import { liquidRestakingFixtures } from "../helpers/fixtures/liquid-restaking.js";
import {
  WAD,
  checkLRTInvariants,
  ether,
  expectAtMost,
  expectEqualWithinRounding,
  mulDiv,
} from "../helpers/index.js";
import { avsPaysRewards, avsSlashes, buyLstForVault } from "./lrt-helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;
const { deployLRTVaultFixture, delegatedVaultFixture, restakedVaultFixture } =
  liquidRestakingFixtures(connection);

const VIRTUAL_SHARES = 1000n;
const DELAY = realistic.restakingWithdrawalDelaySeconds;

/**
 * A vault over a token with a transfer hook (through a two-view mock pool), the real restaking
 * manager, an attacker contract that reenters on the hook, and alice with 10 tokens in the vault.
 */
async function hookedVaultFixture() {
  const fixture = await deployLRTVaultFixture();
  const { admin, treasury, restakingManager, alice } = fixture;
  const hooked = await ethers.deployContract("HookedToken");
  const mockPool = await ethers.deployContract("LRTMockDepositPool", [await hooked.getAddress()]);
  const vault = await ethers.deployContract("LRTVault", [
    admin.address,
    await mockPool.getAddress(),
    await restakingManager.getAddress(),
    treasury.address,
    realistic.lrtBufferBps,
    realistic.lrtFeeBps,
  ]);
  const attacker = await ethers.deployContract("LRTReentrantReceiver", [
    await vault.getAddress(),
    await hooked.getAddress(),
  ]);
  await hooked.mint(alice.address, ether(10));
  await hooked.connect(alice).approve(await vault.getAddress(), ether(10));
  await vault.connect(alice).deposit(ether(10), alice.address);
  await hooked.mint(await attacker.getAddress(), ether(10));
  await attacker.depositAndRequest(ether(10));
  return { ...fixture, hooked, vault, attacker };
}

describe("LRTVault attacks", function () {
  describe("first-depositor inflation", function () {
    it("fails: a donation after a 1-wei first deposit does not move totalAssets", async function () {
      const fixture = await networkHelpers.loadFixture(deployLRTVaultFixture);
      const { vault, lst, alice, stranger } = fixture;
      // 1. The attacker deposits 1 wei of LST first: 10^3 shares.
      await buyLstForVault(fixture, stranger, ether(11));
      await vault.connect(stranger).deposit(1n, stranger.address);
      expect(await vault.balanceOf(stranger.address), "1. 1 wei buys 10^3 shares").to.equal(
        VIRTUAL_SHARES,
      );
      // 2. It "donates" 10 LST straight to the vault, hoping to make one share worth 5 LST.
      await lst.connect(stranger).transfer(await vault.getAddress(), ether(10));
      expect(await vault.totalAssets(), "2. the donation is not counted").to.equal(1n);
      // 3. alice deposits 10 LST: she gets the same shares as if nothing had happened.
      const aliceAssets = await buyLstForVault(fixture, alice, ether(10));
      const expected = mulDiv(aliceAssets, VIRTUAL_SHARES + VIRTUAL_SHARES, 1n + 1n);
      await vault.connect(alice).deposit(aliceAssets, alice.address);
      expect(await vault.balanceOf(alice.address), "3. alice's shares").to.equal(expected);
      expectEqualWithinRounding(
        await vault.convertToAssets(expected),
        aliceAssets,
        "3. alice's shares are worth her deposit",
      );
      // 4. The attacker's shares are still worth about its 1 wei: the 10 LST are lost to it.
      expectAtMost(
        await vault.convertToAssets(VIRTUAL_SHARES),
        1n,
        "4. the attacker's 10^3 shares are worth at most 1 wei",
      );
    });

    it("costs the attacker far more than it takes even when totalAssets really jumps", async function () {
      // The only way up for totalAssets is a harvest. Suppose the attacker deposits first, controls
      // an AVS the operator opted in to, and pays rewards that the manager routinely harvests:
      // the 10^3 virtual shares then capture most of what it adds, and the victim loses at most
      // the value of one share to rounding.
      const fixture = await networkHelpers.loadFixture(delegatedVaultFixture);
      const { vault, carol, stranger, manager } = fixture;
      // 1. The attacker deposits 10 wei: 10^4 shares; the manager restakes 9 wei (1 wei of buffer).
      await buyLstForVault(fixture, stranger, ether(1));
      await vault.connect(stranger).deposit(10n, stranger.address);
      await vault.connect(manager).restake(9n);
      // 2. Its AVS pays 100 LST of rewards; the harvest compounds 90 (the operator keeps 10 %).
      const paid = ether(100);
      await avsPaysRewards(fixture, paid);
      await vault.connect(manager).harvestRewards();
      const [supply, total] = await Promise.all([vault.totalSupply(), vault.totalAssets()]);
      // 3. carol deposits 10 LST.
      const assets = await buyLstForVault(fixture, carol, ether(10));
      const shares = mulDiv(assets, supply + VIRTUAL_SHARES, total + 1n);
      await vault.connect(carol).deposit(assets, carol.address);
      expect(await vault.balanceOf(carol.address), "3. carol's shares").to.equal(shares);
      const oneShare = mulDiv(1n, total + assets + 1n, supply + shares + VIRTUAL_SHARES) + 1n;
      const carolValue = await vault.convertToAssets(shares);
      expectAtMost(assets - carolValue, oneShare, "3. carol loses at most one share's worth");
      expectAtMost(assets - carolValue, assets / 1000n, "3. which is under 0.1 % of her deposit");
      // 4. The attacker paid 100 LST and its shares are worth far less.
      const attackerValue = await vault.convertToAssets(10n * VIRTUAL_SHARES);
      expectAtMost(
        attackerValue,
        (paid * 3n) / 4n,
        "4. the attacker keeps under 75 of its 100 LST",
      );
    });
  });

  describe("donation", function () {
    it("fails: LST sent to the vault or to the manager moves neither totalAssets nor the rate", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, lst, restakingManager, pool, stranger } = fixture;
      const oneLrt = 10n ** 21n;
      const [total, rate, idle] = await Promise.all([
        vault.totalAssets(),
        vault.convertToAssets(oneLrt),
        vault.idleAssets(),
      ]);
      const donated = await buyLstForVault(fixture, stranger, ether(20));
      await lst.connect(stranger).transfer(await vault.getAddress(), donated / 2n);
      await lst.connect(stranger).transfer(await restakingManager.getAddress(), donated / 2n);
      expect(await vault.totalAssets(), "totalAssets").to.equal(total);
      expect(await vault.convertToAssets(oneLrt), "vault rate").to.equal(rate);
      expect(await vault.idleAssets(), "idle LST counted").to.equal(idle);
      expect(
        await lst.balanceOf(await vault.getAddress()),
        "the donated LST are held, not counted",
      ).to.equal(idle + donated / 2n);
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "after donations");
    });
  });

  describe("deposit at a stale rate", function () {
    it("without a bound mints fewer shares than quoted; with minShares it reverts", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, pool, carol, bob, manager } = fixture;
      const eth = ether(10);
      // Both quote at today's rates (LST rate 1, vault rate 1)...
      const quoted = await vault.previewDeposit(await pool.getSharesByEth(eth));
      // ...then a harvest lands first and raises the vault rate.
      await avsPaysRewards(fixture, ether(10));
      await vault.connect(manager).harvestRewards();
      const actual = await vault.previewDeposit(await pool.getSharesByEth(eth));
      // carol set no bound: her deposit goes through at the new rate, below her quote.
      await vault.connect(carol).depositETH(carol.address, 0n, { value: eth });
      expect(await vault.balanceOf(carol.address), "carol got fewer shares than quoted").to.equal(
        actual,
      );
      expect(actual < quoted, "fewer than quoted").to.equal(true);
      // bob set minShares to his quote: the deposit reverts and his ETH stays with him.
      await expect(vault.connect(bob).depositETH(bob.address, quoted, { value: eth }))
        .to.be.revertedWithCustomError(vault, "SlippageExceeded")
        .withArgs(actual, quoted);
    });
  });

  describe("withdrawing right before a known slash", function () {
    it("fails: the request still pays the slash, exactly as a holder who stayed", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, lst, alice, bob, restakingManager, pool } = fixture;
      // alice sees the AVS's slashing transaction coming and asks to leave; the buffer could pay
      // her at once, but no exit is synchronous.
      const shares = ether(10) * VIRTUAL_SHARES;
      await expect(vault.connect(alice).redeem(shares, alice.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(alice.address, shares, 0n);
      await vault.connect(alice).requestRedeem(shares);
      const { assets: atRequest, readyAt } = await vault.getRedeemRequest(1n);
      await expect(vault.connect(alice).claimRedeem(1n)).to.be.revertedWithCustomError(
        vault,
        "RedeemNotReady",
      );
      const bobShares = await vault.balanceOf(bob.address);
      const bobBefore = await vault.convertToAssets(bobShares);
      // The slash: 10 % of a 50 % allocation, 5 % of the 135 restaked LST of 150: 4.5 % of the vault.
      await avsSlashes(fixture, WAD / 10n);
      const lossWad = mulDiv(ether(135), WAD / 20n, ether(150)); // 0.045e18
      await time.increaseTo(readyAt);
      const before = await lst.balanceOf(alice.address);
      await vault.connect(alice).claimRedeem(1n);
      const paid = (await lst.balanceOf(alice.address)) - before;
      expectEqualWithinRounding(
        paid,
        atRequest - mulDiv(atRequest, lossWad, WAD),
        "alice is paid 95.5 % of her request",
      );
      expectEqualWithinRounding(
        await vault.convertToAssets(bobShares),
        bobBefore - mulDiv(bobBefore, lossWad, WAD),
        "bob, who stayed, lost the same 4.5 %",
      );
      await checkLRTInvariants({ vault, restakingManager, lst, pool }, "after the slash and claim");
    });
  });

  describe("depositing between a reward payment and its harvest, leaving after it", function () {
    // Issue 8, finding 3: the AVS pays the vault's operator 20 LST (the vault, its only delegator,
    // earns 18; 16.2 net of the 10 % fee). When totalAssets ignored rewards until the harvest, dave
    // deposited 150 LST before it and left after it with 8.1 LST of alice's and bob's rewards.
    it("fails: totalAssets already counts the rewards earned, net of the fee, so dave buys in at that price", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, lst, pool, restakingManager, manager, alice, bob, dave } = fixture;
      const lrt = { vault, restakingManager, lst, pool };
      const paid = ether(20);
      const earned = paid - mulDiv(paid, realistic.operatorSplitBps, 10_000n); // 18
      const net = earned - mulDiv(earned, realistic.lrtFeeBps, 10_000n); // 16.2
      await avsPaysRewards(fixture, paid);
      expect(await vault.earnedRewards(), "16.2 LST counted before any harvest").to.equal(net);
      expect(await vault.totalAssets()).to.equal(ether(150) + net);
      await checkLRTInvariants(lrt, "after the payment");

      const assets = await buyLstForVault(fixture, dave, ether(150));
      await vault.connect(dave).deposit(assets, dave.address);
      await vault.connect(manager).harvestRewards();
      await vault.connect(dave).requestRedeem(await vault.balanceOf(dave.address));
      const id = await vault.redeemRequestCount();
      await time.increase(DELAY);
      const before = await lst.balanceOf(dave.address);
      await vault.connect(dave).claimRedeem(id);
      const received = (await lst.balanceOf(dave.address)) - before;
      expectAtMost(received, assets, "dave takes nothing he did not bring");
      expectEqualWithinRounding(received, assets, "dave gets his 150 back, to rounding", 10n);
      const holders =
        (await vault.convertToAssets(await vault.balanceOf(alice.address))) +
        (await vault.convertToAssets(await vault.balanceOf(bob.address)));
      expectEqualWithinRounding(holders, ether(150) + net, "alice and bob keep 150 + 16.2", 10n);
      await checkLRTInvariants(lrt, "after dave left");
    });
  });

  describe("a slash between a vault withdrawal's maturity and its claim", function () {
    // Issue 8, finding 4: the manager pays a matured withdrawal at the magnitude it had when its
    // delay ended; a later slash does not reach it. When the vault valued it at today's magnitude, a
    // depositor entering after such a slash bought in below the real value (by ~17 % here).
    it("fails: the vault values the withdrawal at what the manager will pay, so a new depositor gets no discount", async function () {
      const fixture = await networkHelpers.loadFixture(restakedVaultFixture);
      const { vault, lst, pool, restakingManager, operator, avs, alice, dave } = fixture;
      const lrt = { vault, restakingManager, lst, pool };
      // Alice redeems all her 100: 15 from the buffer, 85 queued in the manager.
      await vault.connect(alice).requestRedeem(await vault.balanceOf(alice.address));
      const request = await vault.getRedeemRequest(1n);
      await time.increaseTo(request.readyAt);
      // The operator allocates its other 50 % (slashable after the allocation delay) and the AVS
      // then slashes all of its allocation: m 1 → 0.
      await restakingManager
        .connect(operator)
        .modifyAllocation(avs.address, await lst.getAddress(), WAD);
      await time.increase(realistic.allocationDelaySeconds);
      await avsSlashes(fixture, WAD);
      const [, queuedValue] = await restakingManager.previewWithdrawal(request.withdrawalId);
      expectEqualWithinRounding(queuedValue, ether(85), "alice's 85 LST are out of reach", 10n);
      expectEqualWithinRounding(
        await vault.queuedAssets(),
        queuedValue,
        "the vault counts them as the manager will pay them (less open + 1 shares and wei)",
        6n,
      );
      await checkLRTInvariants(lrt, "after the late slash");
      // dave deposits 10 LST: his shares are worth his 10 LST, not more.
      const assets = await buyLstForVault(fixture, dave, ether(10));
      await vault.connect(dave).deposit(assets, dave.address);
      expectAtMost(
        await vault.convertToAssets(await vault.balanceOf(dave.address)),
        assets,
        "dave's shares are worth at most what he paid",
      );
    });
  });

  describe("reentrancy on claimRedeem through a token hook", function () {
    it("fails: the reentrant claim reverts and takes the whole claim with it", async function () {
      const { vault, attacker } = await networkHelpers.loadFixture(hookedVaultFixture);
      await time.increase(DELAY);
      await attacker.setMode(1n); // Reenter
      await expect(attacker.claim()).to.be.revertedWithCustomError(
        vault,
        "ReentrancyGuardReentrantCall",
      );
      expect((await vault.getRedeemRequest(1n)).claimed).to.equal(false);
    });

    it("fails: a caught reentrant claim pays nothing more than the first", async function () {
      const { vault, hooked, attacker, alice } =
        await networkHelpers.loadFixture(hookedVaultFixture);
      await time.increase(DELAY);
      await attacker.setMode(2n); // ReenterAndCatch
      const owed = await vault.previewClaimRedeem(1n);
      await attacker.claim();
      expect(await attacker.reentryAttempts()).to.equal(1n);
      expect(await attacker.reentryError()).to.equal(
        vault.interface.encodeErrorResult("ReentrancyGuardReentrantCall"),
      );
      expect(await hooked.balanceOf(await attacker.getAddress()), "paid once").to.equal(owed);
      expectEqualWithinRounding(
        await vault.convertToAssets(await vault.balanceOf(alice.address)),
        ether(10),
        "alice's deposit is intact",
      );
    });

    it("accepts the claim when the hook behaves", async function () {
      const { vault, hooked, attacker } = await networkHelpers.loadFixture(hookedVaultFixture);
      expect(await vault.lrtRateInEth(), "the mock pool values one token at one wei").to.equal(
        ether(1),
      );
      await time.increase(DELAY);
      const owed = await vault.previewClaimRedeem(1n);
      await attacker.claim();
      expect(await hooked.balanceOf(await attacker.getAddress())).to.equal(owed);
    });
  });
});
