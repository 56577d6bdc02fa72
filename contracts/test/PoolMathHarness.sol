// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {StableSwapMath} from "../market/StableSwapMath.sol";

/// @title PoolMathHarness
/// @notice TEST ONLY. Exposes the `StableSwapMath` library so tests can call it on inputs no pool
/// reaches (a non-converging invariant, extreme balances).
contract PoolMathHarness {
    function getD(uint256 x0, uint256 x1, uint256 amp) external pure returns (uint256) {
        return StableSwapMath.getD(x0, x1, amp);
    }

    function getY(uint256 x, uint256 d, uint256 amp) external pure returns (uint256) {
        return StableSwapMath.getY(x, d, amp);
    }

    function dynamicFee(uint256 xi, uint256 xj, uint256 fee, uint256 offpeg) external pure returns (uint256) {
        return StableSwapMath.dynamicFee(xi, xj, fee, offpeg);
    }

    function spotPrice(uint256 x0, uint256 x1, uint256 amp, uint256 d) external pure returns (uint256) {
        return StableSwapMath.spotPrice(x0, x1, amp, d);
    }
}
