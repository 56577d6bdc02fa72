// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";

/// @title Slashings
/// @notice The correlation penalty's maths, after the consensus specs' `state.slashings` vector and
/// `process_slashings` (consensus-specs, specs/electra/beacon-chain.md; Bellatrix's multiplier):
/// the deposits slashed over a window of ~36 days (`EPOCHS_PER_SLASHINGS_VECTOR`), and the penalty
/// `balance × min(3 × slashedInWindow, totalActive) / totalActive` of a slashed validator, fixed at
/// the midpoint of its window, half a window after its slashing.
/// @dev One part of the one deployed `BeaconChainSimulator` (composed by inheritance), which slashes
/// validators and applies the penalty at their full withdrawal. Mainnet keeps a ring buffer of
/// 8,192 epochs; here 16 time buckets keyed by their absolute number
/// (`timestamp / correlationBucketSeconds`), so a past window stays readable however late the sweep
/// comes, and a window costs exactly 16 storage reads, whatever the number of validators.
abstract contract Slashings is IBeaconChainSimulator {
    /// @notice Slashings in the window count three times (PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX).
    uint256 public constant PROPORTIONAL_SLASHING_MULTIPLIER = 3;

    /// @notice Number of time buckets the correlation window is cut into.
    uint256 public constant CORRELATION_BUCKETS = 16;

    /// @inheritdoc IBeaconChainSimulator
    uint256 public immutable correlationWindow;
    /// @inheritdoc IBeaconChainSimulator
    uint256 public immutable correlationBucketSeconds;

    /// @dev Deposits slashed per time bucket, keyed by the absolute bucket number.
    mapping(uint256 bucket => uint256 slashedWei) private _slashedInBucket;

    /// @param correlationWindow_ Real seconds over which slashings add up, and from a slashing to
    /// withdrawability (EPOCHS_PER_SLASHINGS_VECTOR; ≥ 16, one per bucket).
    constructor(uint256 correlationWindow_) {
        if (correlationWindow_ < CORRELATION_BUCKETS) {
            revert InvalidParameter("correlationWindow", correlationWindow_);
        }
        correlationWindow = correlationWindow_;
        correlationBucketSeconds = correlationWindow_ / CORRELATION_BUCKETS;
    }

    /// @inheritdoc IBeaconChainSimulator
    function slashedInWindow() external view returns (uint256) {
        return _slashedInWindowAt(block.timestamp);
    }

    /// @dev Records `depositWei` slashed now, in the current bucket (`slash_validator`'s
    /// `state.slashings[epoch % EPOCHS_PER_SLASHINGS_VECTOR] += effective_balance`).
    function _recordSlashing(uint256 depositWei) internal {
        _slashedInBucket[block.timestamp / correlationBucketSeconds] += depositWei;
    }

    /// @dev `process_slashings` for a validator slashed at `slashedAt` holding `balance` wei, measured
    /// at the midpoint `slashedAt + correlationWindow / 2`, as on mainnet (`epoch +
    /// EPOCHS_PER_SLASHINGS_VECTOR // 2 == withdrawable_epoch`): penalty = balance × min(3 × slashed,
    /// total) / total, rounded up (burn up); an empty network (total 0) takes the whole balance.
    /// The slashed stake is the window of buckets ending with the midpoint's bucket, so it counts the
    /// slashings of about half a window before the validator's own and half a window after; that
    /// bucket closes at most one bucket after the midpoint, before the validator is withdrawable a
    /// whole window after its slashing, so a sweep at any time reads the same figure.
    /// @param totalActiveGwei The total active stake recorded at the slashing, gwei.
    /// @return penalty Wei to take from the balance.
    /// @return slashedWei Deposits slashed in the validator's window, wei.
    function _correlationPenalty(
        uint256 balance,
        uint256 slashedAt,
        uint256 totalActiveGwei
    ) internal view returns (uint256 penalty, uint256 slashedWei) {
        slashedWei = _slashedInWindowAt(slashedAt + correlationWindow / 2);
        uint256 totalActive = totalActiveGwei * 1 gwei;
        if (totalActive == 0) return (balance, slashedWei);
        penalty = Math.mulDiv(
            balance,
            Math.min(PROPORTIONAL_SLASHING_MULTIPLIER * slashedWei, totalActive),
            totalActive,
            Math.Rounding.Ceil
        );
    }

    /// @dev `activeWei + externalWei` in gwei, rounded down (a smaller total makes the correlation
    /// penalty larger: burn up) and capped at `type(uint64).max` gwei (1.8e10 ETH, more than all the
    /// ETH there is). The external balance is capped first so an absurd figure set by the teacher
    /// cannot overflow the sum.
    function _activeStakeGwei(uint256 activeWei, uint256 externalWei) internal pure returns (uint64) {
        uint256 maxWei = uint256(type(uint64).max) * 1 gwei;
        uint256 totalWei = activeWei + Math.min(externalWei, maxWei);
        return uint64(Math.min(totalWei / 1 gwei, type(uint64).max)); // capped just above
    }

    /// @dev Σ deposits slashed in the `CORRELATION_BUCKETS` buckets ending with the one holding
    /// `timestamp`: the window [timestamp − correlationWindow, timestamp] at bucket granularity.
    /// Constant cost: 16 storage reads, whatever the number of validators or slashings.
    function _slashedInWindowAt(uint256 timestamp) private view returns (uint256 total) {
        uint256 lastBucket = timestamp / correlationBucketSeconds;
        uint256 buckets = Math.min(CORRELATION_BUCKETS, lastBucket + 1); // no bucket before 0
        for (uint256 i = 0; i < buckets; ++i) {
            total += _slashedInBucket[lastBucket - i];
        }
    }
}
