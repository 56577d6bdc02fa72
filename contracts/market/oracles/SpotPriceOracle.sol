// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IStableSwapPool} from "../../interfaces/IStableSwapPool.sol";

/// @title SpotPriceOracle
/// @notice Prices the collateral at the pool's price now: `spotPrice` (NAV units) × the pool's rate.
/// It follows the market at once, which is exactly its flaw: a single large trade, or a flash loan
/// swapped in and out within one transaction, moves it, and a loan priced by it can be liquidated (or
/// over-borrowed against) in that transaction. Shown here as the wrong choice; no serious market
/// prices collateral from one pool's spot price (bZx 2020, Mango 2022 and many others were drained
/// this way).
///
///     price = spotPrice × storedRate / 1e18 × 10^(36 − decimals), rounded down
contract SpotPriceOracle is IPriceOracle {
    uint256 private constant WAD = 1e18;

    /// @notice The pool whose price is read.
    IStableSwapPool public immutable pool;
    /// @notice 10^(36 − collateral decimals), the collateral being the pool's coin 1.
    uint256 public immutable scaleFactor;

    /// @notice A zero address was given.
    error ZeroAddress();
    /// @notice The collateral's `decimals` is above 36.
    error InvalidDecimals(uint8 decimals);

    /// @param pool_ The StableSwap pool of the collateral against ETH.
    constructor(IStableSwapPool pool_) {
        if (address(pool_) == address(0)) revert ZeroAddress();
        uint8 decimals = IERC20Metadata(pool_.coin1()).decimals();
        if (decimals > 36) revert InvalidDecimals(decimals);
        pool = pool_;
        scaleFactor = 10 ** (36 - uint256(decimals));
    }

    /// @inheritdoc IPriceOracle
    function price() external view returns (uint256) {
        return Math.mulDiv(pool.spotPrice() * pool.storedRate(), scaleFactor, WAD);
    }
}
