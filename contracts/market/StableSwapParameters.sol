// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IRateProvider} from "../interfaces/IRateProvider.sol";
import {IStableSwapPool} from "../interfaces/IStableSwapPool.sol";
import {StableSwapMath} from "./StableSwapMath.sol";

/// @title StableSwapParameters
/// @notice The two inputs of the pool's maths that move without a trade: the amplification A (ramped
/// as Curve stableswap-ng's `_A`, `ramp_A`, `stop_ramp_A`) and coin 1's rate (read as ng's
/// `_stored_rates`, then bounded per block as ng's safe-rate draft `CurveStableSwapSafeOracleNG.vy`,
/// `_limited_rate`). Both re-price the pool at once, so both are bounded: A to ×10 over at least a
/// day, a rise of the rate to min(fee × blocks elapsed, 1 %) per update (see `_limitRate`).
/// @dev Both sit in one storage slot, read by every pricing call and written at most once per block.
abstract contract StableSwapParameters is IStableSwapPool, AccessControl {
    using SafeCast for uint256;

    /// @dev ng's `MAX_A` (A < 1e6, not ×100), `MAX_A_CHANGE` (×10 or ÷10 per ramp), `MIN_RAMP_TIME` (1 day).
    uint256 internal constant MAX_A = 1e6;
    uint256 internal constant MAX_A_CHANGE = 10;
    uint256 internal constant MIN_RAMP_TIME = 1 days;
    /// @dev The factory's bound on the base fee: 1 % (1e8 of 1e10).
    uint256 internal constant MAX_FEE = 1e8;
    /// @dev ng's `MAX_FEE`: fee × offpeg multiplier may not exceed 50 % (5e9 of 1e10).
    uint256 internal constant MAX_OFFPEG_FEE = 5e9;
    /// @dev Not in ng: the off-peg multiplier's own bound, ×100 (1e12 of 1e10). ng bounds only fee × m
    /// (≤ 50 %), which lets m reach 5e19 at a fee of 1 and overflow `_dynamic_fee`'s (m − 1)·4·xi·xj at
    /// balances of 2.4e28 wei; at m ≤ 1e12 it cannot overflow below 1.7e32 wei a side, more than a
    /// million times all the ETH there is. Curve's pools use ×2 to ×10.
    uint256 internal constant MAX_OFFPEG_FEE_MULTIPLIER = 1e12;
    /// @dev The safe-rate draft's `MAX_RATE_BUMP` (1e16 WAD = 1 %), here in fee units (1e8 of 1e10).
    uint256 internal constant MAX_RATE_BUMP = 1e8;

    /// @inheritdoc IStableSwapPool
    IRateProvider public immutable rateProvider;
    /// @inheritdoc IStableSwapPool
    uint256 public immutable fee;
    /// @inheritdoc IStableSwapPool
    uint256 public immutable offpegFeeMultiplier;

    /// @dev One slot: the A ramp (A ×100 fits 32 bits: < 1e8; times in seconds to 2106) and the rate in
    /// use with the block it was read in (2^96 wei per token is far beyond any rate).
    struct Params {
        uint32 initialA;
        uint32 futureA;
        uint32 initialATime;
        uint32 futureATime;
        uint32 rateBlock;
        uint96 rateWad;
    }

    Params internal _params;

    /// @param provider_ Coin 1's rate provider, read once now for the starting rate.
    /// @param a The starting A (not ×100), 0 < a < 1e6.
    /// @param fee_ Base fee, 0 < fee ≤ 1e8 (1 %); also the per-block unit of the rate bound.
    /// @param offpegFeeMultiplier_ m × 1e10, at most 1e12 (×100), with fee × m ≤ 5e9 × 1e10 (ng's
    /// `set_new_fee` check).
    constructor(IRateProvider provider_, uint256 a, uint256 fee_, uint256 offpegFeeMultiplier_) {
        if (address(provider_) == address(0)) revert ZeroAddress("rateProvider");
        if (a == 0 || a >= MAX_A) revert AOutOfRange(a);
        if (fee_ == 0 || fee_ > MAX_FEE) revert InvalidParameter("fee", fee_);
        if (offpegFeeMultiplier_ > MAX_OFFPEG_FEE_MULTIPLIER) {
            revert OffpegFeeMultiplierTooLarge(offpegFeeMultiplier_, MAX_OFFPEG_FEE_MULTIPLIER);
        }
        if (offpegFeeMultiplier_ * fee_ > MAX_OFFPEG_FEE * StableSwapMath.FEE_DENOMINATOR) {
            revert InvalidParameter("offpegFeeMultiplier", offpegFeeMultiplier_);
        }
        rateProvider = provider_;
        fee = fee_;
        offpegFeeMultiplier = offpegFeeMultiplier_;
        uint32 aPrecise = uint32(a * StableSwapMath.A_PRECISION);
        _params = Params({
            initialA: aPrecise,
            futureA: aPrecise,
            initialATime: 0,
            futureATime: 0,
            rateBlock: block.number.toUint32(),
            rateWad: provider_.getRate().toUint96()
        });
    }

    // ------------------------------------------------------------------ A

    // solhint-disable func-name-mixedcase
    /// @inheritdoc IStableSwapPool
    function A() external view returns (uint256) {
        return _ampAt(_params) / StableSwapMath.A_PRECISION;
    }

    /// @inheritdoc IStableSwapPool
    function APrecise() external view returns (uint256) {
        return _ampAt(_params);
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc IStableSwapPool
    function futureAPrecise() external view returns (uint256) {
        return _params.futureA;
    }

    /// @inheritdoc IStableSwapPool
    function futureATime() external view returns (uint256) {
        return _params.futureATime;
    }

    /// @inheritdoc IStableSwapPool
    function rampA(uint256 futureA, uint256 futureTime) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Params memory p = _params;
        if (block.timestamp < p.initialATime + MIN_RAMP_TIME) {
            revert RampTooSoon(block.timestamp, p.initialATime + MIN_RAMP_TIME);
        }
        if (futureTime < block.timestamp + MIN_RAMP_TIME)
            revert RampTooShort(futureTime, block.timestamp + MIN_RAMP_TIME);
        if (futureA == 0 || futureA >= MAX_A) revert AOutOfRange(futureA);
        uint256 initialA = _ampAt(p);
        uint256 futureAPrecise_ = futureA * StableSwapMath.A_PRECISION;
        if (
            (futureAPrecise_ < initialA && futureAPrecise_ * MAX_A_CHANGE < initialA) ||
            (futureAPrecise_ >= initialA && futureAPrecise_ > initialA * MAX_A_CHANGE)
        ) revert AChangeTooLarge(initialA, futureAPrecise_);
        p.initialA = uint32(initialA);
        p.futureA = uint32(futureAPrecise_);
        p.initialATime = block.timestamp.toUint32();
        p.futureATime = futureTime.toUint32();
        _params = p;
        emit RampA(initialA, futureAPrecise_, block.timestamp, futureTime);
    }

    /// @inheritdoc IStableSwapPool
    function stopRampA() external onlyRole(DEFAULT_ADMIN_ROLE) {
        Params memory p = _params;
        uint256 current = _ampAt(p);
        p.initialA = uint32(current);
        p.futureA = uint32(current);
        p.initialATime = block.timestamp.toUint32();
        p.futureATime = block.timestamp.toUint32();
        _params = p;
        emit StopRampA(current, block.timestamp);
    }

    /// @dev ng's `_A()`: linear from `initialA` at `initialATime` to `futureA` at `futureATime`, rounded
    /// towards the starting value.
    function _ampAt(Params memory p) internal view returns (uint256) {
        if (block.timestamp >= p.futureATime) return p.futureA;
        uint256 elapsed = block.timestamp - p.initialATime;
        uint256 duration = p.futureATime - p.initialATime;
        if (p.futureA > p.initialA) return p.initialA + ((p.futureA - p.initialA) * elapsed) / duration;
        return p.initialA - ((p.initialA - p.futureA) * elapsed) / duration;
    }

    // ------------------------------------------------------------------ rate

    /// @inheritdoc IStableSwapPool
    function storedRate() external view returns (uint256 rateWad) {
        (, rateWad) = _viewParams();
    }

    /// @dev A and the rate a call made now would use, without writing them (for views).
    function _viewParams() internal view returns (uint256 amp, uint256 rateWad) {
        Params memory p = _params;
        amp = _ampAt(p);
        rateWad = p.rateBlock == block.number ? p.rateWad : _limitRate(p, rateProvider.getRate());
    }

    /// @dev A and the rate for a state-changing call: the provider is read at most once per block; the
    /// bounded result is stored with the block, so every later call in the block uses the same rate.
    function _syncParams() internal returns (uint256 amp, uint256 rateWad) {
        Params memory p = _params;
        amp = _ampAt(p);
        if (p.rateBlock == block.number) return (amp, p.rateWad);
        uint256 providerRate = rateProvider.getRate();
        rateWad = _limitRate(p, providerRate);
        if (rateWad != p.rateWad) emit RateUpdated(providerRate, rateWad);
        p.rateBlock = block.number.toUint32();
        p.rateWad = rateWad.toUint96();
        _params = p;
    }

    /// @dev The bound, after ng's safe-rate draft: a *rise* of the rate in use is capped at
    /// min(fee × blocks since it was last read, 1 %) of itself (rounded down), so a jump reaches the pool
    /// over several blocks and a sandwich bought before it and sold in the next block gains at most that
    /// bump, while paying the fee twice. A *fall* passes through at once: holding a stale, higher rate
    /// would let anyone sell the token to the LPs above its NAV for as long as the catch-up lasts, which
    /// only adds to their loss (Curve requires up-only rates for this reason; a slashing breaks that rule,
    /// and the pool re-centres on the lower NAV at the first call after it).
    function _limitRate(Params memory p, uint256 providerRate) private view returns (uint256) {
        if (providerRate <= p.rateWad) return providerRate;
        uint256 bump = Math.min(fee * (block.number - p.rateBlock), MAX_RATE_BUMP);
        return
            Math.min(providerRate, p.rateWad + (uint256(p.rateWad) * bump) / StableSwapMath.FEE_DENOMINATOR);
    }
}
