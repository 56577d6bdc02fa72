/**
 * Attacks on the pool (DESIGN §11), each shown failing or bounded:
 * - sandwiching a rate jump: bought before, sold at the next read; the profit is at most the per-read
 *   bound on a rise, min(fee × blocks, 1 %) of the position, where the whole jump would have paid
 *   ~5 %. So a jump that is undone within a few blocks (a manipulated rate) can hardly be sandwiched;
 *   a lasting jump still can, by waiting for the pool to catch up (also shown): the bound delays it;
 * - read-only reentrancy (Curve's ETH pools, 2022): a receiver reads the price views while the pool
 *   pays it ETH; every view reverts;
 * - reentrancy into a state-changing function from the same receiver;
 * - a donation (tokens or forced ETH) moves no price, no virtual price, no quote;
 * - first-LP inflation: a donation after a 1-wei first deposit takes nothing from the next LP.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { marketPoolFixtures, LST_POOL, tokensForEth } from "../helpers/fixtures/market-pool.js";
import { ether, WAD } from "../helpers/index.js";
import { assertPoolInvariants, readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployLstPoolFixture, seededLstPoolFixture } = marketPoolFixtures(connection);

const POSITION = ether(200);
const JUMP = (LST_POOL.rateWad * 105n) / 100n; // a 5 % rate jump (a manipulable or lumpy rate)

/** A `PoolViewReader` holding 1,000 LST and 1,000 ETH, next to the seeded pool. */
async function readerFixture() {
  const fixture = await seededLstPoolFixture();
  const reader = await ethers.deployContract("PoolViewReader", [await fixture.pool.getAddress()]);
  await fixture.token.mint(await reader.getAddress(), ether(1_000));
  await networkHelpers.setBalance(await reader.getAddress(), ether(1_000));
  return { ...fixture, reader };
}

/**
 * The attacker buys LST with `POSITION` ETH, the rate jumps 5 %, and `blocksAfter` blocks after the
 * pool's last read the attacker sells everything back. Returns the profit in ETH and the rate the
 * pool used for the sale, with the reference's figures for the bounded and the unbounded rate.
 */
async function sandwich(quietBlocks: number) {
  const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
  const { pool, token, rateProvider, attacker } = fixture;
  const tokensBefore = await token.balanceOf(attacker.address);
  await pool
    .connect(attacker)
    .exchange(0n, 1n, POSITION, 0n, attacker.address, { value: POSITION });
  const readAt = BigInt(await ethers.provider.getBlockNumber());
  const bought = (await token.balanceOf(attacker.address)) - tokensBefore;
  const state = await readPoolState(pool, 18n);
  if (quietBlocks > 0) await networkHelpers.mine(quietBlocks);
  await rateProvider.setRate(JUMP);
  const sellAt = BigInt(await ethers.provider.getBlockNumber()) + 1n;
  const boundedRate = ref.limitRate(LST_POOL.rateWad, JUMP, LST_POOL.fee, sellAt - readAt);
  const bounded = ref.exchange({ ...state, rateWad: boundedRate }, 1, bought);
  const unbounded = ref.exchange({ ...state, rateWad: JUMP }, 1, bought);
  const ethBefore = await ethers.provider.getBalance(attacker.address);
  const tx = await pool.connect(attacker).exchange(1n, 0n, bought, 0n, attacker.address);
  const receipt = (await tx.wait())!;
  const gasCost = receipt.gasUsed * receipt.gasPrice;
  const received = (await ethers.provider.getBalance(attacker.address)) - ethBefore + gasCost;
  expect(received, "the sale pays the reference amount at the bounded rate").to.equal(bounded.dy);
  expect(await pool.storedRate()).to.equal(boundedRate);
  return {
    profit: received - POSITION,
    unboundedProfit: unbounded.dy - POSITION,
    bump: boundedRate - LST_POOL.rateWad,
  };
}

describe("StableSwapPool attacks", function () {
  describe("sandwiching a rate jump", function () {
    describe("when the sale comes two blocks after the pool's last read", function () {
      it("loses money: the rate moved only 2 × 0.04 %, less than the two fees", async function () {
        const { profit, unboundedProfit, bump } = await sandwich(0);
        expect(bump).to.equal((LST_POOL.rateWad * 8n) / 10_000n);
        expect(profit < 0n, `profit ${profit}`).to.equal(true);
        // Without the bound the same round trip would have taken ~4.9 % of 200 ETH from the LPs.
        expect(unboundedProfit > ether(9), `unbounded profit ${unboundedProfit}`).to.equal(true);
      });
    });

    describe("when the pool was quiet for 200 blocks", function () {
      it("gains at most the 1 % cap on one read, not the 5 % jump", async function () {
        const { profit, unboundedProfit, bump } = await sandwich(200);
        expect(bump).to.equal(LST_POOL.rateWad / 100n);
        // The bound: the position's value moves by at most bump/rate = 1 % of what was paid.
        const bound = (POSITION * bump) / LST_POOL.rateWad;
        expect(profit <= bound, `profit ${profit} ≤ bound ${bound}`).to.equal(true);
        expect(profit > 0n, "it is a profit: the cap, not the fee, limits it").to.equal(true);
        expect(
          unboundedProfit > profit * 4n,
          `unbounded ${unboundedProfit} vs bounded ${profit}`,
        ).to.equal(true);
      });
    });
    describe("when the jump lasts and the attacker waits for the pool to catch up", function () {
      it("takes the whole jump less the fees: the bound delays the sandwich of a lasting jump, it does not stop it", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, token, rateProvider, attacker, carol } = fixture;
        const tokensBefore = await token.balanceOf(attacker.address);
        await pool
          .connect(attacker)
          .exchange(0n, 1n, POSITION, 0n, attacker.address, { value: POSITION });
        const bought = (await token.balanceOf(attacker.address)) - tokensBefore;
        const afterPurchase = await readPoolState(pool, 18n);
        await rateProvider.setRate(JUMP);
        // Anyone's trade reads the rate; 25 quiet blocks before each read let the full 1 % through
        // (0.04 % × 25): 1.05 × 1.01⁴ < 1.05 × 1.05 ≤ 1.05 × 1.01⁵, so the fifth read reaches the jump.
        let stored = LST_POOL.rateWad;
        let lastRead = BigInt(await ethers.provider.getBlockNumber()) - 1n;
        for (let read = 1; read <= 5; read++) {
          await networkHelpers.mine(25);
          const readAt = BigInt(await ethers.provider.getBlockNumber()) + 1n;
          stored = ref.limitRate(stored, JUMP, LST_POOL.fee, readAt - lastRead);
          await pool.connect(carol).exchange(0n, 1n, 1_000n, 0n, carol.address, { value: 1_000n });
          lastRead = readAt;
          expect(await pool.storedRate(), `stored rate after read ${read}`).to.equal(stored);
        }
        expect(stored, "caught up with the provider").to.equal(JUMP);
        const beforeSale = await readPoolState(pool, 18n);
        const sale = ref.exchange(beforeSale, 1, bought);
        const ethBefore = await ethers.provider.getBalance(attacker.address);
        const receipt = (await (
          await pool.connect(attacker).exchange(1n, 0n, bought, 0n, attacker.address)
        ).wait())!;
        const received =
          (await ethers.provider.getBalance(attacker.address)) -
          ethBefore +
          receipt.gasUsed * receipt.gasPrice;
        expect(received, "the sale pays the reference amount at the full rate").to.equal(sale.dy);
        const profit = received - POSITION;
        // The same round trip with no bound at all (sold at the jumped rate right after the purchase).
        const unboundedProfit =
          ref.exchange({ ...afterPurchase, rateWad: JUMP }, 1, bought).dy - POSITION;
        const firstReadBound = POSITION / 100n; // what the quiet-200-blocks sandwich above is held to
        expect(profit > firstReadBound * 4n, `profit ${profit} ≫ one read's 1 %`).to.equal(true);
        expect(
          profit * 100n >= unboundedProfit * 99n,
          `profit ${profit} vs unbounded ${unboundedProfit}`,
        ).to.equal(true);
      });
    });
  });

  describe("read-only reentrancy", function () {
    describe("when the pool pays ETH for a trade to a contract that reads the views", function () {
      it("reverts every price view with ReentrancyGuardReentrantCall", async function () {
        const { pool, reader } = await networkHelpers.loadFixture(readerFixture);
        await reader.sellToken(ether(10));
        const selector = pool.interface.getError("ReentrancyGuardReentrantCall")!.selector;
        expect((await reader.received()) > 0n, "the ETH arrived").to.equal(true);
        expect(await reader.successfulReads(), "no view answered mid-call").to.equal(0n);
        for (const view of [
          "spotPriceError",
          "lastPriceError",
          "priceOracleError",
          "virtualPriceError",
          "getDyError",
        ]) {
          expect(
            await (reader as unknown as Record<string, () => Promise<string>>)[view](),
            view,
          ).to.equal(selector);
        }
        // After the call the views answer again.
        expect((await pool.getVirtualPrice()) > 0n).to.equal(true);
      });
    });

    describe("when the pool pays ETH for removed liquidity (the 2022 case)", function () {
      it("reverts the views too: the LP's virtual price cannot be read half-updated", async function () {
        const { pool, reader } = await networkHelpers.loadFixture(readerFixture);
        await reader.addLiquidity(ether(10), ether(10));
        await reader.removeLiquidity(await pool.balanceOf(await reader.getAddress()));
        const selector = pool.interface.getError("ReentrancyGuardReentrantCall")!.selector;
        expect(await reader.virtualPriceError()).to.equal(selector);
        expect(await reader.successfulReads()).to.equal(0n);
      });
    });
  });

  describe("reentrancy into a state-changing function", function () {
    it("reverts with ReentrancyGuardReentrantCall and undoes the whole call", async function () {
      const fixture = await networkHelpers.loadFixture(readerFixture);
      const { pool, reader } = fixture;
      await reader.setReenter(true);
      await expect(reader.sellToken(ether(10))).to.be.revertedWithCustomError(
        pool,
        "ReentrancyGuardReentrantCall",
      );
      expect(await reader.received()).to.equal(0n);
    });
  });

  describe("a donation", function () {
    it("moves no price, no virtual price and no quote", async function () {
      const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
      const { pool, token, attacker } = fixture;
      await pool
        .connect(attacker)
        .exchange(0n, 1n, ether(300), 0n, attacker.address, { value: ether(300) });
      const before = await assertPoolInvariants(fixture);
      const views = async () => [
        await pool.spotPrice(),
        await pool.getVirtualPrice(),
        await pool.getDy(0n, 1n, ether(10)),
        await pool.calcWithdrawOneCoin(ether(10), 1n),
        await pool.balances(0n),
        await pool.balances(1n),
      ];
      const snapshot = await views();
      const poolAddress = await pool.getAddress();
      await token.connect(attacker).transfer(poolAddress, ether(500));
      // Plain ETH is refused; force it in as a self-destruct or a block reward would.
      await networkHelpers.setBalance(
        poolAddress,
        (await ethers.provider.getBalance(poolAddress)) + ether(500),
      );
      expect(await views()).to.deep.equal(snapshot);
      await assertPoolInvariants(fixture, before);
    });
  });

  describe("first-LP inflation", function () {
    it("takes nothing from the second LP: the pool counts deposits, not balances", async function () {
      const fixture = await networkHelpers.loadFixture(deployLstPoolFixture);
      const { pool, token, attacker, carol } = fixture;
      await pool.connect(attacker).addLiquidity([1n, 1n], 0n, attacker.address, { value: 1n });
      await token.connect(attacker).transfer(await pool.getAddress(), ether(1_000));
      const tokens = tokensForEth(ether(10), LST_POOL.rateWad, 18n);
      const state = await readPoolState(pool, 18n);
      const expected = ref.addLiquidity(state, [ether(10), tokens]);
      await pool
        .connect(carol)
        .addLiquidity([ether(10), tokens], expected.minted, carol.address, { value: ether(10) });
      // Carol owns all but the attacker's 2 wei of LP, and can take back her deposit less the fee dust.
      expect(await pool.balanceOf(carol.address)).to.equal(expected.minted);
      expect(expected.minted > ether(20) - ether(1) / 100n, "≈ 20 LP for 20 ETH of value").to.equal(
        true,
      );
      const out = ref.removeLiquidity(await readPoolState(pool, 18n), expected.minted);
      const valueIn = ether(10) + (tokens * LST_POOL.rateWad) / WAD;
      const valueOut = out[0] + (out[1] * LST_POOL.rateWad) / WAD;
      // Loss: the imbalance fee on a deposit shaped unlike the 1 wei : 1 wei pool (≪ 0.01 %).
      expect(valueIn - valueOut < ether(1) / 1_000n, `lost ${valueIn - valueOut} wei`).to.equal(
        true,
      );
      await pool.connect(carol).removeLiquidity(expected.minted, out, carol.address);
    });
  });
});
