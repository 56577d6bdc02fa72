// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";

/// @title OracleReportSanityChecker
/// @notice The bounds an oracle report must keep, after Lido's `OracleReportSanityChecker`
/// (lido-dao, contracts/0.8.9/sanity_checks): time and counts move forward, the withdrawn ETH was
/// received, the consensus-layer balance grows no faster than an APR bound, and a loss above a
/// per-validator budget needs a second role (Lido's second-opinion oracle).
/// @dev One part of the one deployed `DepositPool` (composed by inheritance). Lido deploys the
/// checker as its own contract that `Lido.handleOracleReport` calls; here it is an abstract base the
/// pool's `submitReport` calls internally, so the report costs no external call.
abstract contract OracleReportSanityChecker is IDepositPool, AccessControl {
    /// @notice Confirms reports whose loss exceeds the budget (second opinion).
    bytes32 public constant LOSS_CONFIRMER_ROLE = keccak256("LOSS_CONFIRMER_ROLE");

    uint256 private constant BPS = 10_000;
    uint256 private constant SECONDS_PER_YEAR = 365 days;

    /// @notice Losses reported within this span of report time add up against the loss budget (Lido sums
    /// the negative rebases of the last 18 days against its initial-slashing allowance).
    uint256 public constant LOSS_WINDOW = 18 days;

    uint256 private _maxAprBps;
    uint256 private _lossBudgetPerValidator;
    /// @dev Wei lost by the reports of the current loss window, and the report time it started at: a
    /// window opens with the first loss reported after the last one closed (O(1), where Lido keeps
    /// every report of the last 18 days), and a confirmed loss opens a new, empty one.
    uint128 private _lossInWindow;
    uint64 private _lossWindowStart;
    /// Kept last: a mapping fills its own slot, so the pool's first variables pack after `Pausable`.
    mapping(bytes32 reportHash => bool confirmed) private _confirmedLossReports;

    /// @dev What the pool knew before the report, to check the report against.
    /// @param lastTimestamp Simulated time of the last report, seconds.
    /// @param simulatedNow The simulator's simulated time now, seconds.
    /// @param lastClValidators Validators the last report saw.
    /// @param depositedValidators Validators the pool ever staked.
    /// @param unaccountedClWithdrawals Wei received from the consensus layer and not yet reported.
    /// @param lastClBalance Wei of CL balance in the last report.
    /// @param validatorDeposit Wei of one validator deposit.
    struct ReportBaseline {
        uint256 lastTimestamp;
        uint256 simulatedNow;
        uint256 lastClValidators;
        uint256 depositedValidators;
        uint256 unaccountedClWithdrawals;
        uint256 lastClBalance;
        uint256 validatorDeposit;
    }

    // ================================================================== roles

    /// @inheritdoc IDepositPool
    function confirmLossReport(bytes32 reportHash) external onlyRole(LOSS_CONFIRMER_ROLE) {
        _confirmedLossReports[reportHash] = true;
        emit LossReportConfirmed(reportHash, msg.sender);
    }

    /// @inheritdoc IDepositPool
    function setReportBounds(
        uint256 newMaxAprBps,
        uint256 newLossBudgetPerValidator
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReportBounds(newMaxAprBps, newLossBudgetPerValidator);
    }

    // ================================================================== views

    /// @inheritdoc IDepositPool
    function maxAprBps() external view returns (uint256) {
        return _maxAprBps;
    }

    /// @inheritdoc IDepositPool
    function lossBudgetPerValidator() external view returns (uint256) {
        return _lossBudgetPerValidator;
    }

    /// @inheritdoc IDepositPool
    function recentLoss() external view returns (uint256 loss, uint256 windowStart) {
        return (_lossInWindow, _lossWindowStart);
    }

    /// @inheritdoc IDepositPool
    function isLossReportConfirmed(bytes32 reportHash) external view returns (bool) {
        return _confirmedLossReports[reportHash];
    }

    // ================================================================== hooks (the pool)

    /// @dev Largest loss budget per validator the admin may set (the pool: one validator deposit).
    function _maxLossBudgetPerValidator() internal view virtual returns (uint256);

    /// @dev The pool's validators already withdrawn from the consensus layer (read on a loss only).
    function _withdrawnValidatorCount() internal view virtual returns (uint256);

    // ================================================================== checks

    /// @dev Lido's sanity checks, simplified: time and counts move forward, the withdrawn ETH was
    /// received, and the balance change is within the APR bound or the loss budget. A confirmed
    /// loss report consumes its confirmation.
    /// @return preClBalance `lastClBalance + newly seen validators × deposit`, wei.
    /// @return postClBalance `report.clBalance + report.withdrawnFromCl`, wei.
    function _checkReport(
        OracleReport calldata report,
        ReportBaseline memory last
    ) internal returns (uint256 preClBalance, uint256 postClBalance) {
        if (report.timestamp <= last.lastTimestamp) {
            revert ReportNotNewer(report.timestamp, last.lastTimestamp);
        }
        if (report.timestamp > last.simulatedNow) revert ReportInFuture(report.timestamp, last.simulatedNow);
        if (report.clValidators < last.lastClValidators) {
            revert ValidatorCountDecreased(report.clValidators, last.lastClValidators);
        }
        if (report.clValidators > last.depositedValidators) {
            revert ValidatorCountTooHigh(report.clValidators, last.depositedValidators);
        }
        if (report.withdrawnFromCl > last.unaccountedClWithdrawals) {
            revert WithdrawnExceedsReceived(report.withdrawnFromCl, last.unaccountedClWithdrawals);
        }

        // Newly seen validators enter at their deposit: only what they earned or lost since counts.
        preClBalance =
            last.lastClBalance + (report.clValidators - last.lastClValidators) * last.validatorDeposit;
        postClBalance = report.clBalance + report.withdrawnFromCl;

        if (postClBalance > preClBalance) {
            // Rounded down: the bound is never looser than the APR allows.
            uint256 increase = postClBalance - preClBalance;
            uint256 maxIncrease = Math.mulDiv(
                preClBalance,
                _maxAprBps * (report.timestamp - last.lastTimestamp),
                BPS * SECONDS_PER_YEAR
            );
            if (increase > maxIncrease) revert RewardAboveBound(increase, maxIncrease);
        } else if (postClBalance < preClBalance) {
            _checkLoss(report, preClBalance - postClBalance);
        }
    }

    /// @dev A loss, with the losses of the loss window still open, within the budget or confirmed;
    /// records it in the window.
    function _checkLoss(OracleReport calldata report, uint256 loss) private {
        // Budgeted per validator still on the consensus layer, as Lido's sanity checker counts
        // its validators less the exited ones: a withdrawn validator can lose nothing more.
        uint256 budget = _validatorsOnCl(report.clValidators) * _lossBudgetPerValidator;
        // Against the losses of the window still open, so that a loss split over several reports
        // needs the confirmer as one report would.
        uint256 windowStart = _lossWindowStart;
        uint256 earlier = _lossInWindow;
        if (earlier != 0 && report.timestamp < windowStart + LOSS_WINDOW) loss += earlier;
        else windowStart = report.timestamp;
        if (loss > budget) {
            bytes32 reportHash = keccak256(abi.encode(report));
            if (!_confirmedLossReports[reportHash]) revert LossAboveBudget(loss, budget, reportHash);
            // One confirmation, one report: the approval is consumed. The confirmer vouched for the
            // balance after this report: a new window opens, empty.
            delete _confirmedLossReports[reportHash];
            loss = 0;
            windowStart = report.timestamp;
        }
        _lossInWindow = uint128(loss); // ≤ budget ≤ validators × one deposit
        _lossWindowStart = uint64(windowStart); // a report timestamp, ≤ the simulator's time
    }

    /// @dev Validators of the report still on the consensus layer: `clValidators` less the pool's
    /// validators already withdrawn (fully swept). A validator someone else deposited with the
    /// pool's address and that was withdrawn counts among the withdrawn too: it can only make the
    /// budget smaller, never looser.
    function _validatorsOnCl(uint256 clValidators_) private view returns (uint256) {
        return clValidators_ - Math.min(_withdrawnValidatorCount(), clValidators_);
    }

    function _setReportBounds(uint256 newMaxAprBps, uint256 newLossBudgetPerValidator) internal {
        if (newMaxAprBps == 0 || newMaxAprBps > BPS) revert InvalidParameter("maxAprBps", newMaxAprBps);
        if (newLossBudgetPerValidator > _maxLossBudgetPerValidator()) {
            revert InvalidParameter("lossBudgetPerValidator", newLossBudgetPerValidator);
        }
        _maxAprBps = newMaxAprBps;
        _lossBudgetPerValidator = newLossBudgetPerValidator;
        emit ReportBoundsChanged(newMaxAprBps, newLossBudgetPerValidator);
    }
}
