// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {SlashingLib} from "../../contracts/restaking/SlashingLib.sol";
import {FuzzInput} from "../helpers/FuzzInput.sol";

/// @title SlashingLibFuzzTest
/// @notice Fuzz tests of the restaking share maths (`SlashingLib`, EigenLayer's `SlashingLib`): a
/// staker's withdrawable shares a = ⌊⌊⌊s·k⌋·l⌋·m⌋ never exceed the exact s·k·l·m and fall short of it by
/// at most 2 wei; a slash takes at least its exact share; the deposit scaling factor never gives a
/// staker more weight than asked; a consensus-layer loss never raises the beacon factor.
///
/// Ranges (EigenLayer's): deposit shares s 1 … 1e30 (a million ETH is 1e24), the deposit scaling factor
/// k 1e18 … 1e36 (it grows as l·m shrinks), the beacon factor l and the max magnitude m 0 … 1e18 (WAD),
/// each order of magnitude equally likely.
contract SlashingLibFuzzTest {
    using FuzzInput for uint256;

    uint256 private constant WAD = 1e18;
    uint256 private constant MAX_SHARES = 1e30;
    uint256 private constant MAX_SCALING_FACTOR = 1e36;
    /// @dev Each of the three floors of ⌊⌊⌊s·k⌋·l⌋·m⌋ loses less than 1 wei and l, m ≤ 1 never enlarge a
    /// loss, so a > s·k·l·m − 3: a is at most 2 wei below the exact value floored.
    uint256 private constant THREE_FLOORS_WEI = 2;

    error WithdrawableAboveExact(uint256 s, uint256 k, uint256 l, uint256 m, uint256 a, uint256 exact);
    error WithdrawableTooFarBelowExact(uint256 s, uint256 k, uint256 l, uint256 m, uint256 a, uint256 exact);
    error SlashTookLessThanExact(uint256 x, uint256 prevMax, uint256 newMax, uint256 slashed, uint256 exact);
    error SplitQueueRemovedADifferentAmount(uint256 inOne, uint256 inTwo);
    error ScalingFactorGaveMoreWeight(uint256 target, uint256 l, uint256 s, uint256 k, uint256 weight);
    error BeaconFactorAboveExact(uint256 prevFactor, uint256 prevBalance, uint256 loss, uint256 newFactor);

    /// a = ⌊⌊⌊s·k⌋·l⌋·m⌋ ≤ s·k·l·m exactly (every floor against the staker), and at most 2 wei below it.
    function testFuzz_withdrawableNeverExceedsDepositTimesFactors(
        uint256 s,
        uint256 k,
        uint256 l,
        uint256 m
    ) public pure {
        s = s.boundLog10(1, MAX_SHARES);
        k = k.boundLog10(WAD, MAX_SCALING_FACTOR);
        l = _wadFactor(l);
        m = _wadFactor(m);
        uint256 a = SlashingLib.mulWad(SlashingLib.mulWad(SlashingLib.mulWad(s, k), l), m);
        // The exact value, floored once: (s·k)·(l·m) / 1e54 with a 512-bit product.
        uint256 exact = Math.mulDiv(s * k, l * m, WAD * WAD * WAD);
        if (a > exact) revert WithdrawableAboveExact(s, k, l, m, a, exact);
        if (a + THREE_FLOORS_WEI < exact) revert WithdrawableTooFarBelowExact(s, k, l, m, a, exact);
    }

    /// When m falls from prevMax to newMax, the slash of x is at least ⌊x·(prevMax − newMax)⌋, and what
    /// stays is exactly ⌊x·newMax⌋: never more than the exact remaining weight.
    function testFuzz_aSlashTakesAtLeastItsExactShare(
        uint256 x,
        uint256 prevMax,
        uint256 newMax
    ) public pure {
        x = x.boundLog10(1, MAX_SHARES);
        prevMax = _wadFactor(prevMax);
        newMax = newMax.bound(0, prevMax);
        uint256 slashed = SlashingLib.calcSlashedAmount(x, prevMax, newMax);
        uint256 exact = SlashingLib.mulWad(x, prevMax - newMax);
        if (slashed < exact) revert SlashTookLessThanExact(x, prevMax, newMax, slashed, exact);
    }

    /// Queuing `first` then `second` deposit shares removes exactly as many scaled shares as queuing both
    /// at once: the operator's weight falls by the same amount however a withdrawal is split.
    function testFuzz_queuingInTwoPartsRemovesWhatQueuingInOneDoes(
        uint256 s,
        uint256 first,
        uint256 second,
        uint256 k
    ) public pure {
        s = s.boundLog10(2, MAX_SHARES);
        first = first.bound(1, s - 1);
        second = second.bound(1, s - first);
        k = k.boundLog10(WAD, MAX_SCALING_FACTOR);
        uint256 inOne = SlashingLib.scaleForQueueWithdrawal(s, first + second, k);
        uint256 inTwo =
            SlashingLib.scaleForQueueWithdrawal(s, first, k) +
                SlashingLib.scaleForQueueWithdrawal(s - first, second, k);
        if (inOne != inTwo) revert SplitQueueRemovedADifferentAmount(inOne, inTwo);
    }

    /// The scaling factor chosen for a target weight never gives a weight ⌊⌊s·k⌋·l⌋ above that target.
    function testFuzz_scalingFactorForNeverGivesMoreWeightThanTheTarget(
        uint256 targetWeight,
        uint256 l,
        uint256 s
    ) public pure {
        s = s.boundLog10(1, MAX_SHARES);
        l = _wadFactor(l);
        // Up to the weight the shares had at k = 1e36 and l = 1 (EigenLayer's largest).
        targetWeight = targetWeight.boundLog10(1, Math.mulDiv(s, MAX_SCALING_FACTOR, WAD));
        uint256 k = SlashingLib.scalingFactorFor(targetWeight, l, s);
        uint256 weight = SlashingLib.mulWad(SlashingLib.mulWad(s, k), l);
        if (weight > targetWeight) revert ScalingFactorGaveMoreWeight(targetWeight, l, s, k, weight);
    }

    /// After a loss of `loss` on `prevBalance`, l never exceeds the exact l·(1 − loss/prevBalance) (so it
    /// never rises), and is 0 when everything was lost.
    function testFuzz_decreaseBeaconFactorNeverExceedsTheExactFactor(
        uint256 prevFactor,
        uint256 prevBalance,
        uint256 loss
    ) public pure {
        prevFactor = _wadFactor(prevFactor);
        prevBalance = prevBalance.boundLog10(1, MAX_SHARES);
        loss = loss.bound(0, prevBalance + 1);
        uint256 newFactor = SlashingLib.decreaseBeaconFactor(prevFactor, prevBalance, loss);
        uint256 remaining = loss >= prevBalance ? 0 : prevBalance - loss;
        // newFactor ≤ prevFactor·remaining/prevBalance ⇔ newFactor·prevBalance ≤ prevFactor·remaining.
        if (newFactor * prevBalance > prevFactor * remaining || newFactor > prevFactor) {
            revert BeaconFactorAboveExact(prevFactor, prevBalance, loss, newFactor);
        }
    }

    /// @dev A WAD factor in 0 … 1e18: 0 and 1e18 (untouched, or fully slashed) one time in 16 each, else
    /// 1 … 1e18 with every order of magnitude equally likely.
    function _wadFactor(uint256 x) private pure returns (uint256) {
        uint256 pick = x % 16;
        if (pick == 0) return 0;
        if (pick == 1) return WAD;
        return (x / 16).boundLog10(1, WAD);
    }
}
