// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {StableSwapMath} from "../../contracts/market/StableSwapMath.sol";
import {FuzzInput} from "../helpers/FuzzInput.sol";

/// @title StableSwapMathFuzzTest
/// @notice Fuzz tests of the curve maths (`StableSwapMath`, Curve stableswap-ng's `get_D`, `get_y`,
/// `_dynamic_fee`): getD and getY are the exact ceilings of the invariant's roots, the invariant grows
/// with every balance, and every rounding of a trade or a one-coin withdrawal falls on the pool's side,
/// so no sequence of trades can take value out of it. No tolerance: each rule holds to the wei.
///
/// Faults this file found in ng's rounding (fixed in `StableSwapMath` and `StableSwapViews`, each a
/// regression test below and in `StableSwapPool.exchange.test.ts`): a dust round trip returned up to
/// 4 wei more than it sold; a trade lowered D by up to 3 wei; selling in two parts paid 1 wei more than
/// in one; D fell by 1 wei when a balance grew; getD did not converge beyond about 1 : 4,800 at A ≈ 1
/// (ng raises there too; rounded up, it converges at any imbalance); dynamicFee overflowed at fee 1 with
/// m 5e19 (the pool now bounds m at 1e12).
///
/// Ranges: balances (xp units, 18 decimals) 1e12 … 1e30 wei, each order of magnitude equally likely;
/// the pool's imbalance at most 1 : 1e6; amp = A × 100 for 1 ≤ A < 1e6 (any value a ramp passes
/// through). Each test fails with an error carrying the values that broke the rule.
contract StableSwapMathFuzzTest {
    using FuzzInput for uint256;

    uint256 private constant MIN_BALANCE = 1e12;
    uint256 private constant MAX_BALANCE = 1e30;
    /// @dev The largest ratio between the two balances the tests put the pool at (1 : 1e6, far beyond
    /// ng's convergence limit of about 1 : 4,800 at A ≈ 1).
    uint256 private constant MAX_IMBALANCE = 1e6;
    /// @dev The largest ratio a trade or withdrawal may leave the pool at before the test skips the state:
    /// 1 : 1e9, which keeps getD's D³ / min(x0, x1) far below 2^256 at every balance tested.
    uint256 private constant MAX_REACHED_IMBALANCE = 1e9;
    uint256 private constant MIN_AMP = StableSwapMath.A_PRECISION;
    uint256 private constant MAX_AMP = (1e6 - 1) * StableSwapMath.A_PRECISION;
    /// @dev Base fees from 0.01 % (the LRT pool's 1e6) to the pool's cap of 1 % (1e8), FEE_DENOMINATOR units.
    uint256 private constant MIN_FEE = 1e6;
    uint256 private constant MAX_FEE = 1e8;
    /// @dev The pool's bound on the off-peg multiplier (`StableSwapParameters.MAX_OFFPEG_FEE_MULTIPLIER`).
    uint256 private constant MAX_OFFPEG_FEE_MULTIPLIER = 1e12;

    error DFellWhenABalanceGrew(uint256 x0, uint256 x1, uint256 amp, uint256 dBefore, uint256 dAfter);
    error DOutsideProductAndSum(uint256 x0, uint256 x1, uint256 amp, uint256 d);
    error TradeRoundedInTheTradersFavour(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 sold,
        uint256 dBefore,
        uint256 dAfter
    );
    error WithdrawalRoundedInTheLeaversFavour(uint256 xOther, uint256 amp, uint256 dReduced, uint256 dAfter);
    error DNotTheCeiling(uint256 x0, uint256 x1, uint256 amp, uint256 d);
    error DNotTheFloor(uint256 x0, uint256 x1, uint256 amp, uint256 d);
    error YNotTheCeiling(uint256 x, uint256 d, uint256 amp, uint256 y);
    error RoundTripPaidMoreThanSold(uint256 sold, uint256 returned);
    error SplitTradePaidMore(uint256 paidInOne, uint256 paidInTwo);
    error ProportionalExitLoweredTheVirtualPrice(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 supply,
        uint256 left,
        uint256 dBefore,
        uint256 dAfter
    );
    error DynamicFeeOutOfRange(uint256 fee, uint256 offpegFeeMultiplier, uint256 dynamicFee);

    // ------------------------------------------------------------------ getD

    /// getD is ⌈D⌉: the invariant is at or below zero at D (D at or above the exact root) and above zero
    /// at D − 1, checked with an exact 512-bit evaluation written here independently of the library.
    function testFuzz_getDIsTheExactCeilingOfTheInvariant(uint256 x0, uint256 x1, uint256 amp) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        uint256 d = StableSwapMath.getD(x0, x1, amp);
        if (_sign(x0, x1, d, amp) > 0 || _sign(x0, x1, d - 1, amp) <= 0)
            revert DNotTheCeiling(x0, x1, amp, d);
    }

    /// Adding to coin 0's balance never lowers D (⌈D⌉ is monotone; ng's D fell by 1 wei). Likewise coin
    /// 1's: the next test.
    function testFuzz_getDNeverFallsWhenCoin0Grows(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 added
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        added = added.boundLog10(1, x0);
        uint256 dBefore = StableSwapMath.getD(x0, x1, amp);
        uint256 dAfter = StableSwapMath.getD(x0 + added, x1, amp);
        if (dAfter < dBefore) revert DFellWhenABalanceGrew(x0, x1, amp, dBefore, dAfter);
    }

    /// Adding to coin 1's balance never lowers D.
    function testFuzz_getDNeverFallsWhenCoin1Grows(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 added
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        added = added.boundLog10(1, x1);
        uint256 dBefore = StableSwapMath.getD(x0, x1, amp);
        uint256 dAfter = StableSwapMath.getD(x0, x1 + added, amp);
        if (dAfter < dBefore) revert DFellWhenABalanceGrew(x0, x1, amp, dBefore, dAfter);
    }

    /// D lies between the constant-product value 2·√(x0·x1) and the constant-sum value x0 + x1
    /// (the two ends of the curve family: A → 0 and A → ∞).
    function testFuzz_getDLiesBetweenTheProductAndTheSum(uint256 x0, uint256 x1, uint256 amp) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        uint256 d = StableSwapMath.getD(x0, x1, amp);
        if (d < 2 * Math.sqrt(x0 * x1) || d > x0 + x1) revert DOutsideProductAndSum(x0, x1, amp, d);
    }

    /// ⌊D⌋ is ⌈D⌉ less 1 wei, or ⌈D⌉ itself when the root is an integer.
    function testFuzz_getDRoundedDownIsTheExactFloor(uint256 x0, uint256 x1, uint256 amp) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        uint256 d = StableSwapMath.getDRoundedDown(x0, x1, amp);
        if (_sign(x0, x1, d, amp) < 0 || _sign(x0, x1, d + 1, amp) >= 0) revert DNotTheFloor(x0, x1, amp, d);
    }

    // ------------------------------------------------------------------ getY

    /// getY is ⌈y⌉: the point (x, y) is on or above the curve of D, (x, y − 1) below it.
    function testFuzz_getYIsTheExactCeilingOfTheInvariant(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 sold
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        sold = sold.boundLog10(1, x0);
        uint256 d = StableSwapMath.getD(x0, x1, amp);
        uint256 y = StableSwapMath.getY(x0 + sold, d, amp);
        if (_sign(x0 + sold, y, d, amp) < 0 || _sign(x0 + sold, y - 1, d, amp) >= 0) {
            revert YNotTheCeiling(x0 + sold, d, amp, y);
        }
    }

    /// A trade priced with getY and paid as the pool pays it (Δ = x_j − y − 1) leaves an invariant no
    /// smaller than before: getY never rounds in the trader's favour (ng's could lower D by 3 wei).
    function testFuzz_aTradeNeverLowersD(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 sold,
        bool sellCoin1
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        if (sellCoin1) (x0, x1) = (x1, x0);
        sold = sold.boundLog10(1, x0);
        _checkTrade(x0, x1, amp, sold);
    }

    /// A one-coin withdrawal solved with getY at the reduced invariant D₁ and paid as the pool pays it
    /// (−1 wei) leaves the pool at D₁ or above: the leaving LP never gets more than its share.
    function testFuzz_aOneCoinWithdrawalLeavesAtLeastTheReducedInvariant(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 burntBps
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        burntBps = burntBps.bound(1, 5_000);
        uint256 d0 = StableSwapMath.getD(x0, x1, amp);
        uint256 d1 = d0 - (d0 * burntBps) / 10_000;
        uint256 y = StableSwapMath.getY(x0, d1, amp);
        // Coin 1 is paid out: x1 − y − 1 (nothing if the rounding leaves nothing to pay).
        uint256 paid = y + 1 < x1 ? x1 - y - 1 : 0;
        if (!_inRange(x0, x1 - paid)) return;
        uint256 dAfter = StableSwapMath.getD(x0, x1 - paid, amp);
        if (dAfter < d1) revert WithdrawalRoundedInTheLeaversFavour(x0, amp, d1, dAfter);
    }

    /// A proportional exit that leaves each coin ⌈x·left/supply + ½⌉ (`StableSwapViews._proportionalPayouts`
    /// rule in xp units) never lowers the virtual price ⌈D⌉/supply: D is concave and of degree 1, so the
    /// ½ of each coin adds at least 1 to D, more than the ceiling of D can take. With the remaining xp
    /// floored instead (ng's floor, seen through a 21-decimal token: model seed 6, −2 wei) this fails.
    function testFuzz_aProportionalExitNeverLowersTheVirtualPrice(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 supply,
        uint256 burntBps
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        uint256 dBefore = StableSwapMath.getD(x0, x1, amp);
        // Any virtual price from 0.5 to 2 (supply from D/2 to 2·D) and any part of the supply but all.
        supply = supply.bound(dBefore / 2, dBefore * 2);
        uint256 left = supply - (supply * burntBps.bound(1, 9_999)) / 10_000;
        uint256 kept0 = Math.mulDiv(x0, left, supply) + (2 * mulmod(x0, left, supply) > supply ? 2 : 1);
        uint256 kept1 = Math.mulDiv(x1, left, supply) + (2 * mulmod(x1, left, supply) > supply ? 2 : 1);
        if (!_inRange(kept0, kept1)) return;
        uint256 dAfter = StableSwapMath.getD(kept0, kept1, amp);
        // dAfter / left ≥ dBefore / supply, multiplied out.
        if (dAfter * supply < dBefore * left) {
            revert ProportionalExitLoweredTheVirtualPrice(x0, x1, amp, supply, left, dBefore, dAfter);
        }
    }

    // ------------------------------------------------------------------ exchange (with the base fee)

    /// Selling coin 0 for coin 1 and selling all of it back, each trade paying the pool's fee (rounded
    /// up), never returns more coin 0 than was sold (ng's rounding returned up to 4 wei more).
    function testFuzz_aRoundTripNeverReturnsMoreThanItSold(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 sold,
        uint256 fee
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        sold = sold.boundLog10(1, x0);
        fee = fee.bound(MIN_FEE, MAX_FEE);
        _checkRoundTrip(x0, x1, amp, sold, fee);
    }

    /// Selling in two parts never pays more than selling the whole at once: the one-trade quote is the
    /// most any path from the same pool can give (ng's paid 1 wei more in two parts).
    function testFuzz_splittingATradeNeverPaysMore(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 first,
        uint256 second
    ) public pure {
        (x0, x1, amp) = _pool(x0, x1, amp);
        first = first.boundLog10(1, x0);
        second = second.boundLog10(1, x0);
        _checkSplit(x0, x1, amp, first, second);
    }

    // ------------------------------------------------------------------ the faults ng's rounding had

    /// FOUND BY THIS FILE (ng's rounding): pool 1000 ETH + 16 wei : 10 ETH, A = 4.31, fee 0.01 %; selling
    /// 102 wei of coin 0 bought 3 wei of coin 1 and selling those back returned 104 wei. Now it returns
    /// no more than 102 (the fee rounds up to 1 wei on each leg and ⌈y⌉ keeps D).
    function test_theDustRoundTripThatGained2WeiNoLongerGains() public pure {
        _checkRoundTrip(1_000 ether + 16, 10 ether, 431, 102, 1e6);
    }

    /// FOUND BY THIS FILE (ng's rounding, values re-found with ng's floored maths): at A = 1, selling
    /// 11.30 of coin 0 into 19,948.85 : 32.57 priced with ng's get_y left D 3 wei lower. ⌈y⌉ keeps it.
    function test_theTradeThatLowered3WeiOfDNoLongerDoes() public pure {
        _checkTrade(
            19_948_850_071_547_511_046_144,
            32_573_649_114_179_923_968,
            100,
            11_301_341_939_002_537_984
        );
    }

    /// FOUND BY THIS FILE (ng's rounding): at A = 1, adding 1 wei of coin 0 to 0.0554 : 0.000061 lowered
    /// ng's D by 1 wei. ⌈D⌉ is monotone.
    function test_theBalanceThatLoweredDNoLongerDoes() public pure {
        (uint256 x0, uint256 x1) = (55_403_261_731_069_064, 61_026_552_452_604);
        uint256 dBefore = StableSwapMath.getD(x0, x1, 100);
        uint256 dAfter = StableSwapMath.getD(x0 + 1, x1, 100);
        if (dAfter < dBefore) revert DFellWhenABalanceGrew(x0, x1, 100, dBefore, dAfter);
    }

    /// FOUND BY THIS FILE (ng's rounding): at A = 1, selling 0.000417… and then 108,827,160,090 wei of
    /// coin 0 into 0.3136 : 0.0728 paid 1 wei more than selling both at once.
    function test_theSplitTradeThatPaid1WeiMoreNoLongerDoes() public pure {
        _checkSplit(
            313_618_054_330_964_224,
            72_757_255_988_877_232,
            100,
            417_361_770_993_731,
            108_827_160_090
        );
    }

    /// FOUND BY THIS FILE: ng's getD raised (255 rounds without settling) at 1e6 : 100 wei, A = 1.
    /// Rounded up it converges, to the exact ceiling 91,399.
    function test_getDConvergesWhereNgRaised() public pure {
        uint256 d = StableSwapMath.getD(1e6, 100, 100);
        if (d != 91_399 || _sign(1e6, 100, d, 100) > 0 || _sign(1e6, 100, d - 1, 100) <= 0) {
            revert DNotTheCeiling(1e6, 100, 100, d);
        }
    }

    // ------------------------------------------------------------------ dynamicFee

    /// The dynamic fee stays between the base fee (balanced pool) and base fee × multiplier rounded up
    /// (one side empty), within the pool's limits: fee ≤ 1 %, fee × multiplier ≤ 50 %, multiplier ≤ ×100;
    /// and it never overflows for balances up to 1.7e32 wei a side (the fault: fee 1, m 5e19 overflowed
    /// at 2.4e28 wei; the pool now refuses m above 1e12).
    function testFuzz_dynamicFeeStaysBetweenTheBaseFeeAndItsOffpegMultiple(
        uint256 xi,
        uint256 xj,
        uint256 fee,
        uint256 offpegFeeMultiplier
    ) public pure {
        xi = xi.boundLog10(MIN_BALANCE, 1.7e32);
        xj = xj.boundLog10(MIN_BALANCE, 1.7e32);
        fee = fee.bound(1, MAX_FEE);
        offpegFeeMultiplier = offpegFeeMultiplier.bound(
            0,
            Math.min(MAX_OFFPEG_FEE_MULTIPLIER, (5e9 * StableSwapMath.FEE_DENOMINATOR) / fee)
        );
        uint256 dynamicFee = StableSwapMath.dynamicFee(xi, xj, fee, offpegFeeMultiplier);
        uint256 ceiling =
            offpegFeeMultiplier <= StableSwapMath.FEE_DENOMINATOR
                ? fee
                : Math.ceilDiv(fee * offpegFeeMultiplier, StableSwapMath.FEE_DENOMINATOR);
        if (dynamicFee < fee || dynamicFee > ceiling)
            revert DynamicFeeOutOfRange(fee, offpegFeeMultiplier, dynamicFee);
    }

    // ------------------------------------------------------------------ checks

    function _checkTrade(uint256 x0, uint256 x1, uint256 amp, uint256 sold) private pure {
        uint256 dBefore = StableSwapMath.getD(x0, x1, amp);
        uint256 paid = _paid(x0, x1, sold, dBefore, amp);
        if (!_inRange(x0 + sold, x1 - paid)) return;
        uint256 dAfter = StableSwapMath.getD(x0 + sold, x1 - paid, amp);
        if (dAfter < dBefore) revert TradeRoundedInTheTradersFavour(x0, x1, amp, sold, dBefore, dAfter);
    }

    function _checkRoundTrip(uint256 x0, uint256 x1, uint256 amp, uint256 sold, uint256 fee) private pure {
        uint256 d = StableSwapMath.getD(x0, x1, amp);
        uint256 bought = _afterFee(_paid(x0, x1, sold, d, amp), fee);
        if (bought == 0) return; // nothing to sell back
        (x0, x1) = (x0 + sold, x1 - bought);
        if (!_inRange(x0, x1)) return;
        uint256 returned = _afterFee(_paid(x1, x0, bought, StableSwapMath.getD(x0, x1, amp), amp), fee);
        if (returned > sold) revert RoundTripPaidMoreThanSold(sold, returned);
    }

    function _checkSplit(uint256 x0, uint256 x1, uint256 amp, uint256 first, uint256 second) private pure {
        uint256 d = StableSwapMath.getD(x0, x1, amp);
        uint256 paidInOne = _paid(x0, x1, first + second, d, amp);
        uint256 paidFirst = _paid(x0, x1, first, d, amp);
        uint256 x0Mid = x0 + first;
        uint256 x1Mid = x1 - paidFirst;
        if (!_inRange(x0Mid, x1Mid)) return;
        uint256 paidSecond = _paid(x0Mid, x1Mid, second, StableSwapMath.getD(x0Mid, x1Mid, amp), amp);
        if (paidFirst + paidSecond > paidInOne) revert SplitTradePaidMore(paidInOne, paidFirst + paidSecond);
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Balances in range with x1 within MAX_IMBALANCE of x0 either way, and amp in range.
    function _pool(uint256 x0, uint256 x1, uint256 amp) private pure returns (uint256, uint256, uint256) {
        x0 = x0.boundLog10(MIN_BALANCE, MAX_BALANCE);
        uint256 lo = Math.max(MIN_BALANCE, x0 / MAX_IMBALANCE);
        uint256 hi = Math.min(MAX_BALANCE, x0 * MAX_IMBALANCE);
        return (x0, x1.boundLog10(lo, hi), amp.bound(MIN_AMP, MAX_AMP));
    }

    /// @dev Whether a state the maths reached lies within the tested range (see MAX_REACHED_IMBALANCE).
    function _inRange(uint256 x0, uint256 x1) private pure returns (bool) {
        return
            x0 >= MIN_BALANCE &&
            x1 >= MIN_BALANCE &&
            x0 <= x1 * MAX_REACHED_IMBALANCE &&
            x1 <= x0 * MAX_REACHED_IMBALANCE;
    }

    /// @dev A payout net of a static fee rounded up, as `StableSwapViews._swapOutput` with a fee at its
    /// base value.
    function _afterFee(uint256 paid, uint256 fee) private pure returns (uint256) {
        return paid - Math.ceilDiv(paid * fee, StableSwapMath.FEE_DENOMINATOR);
    }

    /// @dev What the pool pays in coin j for `sold` of coin i before fees, as `StableSwapViews._swap`:
    /// Δ = x_j − getY(x_i + sold, D) − 1, or 0 when that is not positive (the pool refuses the trade).
    function _paid(
        uint256 xi,
        uint256 xj,
        uint256 sold,
        uint256 d,
        uint256 amp
    ) private pure returns (uint256) {
        uint256 y = StableSwapMath.getY(xi + sold, d, amp);
        return y + 1 < xj ? xj - y - 1 : 0;
    }

    /// @dev The sign of the invariant F(x, y, D) = 4·x·y·(Ann·(x + y − D) + 100·D) − 100·D³ (Ann = 2·amp),
    /// exactly: 1 when (x, y) lies above the curve of D, 0 on it, −1 below.
    function _sign(uint256 x, uint256 y, uint256 d, uint256 amp) private pure returns (int256) {
        uint256 ann = 2 * amp;
        uint256 positive = 4 * x * y; // multiplies Ann·(x + y) + 100·D
        uint256 negative = 4 * x * y; // multiplies Ann·D
        (uint256 aHigh, uint256 aLow) = Math.mul512(positive, ann * (x + y) + 100 * d);
        (uint256 bHigh, uint256 bLow) = Math.mul512(negative, ann * d);
        (uint256 cHigh, uint256 cLow) = Math.mul512(100 * d * d, d);
        // Compare a with b + c (512-bit addition).
        (uint256 sumLow, uint256 carry) = _add(bLow, cLow);
        uint256 sumHigh = bHigh + cHigh + carry;
        if (aHigh != sumHigh) return aHigh > sumHigh ? int256(1) : -1;
        if (aLow != sumLow) return aLow > sumLow ? int256(1) : -1;
        return 0;
    }

    function _add(uint256 a, uint256 b) private pure returns (uint256 sum, uint256 carry) {
        unchecked {
            sum = a + b;
            carry = sum < a ? 1 : 0;
        }
    }
}
