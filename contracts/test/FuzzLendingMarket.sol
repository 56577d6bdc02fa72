// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {LendingMarket} from "../market/LendingMarket.sol";

/// @title FuzzLendingMarket
/// @notice TEST ONLY. A `LendingMarket` whose internal health rule (`_capacity`, `_requireHealthy`) the
/// Solidity fuzz tests call directly, at borrow totals they choose; its incentive factor is the real
/// constructor's. The token and oracle are never called by these functions.
contract FuzzLendingMarket is LendingMarket {
    constructor(
        IERC20 collateralToken_,
        IPriceOracle oracle_,
        uint256 lltv_
    ) LendingMarket(collateralToken_, oracle_, lltv_) {}

    /// @notice Sets the borrow totals the health rule converts debt shares at.
    function setBorrowTotals(uint128 totalBorrowAssets, uint128 totalBorrowShares) external {
        _totalBorrowAssets = totalBorrowAssets;
        _totalBorrowShares = totalBorrowShares;
    }

    /// @notice `_capacity`: what `posted` collateral at `price` (1e36 scale) lets a position owe, in wei.
    function capacity(uint256 posted, uint256 price) external view returns (uint256) {
        return _capacity(posted, price);
    }

    /// @notice `_requireHealthy`: reverts `UnhealthyPosition(borrowed, capacity)` if the debt exceeds it.
    function requireHealthy(uint256 debtShares, uint256 posted, uint256 price) external view {
        _requireHealthy(debtShares, posted, price);
    }
}
