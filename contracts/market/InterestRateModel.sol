// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {WadMath} from "./libraries/WadMath.sol";

/// @title InterestRateModel
/// @notice The lending market's borrow rate: one kink at a target utilisation, the curve of Morpho
/// Blue's `AdaptiveCurveIrm` with its adaptation frozen (its rate at target never moves here).
///
///     utilisation U = totalBorrowAssets / totalSupplyAssets (WAD, rounded down; 0 when nothing is supplied)
///     U ≤ U*:  rate = r*/C + (r* − r*/C) · U / U*                    (1 % → 4 % a year)
///     U > U*:  rate = r* + (C·r* − r*) · (U − U*) / (1 − U*)          (4 % → 16 % a year)
///
/// with U* = 90 % (`TARGET_UTILIZATION`), r* = 4 % a year (`RATE_AT_TARGET`, Morpho's
/// `INITIAL_RATE_AT_TARGET`) and C = 4 (`CURVE_STEEPNESS`, Morpho's). Below the kink borrowing is
/// cheap; above it the rate climbs four times faster, so that suppliers are paid to come back and
/// borrowers to repay before the market runs dry. Aave v3's WETH reserve has the same shape (kink at
/// 90 %, 2.7 % then +80 % a year). Rates are per second, WAD (1e18 = 100 % a second).
library InterestRateModel {
    using WadMath for uint256;

    /// @notice Utilisation at the kink: 90 % (Morpho's `TARGET_UTILIZATION`).
    uint256 internal constant TARGET_UTILIZATION = 0.9 ether;
    /// @notice Borrow rate at the kink: 4 % a year, per second (Morpho's `INITIAL_RATE_AT_TARGET`).
    uint256 internal constant RATE_AT_TARGET = 0.04 ether / uint256(365 days);
    /// @notice Ratio of the rate at full utilisation to the rate at the kink, and of the rate at the kink
    /// to the rate at zero utilisation (Morpho's `CURVE_STEEPNESS`, 4).
    uint256 internal constant CURVE_STEEPNESS = 4;
    /// @notice Borrow rate at zero utilisation: r*/C, 1 % a year, per second.
    uint256 internal constant MIN_RATE = RATE_AT_TARGET / CURVE_STEEPNESS;
    /// @notice Borrow rate at full utilisation: C·r*, 16 % a year, per second.
    uint256 internal constant MAX_RATE = RATE_AT_TARGET * CURVE_STEEPNESS;

    /// @dev Share of the supplied ETH that is lent out (WAD), rounded down; 0 when nothing is supplied.
    /// At most 1: the market never lends more than is supplied (INV-10).
    function utilization(
        uint256 totalSupplyAssets,
        uint256 totalBorrowAssets
    ) internal pure returns (uint256) {
        if (totalSupplyAssets == 0) return 0;
        return totalBorrowAssets.wDivDown(totalSupplyAssets);
    }

    /// @dev Borrow rate per second (WAD) at the market's current totals, each segment rounded down.
    function borrowRate(
        uint256 totalSupplyAssets,
        uint256 totalBorrowAssets
    ) internal pure returns (uint256) {
        uint256 u = utilization(totalSupplyAssets, totalBorrowAssets);
        if (u <= TARGET_UTILIZATION) {
            return MIN_RATE + (RATE_AT_TARGET - MIN_RATE).mulDivDown(u, TARGET_UTILIZATION);
        }
        return
            RATE_AT_TARGET +
            (MAX_RATE - RATE_AT_TARGET).mulDivDown(u - TARGET_UTILIZATION, WadMath.WAD - TARGET_UTILIZATION);
    }
}
