// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IRateProvider} from "../../interfaces/IRateProvider.sol";

/// @title CappedRateOracle
/// @notice The NAV with a ceiling on its growth, as Aave's CAPO (`PriceCapAdapterBase`, BGD Labs):
///
///     maxRate = snapshotRate + maxRateGrowthPerSecond × (now − snapshotTimestamp)
///     maxRateGrowthPerSecond = snapshotRate × maxYearlyGrowthBps / 10,000 / 365 days   (rounded down)
///     price   = min(rate, maxRate) × 10^(36 − decimals)
///
/// A bug, an unbacked mint reported as a gain, or a donation that inflates the rate cannot lift the
/// price faster than the token can honestly earn (Aave: wstETH 9.68 %/yr, weETH 8.75 %/yr), so no one
/// can borrow against a pumped rate. The cap bounds only the upside: a real backing loss (slashing)
/// lowers `rate` below the cap and passes through at once.
///
/// The owner (Aave's risk admin) moves the snapshot forward with CAPO's checks: the rate is not zero,
/// the timestamp is later than the stored one and not in the future. Aave's practice, not enforced
/// on chain: snapshot a rate at least 7–14 days old, so a fresh manipulation is not frozen into it.
contract CappedRateOracle is IPriceOracle, Ownable {
    /// @notice 100 % in basis points (CAPO's `PERCENTAGE_FACTOR`).
    uint256 public constant PERCENTAGE_FACTOR = 10_000;
    /// @notice Seconds in a year (CAPO's `SECONDS_PER_YEAR`).
    uint256 public constant SECONDS_PER_YEAR = 365 days;

    /// @notice Where the uncapped NAV is read.
    IRateProvider public immutable rateProvider;
    /// @notice 10^(36 − collateral decimals).
    uint256 public immutable scaleFactor;

    // One slot, CAPO's layout.
    uint104 private _snapshotRate;
    uint48 private _snapshotTimestamp;
    uint104 private _maxRateGrowthPerSecond;
    uint16 private _maxYearlyGrowthBps;

    /// @notice The cap parameters changed.
    event CapParametersUpdated(
        uint256 snapshotRate,
        uint256 snapshotTimestamp,
        uint256 maxRateGrowthPerSecond,
        uint256 maxYearlyGrowthBps
    );

    /// @notice A zero address was given.
    error ZeroAddress();
    /// @notice The collateral's `decimals` is above 36.
    error InvalidDecimals(uint8 decimals);
    /// @notice The snapshot rate is zero.
    error SnapshotRateIsZero();
    /// @notice `snapshotTimestamp` is not after the stored `previous` one, or is after `nowTimestamp`.
    error InvalidSnapshotTimestamp(uint256 snapshotTimestamp, uint256 previous, uint256 nowTimestamp);
    /// @notice The cap could overflow within three years (CAPO's `SnapshotMayOverflowSoon`).
    error SnapshotMayOverflowSoon(uint256 snapshotRate, uint256 maxYearlyGrowthBps);

    /// @param rateProvider_ The token's NAV (WAD ETH per whole token).
    /// @param collateralDecimals The collateral token's decimals (18 LST, 21 LRT).
    /// @param owner_ The risk admin who moves the snapshot.
    /// @param snapshotRate_ Rate (WAD) at `snapshotTimestamp`.
    /// @param snapshotTimestamp_ When `snapshotRate` was read (seconds, not in the future).
    /// @param maxYearlyGrowthBps_ Largest yearly growth of the rate above the snapshot (basis points, simple).
    constructor(
        IRateProvider rateProvider_,
        uint8 collateralDecimals,
        address owner_,
        uint104 snapshotRate_,
        uint48 snapshotTimestamp_,
        uint16 maxYearlyGrowthBps_
    ) Ownable(owner_) {
        if (address(rateProvider_) == address(0)) revert ZeroAddress();
        if (collateralDecimals > 36) revert InvalidDecimals(collateralDecimals);
        rateProvider = rateProvider_;
        scaleFactor = 10 ** (36 - uint256(collateralDecimals));
        _setCapParameters(snapshotRate_, snapshotTimestamp_, maxYearlyGrowthBps_);
    }

    /// @notice Moves the snapshot and the growth cap (owner only).
    /// @param snapshotRate_ Rate (WAD) at `snapshotTimestamp`, not zero.
    /// @param snapshotTimestamp_ Later than the stored one, not in the future (seconds).
    /// @param maxYearlyGrowthBps_ Largest yearly growth above the snapshot (basis points).
    function setCapParameters(
        uint104 snapshotRate_,
        uint48 snapshotTimestamp_,
        uint16 maxYearlyGrowthBps_
    ) external onlyOwner {
        _setCapParameters(snapshotRate_, snapshotTimestamp_, maxYearlyGrowthBps_);
    }

    /// @inheritdoc IPriceOracle
    function price() external view returns (uint256) {
        return cappedRate() * scaleFactor;
    }

    /// @notice min(rate now, the cap now) (WAD ETH per whole token).
    function cappedRate() public view returns (uint256) {
        uint256 rate = rateProvider.getRate();
        uint256 cap = maxRate();
        return rate < cap ? rate : cap;
    }

    /// @notice The cap now: snapshotRate + maxRateGrowthPerSecond × seconds since the snapshot (WAD).
    function maxRate() public view returns (uint256) {
        return
            uint256(_snapshotRate) +
            uint256(_maxRateGrowthPerSecond) * (block.timestamp - uint256(_snapshotTimestamp));
    }

    /// @notice The snapshot rate (WAD).
    function snapshotRate() external view returns (uint256) {
        return _snapshotRate;
    }

    /// @notice When the snapshot rate was read (seconds).
    function snapshotTimestamp() external view returns (uint256) {
        return _snapshotTimestamp;
    }

    /// @notice Largest growth of the cap per second (WAD per second, rounded down).
    function maxRateGrowthPerSecond() external view returns (uint256) {
        return _maxRateGrowthPerSecond;
    }

    /// @notice Largest yearly growth above the snapshot (basis points).
    function maxYearlyGrowthBps() external view returns (uint256) {
        return _maxYearlyGrowthBps;
    }

    function _setCapParameters(
        uint104 snapshotRate_,
        uint48 snapshotTimestamp_,
        uint16 maxYearlyGrowthBps_
    ) private {
        if (snapshotRate_ == 0) revert SnapshotRateIsZero();
        if ((uint256(snapshotRate_) * maxYearlyGrowthBps_ * 3) / PERCENTAGE_FACTOR > type(uint104).max) {
            revert SnapshotMayOverflowSoon(snapshotRate_, maxYearlyGrowthBps_);
        }
        uint256 previous = _snapshotTimestamp;
        if (snapshotTimestamp_ <= previous || snapshotTimestamp_ > block.timestamp) {
            revert InvalidSnapshotTimestamp(snapshotTimestamp_, previous, block.timestamp);
        }
        uint256 growthPerSecond =
            (uint256(snapshotRate_) * maxYearlyGrowthBps_) / PERCENTAGE_FACTOR / SECONDS_PER_YEAR;
        _snapshotRate = snapshotRate_;
        _snapshotTimestamp = snapshotTimestamp_;
        _maxRateGrowthPerSecond = uint104(growthPerSecond); // ≤ snapshotRate × 6.55 / year, fits
        _maxYearlyGrowthBps = maxYearlyGrowthBps_;
        emit CapParametersUpdated(snapshotRate_, snapshotTimestamp_, growthPerSecond, maxYearlyGrowthBps_);
    }
}
