// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title StableSwapMath
/// @notice The curve maths of Curve stableswap-ng (`contracts/main/CurveStableSwapNG.vy`, v7.0.0) for two
/// coins, restated in Solidity: `get_D`, `get_y` / `get_y_D`, `_dynamic_fee` and `_get_p`. Same equations
/// and the same Newton steps as ng, with one difference, the direction of every rounding:
///
/// - ng's `get_D` and `get_y` stop within 1 wei of the root, on either side of it, and that wei can fall
///   in the trader's favour (a dust round trip gained up to 4 wei; a trade could lower D by 3 wei; and at
///   A ≈ 1 beyond about 1 : 4,800 the floors of D_P, amplified by the imbalance, kept the iteration from
///   ever settling: ng raises). Here `getD` returns ⌈D⌉ and `getY` ⌈y⌉, the smallest integers at or above
///   the exact roots: Newton's steps are rounded up (each stays above the root, so the iteration only
///   falls and always ends), then one exact test of the invariant in 512-bit arithmetic settles the last
///   wei. Both are exact functions of their inputs, so D is monotone in the balances, a pool paid to
///   ⌈y⌉ is never below the D it was priced at, and nothing converges "to about 1 wei".
/// - `dynamicFee` rounds up (ng's floors).
///
/// Units: `x0`, `x1` are the coins' balances in "virtual" units (xp: balance × rate, 18 decimals, so
/// both coins are counted in the same unit of value); `amp` is A × A_PRECISION (100), as ng's `_A()`;
/// `d` is the invariant D (ng's `D`, the pool's value when balanced), in xp units; fees are in
/// FEE_DENOMINATOR units (1e10 = 100 %).
///
/// The invariant, with Ann = A·n = 2·A for two coins (ng's A is the whitepaper's A·n^(n−1)):
///   Ann·(x0 + x1) + D = Ann·D + D³ / (4·x0·x1)
/// or, multiplied out with Ann carrying A_PRECISION (the form the exact test evaluates):
///   F(x0, x1, D) = 4·x0·x1·(Ann·(x0 + x1 − D) + 100·D) − 100·D³ = 0.
/// F > 0 means the point (x0, x1) lies above the curve of D (its own invariant is larger than D).
/// Domain: overflow-free (a checked-arithmetic panic otherwise) while S³ / min(x0, x1) < 2^256 (getD's
/// first step is taken at D = S = x0 + x1), e.g.
/// balances up to 1e30 wei at 1 : 1e12, or up to 4e25 wei (40 million ETH) against 1 wei; the exact test
/// needs balances and D below 2^124 wei (`InvariantOutOfRange`).
library StableSwapMath {
    /// @notice ng's `A_PRECISION`: A is stored and computed ×100.
    uint256 internal constant A_PRECISION = 100;
    /// @notice ng's `FEE_DENOMINATOR`: fees are fractions of 1e10.
    uint256 internal constant FEE_DENOMINATOR = 1e10;
    uint256 private constant N_COINS = 2;

    /// @notice A balance or an invariant of 2^124 wei (2.1e37 wei, 2e19 ETH) or more, or Ann of 2^32 or
    /// more: beyond the range in which the exact test of the invariant cannot overflow.
    error InvariantOutOfRange(uint256 x, uint256 y, uint256 d, uint256 ann);

    /// @notice The invariant D of balances `x0`, `x1` (xp units) at amplification `amp` (A × 100), rounded
    /// up: ⌈D⌉, the smallest integer with F(x0, x1, D) ≤ 0. ng's `get_D`: from D = S = x0 + x1,
    ///   D ← (Ann·S/100 + 2·D_P)·D / ((Ann − 100)·D/100 + 3·D_P),   D_P = D³ / (4·x0·x1),
    /// here with D_P floored and the step rounded up, which keeps every step at or above the root (the
    /// step falls as D_P grows; Newton's step on this convex curve never passes the root). It stops when
    /// a step gains less than 2 wei; the exact test then takes off the last wei if D − 1 is still at or
    /// above the root. Converges at any imbalance the arithmetic holds (1 : 1e12 at A = 1 in 28 steps;
    /// ng raises from about 1 : 4,800 at A ≈ 1).
    /// @return d ⌈D⌉ in xp units; 0 for an empty pool.
    function getD(uint256 x0, uint256 x1, uint256 amp) internal pure returns (uint256 d) {
        uint256 s = x0 + x1;
        if (s == 0) return 0;
        uint256 ann = amp * N_COINS;
        uint256 annS = Math.ceilDiv(ann * s, A_PRECISION);
        // D_P divided by the smaller balance first: its floor then loses < 1 wei (ng's order loses up to
        // D/x1 wei at a large imbalance, the error that stopped ng's iteration from settling).
        (uint256 small, uint256 large) = x0 < x1 ? (x0, x1) : (x1, x0);
        d = s;
        while (true) {
            uint256 dP = (((d * d) / small) * d) / large / (N_COINS ** N_COINS);
            uint256 next = Math.ceilDiv(
                (annS + dP * N_COINS) * d,
                ((ann - A_PRECISION) * d) / A_PRECISION + (N_COINS + 1) * dP
            );
            if (next + 1 >= d) {
                if (next < d) d = next;
                break;
            }
            d = next;
        }
        if (d > 0 && _invariantSign(x0, x1, d - 1, ann) <= 0) --d;
    }

    /// @notice ⌊D⌋: the invariant rounded down, for what a depositor is credited (`getD` less 1 wei unless
    /// D is an integer). Not in ng, which has one `get_D` for both.
    function getDRoundedDown(uint256 x0, uint256 x1, uint256 amp) internal pure returns (uint256 d) {
        d = getD(x0, x1, amp);
        if (d > 0 && _invariantSign(x0, x1, d, amp * N_COINS) != 0) --d;
    }

    /// @notice The balance y (xp units) of one coin that keeps the invariant at `d` when the other coin's
    /// balance is `x`, rounded up: ⌈y⌉, the smallest integer with F(x, y, d) ≥ 0 (the point is on or above
    /// the curve of d). ng's `get_y` (x = the other coin after a trade, D unchanged) and `get_y_D` (x = the
    /// other coin's balance, D the reduced invariant of a one-coin withdrawal), which for two coins are
    /// the same equation. Solves y² + (b − D)·y = c with
    ///   c = D³·100 / (4·x·Ann) (rounded up),   b = x + D·100/Ann (rounded down),
    /// by Newton from y = D: y ← (y² + c) / (2y + b − D), rounded up. After the first step every step is
    /// at or above the root; it stops when a step gains less than 2 wei, and the exact test takes off the
    /// last wei if y − 1 still keeps the pool at d. A pool holding ⌈y⌉ is never below the D it was priced at.
    /// @return y ⌈y⌉ in xp units (0 only when d = 0).
    function getY(uint256 x, uint256 d, uint256 amp) internal pure returns (uint256 y) {
        uint256 ann = amp * N_COINS;
        uint256 c = Math.ceilDiv(Math.ceilDiv(d * d, x * N_COINS) * d * A_PRECISION, ann * N_COINS);
        uint256 b = x + (d * A_PRECISION) / ann;
        // The first step may start below the root (y from d, the root can exceed d): take it unconditionally.
        y = Math.ceilDiv(d * d + c, d + b);
        while (true) {
            uint256 next = Math.ceilDiv(y * y + c, 2 * y + b - d);
            if (next + 1 >= y) {
                if (next < y) y = next;
                break;
            }
            y = next;
        }
        if (y > 0 && _invariantSign(x, y - 1, d, ann) >= 0) --y;
    }

    /// @notice ng's `_dynamic_fee`: the fee rises as the pool leaves balance,
    ///   f_dyn = f·m / ((m − 1)·4·xi·xj/(xi + xj)² + 1)   (m = `offpegFeeMultiplier` / 1e10),
    /// equal to f when xi = xj and tending to f·m as one side empties. No effect when m ≤ 1.
    /// @param xi,xj The two balances (xp units) the fee is judged on (averages before/after in a swap).
    /// @param fee The base fee (1e10 = 100 %).
    /// @param offpegFeeMultiplier m × 1e10; overflow-free for xi·xj < 2^256 / (4·(m − 1e10)), e.g. any
    /// balances below 1.7e32 wei at the pool's bound m ≤ 1e12 (`StableSwapParameters.MAX_OFFPEG_FEE_MULTIPLIER`).
    /// @return The fee for this trade, 1e10 = 100 %, rounded up (ng floors it: the trader's favour).
    function dynamicFee(
        uint256 xi,
        uint256 xj,
        uint256 fee,
        uint256 offpegFeeMultiplier
    ) internal pure returns (uint256) {
        if (offpegFeeMultiplier <= FEE_DENOMINATOR) return fee;
        uint256 xps2 = (xi + xj) * (xi + xj);
        return
            Math.ceilDiv(
                offpegFeeMultiplier * fee,
                ((offpegFeeMultiplier - FEE_DENOMINATOR) * 4 * xi * xj) / xps2 + FEE_DENOMINATOR
            );
    }

    /// @notice ng's `_get_p`: the state price of coin 1 in coin 0 (xp units, WAD), the slope −dx0/dx1
    /// of the invariant curve at (x0, x1):
    ///   p = (Ann·x0/100 + Dr·x0/x1) / (Ann·x0/100 + Dr),   Dr = D³ / (4·x0·x1)
    /// 1e18 when balanced; below 1e18 when the pool holds more of coin 1 (coin 1 trades at a discount).
    /// @return priceWad Coin 1 in coin 0, rounded down.
    function spotPrice(
        uint256 x0,
        uint256 x1,
        uint256 amp,
        uint256 d
    ) internal pure returns (uint256 priceWad) {
        uint256 ann = amp * N_COINS;
        uint256 dr = d / (N_COINS ** N_COINS);
        dr = (dr * d) / x0;
        dr = (dr * d) / x1;
        uint256 x0A = (ann * x0) / A_PRECISION;
        return (1e18 * (x0A + (dr * x0) / x1)) / (x0A + dr);
    }

    /// @dev The sign of F(x, y, d) = 4·x·y·(Ann·(x + y − d) + 100·d) − 100·d³, exactly (512-bit products,
    /// OpenZeppelin's `Math.mul512`): 1 if the point (x, y) lies above the curve of invariant d, 0 on it,
    /// −1 below. F falls as d rises (Ann ≥ 100) and, for y ≥ 0, is negative below the root in y and
    /// positive above it. Reverts `InvariantOutOfRange` beyond 2^124 wei.
    function _invariantSign(uint256 x, uint256 y, uint256 d, uint256 ann) private pure returns (int256) {
        if ((x | y | d) >> 124 != 0 || ann >> 32 != 0) revert InvariantOutOfRange(x, y, d, ann);
        // With x, y, d < 2^124 and Ann < 2^32 nothing below overflows: x + y < 2^125, Ann·(x + y) < 2^157,
        // 4·x·y < 2^250, 100·d² < 2^255 (unchecked: checked arithmetic doubled the cost of this test).
        unchecked {
            uint256 k; // Ann·(x + y − d) + 100·d, which may be negative when x + y < d
            if (x + y >= d) {
                k = ann * (x + y - d) + A_PRECISION * d;
            } else {
                uint256 short = ann * (d - x - y);
                if (short > A_PRECISION * d) return -1;
                k = A_PRECISION * d - short;
            }
            (uint256 leftHigh, uint256 leftLow) = Math.mul512(4 * x * y, k);
            (uint256 rightHigh, uint256 rightLow) = Math.mul512(A_PRECISION * d * d, d);
            if (leftHigh != rightHigh) return leftHigh > rightHigh ? int256(1) : -1;
            if (leftLow != rightLow) return leftLow > rightLow ? int256(1) : -1;
            return 0;
        }
    }
}
