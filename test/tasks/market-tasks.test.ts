/**
 * The market's `lab` tasks as a student meets them, in-process against the embedded chain with the
 * classroom profile (test/tasks/harness.ts): the deployment's pools and lending markets, a swap
 * and liquidity, a loan, a depeg and a liquidation. Amounts a task prints are computed here with
 * the reference models (stableswap-ng, Morpho), not read back from the contracts.
 */
import { expect } from "chai";
import hre from "hardhat";

import { classroom } from "../../config/profiles.js";
import { ETH, SLETH, SLRETH, formatAmount } from "../../scripts/lib/format.js";
import { checkMarketWiring } from "../../scripts/lib/market-deployment.js";
import { loadDeployment } from "../../scripts/lib/deployment.js";
import { catalogEntries, hasOwnHint, loadErrorCatalog } from "../../scripts/lib/revert.js";
import {
  ORACLE_PRICE_SCALE,
  liquidationIncentiveFactor,
  wDivUp,
  mulDivUp,
} from "../helpers/morpho-reference.js";
import { exchange, spotPrice, type PoolState } from "../helpers/stableswap-reference.js";
import {
  connection,
  deployedForTasksFixture,
  ethers,
  networkHelpers,
  runLab,
  expectRefusal,
  runLabOk,
} from "./harness.js";

const ETHER = 10n ** 18n;
const eth = (text: string) => ethers.parseEther(text);

/** The deployment; accounts 1, 2 and 3 hold slETH (0.1, 0.05 and 0.06). */
async function marketTasksFixture() {
  const deployment = await deployedForTasksFixture();
  await runLabOk("stake", { amount: "0.1", account: "1" });
  await runLabOk("stake", { amount: "0.05", account: "2" });
  await runLabOk("stake", { amount: "0.06", account: "3" });
  return deployment;
}

/** The LST pool's state for the reference model. */
async function lstPoolState(deployment: Awaited<ReturnType<typeof marketTasksFixture>>) {
  const { pool } = deployment.market.LST;
  return {
    balances: [await pool.balances(0), await pool.balances(1)],
    rateWad: await pool.storedRate(),
    decimals: 18n,
    amp: await pool.APrecise(),
    fee: await pool.fee(),
    offpeg: await pool.offpegFeeMultiplier(),
    supply: await pool.totalSupply(),
  } satisfies PoolState;
}

describe("lab market tasks (in-process, classroom profile)", function () {
  describe("the deployment", function () {
    it("seeds both pools balanced at the NAV and supplies the eight lending markets", async function () {
      const { market } = await networkHelpers.loadFixture(marketTasksFixture);
      const { lstPool, lrtPool, supplyPerMarketWei } = classroom.market;
      expect(await market.LST.pool.balances(0), "LST pool ETH").to.equal(lstPool.seedEthWei);
      expect(await market.LST.pool.balances(1), "LST pool slETH at rate 1").to.equal(
        lstPool.seedEthWei,
      );
      expect(await market.LRT.pool.balances(0), "LRT pool ETH").to.equal(lrtPool.seedEthWei);
      // slrETH has 21 decimals: 1,000 units per wei of ETH at the first deposit.
      expect(await market.LRT.pool.balances(1), "LRT pool slrETH").to.equal(
        lrtPool.seedEthWei * 1000n,
      );
      for (const side of [market.LST, market.LRT]) {
        for (const lending of Object.values(side.markets)) {
          expect(await lending.totalSupplyAssets()).to.equal(supplyPerMarketWei);
        }
      }
    });

    it("records every market contract under one naming: StableSwapPool:LST, LendingMarket:LRT:Ema", async function () {
      await networkHelpers.loadFixture(marketTasksFixture);
      const names = Object.keys(loadDeployment(connection.networkName).contracts);
      for (const name of [
        "LSTRateProvider",
        "LRTRateProvider",
        "StableSwapPool:LST",
        "StableSwapPool:LRT",
        "CappedRateOracle:LST",
        "EmaPriceOracle:LRT",
        "LendingMarket:LST:ExchangeRate",
        "LendingMarket:LST:CappedRate",
        "LendingMarket:LST:Spot",
        "LendingMarket:LRT:Ema",
      ]) {
        expect(names, name).to.include(name);
      }
      expect(names.filter((n) => n.startsWith("LendingMarket:"))).to.have.length(8);
    });

    it("finds a market deployed with other parameters than the profile's miswired", async function () {
      const { market, addresses } = await networkHelpers.loadFixture(marketTasksFixture);
      const [deployer] = await ethers.getSigners();
      const core = {
        pool: addresses.DepositPool,
        token: addresses.LiquidStakingToken,
        vault: addresses.LRTVault,
      };
      expect(await checkMarketWiring(market, core, classroom, deployer.address)).to.deep.equal([]);
      const other = {
        ...classroom,
        market: {
          ...classroom.market,
          lrtLending: { ...classroom.market.lrtLending, lltvWad: eth("0.77") },
        },
      };
      const problems = await checkMarketWiring(market, core, other, deployer.address);
      expect(problems).to.have.length(4);
      expect(problems[0]).to.equal(
        `LendingMarket:LRT:ExchangeRate.lltv() is ${eth("0.86")}, expected ${eth("0.77")}`,
      );
    });
  });

  describe("lab swap", function () {
    it("sells slETH for the ETH the stableswap reference computes, and lab status shows the depeg", async function () {
      const deployment = await networkHelpers.loadFixture(marketTasksFixture);
      const state = await lstPoolState(deployment);
      const expected = exchange(state, 1, eth("0.04"));
      const out = await runLabOk("swap", { sell: "slETH", amount: "0.04", account: "1" });
      expect(out).to.contain(`Sold 0.04 slETH for ${formatAmount(expected.dy, ETH)}`);
      expect(await deployment.market.LST.pool.balances(0)).to.equal(expected.balances[0]);
      const status = await runLabOk("status");
      expect(status).to.match(/slETH: NAV \(what the protocol owes per token\)\s*│ 1\.000000 ETH/);
      // The spot price of the balances after the trade, from the reference, against NAV = 1.
      const priceAfter = spotPrice({ ...state, balances: expected.balances });
      const depegBps = ((priceAfter - ETHER) * 10_000n) / ETHER;
      const shown = `−${(Number(-depegBps) / 100).toFixed(2)} %`;
      expect(status).to.match(
        new RegExp(`slETH: depeg \\(market price / NAV − 1\\)\\s*│ ${shown}`),
      );
      expect(status, "no wei-sized numbers").to.not.match(/\d{12,}/);
    });

    it("buys slrETH (21 decimals) with ETH for what the stableswap reference computes", async function () {
      const { market, contracts } = await networkHelpers.loadFixture(marketTasksFixture);
      const { pool } = market.LRT;
      const state: PoolState = {
        balances: [await pool.balances(0), await pool.balances(1)],
        rateWad: await pool.storedRate(),
        decimals: 21n,
        amp: await pool.APrecise(),
        fee: await pool.fee(),
        offpeg: await pool.offpegFeeMultiplier(),
        supply: await pool.totalSupply(),
      };
      const expected = exchange(state, 0, eth("0.01"));
      const out = await runLabOk("swap", {
        sell: "ETH",
        buy: "slrETH",
        amount: "0.01",
        account: "1",
      });
      expect(out).to.contain(`Sold 0.01 ETH for ${formatAmount(expected.dy, SLRETH)}`);
      const [, student] = await ethers.getSigners();
      expect(await contracts.vault.balanceOf(student.address)).to.equal(expected.dy);
    });

    it("refuses a --min-out above the pool's quote in one line, in slETH, with the next command", async function () {
      const deployment = await networkHelpers.loadFixture(marketTasksFixture);
      const quote = exchange(await lstPoolState(deployment), 0, eth("0.01")).dy;
      const run = await runLab("swap", {
        sell: "ETH",
        buy: "slETH",
        amount: "0.01",
        minOut: "0.02",
      });
      expectRefusal(
        run,
        `the pool pays ${formatAmount(quote, SLETH)} for 0.01 ETH, less than your minimum 0.02 slETH (slippage)`,
        "`npx hardhat lab status`",
      );
      expect(await deployment.market.LST.pool.balances(0), "nothing traded").to.equal(
        classroom.market.lstPool.seedEthWei,
      );
    });

    it("refuses a swap without ETH on one side, more than the account holds, and a bad token", async function () {
      await networkHelpers.loadFixture(marketTasksFixture);
      expectRefusal(
        await runLab("swap", { sell: "slETH", buy: "slrETH", amount: "0.01" }),
        "One side of a swap is ETH",
      );
      expectRefusal(
        await runLab("swap", { sell: "slETH", amount: "1", account: "1" }),
        "You hold 0.1 slETH, less than the 1 slETH to sell",
      );
      expectRefusal(
        await runLab("swap", { sell: "stETH", amount: "1" }),
        '--sell must name a token, slETH or slrETH (or lst / lrt), not "stETH"',
      );
    });
  });

  describe("lab add-liquidity and lab remove-liquidity", function () {
    it("mints LP tokens for a balanced deposit and burns them all for both coins", async function () {
      const { market } = await networkHelpers.loadFixture(marketTasksFixture);
      const [, student] = await ethers.getSigners();
      const quote = await market.LST.pool.calcTokenAmount([eth("0.01"), eth("0.01")]);
      const added = await runLabOk("add-liquidity", {
        pool: "slETH",
        eth: "0.01",
        tokens: "0.01",
        account: "1",
      });
      expect(added).to.contain("Added 0.01 ETH and 0.01 slETH");
      expect(await market.LST.pool.balanceOf(student.address)).to.equal(quote);
      const removed = await runLabOk("remove-liquidity", {
        pool: "sleth",
        all: true,
        account: "1",
      });
      expect(removed).to.contain("Burnt");
      expect(await market.LST.pool.balanceOf(student.address)).to.equal(0n);
      expectRefusal(
        await runLab("remove-liquidity", { pool: "sleth", all: true, account: "1" }),
        "You hold no LP tokens of the slETH pool",
        "lab add-liquidity --pool slETH",
      );
    });
  });

  describe("lending: supply, borrow, positions, a depeg, liquidate, repay", function () {
    /** Account 2 posts 0.004 slETH in lst:spot and lst:nav and borrows 0.0037 ETH in each. */
    async function borrowedFixture() {
      // Through loadFixture, so the record the tasks read keeps the addresses of its snapshot.
      const deployment = await networkHelpers.loadFixture(marketTasksFixture);
      for (const market of ["lst:spot", "lst:nav"]) {
        await runLabOk("supply", { market, collateral: "0.004", account: "2" });
        await runLabOk("borrow", { market, amount: "0.0037", account: "2" });
      }
      return deployment;
    }

    it("refuses a loan above collateral × price × LLTV in ETH, naming lab positions", async function () {
      await networkHelpers.loadFixture(borrowedFixture);
      // 0.004 slETH × 1 ETH × 94.5 % = 0.00378 ETH at most; 0.0037 is owed.
      expectRefusal(
        await runLab("borrow", { market: "lst:spot", amount: "0.0001", account: "2" }),
        "LendingMarket refused with UnhealthyPosition (borrowed 0.0038 ETH, maxBorrow 0.00378 ETH)",
        "`npx hardhat lab positions --account 2`",
      );
    });

    it("refuses to give back collateral a loan still needs", async function () {
      const { market } = await networkHelpers.loadFixture(borrowedFixture);
      const [, , borrower] = await ethers.getSigners();
      expectRefusal(
        await runLab("withdraw", { market: "lst:spot", collateral: "all", account: "2" }),
        "LendingMarket refused with UnhealthyPosition (borrowed 0.0037 ETH, maxBorrow 0 ETH)",
      );
      expect(await market.LST.markets.Spot.collateral(borrower.address)).to.equal(eth("0.004"));
    });

    it("refuses a borrow without collateral and an unknown market, in one line", async function () {
      await networkHelpers.loadFixture(borrowedFixture);
      expectRefusal(
        await runLab("borrow", { market: "lst:ema", amount: "0.001", account: "1" }),
        "You have no collateral in LST:EMA",
      );
      expectRefusal(
        await runLab("borrow", { market: "lst:chainlink", amount: "0.001" }),
        "--market names a lending market as <token>:<oracle>, one of lst:nav, lst:capo, lst:spot, lst:ema",
      );
    });

    it("shows each loan's health under every oracle, then liquidates under spot only after a dump", async function () {
      const { market } = await networkHelpers.loadFixture(borrowedFixture);
      const [, , borrower] = await ethers.getSigners();
      // HF = 0.004 × 1 × 0.945 / 0.0037 = 1.0216 under every oracle while the pool is at peg.
      const before = await runLabOk("positions", { account: "2" });
      expect(before).to.match(
        /LST:spot\s*│ 0\.004 slETH\s*│ 0\.0037 ETH\s*│ 1\.02\d\s*│ 1\.02\d\s*│ 1\.02\d\*/,
      );

      // A holder dumps 0.05 slETH into the 0.05 + 0.05 pool: the spot price falls far below 1.
      await runLabOk("swap", { sell: "slETH", amount: "0.05", account: "3" });
      const after = await runLabOk("positions", { of: "2" });
      expect(after).to.match(/LST:NAV\s*│ 0\.004 slETH\s*│ 0\.0037 ETH\s*│ 1\.02\d\*/);
      expect(after).to.match(/LST:spot[^\n]*0\.\d{3}\* !/);

      expectRefusal(
        await runLab("liquidate", { market: "lst:nav", borrower: "2", account: "4" }),
        "LendingMarket refused with HealthyPosition",
        "Not liquidatable",
        "`npx hardhat lab positions --of <borrower>`",
      );

      const spot = market.LST.markets.Spot;
      const price = await market.LST.oracles.Spot.price();
      const lif = liquidationIncentiveFactor(await spot.lltv());
      const collateral = await spot.collateral(borrower.address);
      const out = await runLabOk("liquidate", { market: "lst:spot", borrower: "2", account: "4" });
      // Collateral worth less than the debt × LIF: all of it is seized, at most the debt repaid.
      const repaid = wDivUp(mulDivUp(collateral, price, ORACLE_PRICE_SCALE), lif);
      expect(out).to.contain(`and seized 0.004 slETH`);
      expect(await spot.collateral(borrower.address)).to.equal(0n);
      expect(await spot.borrowAssetsOf(borrower.address)).to.equal(0n);
      const badDebt = eth("0.0037") - repaid;
      expect(out).to.contain(
        `${formatAmount(badDebt, ETH)} of bad debt written off against the suppliers`,
      );
    });

    it("repays a whole debt with --all and sends back what was not owed", async function () {
      const { market } = await networkHelpers.loadFixture(borrowedFixture);
      const [, , borrower] = await ethers.getSigners();
      const out = await runLabOk("repay", { market: "lst:nav", all: true, account: "2" });
      expect(out).to.contain("Repaid the whole debt of LST:NAV");
      expect(await market.LST.markets.ExchangeRate.borrowAssetsOf(borrower.address)).to.equal(0n);
      expectRefusal(
        await runLab("repay", { market: "lst:nav", all: true, account: "2" }),
        "You owe nothing in LST:NAV",
      );
      const back = await runLabOk("withdraw", {
        market: "lst:nav",
        collateral: "all",
        account: "2",
      });
      expect(back).to.contain("Took back 0.004 slETH of collateral from LST:NAV");
      expect(await market.LST.markets.ExchangeRate.collateral(borrower.address)).to.equal(0n);
    });

    it("lends ETH with --eth, refuses --eth with --collateral, and gives it all back", async function () {
      const { market } = await networkHelpers.loadFixture(marketTasksFixture);
      const out = await runLabOk("supply", { market: "lrt:ema", eth: "0.01", account: "1" });
      expect(out).to.contain("Lent 0.01 ETH to LRT:EMA");
      expect(await market.LRT.markets.Ema.totalSupplyAssets()).to.equal(
        classroom.market.supplyPerMarketWei + eth("0.01"),
      );
      expectRefusal(
        await runLab("supply", { market: "lrt:ema", eth: "0.01", collateral: "0.01" }),
        "Give exactly one of --eth (lend ETH) or --collateral (post slrETH)",
      );
      const [, lender] = await ethers.getSigners();
      const out2 = await runLabOk("withdraw", { market: "lrt:ema", eth: "all", account: "1" });
      expect(out2).to.contain("Withdrew 0.01 ETH lent to LRT:EMA");
      expect(await market.LRT.markets.Ema.supplyAssetsOf(lender.address)).to.equal(0n);
    });
  });

  describe("refusals", function () {
    it("gives every error of the market's contracts a hint of its own", async function () {
      await loadErrorCatalog(hre.artifacts);
      const marketContracts = [
        "StableSwapPool",
        "LendingMarket",
        "ExchangeRateOracle",
        "CappedRateOracle",
        "SpotPriceOracle",
        "EmaPriceOracle",
        "LSTRateProvider",
        "LRTRateProvider",
      ];
      const entries = catalogEntries().filter((e) => marketContracts.includes(e.contract));
      expect(new Set(entries.map((e) => e.contract)).size, "contracts found").to.equal(8);
      const missing = entries
        .filter((e) => !hasOwnHint(e.contract, e.fragment.name))
        .map((e) => `${e.contract}.${e.fragment.name}`);
      expect([...new Set(missing)], "errors without a hint").to.deep.equal([]);
    });
  });
});
