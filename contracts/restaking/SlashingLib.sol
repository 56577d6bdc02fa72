// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SlashingLib
/// @notice The share maths of restaking, as EigenLayer's `SlashingLib` (`src/contracts/libraries/
/// SlashingLib.sol`): WAD products and quotients and the `a = s·k·l·m` formulas built on them.
///
/// Terms (EigenLayer's `SharesAccounting.md`): deposit shares `s`, deposit scaling factor `k`, beacon
/// chain slashing factor `l` (native ETH only, 1 for tokens), operator max magnitude `m`, all but `s`
/// in WAD. A staker's weight is `w = ⌊⌊s·k⌋·l⌋`; its withdrawable shares are `a = ⌊w·m⌋`.
///
/// Rounding: every function says which way it rounds; each direction is the protocol's favour
/// (a staker never gets a wei more than it owns; a slash never takes less than asked).
library SlashingLib {
    uint256 internal constant WAD = 1e18;

    /// @dev `⌊x·y / 1e18⌋`: a WAD product, rounded down.
    function mulWad(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD);
    }

    /// @dev `⌈x·y / 1e18⌉`: a WAD product, rounded up (slashed magnitudes: never less than asked).
    function mulWadRoundUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, y, WAD, Math.Rounding.Ceil);
    }

    /// @dev `⌊x·1e18 / y⌋`: a WAD quotient, rounded down.
    function divWad(uint256 x, uint256 y) internal pure returns (uint256) {
        return Math.mulDiv(x, WAD, y);
    }

    /// @dev Scaled shares `s·k` that leave a position of `depositShares` when `removed` of them are
    /// queued: the exact fall of `⌊s·k⌋`, so the operator's weight stays an exact sum (EigenLayer's
    /// `scaleForQueueWithdrawal`).
    function scaleForQueueWithdrawal(
        uint256 depositShares,
        uint256 removed,
        uint256 scalingFactor
    ) internal pure returns (uint256) {
        return mulWad(depositShares, scalingFactor) - mulWad(depositShares - removed, scalingFactor);
    }

    /// @dev The largest `k` whose weight `⌊⌊s·k⌋·l⌋` does not exceed `targetWeight`, each step rounded down
    /// (EigenLayer's `DepositScalingFactor.update`, written on the weight so that it is exact). 0 if `l` is.
    function scalingFactorFor(
        uint256 targetWeight,
        uint256 beaconFactor,
        uint256 depositShares
    ) internal pure returns (uint256) {
        uint256 targetScaled = beaconFactor == 0 ? 0 : divWad(targetWeight, beaconFactor);
        return divWad(targetScaled, depositShares);
    }

    /// @dev What `x` (a weight, or scaled shares) loses when `m` falls from `prevMax` to `newMax`: the
    /// difference of the two rounded-down values (EigenLayer's `calcSlashedAmount`).
    function calcSlashedAmount(uint256 x, uint256 prevMax, uint256 newMax) internal pure returns (uint256) {
        return mulWad(x, prevMax) - mulWad(x, newMax);
    }

    /// @dev `l` after a consensus-layer loss of `loss` wei on `prevBalance` wei restaked: `l·(1 − loss /
    /// prevBalance)`, rounded down (against the owner), 0 if everything was lost.
    function decreaseBeaconFactor(
        uint256 prevFactor,
        uint256 prevBalance,
        uint256 loss
    ) internal pure returns (uint256) {
        uint256 remaining = loss >= prevBalance ? 0 : prevBalance - loss;
        return Math.mulDiv(prevFactor, remaining, prevBalance);
    }
}
