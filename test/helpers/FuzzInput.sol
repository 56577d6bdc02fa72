// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title FuzzInput
/// @notice Maps the fuzzer's raw uint256 arguments into the ranges a property is stated on, for the
/// Solidity fuzz tests (Hardhat 3 runs them without forge-std, so this replaces its `bound`).
library FuzzInput {
    /// @dev `x` itself if it lies in [min, max], else `min + x mod (max − min + 1)` (forge-std's
    /// `bound` idea: the fuzzer's favourite edge values 0, 1 and 2^256 − 1 still land in range).
    /// Needs min ≤ max < 2^256 − 1.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (x >= min && x <= max) return x;
        return min + (x % (max - min + 1));
    }

    /// @dev A value in [min, max] whose order of magnitude is uniform: the low byte of `x` picks a
    /// decade [min·10^k, min·10^(k+1)), the rest of `x` a value in it. A plain `bound` over 1e12..1e30
    /// would almost always land in the top decade and never test a small balance. Needs min ≥ 1.
    function boundLog10(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        uint256 decades = 0;
        for (uint256 v = min; v <= max / 10; v *= 10) ++decades;
        uint256 lo = min * 10 ** ((x & 0xff) % (decades + 1));
        uint256 hi = lo <= max / 10 ? lo * 10 - 1 : max;
        return bound(x >> 8, lo, hi);
    }
}
