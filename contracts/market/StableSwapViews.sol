// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IStableSwapPool} from "../interfaces/IStableSwapPool.sol";
import {StableSwapMath} from "./StableSwapMath.sol";
import {StableSwapParameters} from "./StableSwapParameters.sol";

/// @title StableSwapViews
/// @notice What each operation of the pool pays, mints and charges, computed on a snapshot of its balances
/// without changing anything: Curve stableswap-ng's `__exchange`, the fee part of `add_liquidity` and
/// `_calc_withdraw_one_coin` (`CurveStableSwapNG.vy`), which its `CurveStableSwapNGViews.vy` repeats for
/// the quotes. The pool calls the same functions for a trade and for its quote, so a quote is exact.
///
/// Units: xp = "virtual" balance, balance × rate / 1e18 with rate = 10^(36 − decimals) × rateWad / 1e18
/// (ng's `rate_multipliers × oracle / 1e18`); ETH's rate is 1e18, so its xp is its balance in wei.
///
/// Rounding: every division falls on the pool's side (the LPs'), never the trader's: xp and the coin
/// credited to the pool round down, D and the balance the pool keeps (`getY`) round up, fees round up,
/// the coin paid out rounds down, LP minted is counted on ⌈D⌉ before and ⌊D⌋ after and floored. ng
/// floors everywhere, which puts a few wei of `get_D`/`get_y` error and the fee's floor on the trader's
/// side (see `StableSwapMath`); the deviations from ng are named where they are made.
abstract contract StableSwapViews is StableSwapParameters {
    uint256 internal constant PRECISION = 1e18;
    /// @dev ng's `admin_fee`: half of every fee goes to the admin.
    uint256 internal constant ADMIN_FEE = 5e9;
    uint256 internal constant FEE_DENOMINATOR = StableSwapMath.FEE_DENOMINATOR;
    /// @dev 4 xp units × 1e18, the token's margin in `removeLiquidity` (÷ the rate multiplier: token units).
    uint256 private constant EXIT_MARGIN = 4e18;

    /// @inheritdoc IStableSwapPool
    address public immutable coin1;
    /// @dev ng's `rate_multipliers[1]`: 10^(36 − decimals) (1e18 for 18 decimals, 1e15 for the LRT's 21).
    uint256 private immutable _rateMultiplier;

    /// @dev What a trade or a one-coin withdrawal computes before any state changes.
    struct Outcome {
        uint256 dy; // coin paid out, its units
        uint256 adminFee; // coin to the admin, its units
        uint256 x0; // xp of coin 0 after (for the spot price)
        uint256 x1; // xp of coin 1 after
        uint256 d; // invariant the spot price is taken at
    }

    /// @dev What a deposit computes before any state changes.
    struct Deposit {
        uint256 minted;
        uint256[2] fees; // imbalance fee per coin, its units (half of it to the admin)
        uint256 d; // invariant after fees
        uint256 price; // spot price after (0 for the first deposit: ng keeps the oracle as is)
    }

    /// @param coin1_ The rate-bearing token (≤ 36 decimals).
    constructor(IERC20Metadata coin1_) {
        if (address(coin1_) == address(0)) revert ZeroAddress("coin1");
        uint8 decimals_ = coin1_.decimals();
        if (decimals_ > 36) revert InvalidParameter("decimals", decimals_);
        coin1 = address(coin1_);
        _rateMultiplier = 10 ** (36 - uint256(decimals_));
    }

    /// @dev ng's `_exchange` + `__exchange`, without state: sell `dx` of coin i.
    ///   x = ⌊xp_i + dx·r_i/1e18⌋;  y = ⌈get_y(x, ⌈D⌉)⌉;  Δ = xp_j − y − 1;  fee = ⌈f_dyn(avg_i, avg_j)·Δ/1e10⌉
    ///   dy = ⌊(Δ − fee)·1e18/r_j⌋;  admin = ⌊⌊fee·½⌋·1e18/r_j⌋
    /// The pool keeps at least (x, y + 1) in xp, a point at or above the curve of ⌈D⌉, so no trade lowers
    /// its invariant and no round trip returns more than it sold. ng differs in y and D (±1 wei, either
    /// side) and floors the fee.
    function _swap(
        uint256 i,
        uint256 dx,
        uint256 amp,
        uint256 rate1,
        uint128[2] memory bal
    ) internal view returns (Outcome memory out) {
        uint256[2] memory xp;
        (xp[0], xp[1]) = _xp(bal, rate1);
        out.d = StableSwapMath.getD(xp[0], xp[1], amp);
        // x: coin i's xp after the sale; y: coin j's, solved for at the same D.
        uint256 x = xp[i] + (i == 0 ? dx : (dx * rate1) / PRECISION);
        uint256 y = StableSwapMath.getY(x, out.d, amp);
        // ng's Δ = xp_j − y − 1 below would underflow: the sale added (almost) nothing to the curve.
        if (y >= xp[1 - i]) revert ExchangeTooSmall(i, dx);
        // The price after the trade is taken at the pre-fee point (x, y) on the same D, as ng.
        (out.x0, out.x1) = i == 0 ? (x, y) : (y, x);
        (out.dy, out.adminFee) = _swapOutput(xp[i], xp[1 - i], x, y, i == 0 ? rate1 : PRECISION);
    }

    /// @dev From (x, y) to what the trader and the admin get, in coin j's units at rate `rateJ`:
    /// Δ = xp_j − y − 1 (ng's −1 wei, kept though y is already ⌈y⌉); fee = f_dyn on the averages
    /// before/after, rounded up (ng floors it).
    function _swapOutput(
        uint256 xpI,
        uint256 xpJ,
        uint256 x,
        uint256 y,
        uint256 rateJ
    ) internal view returns (uint256 dy, uint256 adminFee) {
        uint256 dyXp = xpJ - y - 1;
        uint256 dyFee = Math.ceilDiv(dyXp * _dynamicFee((xpI + x) / 2, (xpJ + y) / 2, fee), FEE_DENOMINATOR);
        dy = ((dyXp - dyFee) * PRECISION) / rateJ;
        adminFee = (((dyFee * ADMIN_FEE) / FEE_DENOMINATOR) * PRECISION) / rateJ;
    }

    /// @dev ng's `add_liquidity` without state: D₀ before, D₁ with the deposit; then, unless it is the
    /// first deposit, each coin's distance from the balance it would have in a proportional deposit pays
    /// the dynamic fee at half the base fee (f·n/(4(n−1))), and LP is minted on D₂ net of fees:
    /// ⌊supply × (⌊D₂⌋ − ⌈D₀⌉)/⌈D₀⌉⌋ (ng: one `get_D` for both, within ±1 wei), so a depositor is never
    /// credited more than the value added; a deposit that adds less than 1 wei of D after fees reverts
    /// `InvariantNotIncreased`. The first deposit mints ⌈D₁⌉: it owns the whole pool, so what it is called
    /// moves no value, and a balanced seed gets a virtual price of exactly 1.
    function _deposit(
        uint256[2] calldata amounts,
        uint256 amp,
        uint256 rate1,
        uint128[2] memory bal,
        uint256 supply
    ) internal view returns (Deposit memory dep) {
        if (supply == 0 && (amounts[0] == 0 || amounts[1] == 0)) {
            revert InitialDepositRequiresAllCoins(amounts[0], amounts[1]);
        }
        uint128[2] memory newBal = [_toBalance(0, bal[0] + amounts[0]), _toBalance(1, bal[1] + amounts[1])];
        uint256 d0 = _d(bal, rate1, amp);
        uint256 d1 = _d(newBal, rate1, amp);
        if (d1 <= d0) revert InvariantNotIncreased(d0, d1);
        if (supply == 0) {
            dep.minted = d1; // ng: the first depositor takes any dust
            dep.d = d1;
            return dep;
        }
        dep.fees = _imbalanceFees(bal, newBal, rate1, d0, d1);
        newBal[0] -= uint128(dep.fees[0]);
        newBal[1] -= uint128(dep.fees[1]);
        (uint256 x0, uint256 x1) = _xp(newBal, rate1);
        dep.d = StableSwapMath.getDRoundedDown(x0, x1, amp);
        if (dep.d <= d0) revert InvariantNotIncreased(d0, dep.d);
        dep.minted = (supply * (dep.d - d0)) / d0;
        dep.price = StableSwapMath.spotPrice(x0, x1, amp, dep.d);
    }

    /// @dev ng's imbalance fee of `add_liquidity`: per coin, the distance between its new balance and
    /// the balance a proportional deposit would have given (ideal = D₁·old/D₀), times the dynamic fee
    /// at f·n/(4(n−1)) = f/2 judged on xs = r·(old + new) against ys = (D₀ + D₁)/2. Rounded up (ng floors
    /// the ideal balance and the fee): the ideal is rounded away from the new balance, the fee up.
    function _imbalanceFees(
        uint128[2] memory bal,
        uint128[2] memory newBal,
        uint256 rate1,
        uint256 d0,
        uint256 d1
    ) internal view returns (uint256[2] memory fees) {
        uint256 ys = (d0 + d1) / 2;
        for (uint256 k = 0; k < 2; ++k) {
            uint256 idealFloor = (d1 * bal[k]) / d0;
            uint256 difference =
                idealFloor >= newBal[k] ? Math.ceilDiv(d1 * bal[k], d0) - newBal[k] : newBal[k] - idealFloor;
            uint256 xs = ((k == 0 ? PRECISION : rate1) * (uint256(bal[k]) + newBal[k])) / PRECISION;
            fees[k] = Math.ceilDiv(_dynamicFee(xs, ys, (fee * 2) / 4) * difference, FEE_DENOMINATOR);
        }
    }

    /// @dev ng's `_calc_withdraw_one_coin` without state: D₁ = ⌈D₀⌉ − ⌊burn·⌈D₀⌉/supply⌋ (the remaining LPs'
    /// share of D, rounded up); the coin's balance at D₁ is solved for (`get_y_D`, rounded up); the
    /// expected per-coin changes pay the dynamic fee at half the base fee, rounded up (ng floors);
    /// dy = ⌊(xp_i,reduced − ⌈get_y_D(xp_reduced, D₁)⌉ − 1)·1e18/r_i⌋. The fee is what the LP would have
    /// had without it, minus dy; half of it goes to the admin.
    function _withdrawOne(
        uint256 burn,
        uint256 i,
        uint256 amp,
        uint256 rate1,
        uint128[2] memory bal,
        uint256 supply
    ) internal view returns (Outcome memory out) {
        if (supply == 0 || bal[0] == 0 || bal[1] == 0) revert EmptyPool(bal[0], bal[1], supply);
        if (burn > supply) revert BurnExceedsSupply(burn, supply);
        uint256[2] memory xp;
        (xp[0], xp[1]) = _xp(bal, rate1);
        uint256 rateI = i == 0 ? PRECISION : rate1;
        uint256 newY;
        {
            uint256 d0 = StableSwapMath.getD(xp[0], xp[1], amp);
            out.d = d0 - (burn * d0) / supply;
            newY = StableSwapMath.getY(xp[1 - i], out.d, amp);
            // ng reverts here (its `_get_p` divides by the emptied coin): taking all of coin i would leave
            // the other coin to no LP (the whole supply burnt) or to a few wei of it. ng's floored get_y_D
            // solves to 0 there; rounded up, a root below 1 wei is 1 (0 only when D₁ = 0).
            if (newY <= 1) revert WithdrawalEmptiesCoin(i, burn, supply);
            uint256[2] memory reduced = _reducedXp(xp, i, d0, out.d, newY);
            uint256 dyXp = reduced[i] - StableSwapMath.getY(reduced[1 - i], out.d, amp);
            out.dy = ((dyXp - 1) * PRECISION) / rateI; // −1 wei for rounding, as ng
        }
        // fee = what the coin would have paid without fees (ng's dy_0) − dy; half of it to the admin.
        out.adminFee = ((((xp[i] - newY) * PRECISION) / rateI - out.dy) * ADMIN_FEE) / FEE_DENOMINATOR;
        xp[i] = newY;
        (out.x0, out.x1) = (xp[0], xp[1]);
    }

    /// @dev ng's fee of a one-coin withdrawal, on the expected per-coin changes at f/2 judged against
    /// ys = (D₀ + D₁)/4: coin i changes by ⌈xp_i·D₁/D₀⌉ − newY (judged on the average of before and after),
    /// the other coin by xp_j − ⌊xp_j·D₁/D₀⌋ (judged on its balance); each fee rounded up (ng floors the
    /// first change and both fees). Returns the balances net of fees.
    function _reducedXp(
        uint256[2] memory xp,
        uint256 i,
        uint256 d0,
        uint256 d1,
        uint256 newY
    ) internal view returns (uint256[2] memory reduced) {
        uint256 ys = (d0 + d1) / 4;
        uint256 baseFee = (fee * 2) / 4;
        uint256 j = 1 - i;
        reduced[i] =
            xp[i] -
            Math.ceilDiv(
                _dynamicFee((xp[i] + newY) / 2, ys, baseFee) * (Math.ceilDiv(xp[i] * d1, d0) - newY),
                FEE_DENOMINATOR
            );
        reduced[j] =
            xp[j] -
            Math.ceilDiv(_dynamicFee(xp[j], ys, baseFee) * (xp[j] - (xp[j] * d1) / d0), FEE_DENOMINATOR);
    }

    /// @dev `balance` of coin `k` as stored (uint128), or `BalanceTooLarge`: a silent cast credited the
    /// excess modulo 2^128 (a 36-decimal coin reaches 2^128 units at about 340 tokens).
    function _toBalance(uint256 k, uint256 balance) internal pure returns (uint128) {
        if (balance > type(uint128).max) revert BalanceTooLarge(k, balance, type(uint128).max);
        return uint128(balance);
    }

    /// @dev ng's `_xp_mem`: coin 0 (ETH, rate 1e18) counts as is; coin 1 at `rate1`, floored.
    function _xp(uint128[2] memory bal, uint256 rate1) internal pure returns (uint256 x0, uint256 x1) {
        return (bal[0], (bal[1] * rate1) / PRECISION);
    }

    /// @dev What `removeLiquidity` pays for `burn` of `supply` LP: each coin's burnt share less a margin
    /// the remaining LPs keep, rounded down (ng pays ⌊balance × burn / supply⌋). With left = supply − burn,
    /// the pool keeps at least ⌈balance₀ × left / supply + ½⌉ wei of ETH and ⌈balance₁ × left / supply⌉
    /// + ⌈4 × 10^(decimals − 18)⌉ token units (4 xp units at a rate of 1 ETH); the last LP takes all.
    /// Why: D is concave and of degree 1 in the xp, so a pool left with x·left/supply + ½ xp of each coin
    /// has D ≥ (left/supply)·D + 1, more than the rounding of ⌈D⌉ can take, and the virtual price
    /// ⌈D⌉/supply does not fall. ng's floor in token units did not bound the floor of the xp: at 1 : 99
    /// a 21-decimal token (1 xp = 1,000 units) was left 0.27 xp short, 4 units of D there, and the
    /// virtual price fell 2 wei. The token's margin covers that floor (≤ 1 xp) and the ½ at any rate of
    /// 0.375 ETH per token or more, and needs no rate: the exit reads nothing but the balances.
    function _proportionalPayouts(
        uint128[2] memory bal,
        uint256 burn,
        uint256 supply
    ) internal view returns (uint256[2] memory amounts) {
        if (burn >= supply) return [uint256(bal[0]), uint256(bal[1])];
        uint256 left = supply - burn;
        // ⌈b·left/supply + ½⌉ = q + 1 when the remainder is at most half of supply, else q + 2.
        uint256 kept =
            Math.mulDiv(bal[0], left, supply) + (2 * mulmod(bal[0], left, supply) > supply ? 2 : 1);
        amounts[0] = kept < bal[0] ? bal[0] - kept : 0;
        kept =
            Math.mulDiv(bal[1], left, supply, Math.Rounding.Ceil) +
            Math.ceilDiv(EXIT_MARGIN, _rateMultiplier);
        amounts[1] = kept < bal[1] ? bal[1] - kept : 0;
    }

    /// @dev ng's `get_D_mem`: D of balances `bal` at `rate1`.
    function _d(uint128[2] memory bal, uint256 rate1, uint256 amp) internal pure returns (uint256) {
        (uint256 x0, uint256 x1) = _xp(bal, rate1);
        return StableSwapMath.getD(x0, x1, amp);
    }

    /// @dev ng's `_stored_rates` for coin 1: 10^(36 − decimals) × rateWad / 1e18, floored.
    function _scaledRate(uint256 rateWad) internal view returns (uint256) {
        return (_rateMultiplier * rateWad) / PRECISION;
    }

    /// @dev ng's `_dynamic_fee` with this pool's multiplier, on base fee `baseFee`.
    function _dynamicFee(uint256 xi, uint256 xj, uint256 baseFee) internal view returns (uint256) {
        return StableSwapMath.dynamicFee(xi, xj, baseFee, offpegFeeMultiplier);
    }
}
