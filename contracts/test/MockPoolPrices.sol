// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRateProvider} from "../interfaces/IRateProvider.sol";

/// @title MockPoolPrices
/// @notice TEST ONLY. The price views of `IStableSwapPool` (same names and units) with values anyone can
/// set, to test the pool-priced oracles without a pool. It does not declare `is IStableSwapPool` so
/// that the pool's full interface can grow without touching this mock.
contract MockPoolPrices {
    /// @notice The rate-bearing token (coin 1).
    address public immutable coin1;
    /// @notice Where the pool would read coin 1's rate.
    IRateProvider public immutable rateProvider;

    /// @notice Coin 1's rate the pool uses now (WAD).
    uint256 public storedRate;
    /// @notice State price of coin 1 in coin 0, NAV units (WAD).
    uint256 public spotPrice;
    /// @notice Spot price after the last action, NAV units (WAD).
    uint256 public lastPrice;
    /// @notice Moving average of `lastPrice`, NAV units (WAD).
    uint256 public priceOracle;

    constructor(address coin1_, IRateProvider rateProvider_) {
        coin1 = coin1_;
        rateProvider = rateProvider_;
        storedRate = 1e18;
        spotPrice = 1e18;
        lastPrice = 1e18;
        priceOracle = 1e18;
    }

    /// @notice Sets the rate the pool uses (test only).
    function setStoredRate(uint256 rateWad) external {
        storedRate = rateWad;
    }

    /// @notice Sets the spot and last prices, as a trade would (test only); the EMA does not move.
    function setSpotPrice(uint256 priceWad) external {
        spotPrice = priceWad;
        lastPrice = priceWad;
    }

    /// @notice Sets the moving average (test only).
    function setPriceOracle(uint256 priceWad) external {
        priceOracle = priceWad;
    }
}
