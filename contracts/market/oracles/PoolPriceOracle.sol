// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IStableSwapPool} from "../../interfaces/IStableSwapPool.sol";

/// @title PoolPriceOracle
/// @notice What the two market-priced oracles share: the collateral priced at one of the StableSwap
/// pool's prices (NAV units) times the rate the pool prices with, scaled as Morpho's oracles are.
/// `SpotPriceOracle` reads the pool's price now, `EmaPriceOracle` its moving average.
///
///     price = poolPrice × storedRate / 1e18 × 10^(36 − decimals), rounded down
abstract contract PoolPriceOracle is IPriceOracle {
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
        return Math.mulDiv(_poolPrice() * pool.storedRate(), scaleFactor, WAD);
    }

    /// @dev The pool's price of coin 1 in coin 0, NAV units (WAD).
    function _poolPrice() internal view virtual returns (uint256);
}
