// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ILRTVault} from "../interfaces/ILRTVault.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";

/// @title LRTWithdrawalQueue
/// @notice The LRT vault's asynchronous exits and the valuation of what it holds in the restaking
/// manager, as ether.fi's `WithdrawRequestNFT`, Kelp's `LRTWithdrawalManager` and Renzo's
/// `WithdrawQueue`. An abstract part of `LRTVault` (one deployed contract), split out so each file
/// holds one concern.
///
/// `requestRedeem` escrows the LRT and records its value; the part the buffer cannot cover is queued
/// in the manager at once, so its delay runs alongside the request's. `claimRedeem` pays after the
/// delay at min(value at request, value at claim). `completeQueuedWithdrawals` lets anyone bring
/// matured withdrawals back into the buffer (needed before the vault moves to another operator).
///
/// Valuation: the manager pays a queued withdrawal `scaledShares × m`, with `m` the operator's max
/// magnitude at the last second the withdrawal was slashable (or now, while it still is). The vault
/// counts all its scaled shares at today's `m` (one read, O(1)) and, only if the operator was slashed
/// after some open withdrawal's window had closed, adds back what that slash did not take from them:
/// its figure equals what the manager will pay, at every moment, to the rounding noted below.
// Packed by hand so a deposit reads two slots (see below), hence one more state than solhint's default.
// solhint-disable-next-line max-states-count
abstract contract LRTWithdrawalQueue is ILRTVault, ERC4626, ReentrancyGuard, Pausable {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    uint256 internal constant BPS = 10_000;
    uint256 internal constant WAD = 1e18;

    /// @inheritdoc ILRTVault
    IRestakingManager public immutable manager;
    /// @dev The LST, as an `IERC20` (ERC-4626's `asset()`), cached to avoid re-reading it.
    IERC20 internal immutable _lst;

    // ------------------------------------------------------------------ storage
    // Every deposit reads `totalAssets`: its terms sit in two slots. The first is shared with
    // Pausable's `_paused` flag (state variables pack across inheritance), so the pause check, the
    // operator, the open-withdrawal count, the last harvest and the fee are one cold read; the second holds the
    // idle LST and the scaled shares the vault has in the manager. 2^128 wei is far beyond any supply.

    address internal _operator;
    uint32 internal _openWithdrawals;
    /// @dev The vault left `_operator` (`undelegate`); its withdrawals from it may still be open.
    bool internal _undelegated;
    /// @dev When the vault last held no LST reward in the manager (its last harvest; its deployment), or
    /// 0 if unknown (it moved to another operator since). While the operator's streams all ended by
    /// then (`rewardsActiveUntil`), the vault has earned nothing since: `totalAssets` reads no more.
    /// Seconds in 32 bits (to 2106), as EigenLayer's `RewardsCoordinator` keeps its timestamps.
    uint32 internal _rewardsClearedAt;
    /// @dev Read with the rewards by `totalAssets` (net of the fee), hence in this slot too.
    uint16 internal _feeBps;

    uint128 internal _idleAssets;
    /// @dev Scaled shares (EigenLayer's `s·k`: deposit shares times deposit scaling factor) the vault has
    /// in the manager: its restaked position plus its open queued withdrawals. Times the operator's max
    /// magnitude `m` they give strategy shares (`a = s·k·m`). Only the vault's own deposits, queueing
    /// and completions change them, so they are refreshed then; slashing changes `m` only, read live.
    uint128 internal _managerScaledShares;

    /// @dev The part of `_managerScaledShares` in open queued withdrawals.
    uint128 internal _queuedScaledShares;
    uint128 internal _reservedAssets;

    uint64 internal _requestCount;
    address internal _treasury;
    uint16 internal _bufferBps;

    /// @dev No request before this one has an open withdrawal (requests are queued in time order).
    uint64 private _queueHead = 1;
    /// @dev The withdrawal `undelegate` queued, while open (0: none), and when it can be completed.
    uint40 internal _undelegationWithdrawalId;
    uint48 internal _undelegationReadyAt;

    mapping(uint256 requestId => RedeemRequest) private _requests;

    /// @param manager_ The restaking manager.
    /// @param lst The vault's asset.
    constructor(IRestakingManager manager_, IERC20 lst) {
        manager = manager_;
        _lst = lst;
        // Nothing can have been earned before the vault existed.
        _rewardsClearedAt = block.timestamp.toUint32();
    }

    // ================================================================== redemptions

    /// @inheritdoc ILRTVault
    function requestRedeem(uint256 shares) external nonReentrant whenNotPaused returns (uint256 requestId) {
        // Value now, rounded down (the vault's favour): the most this request can ever pay.
        uint256 assets = previewRedeem(shares);
        if (assets == 0) revert ZeroAssets(shares);

        // The buffer's unreserved idle LST serves the request as far as it goes; it stays in the vault
        // (and in `totalAssets`) but can no longer be restaked.
        uint256 idle = _idleAssets;
        uint256 reserved = _reservedAssets;
        uint256 freeIdle = idle > reserved ? idle - reserved : 0;
        uint256 fromBuffer = Math.min(assets, freeIdle);
        uint256 readyAt = block.timestamp + manager.withdrawalDelay();

        // Effects: escrow the shares (they stay in the supply, so the request keeps bearing losses until
        // it is claimed), reserve the buffer, record the request.
        _transfer(msg.sender, address(this), shares);
        _reservedAssets = (reserved + fromBuffer).toUint128();
        requestId = ++_requestCount;
        RedeemRequest storage request = _requests[requestId];
        request.owner = msg.sender;
        request.readyAt = readyAt.toUint48();
        request.shares = shares.toUint128();
        request.assets = assets.toUint128();
        request.fromBuffer = fromBuffer.toUint128();

        // Interaction with the (trusted) manager: queue the part the buffer cannot cover now, so its delay
        // runs alongside the request's. It stays slashable in the queue, as the request does. If the vault
        // has nothing left in the manager (a slash took it, it is all queued already, or the vault left its
        // operator), the rest is paid from the idle LST at the claim, as other withdrawals bring it back.
        uint256 withdrawalId;
        if (assets > fromBuffer && manager.depositShares(address(this), _lst) != 0) {
            uint256 scaledShares;
            (withdrawalId, scaledShares) = _queueFromManager(assets - fromBuffer);
            request.withdrawalId = withdrawalId.toUint40();
            // A withdrawal of zero scaled shares is worth nothing: it is never counted as open.
            if (scaledShares != 0) {
                request.scaledShares = scaledShares.toUint128();
                _queuedScaledShares = (uint256(_queuedScaledShares) + scaledShares).toUint128();
                ++_openWithdrawals;
            }
            _syncManagerScaledShares();
        }
        emit RedeemRequested(requestId, msg.sender, shares, assets, fromBuffer, withdrawalId, readyAt);
    }

    /// @inheritdoc ILRTVault
    function claimRedeem(uint256 requestId) external nonReentrant whenNotPaused returns (uint256 assets) {
        if (requestId == 0 || requestId > _requestCount) revert UnknownRequest(requestId);
        RedeemRequest storage request = _requests[requestId];
        address owner = request.owner;
        if (msg.sender != owner) revert NotRequestOwner(requestId, msg.sender, owner);
        if (request.claimed) revert AlreadyClaimed(requestId);
        uint256 readyAt = request.readyAt;
        if (block.timestamp < readyAt) revert RedeemNotReady(requestId, readyAt, block.timestamp);

        // Effects first: a second call, reentrant or not, finds the request claimed.
        request.claimed = true;

        // The manager's part comes back into the buffer (a trusted call; the guard blocks any reentry),
        // unless `completeQueuedWithdrawals` brought it back already. It is booked at what the manager
        // paid, which is what `totalAssets` counted.
        uint256 scaledShares = request.scaledShares;
        if (scaledShares != 0) {
            request.scaledShares = 0;
            _completeWithdrawal(request.withdrawalId, scaledShares);
        }
        if (requestId == _queueHead) _queueHead = uint64(requestId + 1);

        // min(value at request, value now), rounded down: a requester stops earning at request and still
        // bears every loss until the claim (as Lido's withdrawal queue and ERC-7540 vaults). What it gives
        // up stays with the remaining holders.
        uint256 shares = request.shares;
        assets = Math.min(request.assets, previewRedeem(shares));

        // Burn before paying out (OpenZeppelin's ERC-4626 order). The payout fits in the idle LST: the
        // request's reserved buffer and its completed withdrawal cover it, up to the loss it shares with
        // the whole vault, which the unreserved buffer absorbs.
        uint256 idle = _idleAssets;
        // The value counted the vault's earned rewards, which sit in the manager until compounded: the
        // last holders to leave are paid from them (value-neutral, so anyone's claim may pull them).
        if (assets > idle) {
            _compoundRewards(manager, _lst, _treasury);
            idle = _idleAssets;
        }
        if (assets > idle) revert NotEnoughIdle(assets, idle);
        _reservedAssets -= request.fromBuffer;
        _idleAssets = (idle - assets).toUint128();
        _burn(address(this), shares);
        emit RedeemClaimed(requestId, owner, shares, assets);
        emit Withdraw(msg.sender, owner, owner, assets, shares);
        _lst.safeTransfer(owner, assets);
    }

    /// @inheritdoc ILRTVault
    function completeQueuedWithdrawals(
        uint256 maxCount
    ) external nonReentrant whenNotPaused returns (uint256 completed) {
        // Requests are queued in time order and share one delay: the matured ones come first.
        uint256 id = _queueHead;
        uint256 last = _requestCount;
        for (; id <= last && completed < maxCount; ++id) {
            RedeemRequest storage request = _requests[id];
            uint256 scaledShares = request.scaledShares;
            if (scaledShares == 0) continue;
            if (block.timestamp < request.readyAt) break;
            request.scaledShares = 0;
            uint256 received = _completeWithdrawal(request.withdrawalId, scaledShares);
            // Reserved for the request's claim, like the buffer it was given at request.
            request.fromBuffer += received.toUint128();
            _reservedAssets += received.toUint128();
            ++completed;
        }
        _queueHead = uint64(id);
        uint256 undelegationId = _undelegationWithdrawalId;
        if (undelegationId != 0 && completed < maxCount && block.timestamp >= _undelegationReadyAt) {
            _undelegationWithdrawalId = 0;
            _completeWithdrawal(undelegationId, manager.getWithdrawal(undelegationId).scaledShares);
            ++completed;
        }
    }

    // ================================================================== views

    /// @inheritdoc ILRTVault
    function getRedeemRequest(uint256 requestId) external view returns (RedeemRequest memory) {
        if (requestId == 0 || requestId > _requestCount) revert UnknownRequest(requestId);
        return _requests[requestId];
    }

    /// @inheritdoc ILRTVault
    function previewClaimRedeem(uint256 requestId) external view returns (uint256) {
        if (requestId == 0 || requestId > _requestCount) revert UnknownRequest(requestId);
        RedeemRequest storage request = _requests[requestId];
        if (request.claimed) return 0;
        return Math.min(request.assets, previewRedeem(request.shares));
    }

    /// @inheritdoc ILRTVault
    function pendingUndelegation() external view returns (uint256 withdrawalId, uint256 readyAt) {
        withdrawalId = _undelegationWithdrawalId;
        if (withdrawalId != 0) readyAt = _undelegationReadyAt;
    }

    // ================================================================== internal

    /// @dev Queues in the manager enough of the vault's restaked LST to be worth at least `assets` now.
    /// Each conversion rounds down, so one unit is added at each step (round up: the vault's favour,
    /// the queue never comes back a wei short), capped at what the vault holds.
    function _queueFromManager(uint256 assets) private returns (uint256 withdrawalId, uint256 scaledShares) {
        IRestakingManager manager_ = manager;
        IERC20 lst = _lst;
        uint256 strategyShares = manager_.underlyingToShares(lst, assets) + 1;
        uint256 depositShares = manager_.convertToDepositShares(address(this), lst, strategyShares) + 1;
        depositShares = Math.min(depositShares, manager_.depositShares(address(this), lst));
        withdrawalId = manager_.queueWithdrawal(lst, depositShares);
        scaledShares = manager_.getWithdrawal(withdrawalId).scaledShares;
    }

    /// @dev Completes one of the vault's withdrawals in the manager and books what it paid as idle LST.
    function _completeWithdrawal(
        uint256 withdrawalId,
        uint256 scaledShares
    ) internal returns (uint256 received) {
        received = manager.completeQueuedWithdrawal(withdrawalId);
        _idleAssets = (uint256(_idleAssets) + received).toUint128();
        _queuedScaledShares -= scaledShares.toUint128();
        _managerScaledShares -= scaledShares.toUint128();
        --_openWithdrawals;
        emit RestakedWithdrawalCompleted(withdrawalId, received);
    }

    /// @dev `totalAssets`: idle + in the manager + earned, from one manager call.
    function _totalAssets() internal view returns (uint256) {
        address operator_ = _operator;
        // Never delegated: nothing in the manager, nothing earned (and no external call).
        if (operator_ == address(0)) return _idleAssets;
        // One call, one slot in the manager: the operator's magnitude, its last slash and the end of its
        // reward streams.
        (uint256 magnitude, uint256 slashedAt, uint256 rewardsActiveUntil) = manager.operatorStrategyState(
            operator_,
            _lst
        );
        return
            _idleAssets +
            _managerAssets(operator_, magnitude, slashedAt) +
            _earnedRewards(rewardsActiveUntil);
    }

    /// @dev The LST the vault has in the manager after slashing, restaked and queued, as the manager will
    /// pay it:
    ///
    /// - Restaked: withdrawable shares `a = (s·k)·m`, each product rounded down exactly as the manager's
    ///   `withdrawableShares`; with no open withdrawal this is exactly its `withdrawableUnderlying`.
    /// - Queued: the manager pays each withdrawal `scaledShares × m_i`, `m_i` the operator's magnitude at
    ///   the last second it was slashable (now, while its delay runs). Counted as `Σ scaledShares × m`
    ///   with `m` now, plus, for each withdrawal whose window closed before the operator's last slash,
    ///   `scaledShares × (m_i − m)`: the slashes that came too late to reach it. In O(1) unless such a
    ///   slash happened (then one read per matured withdrawal still open: anyone can complete them).
    /// - Rounding: the manager rounds the position and each withdrawal down (shares, then LST); rounding
    ///   the sum once could count up to one share and one wei more per term. So with `open` withdrawals,
    ///   `open + 1` shares and `open + 1` wei are taken off: the vault never counts more than the manager
    ///   will pay (INV-8, rounding in the vault's favour).
    function _managerAssets() internal view returns (uint256) {
        address operator_ = _operator;
        if (operator_ == address(0)) return 0;
        (uint256 magnitude, uint256 slashedAt, ) = manager.operatorStrategyState(operator_, _lst);
        return _managerAssets(operator_, magnitude, slashedAt);
    }

    /// @dev `_managerAssets()` with the operator's magnitude and last slash already read.
    function _managerAssets(
        address operator_,
        uint256 magnitude,
        uint256 slashedAt
    ) internal view returns (uint256) {
        uint256 scaledShares = _managerScaledShares;
        // A vault that never restaked has nothing in the manager (and makes no further call).
        if (scaledShares == 0) return 0;
        IRestakingManager manager_ = manager;
        uint256 shares = Math.mulDiv(scaledShares, magnitude, WAD);
        uint256 open = _openWithdrawals;
        if (open == 0) return manager_.sharesToUnderlying(_lst, shares);
        // Never slashed: every withdrawal is worth its scaled shares, as the position is.
        if (slashedAt != 0) shares += _sparedBySlashesAfterMaturity(operator_, magnitude, slashedAt);
        uint256 margin = open + 1;
        uint256 amount = manager_.sharesToUnderlying(_lst, shares > margin ? shares - margin : 0);
        return amount > margin ? amount - margin : 0;
    }

    /// @dev LST rewards earned and claimable in the manager, net of the fee, for a delegated (or once
    /// delegated) vault whose operator's streams in the LST strategy last ran until `rewardsActiveUntil`.
    /// Exact with one read less in the common case: if the vault held no LST reward at `_rewardsClearedAt`
    /// (its last harvest or its deployment, with the same operator) and every stream of its operator had
    /// ended by then, nothing has been released to it since, so it has earned nothing (a new payment
    /// moves `rewardsActiveUntil` past now). Otherwise the manager computes it.
    function _earnedRewards(uint256 rewardsActiveUntil) internal view returns (uint256) {
        uint256 clearedAt = _rewardsClearedAt;
        if (clearedAt != 0 && rewardsActiveUntil <= clearedAt) return 0;
        uint256 claimable = manager.claimableRewardsIn(address(this), _lst, _lst);
        // Net of the fee `harvestRewards` will take, rounded as it rounds.
        return claimable - Math.mulDiv(claimable, _feeBps, BPS);
    }

    /// @dev Claims the vault's LST rewards into the idle LST and mints the fee on them (`LRTVault`).
    function _compoundRewards(
        IRestakingManager manager_,
        IERC20 lst,
        address to
    ) internal virtual returns (uint256 rewards);

    /// @dev Σ `scaledShares × (m_i − m)` over the open withdrawals whose slashable window ended before the
    /// operator's last slash (at `slashedAt`), rounded down. Their windows end in queue order, so the walk
    /// stops at the first one still reached by the last slash.
    function _sparedBySlashesAfterMaturity(
        address operator_,
        uint256 magnitude,
        uint256 slashedAt
    ) private view returns (uint256 spared) {
        uint256 last = _requestCount;
        uint256 delay;
        for (uint256 id = _queueHead; id <= last; ++id) {
            RedeemRequest storage request = _requests[id];
            uint256 scaledShares = request.scaledShares;
            if (scaledShares == 0) continue;
            uint256 readyAt = request.readyAt;
            // Its window ends at readyAt − 1 (or at readyAt with no delay): still open at the last slash.
            if (readyAt > slashedAt) break;
            if (delay == 0) delay = manager.withdrawalDelay();
            uint256 lastSlashable = _lastSlashable(readyAt, delay);
            if (lastSlashable >= slashedAt) break;
            spared += _spared(operator_, scaledShares, magnitude, lastSlashable);
        }
        uint256 undelegationId = _undelegationWithdrawalId;
        if (undelegationId != 0 && _undelegationReadyAt <= slashedAt) {
            uint256 lastSlashable = _lastSlashable(_undelegationReadyAt, manager.withdrawalDelay());
            if (lastSlashable < slashedAt) {
                uint256 scaledShares = manager.getWithdrawal(undelegationId).scaledShares;
                spared += _spared(operator_, scaledShares, magnitude, lastSlashable);
            }
        }
    }

    function _spared(
        address operator_,
        uint256 scaledShares,
        uint256 magnitude,
        uint256 lastSlashable
    ) private view returns (uint256) {
        uint256 frozen = manager.maxMagnitudeAt(operator_, _lst, lastSlashable);
        return Math.mulDiv(scaledShares, frozen - magnitude, WAD);
    }

    /// @dev The last second a withdrawal completable at `readyAt` is slashable (the manager's rule).
    function _lastSlashable(uint256 readyAt, uint256 delay) private pure returns (uint256) {
        return delay == 0 ? readyAt : readyAt - 1;
    }

    /// @dev Re-reads the vault's deposit shares `s` and scaling factor `k` after it deposited or queued:
    /// the scaled shares in the manager are those of the position plus those queued.
    function _syncManagerScaledShares() internal {
        uint256 depositShares = manager.depositShares(address(this), _lst);
        uint256 scalingFactor = manager.depositScalingFactor(address(this), _lst);
        uint256 positionScaled = Math.mulDiv(depositShares, scalingFactor, WAD);
        _managerScaledShares = (positionScaled + _queuedScaledShares).toUint128();
    }
}
