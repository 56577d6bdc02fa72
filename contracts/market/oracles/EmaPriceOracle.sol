// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStableSwapPool} from "../../interfaces/IStableSwapPool.sol";
import {PoolPriceOracle} from "./PoolPriceOracle.sol";

/// @title EmaPriceOracle
/// @notice Prices the collateral at the pool's moving average: `priceOracle` (stableswap-ng's EMA of
/// past prices, NAV units) × the pool's rate. The EMA is updated at most once per block from the
/// previous action's price, so a trade and its reversal in one transaction do not move it: a flash
/// manipulation fails. It still follows a sustained market move within a few half-lives, so a real,
/// lasting depeg (ezETH, April 2024) liquidates loans priced by it, as the Redstone market feed did
/// on Morpho. It lags both ways: it reacts late to a crash and recovers late.
///
///     price = priceOracle × storedRate / 1e18 × 10^(36 − decimals), rounded down
contract EmaPriceOracle is PoolPriceOracle {
    /// @param pool_ The StableSwap pool of the collateral against ETH.
    constructor(IStableSwapPool pool_) PoolPriceOracle(pool_) {}

    /// @dev The pool's moving average (`priceOracle`).
    function _poolPrice() internal view override returns (uint256) {
        return pool.priceOracle();
    }
}
