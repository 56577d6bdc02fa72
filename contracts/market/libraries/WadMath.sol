// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title WadMath
/// @notice Fixed-point helpers of the lending market, as Morpho Blue's `MathLib`: products and
/// quotients with the rounding direction in the name, and the three-term Taylor expansion of
/// continuous compounding. WAD = 1e18 is one.
/// @dev Plain checked arithmetic (an overflow reverts), as Morpho: the market's amounts are bounded by
/// uint128 and prices by 1e36 × 1e18, far from 2^256.
library WadMath {
    uint256 internal constant WAD = 1e18;

    /// @dev x × y / d, rounded down (towards zero).
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y) / d;
    }

    /// @dev x × y / d, rounded up (away from zero).
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y + (d - 1)) / d;
    }

    /// @dev x × y / WAD, rounded down.
    function wMulDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return mulDivDown(x, y, WAD);
    }

    /// @dev x × WAD / y, rounded down.
    function wDivDown(uint256 x, uint256 y) internal pure returns (uint256) {
        return mulDivDown(x, WAD, y);
    }

    /// @dev x × WAD / y, rounded up.
    function wDivUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return mulDivUp(x, WAD, y);
    }

    /// @dev e^(x·n) − 1 by its first three Taylor terms, x·n + (x·n)²/2 + (x·n)³/6, each rounded down:
    /// the growth factor of a debt borrowed at `x` per second (WAD) for `n` seconds, compounded
    /// continuously (Morpho's `wTaylorCompounded`). It slightly underestimates e^(x·n) − 1: the
    /// borrower never pays more than continuous compounding.
    function wTaylorCompounded(uint256 x, uint256 n) internal pure returns (uint256) {
        uint256 firstTerm = x * n;
        uint256 secondTerm = mulDivDown(firstTerm, firstTerm, 2 * WAD);
        uint256 thirdTerm = mulDivDown(secondTerm, firstTerm, 3 * WAD);
        return firstTerm + secondTerm + thirdTerm;
    }

    /// @dev max(x − y, 0).
    function zeroFloorSub(uint256 x, uint256 y) internal pure returns (uint256) {
        return x > y ? x - y : 0;
    }
}
