/**
 * The market layer, where a depeg shows: for the LST and for the LRT, a rate provider (its NAV),
 * a StableSwapPool against ETH seeded by the deployer, and four LendingMarkets that differ only by
 * their oracle — exchange rate (NAV), capped rate (Aave's CAPO), pool spot, pool EMA — each
 * supplied with ETH to borrow. Every number comes from the profile's `market` (config/profiles.ts).
 *
 * The deployer seeds each pool as a liquidity provider would: it stakes ETH for the LST (the
 * deposit pool mints it) or deposits ETH in the LRT vault, and adds that token with the same value
 * of ETH, so the pool starts balanced at the NAV. The seeds are read from the mint's event, not
 * assumed, so the pool is balanced whatever the rate is when the module runs.
 *
 * Future ids name the collateral and the oracle (`LendingMarketLSTSpot`); the deployment record
 * names them `LendingMarket:LST:Spot` (scripts/lib/market-deployment.ts).
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture, ContractFuture } from "@nomicfoundation/ignition-core";

import LiquidRestakingModule from "./LiquidRestaking.js";
import StakingModule from "./Staking.js";

/** The four price sources a collateral is lent against, in the order the tables print them. */
export const ORACLES = ["ExchangeRate", "CappedRate", "Spot", "Ema"] as const;
export type OracleKind = (typeof ORACLES)[number];

/** The two collaterals, each with its pool and markets. */
export const COLLATERALS = ["LST", "LRT"] as const;
export type Collateral = (typeof COLLATERALS)[number];

export default buildModule("Market", (m) => {
  const deployer = m.getAccount(0);
  const { pool: depositPool, token: lst } = m.useModule(StakingModule);
  const { vault: lrt } = m.useModule(LiquidRestakingModule);
  const maExpTime = m.getParameter<bigint>("maExpTime");

  const lstRateProvider = m.contract("LSTRateProvider", [depositPool]);
  const lrtRateProvider = m.contract("LRTRateProvider", [lrt]);

  // ---------------------------------------------------------------- the two pools
  const lstPool = m.contract(
    "StableSwapPool",
    [
      lst,
      lstRateProvider,
      m.getParameter<bigint>("lstPoolA"),
      m.getParameter<bigint>("lstPoolFee"),
      m.getParameter<bigint>("lstPoolOffpegFeeMultiplier"),
      maExpTime,
      deployer,
      "StableSwap ETH/slETH",
      "ethsleth-ss",
    ],
    { id: "StableSwapPoolLST" },
  );
  const lrtPool = m.contract(
    "StableSwapPool",
    [
      lrt,
      lrtRateProvider,
      m.getParameter<bigint>("lrtPoolA"),
      m.getParameter<bigint>("lrtPoolFee"),
      m.getParameter<bigint>("lrtPoolOffpegFeeMultiplier"),
      maExpTime,
      deployer,
      "StableSwap ETH/slrETH",
      "ethslreth-ss",
    ],
    { id: "StableSwapPoolLRT" },
  );

  // Seed the LST pool: stake ETH for slETH, then add both sides (equal value at the NAV).
  const lstSeedEth = m.getParameter<bigint>("lstPoolSeedEth");
  const stakeForSeed = m.call(depositPool, "deposit", [], {
    id: "stakeForLstPoolSeed",
    value: lstSeedEth,
  });
  const lstSeed = m.readEventArgument(stakeForSeed, "Deposited", "shares", {
    id: "lstPoolSeedShares",
  });
  const approveLst = m.call(lst, "approve", [lstPool, lstSeed], { id: "approveLstPoolSeed" });
  m.call(lstPool, "addLiquidity", [[lstSeedEth, lstSeed], 0n, deployer], {
    id: "seedLstPool",
    value: lstSeedEth,
    after: [approveLst],
  });

  // Seed the LRT pool: deposit ETH in the vault for slrETH, then add both sides.
  const lrtSeedEth = m.getParameter<bigint>("lrtPoolSeedEth");
  const depositForSeed = m.call(lrt, "depositETH", [deployer, 0n], {
    id: "depositForLrtPoolSeed",
    value: lrtSeedEth,
  });
  const lrtSeed = m.readEventArgument(depositForSeed, "DepositedETH", "shares", {
    id: "lrtPoolSeedShares",
  });
  const approveLrt = m.call(lrt, "approve", [lrtPool, lrtSeed], { id: "approveLrtPoolSeed" });
  m.call(lrtPool, "addLiquidity", [[lrtSeedEth, lrtSeed], 0n, deployer], {
    id: "seedLrtPool",
    value: lrtSeedEth,
    after: [approveLrt],
  });

  // ---------------------------------------------------------------- oracles and lending markets
  const supply = m.getParameter<bigint>("supplyPerMarket");
  const lending = (
    collateral: Collateral,
    token: ContractFuture<string>,
    decimals: bigint,
    rateProvider: CallableContractFuture<string>,
    pool: ContractFuture<string>,
  ) => {
    const lltv = m.getParameter<bigint>(`${collateral.toLowerCase()}Lltv`);
    const market = (kind: OracleKind, oracle: ContractFuture<string>) => {
      const deployed = m.contract("LendingMarket", [token, oracle, lltv], {
        id: `LendingMarket${collateral}${kind}`,
      });
      m.call(deployed, "supply", [deployer], {
        id: `supply${collateral}${kind}`,
        value: supply,
      });
      return deployed;
    };
    const exchangeRateOracle = m.contract("ExchangeRateOracle", [rateProvider, decimals], {
      id: `ExchangeRateOracle${collateral}`,
    });
    const exchangeRateMarket = market("ExchangeRate", exchangeRateOracle);
    // CAPO's snapshot: the NAV now, at the moment the first market of this collateral opened (a
    // timestamp the chain recorded, so a second run of the module reads the same one).
    const cappedRateOracle = m.contract(
      "CappedRateOracle",
      [
        rateProvider,
        decimals,
        deployer,
        m.staticCall(rateProvider, "getRate", [], 0, { id: `capoSnapshotRate${collateral}` }),
        m.staticCall(exchangeRateMarket, "lastUpdate", [], 0, {
          id: `capoSnapshotTimestamp${collateral}`,
        }),
        m.getParameter<bigint>(`${collateral.toLowerCase()}CapoMaxYearlyGrowthBps`),
      ],
      { id: `CappedRateOracle${collateral}` },
    );
    const spotOracle = m.contract("SpotPriceOracle", [pool], {
      id: `SpotPriceOracle${collateral}`,
    });
    const emaOracle = m.contract("EmaPriceOracle", [pool], { id: `EmaPriceOracle${collateral}` });
    return {
      exchangeRateOracle,
      cappedRateOracle,
      spotOracle,
      emaOracle,
      exchangeRateMarket,
      cappedRateMarket: market("CappedRate", cappedRateOracle),
      spotMarket: market("Spot", spotOracle),
      emaMarket: market("Ema", emaOracle),
    };
  };
  const lstLending = lending("LST", lst, 18n, lstRateProvider, lstPool);
  const lrtLending = lending("LRT", lrt, 21n, lrtRateProvider, lrtPool);

  return {
    lstRateProvider,
    lrtRateProvider,
    lstPool,
    lrtPool,
    lstExchangeRateOracle: lstLending.exchangeRateOracle,
    lstCappedRateOracle: lstLending.cappedRateOracle,
    lstSpotOracle: lstLending.spotOracle,
    lstEmaOracle: lstLending.emaOracle,
    lstExchangeRateMarket: lstLending.exchangeRateMarket,
    lstCappedRateMarket: lstLending.cappedRateMarket,
    lstSpotMarket: lstLending.spotMarket,
    lstEmaMarket: lstLending.emaMarket,
    lrtExchangeRateOracle: lrtLending.exchangeRateOracle,
    lrtCappedRateOracle: lrtLending.cappedRateOracle,
    lrtSpotOracle: lrtLending.spotOracle,
    lrtEmaOracle: lrtLending.emaOracle,
    lrtExchangeRateMarket: lrtLending.exchangeRateMarket,
    lrtCappedRateMarket: lrtLending.cappedRateMarket,
    lrtSpotMarket: lrtLending.spotMarket,
    lrtEmaMarket: lrtLending.emaMarket,
  };
});
