// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";

import {IStableSwapPool} from "../interfaces/IStableSwapPool.sol";

/// @title StableSwapOracle
/// @notice The pool's price oracle, as Curve stableswap-ng's `upkeep_oracles`, `_calc_moving_average`,
/// `last_price` and `price_oracle`: after every pricing action the pool stores its spot price
/// (`lastPrice`, capped at 2.0); once per block the exponential moving average takes in the price the
/// *previous* action left:
///   α = exp(−Δt / τ),   EMA ← lastPrice_prev · (1 − α) + EMA · α
/// with Δt the seconds since the last update and τ = `maExpTime` (half-life τ·ln 2). A price pushed for
/// one block and pushed back in the same block never enters the average; a price held for Δt moves it
/// by a fraction 1 − exp(−Δt/τ) of the gap. `exp` is solady's `FixedPointMathLib.expWad`.
/// @dev ng's D oracle (`D_oracle`) is left out: nothing in Staking Lab reads it.
abstract contract StableSwapOracle is IStableSwapPool, ReentrancyGuard {
    /// @dev ng's cap on the stored spot price: 2.0.
    uint256 internal constant MAX_LAST_PRICE = 2e18;
    uint256 private constant WAD = 1e18;

    /// @inheritdoc IStableSwapPool
    uint256 public immutable maExpTime;

    /// @dev One slot: both prices are ≤ 2e18 < 2^64; seconds to 2106.
    struct PriceState {
        uint64 lastPrice;
        uint64 emaPrice;
        uint32 maLastTime;
    }

    PriceState internal _prices;

    /// @param maExpTime_ τ in seconds (> 0): 866 ≈ a 10-minute half-life, ng's default.
    constructor(uint256 maExpTime_) {
        if (maExpTime_ == 0) revert InvalidParameter("maExpTime", maExpTime_);
        maExpTime = maExpTime_;
        // ng's constructor: both prices start at 1.0, the clock now.
        _prices = PriceState({
            lastPrice: uint64(WAD),
            emaPrice: uint64(WAD),
            maLastTime: uint32(block.timestamp)
        });
    }

    /// @inheritdoc IStableSwapPool
    function lastPrice() external view nonReentrantView returns (uint256) {
        return _prices.lastPrice;
    }

    /// @inheritdoc IStableSwapPool
    function priceOracle() external view nonReentrantView returns (uint256) {
        return _movingAverage(_prices);
    }

    /// @dev Store the spot price `spotPriceWad` an action leaves and fold the previous one into the
    /// average (at most once per block: ng's `ma_last_time < block.timestamp`).
    function _upkeepOracle(uint256 spotPriceWad) internal {
        PriceState memory state = _prices;
        state.emaPrice = uint64(_movingAverage(state));
        state.lastPrice = uint64(spotPriceWad < MAX_LAST_PRICE ? spotPriceWad : MAX_LAST_PRICE);
        if (state.maLastTime < block.timestamp) state.maLastTime = uint32(block.timestamp);
        _prices = state;
    }

    /// @dev ng's `_calc_moving_average`: the EMA as of now, rounded down. α is floored by `expWad` at
    /// exponents below −41.4 (α = 0: the average is the last price).
    function _movingAverage(PriceState memory state) internal view returns (uint256) {
        if (state.maLastTime >= block.timestamp) return state.emaPrice;
        // Δt·1e18/τ rounded down as ng; Δt < 2^32 and τ > 0, so the int256 conversion is safe.
        int256 exponent = -int256(((block.timestamp - state.maLastTime) * WAD) / maExpTime);
        uint256 alpha = uint256(FixedPointMathLib.expWad(exponent));
        return (uint256(state.lastPrice) * (WAD - alpha) + uint256(state.emaPrice) * alpha) / WAD;
    }
}
