// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRateProvider} from "./IRateProvider.sol";

/// @title IStableSwapPool
/// @notice A two-coin StableSwap pool in the manner of Curve stableswap-ng: coin 0 is native ETH,
/// coin 1 a rate-bearing token whose balance is scaled by its rate, so prices are in NAV units
/// (1e18 = the token trades at its NAV).
/// @dev The price views below are what the market's oracles read. The full interface is completed
/// with the pool itself.
interface IStableSwapPool {
    /// @notice The rate-bearing token (coin 1).
    function coin1() external view returns (address);

    /// @notice Where the pool reads coin 1's rate.
    function rateProvider() external view returns (IRateProvider);

    /// @notice Coin 1's rate the pool's maths uses now (WAD ETH per whole token), after the per-block
    /// bound on its moves.
    function storedRate() external view returns (uint256 rateWad);

    /// @notice State price of coin 1 in coin 0, in NAV units (WAD): d(coin 0) / d(coin 1) at the margin.
    function spotPrice() external view returns (uint256 priceWad);

    /// @notice Spot price right after the last state-changing action, in NAV units (WAD).
    function lastPrice() external view returns (uint256 priceWad);

    /// @notice Exponential moving average of `lastPrice` (stableswap-ng's `price_oracle`), NAV units (WAD).
    function priceOracle() external view returns (uint256 priceWad);
}
