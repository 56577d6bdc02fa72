// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IStableSwapPool} from "../../interfaces/IStableSwapPool.sol";

/// @title EmaPriceOracle
/// @notice Prices the collateral at the pool's moving average: `priceOracle` (stableswap-ng's EMA of
/// past prices, NAV units) × the pool's rate. The EMA is updated at most once per block from the
/// previous action's price, so a trade and its reversal in one transaction do not move it: a flash
/// manipulation fails. It still follows a sustained market move within a few half-lives, so a real,
/// lasting depeg (ezETH, April 2024) liquidates loans priced by it, as the Redstone market feed did
/// on Morpho. It lags both ways: it reacts late to a crash and recovers late.
///
///     price = priceOracle × storedRate / 1e18 × 10^(36 − decimals), rounded down
contract EmaPriceOracle is IPriceOracle {
    uint256 private constant WAD = 1e18;

    /// @notice The pool whose moving average is read.
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
        return Math.mulDiv(pool.priceOracle() * pool.storedRate(), scaleFactor, WAD);
    }
}
