// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {RewardsCoordinator} from "./RewardsCoordinator.sol";
import {SlashingLib} from "./SlashingLib.sol";

/// @title AllocationManager
/// @notice Services and slashing in the `RestakingManager`, as EigenLayer's `AllocationManager` (and the
/// burning half of `DelegationManager.slashOperatorShares`): AVSs register; operators opt in and allocate
/// magnitudes (unique stake: their sum never exceeds the operator's max magnitude `m`); raising one
/// waits `allocationDelay` (longer than the withdrawal delay), lowering one `deallocationDelay`; an AVS
/// slashes a fraction of an allocation, which lowers `m` and so every delegator's shares in O(1).
/// An abstract part of the one deployed `RestakingManager`.
abstract contract AllocationManager is RewardsCoordinator {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SlashingLib for uint256;
    using Checkpoints for Checkpoints.Trace208;

    // ================================================================ AVSs

    /// @inheritdoc IRestakingManager
    function registerAVS(address slashedFundsRecipient_, string calldata metadataURI) external {
        if (_avss[msg.sender].registered) revert AlreadyAVS(msg.sender);
        if (slashedFundsRecipient_ == address(0)) revert ZeroAddress("slashedFundsRecipient");
        _avss[msg.sender] = AVSInfo({registered: true, slashedFundsRecipient: slashedFundsRecipient_});
        emit AVSRegistered(msg.sender, slashedFundsRecipient_, metadataURI);
    }

    /// @inheritdoc IRestakingManager
    function slashOperator(
        address operator,
        uint256 wadToSlash,
        string calldata description
    ) external nonReentrant {
        address avs = msg.sender;
        if (!_avss[avs].registered) revert NotAVS(avs);
        if (!_optedIn[operator][avs]) revert NotOptedIn(operator, avs);
        if (wadToSlash == 0 || wadToSlash > WAD) revert InvalidWadToSlash(wadToSlash);
        bool slashedAny;
        uint256 count = _strategyTokens.length;
        // Bounded by MAX_STRATEGIES; nothing here depends on the number of stakers.
        for (uint256 i = 0; i < count; ++i) {
            if (_slashStrategy(operator, avs, _strategyTokens[i], wadToSlash)) slashedAny = true;
        }
        if (!slashedAny) revert OperatorNotAllocated(operator, avs);
        emit OperatorSlashed(operator, avs, wadToSlash, description);
    }

    // ================================================================ operators

    /// @inheritdoc IRestakingManager
    function optInToAVS(address avs) external {
        _requireOperator(msg.sender);
        if (!_avss[avs].registered) revert NotAVS(avs);
        if (_optedIn[msg.sender][avs]) revert AlreadyOptedIn(msg.sender, avs);
        _optedIn[msg.sender][avs] = true;
        emit OperatorOptedIn(msg.sender, avs);
    }

    /// @inheritdoc IRestakingManager
    function modifyAllocation(address avs, IERC20 token, uint64 newMagnitude) external {
        address operator = msg.sender;
        _requireOperator(operator);
        if (!_optedIn[operator][avs]) revert NotOptedIn(operator, avs);
        _requireStrategy(token);
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        Allocation storage allocation = _allocations[operator][avs][token];
        _applyPendingModification(operator, token, os, allocation);
        if (allocation.pendingDiff != 0) revert ModificationPending(allocation.effectTimestamp);
        uint64 current = allocation.currentMagnitude;
        if (newMagnitude == current) revert SameMagnitude(newMagnitude);
        int128 diff;
        uint256 effectTimestamp;
        if (newMagnitude > current) {
            // An increase is encumbered at once (no other AVS can take the same stake) but becomes
            // slashable only after `allocationDelay` > `withdrawalDelay`: a delegator who sees it coming
            // can queue a withdrawal that is complete before the new exposure exists (EigenLayer's
            // allocation delay). Without it an operator could register its own AVS, allocate and slash
            // its delegators in one block.
            uint64 increase = newMagnitude - current;
            uint256 available = _maxMagnitude(os) - os.encumberedMagnitude;
            if (increase > available) revert InsufficientMagnitude(increase, available);
            diff = int128(uint128(increase));
            effectTimestamp = block.timestamp + allocationDelay;
            os.encumberedMagnitude += increase;
            emit EncumberedMagnitudeUpdated(operator, token, os.encumberedMagnitude);
        } else {
            // A decrease waits `deallocationDelay`: the magnitude stays allocated and slashable until then.
            diff = -int128(uint128(current - newMagnitude));
            effectTimestamp = block.timestamp + deallocationDelay;
        }
        allocation.pendingDiff = diff;
        allocation.effectTimestamp = effectTimestamp.toUint48();
        emit AllocationUpdated(operator, avs, token, newMagnitude, effectTimestamp);
    }

    /// @inheritdoc IRestakingManager
    function clearDeallocation(address operator, address avs, IERC20 token) external {
        Allocation storage allocation = _allocations[operator][avs][token];
        if (!_applyPendingModification(operator, token, _operatorStrategies[operator][token], allocation)) {
            revert NoDeallocationToClear(allocation.effectTimestamp);
        }
    }

    // ================================================================ views

    /// @inheritdoc IRestakingManager
    function isAVS(address account) external view returns (bool) {
        return _avss[account].registered;
    }

    /// @inheritdoc IRestakingManager
    function slashedFundsRecipient(address avs) external view returns (address) {
        return _avss[avs].slashedFundsRecipient;
    }

    /// @inheritdoc IRestakingManager
    function isOptedIn(address operator, address avs) external view returns (bool) {
        return _optedIn[operator][avs];
    }

    /// @inheritdoc IRestakingManager
    function maxMagnitude(address operator, IERC20 token) external view returns (uint256) {
        return _maxMagnitude(_operatorStrategies[operator][token]);
    }

    /// @inheritdoc IRestakingManager
    function latestMaxMagnitude(
        address operator,
        IERC20 token
    ) external view returns (uint256 magnitude, uint256 timestamp) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        return (_maxMagnitude(os), os.lastSlashedAt);
    }

    /// @inheritdoc IRestakingManager
    function operatorStrategyState(
        address operator,
        IERC20 token
    ) external view returns (uint256 magnitude, uint256 slashedAt, uint256 rewardsActiveUntil) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        return (_maxMagnitude(os), os.lastSlashedAt, os.rewardsActiveUntil);
    }

    /// @inheritdoc IRestakingManager
    function maxMagnitudeAt(
        address operator,
        IERC20 token,
        uint256 timestamp
    ) external view returns (uint256) {
        return _maxMagnitudeAt(_operatorStrategies[operator][token], timestamp);
    }

    /// @inheritdoc IRestakingManager
    function encumberedMagnitude(address operator, IERC20 token) external view returns (uint256) {
        return _operatorStrategies[operator][token].encumberedMagnitude;
    }

    /// @inheritdoc IRestakingManager
    function getAllocation(
        address operator,
        address avs,
        IERC20 token
    ) external view returns (Allocation memory allocation) {
        allocation = _allocations[operator][avs][token];
        int128 pendingDiff = allocation.pendingDiff;
        if (pendingDiff != 0 && block.timestamp >= allocation.effectTimestamp) {
            if (pendingDiff > 0) allocation.currentMagnitude += uint64(uint128(pendingDiff));
            else allocation.currentMagnitude -= uint64(uint128(-pendingDiff));
            allocation.pendingDiff = 0;
            allocation.effectTimestamp = 0;
        }
    }

    /// @inheritdoc IRestakingManager
    function slashableSharesInQueue(address operator, IERC20 token) external view returns (uint256) {
        return _slashableSharesInQueue(_operatorStrategies[operator][token]);
    }

    // ================================================================ internal

    /// @dev Scaled shares queued from the operator at a timestamp > now − withdrawalDelay: still slashable.
    function _slashableSharesInQueue(OperatorStrategy storage os) internal view returns (uint256) {
        uint256 total = os.cumulativeScaledShares.latest();
        if (block.timestamp < withdrawalDelay) return total;
        return total - os.cumulativeScaledShares.upperLookupRecent(uint48(block.timestamp - withdrawalDelay));
    }

    /// @dev Applies an allocation change whose delay has passed; returns whether it did. An increase was
    /// encumbered when requested and now becomes slashable; a deallocation frees its magnitude.
    function _applyPendingModification(
        address operator,
        IERC20 token,
        OperatorStrategy storage os,
        Allocation storage allocation
    ) internal returns (bool) {
        int128 pendingDiff = allocation.pendingDiff;
        if (pendingDiff == 0 || block.timestamp < allocation.effectTimestamp) return false;
        allocation.pendingDiff = 0;
        allocation.effectTimestamp = 0;
        if (pendingDiff > 0) {
            allocation.currentMagnitude += uint64(uint128(pendingDiff));
        } else {
            uint64 freed = uint64(uint128(-pendingDiff));
            allocation.currentMagnitude -= freed;
            os.encumberedMagnitude -= freed;
            emit EncumberedMagnitudeUpdated(operator, token, os.encumberedMagnitude);
        }
        return true;
    }

    /// @dev One strategy of a slash (EigenLayer's `AllocationManager._slashOperator`): lower the allocation
    /// and `m` by the slashed magnitude, rounded up, then burn the shares that lost. Returns false if the
    /// operator has nothing allocated to the AVS in this strategy.
    function _slashStrategy(
        address operator,
        address avs,
        IERC20 token,
        uint256 wadToSlash
    ) internal returns (bool) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        Allocation storage allocation = _allocations[operator][avs][token];
        _applyPendingModification(operator, token, os, allocation);
        // A pending increase is not slashable yet: only the current magnitude is.
        if (allocation.currentMagnitude == 0) return false;
        uint256 prevMax = _maxMagnitude(os);
        // Rounded up: the AVS never slashes less than it asked (≤ the allocation since wadToSlash ≤ 1e18).
        uint64 slashedMagnitude = uint64(uint256(allocation.currentMagnitude).mulWadRoundUp(wadToSlash));
        allocation.currentMagnitude -= slashedMagnitude;
        if (allocation.pendingDiff < 0) {
            // A pending deallocation is slashed in the same proportion: what will be freed shrinks too.
            uint256 pending = uint128(-allocation.pendingDiff);
            pending -= pending.mulWadRoundUp(wadToSlash);
            allocation.pendingDiff = -int128(uint128(pending));
        }
        os.encumberedMagnitude -= slashedMagnitude;
        uint256 newMax = prevMax - slashedMagnitude;
        os.maxMagnitudeHistory.push(uint48(block.timestamp), uint208(newMax));
        os.maxMagnitude = uint64(newMax);
        os.lastSlashedAt = uint48(block.timestamp);
        emit MaxMagnitudeUpdated(operator, token, newMax);
        (uint256 sharesSlashed, uint256 amount, address recipient) = _burnSlashedShares(
            operator,
            avs,
            token,
            prevMax,
            newMax
        );
        emit StakeSlashed(operator, avs, token, slashedMagnitude, sharesSlashed, amount, recipient);
        return true;
    }

    /// @dev EigenLayer's `DelegationManager.slashOperatorShares`: the delegated weight and the scaled
    /// shares queued within the delay were worth `⌊(W + queued)·m⌋`; they are now worth the same at the new
    /// `m`; the difference is burnt and its tokens go to the AVS's recipient. (For native ETH the queued
    /// part is counted before the beacon chain factor.) Native ETH: as in EigenLayer, the slashed wei stay
    /// locked in the pods (nobody can withdraw them), so `amount` is 0.
    function _burnSlashedShares(
        address operator,
        address avs,
        IERC20 token,
        uint256 prevMax,
        uint256 newMax
    ) internal returns (uint256 sharesSlashed, uint256 amount, address recipient) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        uint256 delegatedWeight = os.delegatedWeight;
        emit OperatorSharesDecreased(
            operator,
            address(0),
            token,
            SlashingLib.calcSlashedAmount(delegatedWeight, prevMax, newMax)
        );
        uint256 slashable = delegatedWeight + _slashableSharesInQueue(os);
        sharesSlashed = SlashingLib.calcSlashedAmount(slashable, prevMax, newMax);
        recipient = _avss[avs].slashedFundsRecipient;
        if (token != BEACON_CHAIN_ETH) {
            Strategy storage strategy = _strategies[token];
            sharesSlashed = Math.min(sharesSlashed, strategy.totalShares); // a guard: INV-5 makes it a no-op
            amount = sharesToUnderlying(token, sharesSlashed);
            strategy.totalShares -= sharesSlashed;
            strategy.totalAssets -= amount;
            token.safeTransfer(recipient, amount);
        }
    }
}
