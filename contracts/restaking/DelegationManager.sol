// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {IRestakingPod} from "../interfaces/IRestakingPod.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {AllocationManager} from "./AllocationManager.sol";
import {SlashingLib} from "./SlashingLib.sol";

/// @title DelegationManager
/// @notice Operators, delegation and the withdrawal queue of the `RestakingManager`, as EigenLayer's
/// `DelegationManager`: stakers delegate all their shares to one operator; the deposit scaling factor
/// `k` keeps earlier slashes from reaching new stake; queued withdrawals store scaled shares `s·k` and
/// are paid at the operator's magnitude at the end of the delay, so they stay slashable until then.
/// An abstract part of the one deployed `RestakingManager`.
abstract contract DelegationManager is AllocationManager {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SlashingLib for uint256;
    using Checkpoints for Checkpoints.Trace208;

    // ================================================================ operators

    /// @inheritdoc IRestakingManager
    function registerAsOperator(string calldata metadataURI) external {
        if (_operators[msg.sender].registered) revert AlreadyOperator(msg.sender);
        address current = _stakers[msg.sender].delegatedTo;
        if (current != address(0)) revert AlreadyDelegated(msg.sender, current);
        uint16 split = uint16(defaultOperatorSplitBps);
        _operators[msg.sender] = OperatorInfo({
            registered: true,
            oldSplitBps: split,
            newSplitBps: split,
            splitActivatedAt: uint48(block.timestamp)
        });
        emit OperatorRegistered(msg.sender, split, metadataURI);
        // An operator is delegated to itself (EigenLayer's DelegationManager does the same).
        _delegate(msg.sender, msg.sender);
    }

    // ================================================================ stakers

    /// @inheritdoc IRestakingManager
    function delegateTo(address operator) external {
        address current = _stakers[msg.sender].delegatedTo;
        if (current != address(0)) revert AlreadyDelegated(msg.sender, current);
        if (!_operators[operator].registered) revert NotOperator(operator);
        _delegate(msg.sender, operator);
    }

    /// @inheritdoc IRestakingManager
    function undelegate() external nonReentrant whenNotPaused returns (uint256[] memory withdrawalIds) {
        address staker = msg.sender;
        address operator = _stakers[staker].delegatedTo;
        if (operator == address(0)) revert NotDelegated(staker);
        if (operator == staker) revert OperatorCannotUndelegate(staker);
        uint256 count = _strategyTokens.length;
        uint256[] memory ids = new uint256[](count);
        uint256 queued;
        for (uint256 i = 0; i < count; ++i) {
            IERC20 token = _strategyTokens[i];
            uint256 shares = _positions[staker][token].depositShares;
            if (shares != 0) ids[queued++] = _queueWithdrawal(staker, operator, token, shares);
        }
        _stakers[staker].delegatedTo = address(0);
        emit StakerUndelegated(staker, operator);
        withdrawalIds = new uint256[](queued);
        for (uint256 i = 0; i < queued; ++i) withdrawalIds[i] = ids[i];
    }

    /// @inheritdoc IRestakingManager
    function queueWithdrawal(
        IERC20 token,
        uint256 depositShares_
    ) external nonReentrant whenNotPaused returns (uint256 withdrawalId) {
        _requireStrategy(token);
        if (depositShares_ == 0) revert ZeroAmount();
        uint256 available = _positions[msg.sender][token].depositShares;
        if (depositShares_ > available) revert InsufficientShares(depositShares_, available);
        withdrawalId = _queueWithdrawal(msg.sender, _stakers[msg.sender].delegatedTo, token, depositShares_);
    }

    /// @inheritdoc IRestakingManager
    function completeQueuedWithdrawal(
        uint256 withdrawalId
    ) external nonReentrant whenNotPaused returns (uint256 amount) {
        Withdrawal storage withdrawal = _withdrawals[withdrawalId];
        address staker = withdrawal.staker;
        if (staker == address(0)) revert WithdrawalNotFound(withdrawalId);
        if (msg.sender != staker) revert NotWithdrawalStaker(msg.sender, staker);
        if (withdrawal.completed) revert WithdrawalAlreadyCompleted(withdrawalId);
        uint256 readyAt = withdrawal.startTimestamp + withdrawalDelay;
        if (block.timestamp < readyAt)
            revert WithdrawalDelayNotElapsed(withdrawalId, readyAt, block.timestamp);
        // Effects before any transfer: a second call, reentrant or not, finds it completed.
        withdrawal.completed = true;
        IERC20 token = withdrawal.token;
        uint256 shares;
        (shares, amount) = _previewWithdrawal(withdrawal);
        if (token == BEACON_CHAIN_ETH) {
            // The ETH sits in the staker's pod once its validators have exited and been swept.
            IRestakingPod(podOf[staker]).withdrawRestakedBeaconChainETH(staker, amount);
        } else {
            Strategy storage strategy = _strategies[token];
            // INV-5 (claims ≤ holdings, to the wei) makes these `min`s no-ops; they stay as a guard so that
            // no accounting slip could ever lock the last withdrawal behind an underflow.
            shares = Math.min(shares, strategy.totalShares);
            amount = Math.min(amount, strategy.totalAssets);
            strategy.totalShares -= shares;
            strategy.totalAssets -= amount;
            token.safeTransfer(staker, amount);
        }
        emit WithdrawalCompleted(withdrawalId, staker, token, shares, amount);
    }

    // ================================================================ views

    /// @inheritdoc IRestakingManager
    function depositScalingFactor(address staker, IERC20 token) public view returns (uint256) {
        StakerPosition storage position = _positions[staker][token];
        return position.depositShares == 0 ? WAD : position.scalingFactor;
    }

    /// @inheritdoc IRestakingManager
    function withdrawableShares(address staker, IERC20 token) public view returns (uint256) {
        uint256 weight = _weight(staker, token, _positions[staker][token].depositShares);
        return weight.mulWad(_magnitudeOf(_stakers[staker].delegatedTo, token));
    }

    /// @inheritdoc IRestakingManager
    function withdrawableUnderlying(address staker, IERC20 token) external view returns (uint256) {
        return sharesToUnderlying(token, withdrawableShares(staker, token));
    }

    /// @inheritdoc IRestakingManager
    function convertToDepositShares(
        address staker,
        IERC20 token,
        uint256 withdrawableShareAmount
    ) external view returns (uint256) {
        uint256 magnitude = _magnitudeOf(_stakers[staker].delegatedTo, token);
        uint256 beaconFactor = _beaconFactorFor(staker, token);
        uint256 k = depositScalingFactor(staker, token);
        if (magnitude == 0 || beaconFactor == 0 || k == 0) return 0;
        // Rounded down at each step: queueing the result never withdraws more than asked.
        return withdrawableShareAmount.divWad(magnitude).divWad(beaconFactor).divWad(k);
    }

    /// @inheritdoc IRestakingManager
    function delegatedTo(address staker) external view returns (address) {
        return _stakers[staker].delegatedTo;
    }

    /// @inheritdoc IRestakingManager
    function isOperator(address account) external view returns (bool) {
        return _operators[account].registered;
    }

    /// @inheritdoc IRestakingManager
    function operatorShares(address operator, IERC20 token) public view returns (uint256) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        return os.delegatedWeight.mulWad(_maxMagnitude(os));
    }

    /// @inheritdoc IRestakingManager
    function getWithdrawal(uint256 withdrawalId) external view returns (Withdrawal memory) {
        return _withdrawals[withdrawalId];
    }

    /// @inheritdoc IRestakingManager
    function completableAt(uint256 withdrawalId) external view returns (uint256) {
        Withdrawal storage withdrawal = _withdrawals[withdrawalId];
        if (withdrawal.staker == address(0)) revert WithdrawalNotFound(withdrawalId);
        return withdrawal.startTimestamp + withdrawalDelay;
    }

    /// @inheritdoc IRestakingManager
    function previewWithdrawal(uint256 withdrawalId) external view returns (uint256 shares, uint256 amount) {
        Withdrawal storage withdrawal = _withdrawals[withdrawalId];
        if (withdrawal.staker == address(0)) revert WithdrawalNotFound(withdrawalId);
        return _previewWithdrawal(withdrawal);
    }

    // ================================================================ internal

    /// @dev Credits `shares` new deposit shares and sets `k` so that the withdrawable shares rise by at
    /// most `shares`: the new weight is at most `w + shares / m` (EigenLayer's `DepositScalingFactor.update`,
    /// `k' = (a + shares) / ((s + shares)·m·l)`, written on the weight so that it is exact). On a first
    /// deposit `k = 1 / (m·l)`: slashes before this deposit do not reach it.
    function _addShares(address staker, IERC20 token, uint256 shares) internal override {
        address operator = _stakers[staker].delegatedTo;
        uint256 magnitude = _magnitudeOf(operator, token);
        if (magnitude == 0 || _beaconFactorFor(staker, token) == 0) revert FullySlashed(operator, token);
        if (operator != address(0)) _settleRewards(staker, operator, token);
        StakerPosition storage position = _positions[staker][token];
        uint256 targetWeight = _weight(staker, token, position.depositShares) + shares.divWad(magnitude);
        position.depositShares += shares;
        _setScalingFactor(staker, token, position, targetWeight);
        if (operator != address(0)) _updateWeight(staker, operator, token);
    }

    /// @dev Moves all of `staker`'s shares to `operator`. The weight is divided by the operator's `m`
    /// (`k ← k / m`) so that `a = w·m` does not grow: slashes before the delegation do not reach the staker.
    function _delegate(address staker, address operator) internal {
        _stakers[staker].delegatedTo = operator;
        emit StakerDelegated(staker, operator);
        uint256 count = _strategyTokens.length;
        for (uint256 i = 0; i < count; ++i) {
            IERC20 token = _strategyTokens[i];
            StakerPosition storage position = _positions[staker][token];
            if (position.depositShares == 0) continue;
            uint256 magnitude = _maxMagnitude(_operatorStrategies[operator][token]);
            if (magnitude == 0) revert FullySlashed(operator, token);
            uint256 targetWeight = _weight(staker, token, position.depositShares).divWad(magnitude);
            _setScalingFactor(staker, token, position, targetWeight);
            // The staker starts earning from the operator's accumulator as it is now.
            uint256 rewardCount = _rewardTokens.length;
            for (uint256 j = 0; j < rewardCount; ++j) {
                IERC20 rewardToken = _rewardTokens[j];
                _updateStream(operator, token, rewardToken);
                _rewardDebt[staker][token][rewardToken] = _rewardPerWeight[operator][token][rewardToken];
            }
            _updateWeight(staker, operator, token);
        }
    }

    /// @dev Sets `k` to the largest value whose weight `⌊⌊s·k⌋·l⌋` does not exceed `targetWeight`
    /// (rounded down at each step, against the staker).
    function _setScalingFactor(
        address staker,
        IERC20 token,
        StakerPosition storage position,
        uint256 targetWeight
    ) internal {
        uint256 newFactor = SlashingLib.scalingFactorFor(
            targetWeight,
            _beaconFactorFor(staker, token),
            position.depositShares
        );
        position.scalingFactor = newFactor;
        emit DepositScalingFactorUpdated(staker, token, newFactor);
    }

    /// @dev Removes deposit shares from the staker and records a withdrawal of their scaled shares `s·k`,
    /// computed as the exact fall of `⌊s·k⌋` so that the operator's weight stays an exact sum. The
    /// operator's cumulative history lets a slash within the delay take its part.
    function _queueWithdrawal(
        address staker,
        address operator,
        IERC20 token,
        uint256 shares
    ) internal returns (uint256 withdrawalId) {
        StakerPosition storage position = _positions[staker][token];
        uint256 k = position.scalingFactor;
        uint256 before = withdrawableShares(staker, token);
        uint256 scaledShares = SlashingLib.scaleForQueueWithdrawal(position.depositShares, shares, k);
        if (operator != address(0)) _settleRewards(staker, operator, token);
        position.depositShares -= shares;
        if (operator != address(0)) {
            OperatorStrategy storage os = _operatorStrategies[operator][token];
            os.cumulativeScaledShares.push(
                uint48(block.timestamp),
                (os.cumulativeScaledShares.latest() + scaledShares).toUint208()
            );
            _updateWeight(staker, operator, token);
        }
        withdrawalId = ++withdrawalCount;
        _withdrawals[withdrawalId] = Withdrawal({
            staker: staker,
            delegatedTo: operator,
            token: token,
            startTimestamp: uint48(block.timestamp),
            completed: false,
            scaledShares: scaledShares
        });
        uint256 withdrawable = before - withdrawableShares(staker, token);
        emit WithdrawalQueued(withdrawalId, staker, operator, token, shares, scaledShares, withdrawable);
    }

    /// @dev A withdrawal's value: `⌊⌊scaled·l⌋·m⌋`, with the owner's beacon chain factor now (native ETH)
    /// and the operator's magnitude at the last slashable second (or now, if still slashable).
    function _previewWithdrawal(
        Withdrawal storage withdrawal
    ) internal view returns (uint256 shares, uint256 amount) {
        uint256 magnitude = WAD;
        if (withdrawal.delegatedTo != address(0)) {
            uint256 lastSlashable = withdrawal.startTimestamp + withdrawalDelay;
            if (withdrawalDelay != 0) lastSlashable -= 1;
            magnitude = _maxMagnitudeAt(
                _operatorStrategies[withdrawal.delegatedTo][withdrawal.token],
                Math.min(lastSlashable, block.timestamp)
            );
        }
        IERC20 token = withdrawal.token;
        uint256 weight = withdrawal.scaledShares.mulWad(_beaconFactorFor(withdrawal.staker, token));
        shares = weight.mulWad(magnitude);
        amount = sharesToUnderlying(token, shares);
    }

    /// @dev The staker's weight for `shares` deposit shares: `⌊⌊s·k⌋·l⌋`, each product rounded down.
    function _weight(address staker, IERC20 token, uint256 shares) internal view returns (uint256) {
        uint256 scaled = shares.mulWad(depositScalingFactor(staker, token));
        if (token != BEACON_CHAIN_ETH) return scaled;
        return scaled.mulWad(beaconChainSlashingFactor(staker));
    }

    /// @dev Sets the staker's delegated weight to `⌊⌊s·k⌋·l⌋` and keeps the operator's sum `W` exact; emits
    /// the change of the operator's delegated shares `⌊W·m⌋`. `m` is left out of the weight: it is the same
    /// for every delegator of the operator, so the pro-rata shares of a reward do not depend on it.
    function _updateWeight(address staker, address operator, IERC20 token) internal {
        StakerPosition storage position = _positions[staker][token];
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        uint256 sharesBefore = operatorShares(operator, token);
        uint256 newWeight = _weight(staker, token, position.depositShares);
        os.delegatedWeight = os.delegatedWeight - position.delegatedWeight + newWeight;
        position.delegatedWeight = newWeight;
        uint256 sharesAfter = operatorShares(operator, token);
        if (sharesAfter > sharesBefore) {
            emit OperatorSharesIncreased(operator, staker, token, sharesAfter - sharesBefore);
        } else if (sharesAfter < sharesBefore) {
            emit OperatorSharesDecreased(operator, staker, token, sharesBefore - sharesAfter);
        }
    }
}
