/**
 * The market layer's part of a deployment: its module parameters from the profile, the names it
 * has in `deployments/<network>.json`, typed handles, and its wiring check.
 *
 * Names in the record (and everywhere a script or task prints one): `<Contract>` when there is
 * one (`LSTRateProvider`), `<Contract>:<collateral>` for one per token (`StableSwapPool:LST`,
 * `SpotPriceOracle:LRT`), and `LendingMarket:<collateral>:<oracle>` for the eight markets
 * (`LendingMarket:LRT:Ema`). The contract's name is always the part before the first colon.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractRunner } from "ethers";

import type { Profile, StableSwapPoolProfile } from "../../config/profiles.js";
import {
  COLLATERALS,
  ORACLES,
  type Collateral,
  type OracleKind,
} from "../../ignition/modules/Market.js";

export { COLLATERALS, ORACLES, type Collateral, type OracleKind };

/** The oracle contract behind each kind of price. */
export const ORACLE_CONTRACTS: Readonly<Record<OracleKind, string>> = {
  ExchangeRate: "ExchangeRateOracle",
  CappedRate: "CappedRateOracle",
  Spot: "SpotPriceOracle",
  Ema: "EmaPriceOracle",
};

/** How each price source reads in a table header or a sentence. */
export const ORACLE_LABELS: Readonly<Record<OracleKind, string>> = {
  ExchangeRate: "NAV",
  CappedRate: "CAPO",
  Spot: "spot",
  Ema: "EMA",
};

export const poolName = (c: Collateral) => `StableSwapPool:${c}`;
export const oracleName = (c: Collateral, k: OracleKind) => `${ORACLE_CONTRACTS[k]}:${c}`;
export const marketName = (c: Collateral, k: OracleKind) => `LendingMarket:${c}:${k}`;
/** The contract a record name stands for: "LendingMarket:LST:Spot" → "LendingMarket". */
export const contractNameOf = (recordName: string) => recordName.split(":")[0];

/** Record name → Ignition future id, for every contract the market module creates. */
export const MARKET_FUTURES: Readonly<Record<string, string>> = Object.fromEntries([
  ["LSTRateProvider", "Market#LSTRateProvider"],
  ["LRTRateProvider", "Market#LRTRateProvider"],
  ...COLLATERALS.flatMap((c) => [
    [poolName(c), `Market#StableSwapPool${c}`],
    ...ORACLES.flatMap((k) => [
      [oracleName(c, k), `Market#${ORACLE_CONTRACTS[k]}${c}`],
      [marketName(c, k), `Market#LendingMarket${c}${k}`],
    ]),
  ]),
]);

const feeOf = (pool: StableSwapPoolProfile) => pool.feeBps * 1_000_000n; // 1e10 = 100 %
const offpegOf = (pool: StableSwapPoolProfile) => pool.offpegFeeMultiplier * 10_000_000_000n;

/** The `Market` module's parameters, converted to the contracts' units. */
export function marketModuleParameters({ market }: Profile) {
  return {
    maExpTime: market.maExpTimeSeconds,
    lstPoolA: market.lstPool.a,
    lstPoolFee: feeOf(market.lstPool),
    lstPoolOffpegFeeMultiplier: offpegOf(market.lstPool),
    lstPoolSeedEth: market.lstPool.seedEthWei,
    lrtPoolA: market.lrtPool.a,
    lrtPoolFee: feeOf(market.lrtPool),
    lrtPoolOffpegFeeMultiplier: offpegOf(market.lrtPool),
    lrtPoolSeedEth: market.lrtPool.seedEthWei,
    lstLltv: market.lstLending.lltvWad,
    lrtLltv: market.lrtLending.lltvWad,
    lstCapoMaxYearlyGrowthBps: market.lstLending.capoMaxYearlyGrowthBps,
    lrtCapoMaxYearlyGrowthBps: market.lrtLending.capoMaxYearlyGrowthBps,
    supplyPerMarket: market.supplyPerMarketWei,
  };
}

/** ETH the market module sends besides gas: both sides of both pools and every market's supply. */
export function marketDeploymentValue({ market }: Profile): bigint {
  const markets = BigInt(COLLATERALS.length * ORACLES.length);
  return (
    2n * (market.lstPool.seedEthWei + market.lrtPool.seedEthWei) +
    markets * market.supplyPerMarketWei
  );
}

/** Typed handles on one collateral's pool, rate provider, oracles and markets. */
export async function attachCollateral(
  ethers: HardhatEthers,
  addresses: Record<string, string>,
  collateral: Collateral,
  runner?: ContractRunner,
) {
  const signer = runner as Parameters<typeof ethers.getContractAt>[2];
  const at = (name: string) => {
    const address = addresses[name];
    if (address === undefined) throw new Error(`no address for ${name}`);
    return address;
  };
  const rateName = collateral === "LST" ? "LSTRateProvider" : "LRTRateProvider";
  return {
    collateral,
    rateProvider: await ethers.getContractAt(rateName, at(rateName), signer),
    pool: await ethers.getContractAt("StableSwapPool", at(poolName(collateral)), signer),
    oracles: {
      ExchangeRate: await ethers.getContractAt(
        "ExchangeRateOracle",
        at(oracleName(collateral, "ExchangeRate")),
        signer,
      ),
      CappedRate: await ethers.getContractAt(
        "CappedRateOracle",
        at(oracleName(collateral, "CappedRate")),
        signer,
      ),
      Spot: await ethers.getContractAt(
        "SpotPriceOracle",
        at(oracleName(collateral, "Spot")),
        signer,
      ),
      Ema: await ethers.getContractAt("EmaPriceOracle", at(oracleName(collateral, "Ema")), signer),
    },
    markets: Object.fromEntries(
      await Promise.all(
        ORACLES.map(
          async (k) =>
            [
              k,
              await ethers.getContractAt("LendingMarket", at(marketName(collateral, k)), signer),
            ] as const,
        ),
      ),
    ) as Record<OracleKind, Awaited<ReturnType<typeof attachLendingMarket>>>,
  };
}

async function attachLendingMarket(ethers: HardhatEthers, address: string) {
  return ethers.getContractAt("LendingMarket", address);
}

/** Both collaterals' market contracts, typed (typechain), bound to `runner` if given. */
export async function attachMarket(
  ethers: HardhatEthers,
  addresses: Record<string, string>,
  runner?: ContractRunner,
) {
  return {
    LST: await attachCollateral(ethers, addresses, "LST", runner),
    LRT: await attachCollateral(ethers, addresses, "LRT", runner),
  };
}

export type MarketContracts = Awaited<ReturnType<typeof attachMarket>>;
export type CollateralContracts = MarketContracts[Collateral];

/** Addresses by record name, from what Ignition returned for the market module. */
export async function marketAddressesOf(
  deployed: Record<string, { getAddress(): Promise<string> }>,
): Promise<Record<string, string>> {
  const key = (c: Collateral, what: string) => `${c.toLowerCase()}${what}`;
  const entries: [string, string][] = [
    ["LSTRateProvider", await deployed.lstRateProvider.getAddress()],
    ["LRTRateProvider", await deployed.lrtRateProvider.getAddress()],
  ];
  const oracleKey: Record<OracleKind, string> = {
    ExchangeRate: "ExchangeRateOracle",
    CappedRate: "CappedRateOracle",
    Spot: "SpotOracle",
    Ema: "EmaOracle",
  };
  for (const c of COLLATERALS) {
    entries.push([poolName(c), await deployed[key(c, "Pool")].getAddress()]);
    for (const k of ORACLES) {
      entries.push([oracleName(c, k), await deployed[key(c, oracleKey[k])].getAddress()]);
      entries.push([marketName(c, k), await deployed[key(c, `${k}Market`)].getAddress()]);
    }
  }
  return Object.fromEntries(entries);
}

/**
 * Checks the market's links and parameters against the profile and the core contracts; returns
 * what is wrong (empty when all is well).
 */
export async function checkMarketWiring(
  market: MarketContracts,
  core: { pool: string; token: string; vault: string },
  profile: Profile,
  deployer: string,
): Promise<string[]> {
  const problems: string[] = [];
  const expectEqual = (actual: unknown, expected: unknown, what: string) => {
    if (String(actual).toLowerCase() !== String(expected).toLowerCase())
      problems.push(`${what} is ${actual}, expected ${expected}`);
  };
  const { LST, LRT } = market;
  expectEqual(
    await LST.rateProvider.getFunction("depositPool")(),
    core.pool,
    "LSTRateProvider.depositPool()",
  );
  expectEqual(await LRT.rateProvider.getFunction("vault")(), core.vault, "LRTRateProvider.vault()");
  const tokens: Record<Collateral, string> = { LST: core.token, LRT: core.vault };
  for (const c of COLLATERALS) {
    const side = market[c];
    const poolProfile = c === "LST" ? profile.market.lstPool : profile.market.lrtPool;
    const lending = c === "LST" ? profile.market.lstLending : profile.market.lrtLending;
    const pool = side.pool;
    const poolAddress = await pool.getAddress();
    const rateAddress = await side.rateProvider.getAddress();
    expectEqual(await pool.coin1(), tokens[c], `${poolName(c)}.coin1()`);
    expectEqual(await pool.rateProvider(), rateAddress, `${poolName(c)}.rateProvider()`);
    expectEqual(await pool.A(), poolProfile.a, `${poolName(c)}.A()`);
    expectEqual(await pool.fee(), feeOf(poolProfile), `${poolName(c)}.fee()`);
    expectEqual(
      await pool.offpegFeeMultiplier(),
      offpegOf(poolProfile),
      `${poolName(c)}.offpegFeeMultiplier()`,
    );
    expectEqual(
      await pool.maExpTime(),
      profile.market.maExpTimeSeconds,
      `${poolName(c)}.maExpTime()`,
    );
    if (!(await pool.hasRole(await pool.DEFAULT_ADMIN_ROLE(), deployer)))
      problems.push(`${poolName(c)} DEFAULT_ADMIN_ROLE missing`);
    if ((await pool.totalSupply()) === 0n) problems.push(`${poolName(c)} was not seeded`);
    expectEqual(
      await side.oracles.ExchangeRate.rateProvider(),
      rateAddress,
      `${oracleName(c, "ExchangeRate")}.rateProvider()`,
    );
    expectEqual(
      await side.oracles.CappedRate.rateProvider(),
      rateAddress,
      `${oracleName(c, "CappedRate")}.rateProvider()`,
    );
    expectEqual(
      await side.oracles.CappedRate.owner(),
      deployer,
      `${oracleName(c, "CappedRate")}.owner()`,
    );
    expectEqual(
      await side.oracles.CappedRate.maxYearlyGrowthBps(),
      lending.capoMaxYearlyGrowthBps,
      `${oracleName(c, "CappedRate")}.maxYearlyGrowthBps()`,
    );
    expectEqual(await side.oracles.Spot.pool(), poolAddress, `${oracleName(c, "Spot")}.pool()`);
    expectEqual(await side.oracles.Ema.pool(), poolAddress, `${oracleName(c, "Ema")}.pool()`);
    for (const k of ORACLES) {
      const lendingMarket = side.markets[k];
      const name = marketName(c, k);
      expectEqual(await lendingMarket.collateralToken(), tokens[c], `${name}.collateralToken()`);
      expectEqual(
        await lendingMarket.oracle(),
        await side.oracles[k].getAddress(),
        `${name}.oracle()`,
      );
      expectEqual(await lendingMarket.lltv(), lending.lltvWad, `${name}.lltv()`);
      if ((await lendingMarket.totalSupplyAssets()) < profile.market.supplyPerMarketWei)
        problems.push(`${name} holds less than the profile's supply`);
    }
  }
  return problems;
}
