// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {StrategyManager} from "./StrategyManager.sol";

/// @title RewardsCoordinator
/// @notice Service rewards of the `RestakingManager`, as EigenLayer's `RewardsCoordinator`: an AVS pays an
/// operator's delegators in a strategy over a duration (`RewardsSubmission`'s start and duration); the
/// operator keeps its split, the rest streams pro rata to delegated weight × time. EigenLayer computes
/// this off-chain and posts Merkle roots; here one Synthetix-style stream and reward-per-weight
/// accumulator per operator, strategy and reward token do it on chain, O(1) per payment and per stake
/// change. An abstract part of the one deployed `RestakingManager`.
abstract contract RewardsCoordinator is StrategyManager {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    // ================================================================ admin

    /// @inheritdoc IRestakingManager
    function addRewardToken(IERC20 token) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(token) == address(0)) revert ZeroAddress("token");
        if (_isRewardToken[token]) revert AlreadyAdded(token);
        if (_rewardTokens.length == MAX_REWARD_TOKENS) revert TooMany(MAX_REWARD_TOKENS);
        _isRewardToken[token] = true;
        _rewardTokens.push(token);
        emit RewardTokenAdded(token);
    }

    // ================================================================ operators

    /// @inheritdoc IRestakingManager
    function setOperatorSplit(uint256 newSplitBps) external {
        OperatorInfo storage info = _requireOperator(msg.sender);
        if (newSplitBps > BPS) revert BpsTooHigh(newSplitBps);
        uint16 current = _currentSplit(info);
        uint256 activatedAt = block.timestamp + withdrawalDelay;
        info.oldSplitBps = current;
        info.newSplitBps = uint16(newSplitBps);
        info.splitActivatedAt = activatedAt.toUint48();
        emit OperatorSplitSet(msg.sender, current, newSplitBps, activatedAt);
    }

    // ================================================================ AVSs

    /// @inheritdoc IRestakingManager
    function payRewards(
        address operator,
        IERC20 token,
        IERC20 rewardToken,
        uint256 amount,
        uint256 duration
    ) external nonReentrant {
        if (!_avss[msg.sender].registered) revert NotAVS(msg.sender);
        if (!_optedIn[operator][msg.sender]) revert NotOptedIn(operator, msg.sender);
        if (!_isRewardToken[rewardToken]) revert RewardTokenNotAllowed(rewardToken);
        if (amount == 0) revert ZeroAmount();
        if (duration == 0 || duration > MAX_REWARDS_DURATION)
            revert InvalidRewardsDuration(duration, MAX_REWARDS_DURATION);
        if (_operatorStrategies[operator][token].delegatedWeight == 0)
            revert NoDelegatedStake(operator, token);
        rewardToken.safeTransferFrom(msg.sender, address(this), amount);
        // The operator's cut is credited at once, rounded down; the rest is streamed to the delegators by
        // stake × time (a staker who delegates just before the payment earns only while it stays).
        uint256 operatorCut = (amount * _currentSplit(_operators[operator])) / BPS;
        _accruedRewards[operator][rewardToken] += operatorCut;
        // What the running stream owed so far goes to the stake that earned it, before this payment joins.
        _updateStream(operator, token, rewardToken);
        RewardStream storage stream = _rewardStreams[operator][token][rewardToken];
        uint256 remaining = stream.remaining;
        uint256 joining = amount - operatorCut;
        stream.remaining = (remaining + joining).toUint160();
        uint256 endTimestamp = _joinedEnd(stream.endTimestamp, remaining, joining, duration);
        stream.lastUpdateTimestamp = uint48(block.timestamp);
        stream.endTimestamp = endTimestamp.toUint48();
        _extendRewardsActiveUntil(_operatorStrategies[operator][token], endTimestamp);
        emit RewardsPaid(
            msg.sender,
            operator,
            token,
            rewardToken,
            amount,
            operatorCut,
            duration,
            endTimestamp
        );
    }

    // ================================================================ earners

    /// @inheritdoc IRestakingManager
    function claimRewards(
        IERC20 rewardToken,
        address recipient
    ) external nonReentrant whenNotPaused returns (uint256 amount) {
        if (recipient == address(0)) revert ZeroAddress("recipient");
        address operator = _stakers[msg.sender].delegatedTo;
        if (operator != address(0)) {
            uint256 count = _strategyTokens.length;
            for (uint256 i = 0; i < count; ++i) {
                IERC20 token = _strategyTokens[i];
                // A zero weight has nothing pending, and its debt is set again before it becomes positive
                // (`_addShares` and `_delegate` settle first): nothing to write.
                if (_positions[msg.sender][token].delegatedWeight != 0) {
                    _settleReward(msg.sender, operator, token, rewardToken);
                }
            }
        }
        amount = _accruedRewards[msg.sender][rewardToken];
        if (amount == 0) revert NothingToClaim(msg.sender, rewardToken);
        _accruedRewards[msg.sender][rewardToken] = 0;
        rewardToken.safeTransfer(recipient, amount);
        emit RewardsClaimed(msg.sender, rewardToken, recipient, amount);
    }

    // ================================================================ views

    /// @inheritdoc IRestakingManager
    function rewardTokens() external view returns (IERC20[] memory) {
        return _rewardTokens;
    }

    /// @inheritdoc IRestakingManager
    function operatorSplitBps(address operator) external view returns (uint256) {
        return _currentSplit(_operators[operator]);
    }

    /// @inheritdoc IRestakingManager
    function getRewardStream(
        address operator,
        IERC20 token,
        IERC20 rewardToken
    ) external view returns (RewardStream memory) {
        return _rewardStreams[operator][token][rewardToken];
    }

    /// @inheritdoc IRestakingManager
    function claimableRewardsIn(
        address earner,
        IERC20 token,
        IERC20 rewardToken
    ) external view returns (uint256 amount) {
        amount = _accruedRewards[earner][rewardToken];
        address operator = _stakers[earner].delegatedTo;
        if (operator != address(0)) amount += _pendingReward(earner, operator, token, rewardToken);
    }

    /// @inheritdoc IRestakingManager
    function claimableRewards(address earner, IERC20 rewardToken) external view returns (uint256 amount) {
        amount = _accruedRewards[earner][rewardToken];
        address operator = _stakers[earner].delegatedTo;
        if (operator == address(0)) return amount;
        uint256 count = _strategyTokens.length;
        for (uint256 i = 0; i < count; ++i) {
            IERC20 token = _strategyTokens[i];
            amount += _pendingReward(earner, operator, token, rewardToken);
        }
    }

    // ================================================================ internal

    function _currentSplit(OperatorInfo storage info) internal view returns (uint16) {
        return block.timestamp >= info.splitActivatedAt ? info.newSplitBps : info.oldSplitBps;
    }

    /// @dev Reward tokens the stream has released since its last update: all of it once the end has passed,
    /// else the elapsed share of what remains (rounded down: the rest streams on, nothing is lost).
    function _releasedSinceUpdate(RewardStream storage stream) internal view returns (uint256 released) {
        uint256 remaining = stream.remaining;
        uint256 last = stream.lastUpdateTimestamp;
        if (remaining == 0 || block.timestamp <= last) return 0;
        uint256 end = stream.endTimestamp;
        if (block.timestamp >= end) return remaining;
        return Math.mulDiv(remaining, block.timestamp - last, end - last);
    }

    /// @dev The operator's reward-per-weight accumulator as it would be after `_updateStream` now, for a
    /// delegator with a positive weight.
    function _currentRewardPerWeight(
        address operator,
        IERC20 token,
        IERC20 rewardToken
    ) internal view returns (uint256 rewardPerWeight) {
        rewardPerWeight = _rewardPerWeight[operator][token][rewardToken];
        uint256 released = _releasedSinceUpdate(_rewardStreams[operator][token][rewardToken]);
        // Read only for a staker with a positive weight, so the operator's total weight is positive too.
        if (released != 0) {
            uint256 totalWeight = _operatorStrategies[operator][token].delegatedWeight;
            rewardPerWeight += Math.mulDiv(released, REWARD_PRECISION, totalWeight);
        }
    }

    /// @dev Moves what the stream released since its last update into the accumulator, pro rata to the
    /// weight delegated during that time (Synthetix's `updateReward`). Called before any weight changes.
    /// While nobody is delegated the stream pauses (its end moves on): no one earned that time's share.
    function _updateStream(address operator, IERC20 token, IERC20 rewardToken) internal {
        RewardStream storage stream = _rewardStreams[operator][token][rewardToken];
        uint256 remaining = stream.remaining;
        if (remaining == 0 || block.timestamp <= stream.lastUpdateTimestamp) return;
        uint256 totalWeight = _operatorStrategies[operator][token].delegatedWeight;
        if (totalWeight == 0) {
            stream.endTimestamp += uint48(block.timestamp) - stream.lastUpdateTimestamp;
            _extendRewardsActiveUntil(_operatorStrategies[operator][token], stream.endTimestamp);
        } else {
            uint256 released = _releasedSinceUpdate(stream);
            stream.remaining = uint160(remaining - released);
            // Rounded down: the delegators never claim more than was released (dust stays in the manager).
            _rewardPerWeight[operator][token][rewardToken] += Math.mulDiv(
                released,
                REWARD_PRECISION,
                totalWeight
            );
        }
        stream.lastUpdateTimestamp = uint48(block.timestamp);
    }

    /// @dev The end of the one stream per operator, strategy and reward token (O(1)) once a payment of
    /// `joining` over `duration` joins what is left of the running one (`remaining`, ending at
    /// `runningEnd` > now after `_updateStream`): the later of the two ends, so that a short payment
    /// cannot speed the stream up beyond the rates both payers asked; but no later than keeps the running
    /// stream's rate (`now + (remaining + joining) × (runningEnd − now) / remaining`, rounded down), so
    /// that a small payment over a long period cannot stretch a large one (1 wei over a year would
    /// otherwise hold a 30-day payment back for a year). Either way the joined rate is at most the sum of
    /// the two payers' rates, and at least the running one.
    function _joinedEnd(
        uint256 runningEnd,
        uint256 remaining,
        uint256 joining,
        uint256 duration
    ) internal view returns (uint256) {
        uint256 askedEnd = block.timestamp + duration;
        if (remaining == 0) return askedEnd;
        if (runningEnd >= askedEnd) return runningEnd;
        uint256 sameRateEnd =
            block.timestamp + Math.mulDiv(remaining + joining, runningEnd - block.timestamp, remaining);
        return Math.min(askedEnd, sameRateEnd);
    }

    /// @dev Keeps `rewardsActiveUntil` at the latest end of the operator's streams in the strategy, so a
    /// reader knows from one slot that no reward has been released since a moment at or after it.
    function _extendRewardsActiveUntil(OperatorStrategy storage os, uint256 endTimestamp) internal {
        if (endTimestamp > os.rewardsActiveUntil) os.rewardsActiveUntil = uint48(endTimestamp);
    }

    function _pendingReward(
        address staker,
        address operator,
        IERC20 token,
        IERC20 rewardToken
    ) internal view returns (uint256) {
        // A zero weight has earned nothing since its last settlement, and its debt may still hold another
        // operator's accumulator (the staker moved while holding nothing here): do not read it.
        uint256 weight = _positions[staker][token].delegatedWeight;
        if (weight == 0) return 0;
        // A positive weight was set right after a settlement against this operator: debt ≤ accumulated.
        uint256 debt = _rewardDebt[staker][token][rewardToken];
        // Rounded down: a staker never claims more than its share.
        return
            Math.mulDiv(
                weight,
                _currentRewardPerWeight(operator, token, rewardToken) - debt,
                REWARD_PRECISION
            );
    }

    /// @dev Moves what the staker earned in `rewardToken` since its last settlement into its accrued rewards.
    function _settleReward(address staker, address operator, IERC20 token, IERC20 rewardToken) internal {
        _updateStream(operator, token, rewardToken);
        uint256 pending = _pendingReward(staker, operator, token, rewardToken);
        if (pending != 0) _accruedRewards[staker][rewardToken] += pending;
        _rewardDebt[staker][token][rewardToken] = _rewardPerWeight[operator][token][rewardToken];
    }

    /// @dev Settles every reward token: called before the staker's reward weight in `token` changes.
    function _settleRewards(address staker, address operator, IERC20 token) internal {
        uint256 count = _rewardTokens.length;
        for (uint256 i = 0; i < count; ++i) _settleReward(staker, operator, token, _rewardTokens[i]);
    }
}
