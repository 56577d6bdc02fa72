/**
 * Liquidity: `addLiquidity` (first, balanced and imbalanced deposits, ng's imbalance fee),
 * `removeLiquidity` (proportional, no fee), `removeLiquidityOneCoin` and the quotes
 * `calcTokenAmount`, `calcWithdrawOneCoin`, `getVirtualPrice`. Figures from the reference model.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  LRT_POOL,
  marketPoolFixtures,
  SEED_ETH,
  tokensForEth,
  type PoolFixture,
} from "../helpers/fixtures/market-pool.js";
import { ether, WAD } from "../helpers/index.js";
import { assertPoolInvariants, readPoolState } from "../helpers/pool-invariants.js";
import * as ref from "../helpers/stableswap-reference.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployLstPoolFixture, deployPool, seededLstPoolFixture, seededLrtPoolFixture } =
  marketPoolFixtures(connection);

/** Model seed 6's pool: 1 ETH against 0.01 of a 21-decimal LRT (99 : 1) at a rate of 1 − 1e-18. */
async function lopsidedLrtPoolFixture() {
  const fixture = await deployPool({ ...LRT_POOL, rateWad: WAD - 1n });
  await fixture.pool
    .connect(fixture.alice)
    .addLiquidity([ether(1), 10n ** 19n], 0n, fixture.alice.address, { value: ether(1) });
  return fixture;
}

async function expectDepositAsReference(fixture: PoolFixture, amounts: [bigint, bigint]) {
  const { pool, carol, params } = fixture;
  const before = await assertPoolInvariants(fixture);
  const state = await readPoolState(pool, params.decimals);
  const expected = ref.addLiquidity(state, amounts);
  expect(await pool.calcTokenAmount(amounts), "calcTokenAmount quotes the deposit").to.equal(
    expected.minted,
  );
  await expect(
    pool
      .connect(carol)
      .addLiquidity(amounts, expected.minted, carol.address, { value: amounts[0] }),
  )
    .to.emit(pool, "AddLiquidity")
    .withArgs(carol.address, amounts, expected.fees, expected.d, state.supply + expected.minted);
  expect(await pool.balanceOf(carol.address), "LP minted").to.equal(expected.minted);
  expect([await pool.balances(0n), await pool.balances(1n)], "balances").to.deep.equal(
    expected.balances,
  );
  expect([await pool.adminBalances(0n), await pool.adminBalances(1n)], "admin fees").to.deep.equal(
    expected.adminFees,
  );
  await assertPoolInvariants(fixture, before);
  return expected;
}

describe("StableSwapPool", function () {
  describe("addLiquidity", function () {
    describe("when the pool is empty", function () {
      it("mints D for the first deposit, with no fee, and leaves the price oracle at 1", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(deployLstPoolFixture);
        const tokens = tokensForEth(SEED_ETH, ether(1.05), 18n);
        const d = ref.getD(SEED_ETH, (tokens * ether(1.05)) / WAD, 5_000n);
        await expect(
          pool
            .connect(alice)
            .addLiquidity([SEED_ETH, tokens], d, alice.address, { value: SEED_ETH }),
        )
          .to.emit(pool, "AddLiquidity")
          .withArgs(alice.address, [SEED_ETH, tokens], [0n, 0n], d, d);
        expect(await pool.balanceOf(alice.address)).to.equal(d);
        expect(await pool.getVirtualPrice(), "virtual price starts at 1").to.equal(WAD);
        expect(await pool.lastPrice()).to.equal(WAD);
      });

      it("reverts with InitialDepositRequiresAllCoins for one coin only", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(deployLstPoolFixture);
        await expect(
          pool.connect(alice).addLiquidity([ether(1), 0n], 0n, alice.address, { value: ether(1) }),
        )
          .to.be.revertedWithCustomError(pool, "InitialDepositRequiresAllCoins")
          .withArgs(ether(1), 0n);
        await expect(pool.connect(alice).addLiquidity([0n, ether(1)], 0n, alice.address))
          .to.be.revertedWithCustomError(pool, "InitialDepositRequiresAllCoins")
          .withArgs(0n, ether(1));
      });
    });

    describe("when the deposit is proportional", function () {
      it("mints the reference amount and pays almost no fee", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const tokens = await fixture.pool.balances(1n);
        const expected = await expectDepositAsReference(fixture, [SEED_ETH / 10n, tokens / 10n]);
        expect(expected.fees[0] <= 1n && expected.fees[1] <= 1n, "rounding dust at most").to.equal(
          true,
        );
      });
    });

    describe("when the deposit is one-sided", function () {
      it("charges ng's imbalance fee, half to the admin", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const expected = await expectDepositAsReference(fixture, [ether(200), 0n]);
        expect(
          expected.fees[0] > 0n && expected.fees[1] > 0n,
          "both coins pay: both are off their ideal",
        ).to.equal(true);
      });

      it("does the same on the LRT pool (21 decimals)", async function () {
        const fixture = await networkHelpers.loadFixture(seededLrtPoolFixture);
        await expectDepositAsReference(fixture, [0n, 77_777_777_777_777_777_777_777n]);
      });
    });

    describe("when the arguments are wrong", function () {
      it("reverts with EthAmountMismatch when msg.value is not amounts[0]", async function () {
        const { pool, carol } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(
          pool.connect(carol).addLiquidity([ether(1), 0n], 0n, carol.address, { value: ether(2) }),
        )
          .to.be.revertedWithCustomError(pool, "EthAmountMismatch")
          .withArgs(ether(2), ether(1));
      });

      it("reverts with ZeroAddress for the zero receiver", async function () {
        const { pool, carol } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(
          pool
            .connect(carol)
            .addLiquidity([ether(1), 0n], 0n, ethers.ZeroAddress, { value: ether(1) }),
        )
          .to.be.revertedWithCustomError(pool, "ZeroAddress")
          .withArgs("receiver");
      });

      it("reverts with InvariantNotIncreased for nothing deposited", async function () {
        const { pool, carol } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const d = ref.invariantOf(await readPoolState(pool, 18n));
        await expect(pool.connect(carol).addLiquidity([0n, 0n], 0n, carol.address))
          .to.be.revertedWithCustomError(pool, "InvariantNotIncreased")
          .withArgs(d, d);
      });

      it("reverts with InvariantNotIncreased when 1 wei is all the deposit adds and its fee takes it back", async function () {
        const { pool, carol } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const state = await readPoolState(pool, 18n);
        // 1 wei of ETH raises ⌈D⌉, but its imbalance fee rounds up to 1 wei: ⌊D₂⌋ after the fee is not
        // above ⌈D₀⌉, so nothing is credited (ng's single get_D could mint on its rounding error).
        let refused: ref.InvariantNotIncreased | undefined;
        try {
          ref.addLiquidity(state, [1n, 0n]);
        } catch (error) {
          if (error instanceof ref.InvariantNotIncreased) refused = error;
        }
        expect(refused, "the reference refuses it too").to.not.equal(undefined);
        expect(refused!.d0, "⌈D₀⌉").to.equal(ref.invariantOf(state));
        await expect(pool.connect(carol).addLiquidity([1n, 0n], 0n, carol.address, { value: 1n }))
          .to.be.revertedWithCustomError(pool, "InvariantNotIncreased")
          .withArgs(refused!.d0, refused!.d1);
      });

      it("reverts with MintBelowMinimum carrying both amounts", async function () {
        const { pool, carol } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const minted = await pool.calcTokenAmount([ether(5), 0n]);
        await expect(
          pool
            .connect(carol)
            .addLiquidity([ether(5), 0n], minted + 1n, carol.address, { value: ether(5) }),
        )
          .to.be.revertedWithCustomError(pool, "MintBelowMinimum")
          .withArgs(minted, minted + 1n);
      });
    });
  });

  describe("removeLiquidity", function () {
    describe("when an LP burns part of its LP", function () {
      it("pays both coins in proportion, rounded down, and leaves the prices alone", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, token, alice, carol } = fixture;
        await pool
          .connect(alice)
          .exchange(0n, 1n, ether(300), 0n, alice.address, { value: ether(300) });
        const before = await assertPoolInvariants(fixture);
        const burn = (await pool.balanceOf(alice.address)) / 3n;
        const [eth, tokens] = ref.removeLiquidity(before.state, burn);
        const lastPrice = await pool.lastPrice();
        const spot = await pool.spotPrice();
        const tx = pool.connect(alice).removeLiquidity(burn, [eth, tokens], carol.address);
        await expect(tx).to.changeEtherBalances(ethers, [carol, pool], [eth, -eth]);
        await expect(tx).to.changeTokenBalances(ethers, token, [carol, pool], [tokens, -tokens]);
        await expect(tx)
          .to.emit(pool, "RemoveLiquidity")
          .withArgs(alice.address, [eth, tokens], before.state.supply - burn);
        expect(await pool.lastPrice(), "ng leaves lastPrice alone").to.equal(lastPrice);
        // Same shape, smaller pool: the spot price moves by rounding only.
        const spotAfter = await pool.spotPrice();
        expect(spotAfter - spot <= 1n && spot - spotAfter <= 1n, "spot unchanged").to.equal(true);
        await assertPoolInvariants(fixture, before);
      });
    });

    describe("when the pool holds 99 ETH to 1 of a 21-decimal token", function () {
      // Model seed 6: ng's ⌊balance × burn / supply⌋ left the token's xp (1 xp = 1,000 units) 0.27
      // xp short of the remaining share, 4 units of D at 1 : 99, and the virtual price fell from 1e18
      // to 999999999999999998. The remaining LPs now keep ½ wei of ETH and 4 xp of the token more.
      const burn = 124_257_355_302_577_736n; // 12.59 % of the supply

      it("pays less than ng's floor by the margin, and keeps the virtual price", async function () {
        const fixture = await networkHelpers.loadFixture(lopsidedLrtPoolFixture);
        const { pool, token, alice } = fixture;
        const before = await assertPoolInvariants(fixture);
        const { balances, supply } = before.state;
        const ngFloor = [(balances[0] * burn) / supply, (balances[1] * burn) / supply];
        const [eth, tokens] = ref.removeLiquidity(before.state, burn);
        expect(ngFloor[0] - eth, "ETH: at most 1 wei below ng").to.be.lessThanOrEqual(1n);
        expect(ngFloor[1] - tokens, "token: at most 1 + 4,000 units below ng").to.be.within(
          4_000n,
          4_001n,
        );
        const tx = pool.connect(alice).removeLiquidity(burn, [eth, tokens], alice.address);
        await expect(tx).to.changeTokenBalance(ethers, token, alice, tokens);
        await expect(tx)
          .to.emit(pool, "RemoveLiquidity")
          .withArgs(alice.address, [eth, tokens], supply - burn);
        const after = await assertPoolInvariants(fixture, before);
        expect(after.virtualPrice).to.be.greaterThanOrEqual(before.virtualPrice);
      });

      it("would have lowered the virtual price by 2 wei with ng's floor", async function () {
        const { pool, params } = await networkHelpers.loadFixture(lopsidedLrtPoolFixture);
        const state = await readPoolState(pool, params.decimals);
        const left = state.supply - burn;
        const ngBalances = state.balances.map((b) => b - (b * burn) / state.supply) as [
          bigint,
          bigint,
        ];
        const ngVirtualPrice =
          (ref.invariantOf({ ...state, balances: ngBalances, supply: left }) * WAD) / left;
        expect(ref.virtualPrice(state)).to.equal(WAD);
        expect(ngVirtualPrice).to.equal(WAD - 2n);
      });
    });

    describe("when the last LP burns the whole supply", function () {
      it("empties the pool, and a new first deposit starts it again", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, alice } = fixture;
        const supply = await pool.totalSupply();
        const balances = [await pool.balances(0n), await pool.balances(1n)];
        await expect(
          pool.connect(alice).removeLiquidity(supply, balances as [bigint, bigint], alice.address),
        )
          .to.emit(pool, "RemoveLiquidity")
          .withArgs(alice.address, balances, 0n);
        expect([
          await pool.balances(0n),
          await pool.balances(1n),
          await pool.totalSupply(),
        ]).to.deep.equal([0n, 0n, 0n]);
        await expect(pool.getVirtualPrice())
          .to.be.revertedWithCustomError(pool, "EmptyPool")
          .withArgs(0n, 0n, 0n);
        await pool.connect(alice).addLiquidity([1n, 1n], 0n, alice.address, { value: 1n });
        expect(await pool.totalSupply(), "D of (1 wei, 1 wei at rate 1.05)").to.equal(
          ref.getD(1n, 1n, 5_000n),
        );
      });
    });

    describe("when the arguments are wrong", function () {
      it("reverts with ZeroAmount for burn = 0", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(
          pool.connect(alice).removeLiquidity(0n, [0n, 0n], alice.address),
        ).to.be.revertedWithCustomError(pool, "ZeroAmount");
      });

      it("reverts with ZeroAddress for the zero receiver", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(alice).removeLiquidity(1n, [0n, 0n], ethers.ZeroAddress))
          .to.be.revertedWithCustomError(pool, "ZeroAddress")
          .withArgs("receiver");
      });

      it("reverts with WithdrawalBelowMinimum naming the coin", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const state = await readPoolState(pool, 18n);
        const [eth, tokens] = ref.removeLiquidity(state, ether(10));
        await expect(pool.connect(alice).removeLiquidity(ether(10), [eth + 1n, 0n], alice.address))
          .to.be.revertedWithCustomError(pool, "WithdrawalBelowMinimum")
          .withArgs(0n, eth, eth + 1n);
        await expect(
          pool.connect(alice).removeLiquidity(ether(10), [0n, tokens + 1n], alice.address),
        )
          .to.be.revertedWithCustomError(pool, "WithdrawalBelowMinimum")
          .withArgs(1n, tokens, tokens + 1n);
      });

      it("reverts with ERC20InsufficientBalance for more LP than the caller holds", async function () {
        const { pool, stranger } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(stranger).removeLiquidity(ether(1), [0n, 0n], stranger.address))
          .to.be.revertedWithCustomError(pool, "ERC20InsufficientBalance")
          .withArgs(stranger.address, 0n, ether(1));
      });
    });
  });

  describe("removeLiquidityOneCoin", function () {
    for (const coin of [0, 1] as const) {
      describe(`when withdrawing coin ${coin}`, function () {
        it("pays the reference amount, charges the fee and updates lastPrice", async function () {
          const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
          const { pool, token, alice, carol } = fixture;
          const before = await assertPoolInvariants(fixture);
          const burn = ether(150);
          const expected = ref.calcWithdrawOneCoin(before.state, burn, coin);
          expect(
            await pool.calcWithdrawOneCoin(burn, coin),
            "calcWithdrawOneCoin quotes it",
          ).to.equal(expected.dy);
          const tx = pool
            .connect(alice)
            .removeLiquidityOneCoin(burn, coin, expected.dy, carol.address);
          if (coin === 0) await expect(tx).to.changeEtherBalance(ethers, carol, expected.dy);
          else await expect(tx).to.changeTokenBalance(ethers, token, carol, expected.dy);
          await expect(tx)
            .to.emit(pool, "RemoveLiquidityOne")
            .withArgs(alice.address, coin, burn, expected.dy, before.state.supply - burn);
          expect([await pool.balances(0n), await pool.balances(1n)]).to.deep.equal(
            expected.balances,
          );
          expect(await pool.adminBalances(coin), "admin's half of the fee").to.equal(
            expected.adminFee,
          );
          expect(expected.adminFee > 0n, "a one-coin exit pays a fee").to.equal(true);
          expect(await pool.lastPrice()).to.equal(ref.capPrice(expected.price));
          await assertPoolInvariants(fixture, before);
        });
      });
    }

    for (const coin of [0n, 1n]) {
      describe(`when the last LP would take the whole supply as coin ${coin}`, function () {
        it("reverts WithdrawalEmptiesCoin: the other coin would stay with no LP to own it (as ng)", async function () {
          const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
          const { pool, alice } = fixture;
          const state = await readPoolState(pool, 18n);
          // D₁ = D₀ − supply·D₀/supply = 0, so the coin's balance solves to get_y_D(x_other, 0) = 0:
          // the whole of coin i would leave and the other coin would be left behind, owned by no LP.
          const [x0, x1] = ref.xpOf(state);
          const d0 = ref.getD(x0, x1, state.amp);
          const d1 = d0 - (state.supply * d0) / state.supply;
          expect(d1, "D after the burn").to.equal(0n);
          expect(ref.getYD(state.amp, coin === 0n ? x1 : x0, d1), "coin i solved to").to.equal(0n);
          await expect(pool.calcWithdrawOneCoin(state.supply, coin))
            .to.be.revertedWithCustomError(pool, "WithdrawalEmptiesCoin")
            .withArgs(coin, state.supply, state.supply);
          await expect(
            pool.connect(alice).removeLiquidityOneCoin(state.supply, coin, 0n, alice.address),
          )
            .to.be.revertedWithCustomError(pool, "WithdrawalEmptiesCoin")
            .withArgs(coin, state.supply, state.supply);
          expect(await pool.totalSupply(), "nothing burnt").to.equal(state.supply);
        });

        it("lets the last LP leave through removeLiquidity, which empties both coins", async function () {
          const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
          const { pool, alice } = fixture;
          const state = await readPoolState(pool, 18n);
          await pool.connect(alice).removeLiquidity(state.supply, [0n, 0n], alice.address);
          expect(
            [await pool.balances(0n), await pool.balances(1n)],
            "nothing left behind",
          ).to.deep.equal([0n, 0n]);
          await assertPoolInvariants(fixture);
        });
      });
    }

    describe("when the LP left after the burn is too small for coin i to keep a wei", function () {
      it("reverts WithdrawalEmptiesCoin for all but 1 wei of the supply", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, alice } = fixture;
        const state = await readPoolState(pool, 18n);
        const burn = state.supply - 1n;
        // D₁ = D₀ − ⌊burn·D₀/supply⌋ = 1 wei, far too little for coin 0 to keep a wei beside ~1,000 ETH
        // of the other coin: the exact root is a tiny fraction of a wei, ⌈y⌉ = 1 (ng's floored get_y_D
        // gives 0, the point at which its `_get_p` divides by zero): the pool refuses at ⌈y⌉ ≤ 1.
        const [x0, x1] = ref.xpOf(state);
        const d0 = ref.getD(x0, x1, state.amp);
        const d1 = d0 - (burn * d0) / state.supply;
        expect(d1, "D after the burn").to.equal(1n);
        expect(ref.getYD(state.amp, x1, d1), "ETH solved to").to.equal(1n);
        await expect(pool.connect(alice).removeLiquidityOneCoin(burn, 0n, 0n, alice.address))
          .to.be.revertedWithCustomError(pool, "WithdrawalEmptiesCoin")
          .withArgs(0n, burn, state.supply);
      });

      it("pays the reference amount when 0.1 % of the supply stays, which owns the rest", async function () {
        const fixture = await networkHelpers.loadFixture(seededLstPoolFixture);
        const { pool, alice } = fixture;
        const before = await assertPoolInvariants(fixture);
        const state = await readPoolState(pool, 18n);
        const burn = state.supply - state.supply / 1_000n;
        const expected = ref.calcWithdrawOneCoin(state, burn, 0);
        await pool.connect(alice).removeLiquidityOneCoin(burn, 0n, expected.dy, alice.address);
        expect([await pool.balances(0n), await pool.balances(1n)]).to.deep.equal(expected.balances);
        expect(expected.balances[0] > 0n, "coin 0 keeps a balance").to.equal(true);
        expect(await pool.balanceOf(alice.address), "the LP left owns the pool").to.equal(
          state.supply / 1_000n,
        );
        await assertPoolInvariants(fixture, before);
      });
    });

    describe("when the arguments are wrong", function () {
      it("reverts with InvalidCoinIndex, ZeroAmount, ZeroAddress", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(alice).removeLiquidityOneCoin(1n, 2n, 0n, alice.address))
          .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
          .withArgs(2n);
        await expect(
          pool.connect(alice).removeLiquidityOneCoin(0n, 0n, 0n, alice.address),
        ).to.be.revertedWithCustomError(pool, "ZeroAmount");
        await expect(pool.connect(alice).removeLiquidityOneCoin(1n, 0n, 0n, ethers.ZeroAddress))
          .to.be.revertedWithCustomError(pool, "ZeroAddress")
          .withArgs("receiver");
      });

      it("reverts with WithdrawalBelowMinimum carrying the amounts", async function () {
        const { pool, alice } = await networkHelpers.loadFixture(seededLstPoolFixture);
        const dy = await pool.calcWithdrawOneCoin(ether(3), 1n);
        await expect(
          pool.connect(alice).removeLiquidityOneCoin(ether(3), 1n, dy + 1n, alice.address),
        )
          .to.be.revertedWithCustomError(pool, "WithdrawalBelowMinimum")
          .withArgs(1n, dy, dy + 1n);
      });

      it("reverts with ERC20InsufficientBalance for more LP than the caller holds", async function () {
        const { pool, stranger } = await networkHelpers.loadFixture(seededLstPoolFixture);
        await expect(pool.connect(stranger).removeLiquidityOneCoin(1n, 0n, 0n, stranger.address))
          .to.be.revertedWithCustomError(pool, "ERC20InsufficientBalance")
          .withArgs(stranger.address, 0n, 1n);
      });
    });
  });

  describe("calcWithdrawOneCoin", function () {
    it("reverts with BurnExceedsSupply, EmptyPool and InvalidCoinIndex", async function () {
      const { pool } = await networkHelpers.loadFixture(seededLstPoolFixture);
      const supply = await pool.totalSupply();
      await expect(pool.calcWithdrawOneCoin(supply + 1n, 0n))
        .to.be.revertedWithCustomError(pool, "BurnExceedsSupply")
        .withArgs(supply + 1n, supply);
      await expect(pool.calcWithdrawOneCoin(1n, 2n))
        .to.be.revertedWithCustomError(pool, "InvalidCoinIndex")
        .withArgs(2n);
      const empty = await networkHelpers.loadFixture(deployLstPoolFixture);
      await expect(empty.pool.calcWithdrawOneCoin(1n, 0n))
        .to.be.revertedWithCustomError(empty.pool, "EmptyPool")
        .withArgs(0n, 0n, 0n);
    });
  });

  describe("spotPrice and getVirtualPrice", function () {
    it("revert with EmptyPool before the first deposit", async function () {
      const { pool } = await networkHelpers.loadFixture(deployLstPoolFixture);
      await expect(pool.spotPrice())
        .to.be.revertedWithCustomError(pool, "EmptyPool")
        .withArgs(0n, 0n, 0n);
      await expect(pool.getVirtualPrice())
        .to.be.revertedWithCustomError(pool, "EmptyPool")
        .withArgs(0n, 0n, 0n);
    });
  });
});
