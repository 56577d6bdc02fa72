// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILiquidStakingToken} from "../interfaces/ILiquidStakingToken.sol";

/// @title WithdrawalQueue
/// @notice The pool's withdrawal queue, after Lido's `WithdrawalQueue` / `WithdrawalQueueBase`
/// (lido-dao, contracts/0.8.9): FIFO requests that escrow the LST and record its ETH value, batches
/// finalised by oracle reports at `min(value at request, value at finalisation)`, and claims.
/// @dev One part of the one deployed `DepositPool` (composed by inheritance): the pool holds the
/// buffer and decides when to finalise (reports, bunker mode); this part keeps the requests, the
/// finalised batches and the ETH reserved for them (`lockedEther`). Requests store cumulative
/// sums, so a batch is priced report period by report period, never holder by holder: O(1) in the
/// number of holders. Lido's requests are ERC-721 tokens; here they are plain records.
abstract contract WithdrawalQueue is IDepositPool {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice Smallest withdrawal request, in LST wei (Lido: 100 wei of stETH).
    uint256 public constant MIN_WITHDRAWAL_SHARES = 100;

    uint256 private constant WAD = 1e18;

    // Queue counters, packed: a request reads and writes one slot.
    uint64 private _lastRequestId;
    uint64 private _lastFinalizedRequestId;
    uint64 private _reportCount;
    /// Value of `_reportCount` when the last request was made: a different value opens a new period.
    uint64 private _lastRequestReportCount;

    /// Wei reserved for finalised, unclaimed requests, and the period cursor, both written by a
    /// finalisation (one slot). 2^128 wei and 2^128 periods are far beyond any queue.
    uint128 private _lockedEther;
    /// Index in `_periodFirstRequestIds` of the period holding `_lastFinalizedRequestId + 1`.
    uint128 private _periodCursor;

    /// Request 0 is an empty sentinel, so `_requests[id - 1]` always holds the sums before `id`.
    mapping(uint256 requestId => StoredRequest) private _requests;

    /// First request id of each report period. Only reports move the rate, so all requests of one
    /// period were valued at the same rate: a batch is priced period by period, never holder by holder.
    uint256[] private _periodFirstRequestIds;

    /// First request id of each finalised batch, and the share rate it was finalised at: a claim
    /// finds its batch by binary search, O(log batches).
    uint256[] private _checkpointFirstIds;
    FinalizationRate[] private _checkpointRates;

    /// @dev A `WithdrawalRequest` as stored: the same fields in two slots instead of three
    /// ([owner, requestedAt, claimed] [cumulativeShares, cumulativeEth]), which saves a new slot
    /// (22,100 gas) on every request. `getWithdrawalRequest` returns it in the interface's order.
    struct StoredRequest {
        address owner;
        uint64 requestedAt;
        bool claimed;
        uint128 cumulativeShares;
        uint128 cumulativeEth;
    }

    /// @dev The share rate of a finalised batch, kept as a fraction so a claim loses no precision.
    struct FinalizationRate {
        uint128 pooledEther;
        uint128 totalShares;
    }

    // ================================================================== views

    /// @inheritdoc IDepositPool
    function lockedEther() external view returns (uint256) {
        return _lockedEther;
    }

    /// @inheritdoc IDepositPool
    function unfinalizedEther() public view returns (uint256) {
        return _requests[_lastRequestId].cumulativeEth - _requests[_lastFinalizedRequestId].cumulativeEth;
    }

    /// @inheritdoc IDepositPool
    function lastRequestId() external view returns (uint256) {
        return _lastRequestId;
    }

    /// @inheritdoc IDepositPool
    function lastFinalizedRequestId() external view returns (uint256) {
        return _lastFinalizedRequestId;
    }

    /// @inheritdoc IDepositPool
    function reportCount() external view returns (uint256) {
        return _reportCount;
    }

    /// @inheritdoc IDepositPool
    function getWithdrawalRequest(uint256 requestId) external view returns (WithdrawalRequest memory) {
        if (requestId == 0 || requestId > _lastRequestId) revert UnknownRequest(requestId);
        StoredRequest storage request = _requests[requestId];
        return
            WithdrawalRequest({
                owner: request.owner,
                cumulativeShares: request.cumulativeShares,
                cumulativeEth: request.cumulativeEth,
                requestedAt: request.requestedAt,
                claimed: request.claimed
            });
    }

    /// @inheritdoc IDepositPool
    function claimableEther(uint256 requestId) external view returns (uint256) {
        if (requestId == 0 || requestId > _lastFinalizedRequestId || _requests[requestId].claimed) return 0;
        return _payoutOf(requestId);
    }

    /// @inheritdoc IDepositPool
    function prefinalize(
        uint256 upToRequestId,
        uint256 pooledEther,
        uint256 totalShares_
    ) external view returns (uint256 ethToLock, uint256 sharesToBurn) {
        uint256 lastFinalized = _lastFinalizedRequestId;
        _checkFinalizationRange(upToRequestId, lastFinalized);
        (ethToLock, sharesToBurn, ) = _calculateFinalization(
            lastFinalized,
            upToRequestId,
            pooledEther,
            totalShares_
        );
    }

    // ================================================================== hooks (the pool)

    /// @dev The LST the queue escrows and burns.
    function _lst() internal view virtual returns (ILiquidStakingToken);

    /// @dev Wei `shares` LST are worth now, rounded down (the pool's `getEthByShares`).
    function _ethValueOfShares(uint256 shares) internal view virtual returns (uint256);

    // ================================================================== requests and claims

    /// @dev Escrows `shares` and appends a request with the cumulative sums (Lido's `requestWithdrawals`).
    function _requestWithdrawal(uint256 shares) internal returns (uint256 requestId) {
        if (shares < MIN_WITHDRAWAL_SHARES) revert WithdrawalBelowMinimum(shares, MIN_WITHDRAWAL_SHARES);
        // Rounded down: the request is promised no more than its shares are worth now (INV-4).
        uint256 amountOfEth = _ethValueOfShares(shares);
        // Escrow first. The escrowed shares stay in the supply until finalisation burns them, so the
        // rate does not move (INV-2).
        IERC20(address(_lst())).safeTransferFrom(msg.sender, address(this), shares);

        requestId = uint256(_lastRequestId) + 1;
        StoredRequest storage previous = _requests[requestId - 1];
        _requests[requestId] = StoredRequest({
            owner: msg.sender,
            requestedAt: uint64(block.timestamp),
            claimed: false,
            cumulativeShares: (uint256(previous.cumulativeShares) + shares).toUint128(),
            cumulativeEth: (uint256(previous.cumulativeEth) + amountOfEth).toUint128()
        });
        _lastRequestId = requestId.toUint64();
        // The first request after a report opens a new period: its requests share one rate.
        uint64 reports = _reportCount;
        if (_periodFirstRequestIds.length == 0 || _lastRequestReportCount != reports) {
            _periodFirstRequestIds.push(requestId);
            _lastRequestReportCount = reports;
        }
        emit WithdrawalRequested(requestId, msg.sender, shares, amountOfEth);
    }

    /// @dev Pays a finalised request to its owner, the caller (Lido's `claimWithdrawal`):
    /// checks-effects-interactions; the pool adds the reentrancy guard and the pause.
    function _claimWithdrawal(uint256 requestId) internal returns (uint256 amountOfEth) {
        // Checks.
        if (requestId == 0 || requestId > _lastRequestId) revert UnknownRequest(requestId);
        StoredRequest storage request = _requests[requestId];
        address owner = request.owner;
        if (owner != msg.sender) revert NotRequestOwner(requestId, msg.sender, owner);
        uint256 lastFinalized = _lastFinalizedRequestId;
        if (requestId > lastFinalized) revert RequestNotFinalized(requestId, lastFinalized);
        if (request.claimed) revert AlreadyClaimed(requestId);
        amountOfEth = _payoutOf(requestId);
        // Effects: marked claimed and unreserved before any ETH leaves.
        request.claimed = true;
        _lockedEther -= amountOfEth.toUint128();
        emit WithdrawalClaimed(requestId, owner, amountOfEth);
        // Interaction.
        (bool sent, ) = owner.call{value: amountOfEth}("");
        if (!sent) revert EthTransferFailed(owner, amountOfEth);
    }

    // ================================================================== finalisation

    /// @dev A report opens a new period: the next request starts a new group valued at a new rate.
    function _openReportPeriod() internal {
        ++_reportCount;
    }

    /// @dev Whether `upTo` asks to finalise anything new (0 or the last finalised id: nothing).
    function _isNewFinalization(uint256 upTo) internal view returns (bool) {
        return upTo != 0 && upTo != _lastFinalizedRequestId;
    }

    /// @dev Finalises the requests up to `upTo` at the rate `pooled / shares`, as Lido's
    /// `WithdrawalQueue.finalize`: the escrowed shares are burnt and the ETH they will be paid is
    /// reserved (`lockedEther`); the pool takes `ethToLock` out of its buffer of `buffered` wei. A
    /// request pays `min(value at request, shares × rate)`, so its holder stops earning at request
    /// and still bears losses; what it gives up stays with the remaining holders, as in Lido.
    function _finalize(
        uint256 upTo,
        uint256 pooled,
        uint256 shares,
        uint256 buffered
    ) internal returns (uint256 ethToLock) {
        uint256 lastFinalized = _lastFinalizedRequestId;
        _checkFinalizationRange(upTo, lastFinalized);
        // Only requests made before this block: a request in the report's own block could see the
        // report coming (a sandwich) and is left for the next one.
        uint256 requestedAt = _requests[upTo].requestedAt;
        if (requestedAt >= block.timestamp) revert RequestTooRecent(upTo, requestedAt, block.timestamp);

        uint256 sharesToBurn;
        uint256 cursor;
        (ethToLock, sharesToBurn, cursor) = _calculateFinalization(lastFinalized, upTo, pooled, shares);
        if (ethToLock > buffered) revert NotEnoughEtherToFinalize(buffered, ethToLock);

        _lockedEther = (uint256(_lockedEther) + ethToLock).toUint128();
        _periodCursor = cursor.toUint128();
        _lastFinalizedRequestId = upTo.toUint64();
        _checkpointFirstIds.push(lastFinalized + 1);
        _checkpointRates.push(FinalizationRate(pooled.toUint128(), shares.toUint128()));
        _lst().burn(address(this), sharesToBurn);
        emit WithdrawalsFinalized(
            lastFinalized + 1,
            upTo,
            ethToLock,
            sharesToBurn,
            Math.mulDiv(WAD, pooled, shares)
        );
    }

    /// @dev Reverts unless `lastFinalized < upTo ≤ lastRequestId`.
    function _checkFinalizationRange(uint256 upTo, uint256 lastFinalized) private view {
        uint256 lastRequest = _lastRequestId;
        if (upTo <= lastFinalized || upTo > lastRequest)
            revert InvalidFinalization(upTo, lastFinalized, lastRequest);
    }

    /// @dev ETH to lock and shares to burn for requests `lastFinalized + 1 … upTo` at `pooled / shares`.
    /// The batch is walked period by period (the requests made between two reports), not request by
    /// request: within a period every request was valued at the same rate, so either all of them
    /// gained since (pay the value at request: the cumulative ETH difference) or all lost (pay
    /// shares × rate: the cumulative share difference at the new rate). The cost grows with the
    /// number of report periods the batch spans, never with the number of requests or holders.
    /// @return ethToLock Wei the batch will be paid in total.
    /// @return sharesToBurn Escrowed shares of the batch.
    /// @return cursor The period holding `upTo + 1`.
    function _calculateFinalization(
        uint256 lastFinalized,
        uint256 upTo,
        uint256 pooled,
        uint256 shares
    ) private view returns (uint256 ethToLock, uint256 sharesToBurn, uint256 cursor) {
        cursor = _periodCursor;
        StoredRequest storage previous = _requests[lastFinalized];
        uint256 end = lastFinalized;
        while (end < upTo) {
            bool periodCompleted;
            (end, periodCompleted) = _periodEnd(cursor, upTo);
            StoredRequest storage last = _requests[end];
            uint256 periodShares = last.cumulativeShares - previous.cumulativeShares;
            // Rounded down: what the period is paid never exceeds either value.
            ethToLock += Math.min(
                last.cumulativeEth - previous.cumulativeEth,
                Math.mulDiv(periodShares, pooled, shares)
            );
            sharesToBurn += periodShares;
            previous = last;
            if (periodCompleted) ++cursor;
        }
    }

    /// @dev Last request of period `cursor` that is at most `upTo`, and whether it ends the period.
    function _periodEnd(
        uint256 cursor,
        uint256 upTo
    ) private view returns (uint256 end, bool periodCompleted) {
        if (cursor + 1 == _periodFirstRequestIds.length) return (upTo, false); // the open period
        uint256 periodLastId = _periodFirstRequestIds[cursor + 1] - 1;
        if (upTo < periodLastId) return (upTo, false);
        return (periodLastId, true);
    }

    /// @dev Payout of one finalised request: `min(value at request, shares × rate of its batch)`,
    /// rounded down. Summed over a period it never exceeds what `_calculateFinalization` locked.
    function _payoutOf(uint256 requestId) private view returns (uint256) {
        StoredRequest storage request = _requests[requestId];
        StoredRequest storage previous = _requests[requestId - 1];
        uint256 requestShares = request.cumulativeShares - previous.cumulativeShares;
        uint256 requestEth = request.cumulativeEth - previous.cumulativeEth;
        // The batch holding `requestId` is the last one starting at or before it.
        uint256 batch = Arrays.upperBound(_checkpointFirstIds, requestId) - 1;
        FinalizationRate memory rate = _checkpointRates[batch];
        return Math.min(requestEth, Math.mulDiv(requestShares, rate.pooledEther, rate.totalShares));
    }
}
