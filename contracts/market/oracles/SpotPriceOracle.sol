// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStableSwapPool} from "../../interfaces/IStableSwapPool.sol";
import {PoolPriceOracle} from "./PoolPriceOracle.sol";

/// @title SpotPriceOracle
/// @notice Prices the collateral at the pool's price now: `spotPrice` (NAV units) × the pool's rate.
/// It follows the market at once, which is exactly its flaw: a single large trade, or a flash loan
/// swapped in and out within one transaction, moves it, and a loan priced by it can be liquidated (or
/// over-borrowed against) in that transaction. Shown here as the wrong choice; no serious market
/// prices collateral from one pool's spot price (bZx 2020, Mango 2022 and many others were drained
/// this way).
///
///     price = spotPrice × storedRate / 1e18 × 10^(36 − decimals), rounded down
contract SpotPriceOracle is PoolPriceOracle {
    /// @param pool_ The StableSwap pool of the collateral against ETH.
    constructor(IStableSwapPool pool_) PoolPriceOracle(pool_) {}

    /// @dev The pool's price now (`spotPrice`).
    function _poolPrice() internal view override returns (uint256) {
        return pool.spotPrice();
    }
}
