// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title StableSwapMath
/// @notice The curve maths of Curve stableswap-ng (`contracts/main/CurveStableSwapNG.vy`, v7.0.0) for two
/// coins, restated in Solidity: `get_D`, `get_y` / `get_y_D`, `_dynamic_fee` and `_get_p`. Same start
/// points, same order of multiplications and divisions, same stopping rule (|Δ| ≤ 1 wei), same
/// 255-round cap, so a pool built on it agrees with ng to the wei.
///
/// Units: `x0`, `x1` are the coins' balances in "virtual" units (xp: balance × rate, 18 decimals, so
/// both coins are counted in the same unit of value); `amp` is A × A_PRECISION (100), as ng's `_A()`;
/// `d` is the invariant D (ng's `D`, the pool's value when balanced), in xp units; fees are in
/// FEE_DENOMINATOR units (1e10 = 100 %).
///
/// The invariant, with Ann = A·n = 2·A for two coins (ng's A is the whitepaper's A·n^(n−1)):
///   Ann·(x0 + x1) + D = Ann·D + D³ / (4·x0·x1)
library StableSwapMath {
    /// @notice ng's `A_PRECISION`: A is stored and computed ×100.
    uint256 internal constant A_PRECISION = 100;
    /// @notice ng's `FEE_DENOMINATOR`: fees are fractions of 1e10.
    uint256 internal constant FEE_DENOMINATOR = 1e10;
    uint256 private constant N_COINS = 2;
    /// @dev ng's loop bound: Newton's method normally converges in ≤ 4 rounds; 255 means the pool is
    /// broken, and ng raises (only the balanced `remove_liquidity`, which needs no D, still works).
    uint256 private constant MAX_ITERATIONS = 255;

    /// @notice Newton's method did not converge within 255 rounds (ng's bare `raise`).
    error DidNotConverge();

    /// @notice The invariant D of balances `x0`, `x1` (xp units) at amplification `amp` (A × 100): ng's
    /// `get_D`. Start at D = S = x0 + x1 and iterate
    ///   D ← (Ann·S/100 + 2·D_P)·D / ((Ann − 100)·D/100 + 3·D_P),   D_P = D³ / (4·x0·x1)
    /// until two successive values differ by at most 1 wei.
    /// @return d D in xp units; 0 for an empty pool.
    function getD(uint256 x0, uint256 x1, uint256 amp) internal pure returns (uint256 d) {
        uint256 s = x0 + x1;
        if (s == 0) return 0;
        d = s;
        uint256 ann = amp * N_COINS;
        for (uint256 round = 0; round < MAX_ITERATIONS; ++round) {
            // D_P = D^(n+1) / (n^n · Π x): multiplied and divided coin by coin, as ng, to stay in range.
            uint256 dP = (((d * d) / x0) * d) / x1 / (N_COINS ** N_COINS);
            uint256 dPrev = d;
            d =
                (((ann * s) / A_PRECISION + dP * N_COINS) * d) /
                (((ann - A_PRECISION) * d) / A_PRECISION + (N_COINS + 1) * dP);
            if (_withinOneWei(d, dPrev)) return d;
        }
        revert DidNotConverge();
    }

    /// @notice The balance y (xp units) of one coin that keeps the invariant at `d` when the other coin's
    /// balance is `x`: ng's `get_y` (x = the other coin after a trade, D unchanged) and `get_y_D` (x = the
    /// other coin's balance, D the reduced invariant of a one-coin withdrawal), which for two coins are
    /// the same equation. Solves y² + (b − D)·y = c with
    ///   c = D³·100 / (4·x·Ann),   b = x + D·100/Ann,
    /// by Newton from y = D: y ← (y² + c) / (2y + b − D), until |Δy| ≤ 1 wei.
    /// @return y The coin's balance in xp units, rounded as ng (callers take 1 wei more off the output).
    function getY(uint256 x, uint256 d, uint256 amp) internal pure returns (uint256 y) {
        uint256 ann = amp * N_COINS;
        uint256 c = (d * d) / (x * N_COINS);
        c = (c * d * A_PRECISION) / (ann * N_COINS);
        uint256 b = x + (d * A_PRECISION) / ann;
        y = d;
        for (uint256 round = 0; round < MAX_ITERATIONS; ++round) {
            uint256 yPrev = y;
            y = (y * y + c) / (2 * y + b - d);
            if (_withinOneWei(y, yPrev)) return y;
        }
        revert DidNotConverge();
    }

    /// @notice ng's `_dynamic_fee`: the fee rises as the pool leaves balance,
    ///   f_dyn = f·m / ((m − 1)·4·xi·xj/(xi + xj)² + 1)   (m = `offpegFeeMultiplier` / 1e10),
    /// equal to f when xi = xj and tending to f·m as one side empties. No effect when m ≤ 1.
    /// @param xi,xj The two balances (xp units) the fee is judged on (averages before/after in a swap).
    /// @param fee The base fee (1e10 = 100 %).
    /// @param offpegFeeMultiplier m × 1e10.
    /// @return The fee for this trade, 1e10 = 100 %, rounded down (as ng).
    function dynamicFee(
        uint256 xi,
        uint256 xj,
        uint256 fee,
        uint256 offpegFeeMultiplier
    ) internal pure returns (uint256) {
        if (offpegFeeMultiplier <= FEE_DENOMINATOR) return fee;
        uint256 xps2 = (xi + xj) * (xi + xj);
        return
            (offpegFeeMultiplier * fee) /
            (((offpegFeeMultiplier - FEE_DENOMINATOR) * 4 * xi * xj) / xps2 + FEE_DENOMINATOR);
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

    function _withinOneWei(uint256 a, uint256 b) private pure returns (bool) {
        return a > b ? a - b <= 1 : b - a <= 1;
    }
}
