// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";

/// @title RewardAccumulator
/// @notice Consensus-layer rewards on simulated time, standing for the consensus specs'
/// `process_rewards_and_penalties` (`get_base_reward`: a reward per epoch proportional to the
/// effective balance), accrued with one global accumulator, the pattern of Synthetix's
/// `StakingRewards.rewardPerToken`: `rewardPerValidator()` is what one validator active since
/// genesis has earned, and grows linearly at `rewardAprBps` on `validatorDeposit`.
/// @dev One part of the one deployed `BeaconChainSimulator` (composed by inheritance), which
/// settles each validator against the accumulator. Rewards accrue on the deposit, not on the
/// balance (no compounding, as on mainnet before EIP-7251 capped effective balances at 32 ETH).
abstract contract RewardAccumulator is IBeaconChainSimulator {
    using SafeCast for uint256;

    /// @notice One simulated year, the unit of `rewardAprBps`.
    uint256 public constant SECONDS_PER_YEAR = 365 days;

    /// @notice Largest time scale accepted: one simulated year per real second.
    uint256 public constant MAX_TIME_SCALE = SECONDS_PER_YEAR;

    uint256 internal constant BPS = 10_000;

    /// @inheritdoc IBeaconChainSimulator
    uint256 public immutable validatorDeposit;
    /// @inheritdoc IBeaconChainSimulator
    uint256 public immutable timeScale;
    /// @inheritdoc IBeaconChainSimulator
    uint256 public immutable genesisTimestamp;

    // The accumulator and its rate share one storage slot (128 + 64 + 64 bits), so that
    // `rewardPerValidator()` costs one SLOAD.
    /// @dev Value of `rewardPerValidator()` at `_checkpointSimTime`.
    uint128 private _rewardPerValidatorCheckpoint;
    /// @dev Simulated time of the last checkpoint (the last APR change), seconds.
    uint64 private _checkpointSimTime;
    /// @dev Reward rate per simulated year, basis points (≤ 10,000).
    uint64 private _rewardAprBps;

    /// @param validatorDeposit_ Exact deposit of one validator, wei (32 ETH on mainnet; at most 2^96 − 1).
    /// @param rewardAprBps_ Reward rate per simulated year on the deposit, basis points (≤ 10,000).
    /// @param timeScale_ Simulated seconds per real second (1 to `MAX_TIME_SCALE`).
    constructor(uint256 validatorDeposit_, uint256 rewardAprBps_, uint256 timeScale_) {
        if (validatorDeposit_ == 0 || validatorDeposit_ > type(uint96).max) {
            revert InvalidParameter("validatorDeposit", validatorDeposit_);
        }
        if (rewardAprBps_ > BPS) revert InvalidParameter("rewardAprBps", rewardAprBps_);
        if (timeScale_ == 0 || timeScale_ > MAX_TIME_SCALE) revert InvalidParameter("timeScale", timeScale_);
        validatorDeposit = validatorDeposit_;
        _rewardAprBps = uint64(rewardAprBps_); // ≤ 10,000, checked above
        timeScale = timeScale_;
        genesisTimestamp = block.timestamp;
    }

    /// @inheritdoc IBeaconChainSimulator
    function rewardAprBps() external view returns (uint256) {
        return _rewardAprBps;
    }

    /// @inheritdoc IBeaconChainSimulator
    function simulatedTime() public view returns (uint256) {
        return (block.timestamp - genesisTimestamp) * timeScale;
    }

    /// @inheritdoc IBeaconChainSimulator
    /// @dev checkpoint + deposit × apr × Δt / (10,000 × 1 year), rounded down (pays the validators
    /// down: the reserve keeps the dust).
    function rewardPerValidator() public view returns (uint256) {
        uint256 elapsed = simulatedTime() - _checkpointSimTime;
        return
            _rewardPerValidatorCheckpoint +
            Math.mulDiv(validatorDeposit * _rewardAprBps, elapsed, BPS * SECONDS_PER_YEAR);
    }

    /// @dev Sets the rate, checkpointing the accumulator first so rewards earned at the old rate are kept.
    function _setRewardAprBps(uint256 newAprBps) internal {
        if (newAprBps > BPS) revert InvalidParameter("rewardAprBps", newAprBps);
        uint256 oldAprBps = _rewardAprBps;
        _rewardPerValidatorCheckpoint = rewardPerValidator().toUint128();
        _checkpointSimTime = simulatedTime().toUint64();
        _rewardAprBps = uint64(newAprBps); // ≤ 10,000, checked above
        emit RewardAprChanged(oldAprBps, newAprBps);
    }
}
