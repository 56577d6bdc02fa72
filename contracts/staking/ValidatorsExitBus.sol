// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";

/// @title ValidatorsExitBus
/// @notice Which of the pool's validators leave when the withdrawal queue needs ETH, after Lido's
/// `ValidatorsExitBusOracle` (lido-dao, contracts/0.8.9/oracle): the oracle decides exits from the
/// queue's demand, and validators are asked to exit oldest first, a bounded number per report.
/// @dev One part of the one deployed `DepositPool` (composed by inheritance). Lido's bus only
/// publishes exit requests that node operators must act on; here the pool, as the validators'
/// withdrawal address, asks the consensus layer directly (EIP-7002, execution-layer exits).
abstract contract ValidatorsExitBus is IDepositPool {
    /// @notice Most validator exits one report may request (Lido bounds its exit requests per report too).
    uint256 public constant MAX_EXITS_PER_REPORT = 16;
    /// @notice Most validators one report inspects while looking for active ones to exit.
    uint256 public constant MAX_EXIT_CANDIDATES_PER_REPORT = 64;

    /// Simulator indices of the pool's validators, in staking order (oldest first, for exits).
    uint256[] private _validatorIndices;
    uint256 private _nextExitCandidate;

    /// @inheritdoc IDepositPool
    function validatorIndexAt(uint256 n) external view returns (uint256) {
        return _validatorIndices[n];
    }

    /// @inheritdoc IDepositPool
    function nextExitCandidate() external view returns (uint256) {
        return _nextExitCandidate;
    }

    /// @dev Adds a validator the pool just staked to the end of the exit order.
    function _recordValidator(uint256 validatorIndex) internal {
        _validatorIndices.push(validatorIndex);
    }

    /// @dev If the queue asks for more ETH (`demand`, wei) than the pool has at hand (`available`,
    /// wei: the buffer and the swept-but-unreported ETH) and its exiting validators will bring, asks
    /// the oldest active validators to exit, at most `MAX_EXITS_PER_REPORT`. An exiting validator
    /// counts one deposit; a slashed one counts nothing until it is swept, since its correlation
    /// penalty, fixed only at the midpoint, may take its whole balance.
    function _requestExitsIfNeeded(
        IBeaconChainSimulator consensusLayer,
        uint256 demand,
        uint256 available,
        uint256 validatorDeposit_
    ) internal {
        // Most reports stop here, without calling the simulator.
        if (demand <= available) return;
        uint256 exiting =
            consensusLayer.validatorCountOf(address(this)) -
                consensusLayer.activeValidatorCountOf(address(this)) -
                consensusLayer.withdrawnValidatorCountOf(address(this)) -
                consensusLayer.pendingSlashingsOf(address(this));
        available += exiting * validatorDeposit_;
        if (demand <= available) return;

        uint256 exitsNeeded = Math.min(
            Math.ceilDiv(demand - available, validatorDeposit_),
            MAX_EXITS_PER_REPORT
        );
        uint256 candidate = _nextExitCandidate;
        uint256 end = Math.min(_validatorIndices.length, candidate + MAX_EXIT_CANDIDATES_PER_REPORT);
        while (exitsNeeded > 0 && candidate < end) {
            uint256 index = _validatorIndices[candidate];
            ++candidate;
            // Slashed or already exiting validators are skipped: they are on their way out.
            if (consensusLayer.getValidator(index).status == IBeaconChainSimulator.Status.Active) {
                consensusLayer.requestExit(index);
                --exitsNeeded;
                emit ValidatorExitRequested(index);
            }
        }
        _nextExitCandidate = candidate;
    }
}
