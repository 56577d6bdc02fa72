// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {RewardAccumulator} from "./RewardAccumulator.sol";
import {Slashings} from "./Slashings.sol";

/// @title BeaconChainSimulator
/// @notice Plays Ethereum's consensus layer for a classroom: validators, rewards, slashing, exits
/// and withdrawals, with every cost independent of the number of validators.
/// @dev How it mirrors the beacon chain (consensus-specs, Electra/Pectra), and where it simplifies.
/// One deployed contract, its source split by concern:
///
/// - Rewards (`RewardAccumulator.sol`): one global accumulator, `rewardPerValidator()`, on
///   simulated time; a validator's balance is its stored balance plus the accumulator's growth
///   since its last settlement (here), so accruing costs nothing per validator.
/// - Slashing (`slash_validator` here, `process_slashings` in `Slashings.sol`): an initial penalty
///   of `deposit / quotient` (4096 since Electra; 32 at Phase 0), an exit, withdrawability a whole
///   `correlationWindow` later (~36 days), and a correlation penalty fixed at the midpoint over
///   the slashings of the window around it, against the active stake recorded at the slashing, so
///   it never depends on when anyone sweeps. Until it lands the validator counts in
///   `pendingSlashingsOf(withdrawalAddress)` (a staking pool's bunker mode).
/// - Exits (EIP-7002 or the consensus role): no activation or exit queue, a fixed `exitDelay`.
/// - Withdrawals: the sweep skims an active validator above its deposit, or pays a withdrawable
///   one in full. Deposits back principals; rewards come from a reserve the teacher funds (no ETH
///   is issued here); penalties stay in the contract (on mainnet they are burnt).
contract BeaconChainSimulator is
    IBeaconChainSimulator,
    AccessControl,
    ReentrancyGuard,
    RewardAccumulator,
    Slashings
{
    using SafeCast for uint256;

    // ------------------------------------------------------------------ parameters and state

    /// @notice Role of the teacher: slashes, penalizes, exits validators and sets the parameters.
    bytes32 public constant CONSENSUS_ROLE = keccak256("CONSENSUS_ROLE");

    /// @inheritdoc IBeaconChainSimulator
    uint256 public immutable exitDelay;

    /// @inheritdoc IBeaconChainSimulator
    uint256 public slashingPenaltyQuotient;
    /// @inheritdoc IBeaconChainSimulator
    uint256 public externalActiveBalance;
    /// @inheritdoc IBeaconChainSimulator
    uint256 public rewardReserve;
    /// @inheritdoc IBeaconChainSimulator
    uint256 public totalPenaltiesBurnt;
    /// @inheritdoc IBeaconChainSimulator
    uint256 public activeValidatorCount;

    Validator[] private _validators;
    mapping(bytes32 pubkeyHash => bool used) private _pubkeyUsed;

    /// @dev O(1) aggregates of the validators of one withdrawal address. With `rpv` the current
    /// `rewardPerValidator()`, its total balance is `storedBalanceSum + activeCount × rpv −
    /// activeSnapshotSum`: each active validator contributes `storedBalance + rpv − snapshot`,
    /// each exiting one its `storedBalance`, each withdrawn one 0.
    struct WithdrawalAccount {
        uint128 storedBalanceSum; // Σ storedBalance of its validators not yet withdrawn
        uint128 activeSnapshotSum; // Σ rewardIndexSnapshot of its active validators
        uint64 validatorCount;
        uint64 activeCount;
        uint64 withdrawnCount;
        uint64 pendingSlashings; // slashed, correlation penalty not yet applied
    }

    mapping(address withdrawalAddress => WithdrawalAccount) private _accounts;

    // ------------------------------------------------------------------ construction

    /// @param admin Receives DEFAULT_ADMIN_ROLE and CONSENSUS_ROLE (the teacher).
    /// @param validatorDeposit_ Exact deposit of one validator, wei (see `RewardAccumulator`).
    /// @param rewardAprBps_ Reward rate per simulated year on the deposit, basis points.
    /// @param timeScale_ Simulated seconds per real second.
    /// @param exitDelay_ Real seconds from a voluntary exit to withdrawability (> 0, at most half the
    /// correlation window: a voluntary exit is over long before a slashing's, as on mainnet where it
    /// takes ~27 hours against ~36 days).
    /// @param slashingPenaltyQuotient_ Initial slashing penalty = deposit / quotient (≥ 1).
    /// @param correlationWindow_ Real seconds over which slashings add up, and from a slashing to
    /// withdrawability (EPOCHS_PER_SLASHINGS_VECTOR; ≥ 16, one per bucket).
    constructor(
        address admin,
        uint256 validatorDeposit_,
        uint256 rewardAprBps_,
        uint256 timeScale_,
        uint256 exitDelay_,
        uint256 slashingPenaltyQuotient_,
        uint256 correlationWindow_
    ) RewardAccumulator(validatorDeposit_, rewardAprBps_, timeScale_) Slashings(correlationWindow_) {
        if (admin == address(0)) revert InvalidParameter("admin", 0);
        if (slashingPenaltyQuotient_ == 0) {
            revert InvalidParameter("slashingPenaltyQuotient", slashingPenaltyQuotient_);
        }
        if (exitDelay_ == 0 || exitDelay_ > correlationWindow_ / 2)
            revert InvalidParameter("exitDelay", exitDelay_);

        exitDelay = exitDelay_;
        slashingPenaltyQuotient = slashingPenaltyQuotient_;

        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(CONSENSUS_ROLE, admin);
    }

    // ------------------------------------------------------------------ validators

    /// @inheritdoc IBeaconChainSimulator
    function deposit(bytes32 pubkeyHash, address withdrawalAddress) external payable returns (uint256 index) {
        if (msg.value != validatorDeposit) revert WrongDepositAmount(msg.value, validatorDeposit);
        if (_pubkeyUsed[pubkeyHash]) revert DuplicatePubkey(pubkeyHash);
        if (withdrawalAddress == address(0)) revert ZeroWithdrawalAddress();

        // No activation queue: the validator is active, and earning, from this block.
        uint128 snapshot = rewardPerValidator().toUint128();
        uint128 depositWei = uint128(validatorDeposit); // ≤ type(uint96).max, checked in the constructor

        index = _validators.length;
        _pubkeyUsed[pubkeyHash] = true;
        _validators.push(
            Validator({
                pubkeyHash: pubkeyHash,
                withdrawalAddress: withdrawalAddress,
                status: Status.Active,
                slashed: false,
                correlationProcessed: false,
                depositReturned: false,
                slashedAt: 0,
                withdrawableAt: 0,
                paid: 0,
                activeStakeAtSlashGwei: 0,
                storedBalance: depositWei,
                rewardIndexSnapshot: snapshot
            })
        );
        WithdrawalAccount storage account = _accounts[withdrawalAddress];
        account.storedBalanceSum += depositWei;
        account.activeSnapshotSum += snapshot;
        account.validatorCount += 1;
        account.activeCount += 1;
        activeValidatorCount += 1;

        emit ValidatorDeposited(index, pubkeyHash, withdrawalAddress, msg.value);
    }

    /// @inheritdoc IBeaconChainSimulator
    /// @dev As `slash_validator`: initial penalty, exit, withdrawable a `correlationWindow` later
    /// (`epoch + EPOCHS_PER_SLASHINGS_VECTOR`), and the deposit recorded in the current bucket of the
    /// correlation window. A voluntarily exiting validator can still be slashed until it is
    /// withdrawable (`is_slashable_validator`); its withdrawability is then pushed back the same way.
    function slash(uint256 index) external onlyRole(CONSENSUS_ROLE) {
        Validator storage validator = _existingValidator(index);
        if (validator.slashed) revert AlreadySlashed(index, validator.slashedAt);
        WithdrawalAccount storage account = _accounts[validator.withdrawalAddress];
        if (validator.status == Status.Active) {
            _stopEarning(validator, account);
        } else if (validator.status == Status.Exiting) {
            if (block.timestamp >= validator.withdrawableAt) {
                revert AlreadyWithdrawable(index, validator.withdrawableAt);
            }
        } else {
            revert ValidatorNotActive(index, validator.status);
        }

        // Penalty rounded up (burn up: the protocol, not the slashed validator, gets the wei).
        uint256 initialPenalty = Math.min(
            Math.ceilDiv(validatorDeposit, slashingPenaltyQuotient),
            validator.storedBalance
        );
        // Later than any voluntary exit (exitDelay ≤ correlationWindow / 2), as the spec's
        // `max(withdrawable_epoch, epoch + EPOCHS_PER_SLASHINGS_VECTOR)`.
        uint256 withdrawableAt = block.timestamp + correlationWindow;
        _debit(validator, account, initialPenalty);
        validator.slashed = true;
        validator.slashedAt = uint64(block.timestamp); // block timestamps fit in 64 bits
        validator.withdrawableAt = uint64(withdrawableAt);
        // The stake the correlation penalty is measured against, taken now that this validator has
        // stopped being active: exits or deposits timed between now and the sweep cannot move it.
        validator.activeStakeAtSlashGwei = _activeStakeGwei(
            activeValidatorCount * validatorDeposit,
            externalActiveBalance
        );
        // Same storage slot as `activeCount`, already written by `_stopEarning` (a few hundred gas).
        account.pendingSlashings += 1;
        _recordSlashing(validatorDeposit);

        emit ValidatorSlashed(index, initialPenalty, withdrawableAt);
    }

    /// @inheritdoc IBeaconChainSimulator
    /// @dev Stands for the inactivity penalties of a validator that missed its duties. As on mainnet,
    /// a withdrawable validator has no duties left (`get_eligible_validator_indices`), so it cannot
    /// be penalized: what its full withdrawal pays is fixed once it is withdrawable, whenever the
    /// sweep comes.
    function penalize(uint256 index, uint256 amount) external onlyRole(CONSENSUS_ROLE) {
        if (amount == 0) revert InvalidParameter("amount", 0);
        Validator storage validator = _existingValidator(index);
        WithdrawalAccount storage account = _accounts[validator.withdrawalAddress];
        if (validator.status == Status.Active) {
            _settle(validator, account);
        } else if (validator.status != Status.Exiting) {
            revert ValidatorNotActive(index, validator.status);
        } else if (block.timestamp >= validator.withdrawableAt) {
            revert AlreadyWithdrawable(index, validator.withdrawableAt);
        }
        uint256 applied = Math.min(amount, validator.storedBalance);
        _debit(validator, account, applied);
        emit ValidatorPenalized(index, applied);
    }

    /// @inheritdoc IBeaconChainSimulator
    function requestExit(uint256 index) external {
        Validator storage validator = _existingValidator(index);
        if (msg.sender != validator.withdrawalAddress && !hasRole(CONSENSUS_ROLE, msg.sender)) {
            revert NotWithdrawalAddress(msg.sender, validator.withdrawalAddress);
        }
        if (validator.status != Status.Active) revert ValidatorNotActive(index, validator.status);

        _stopEarning(validator, _accounts[validator.withdrawalAddress]);
        uint256 withdrawableAt = block.timestamp + exitDelay;
        validator.withdrawableAt = uint64(withdrawableAt);
        emit ExitRequested(index, msg.sender, withdrawableAt);
    }

    /// @inheritdoc IBeaconChainSimulator
    /// @dev Checks-effects-interactions: every balance, counter and the reserve are updated and the
    /// event emitted before the ETH leaves; `nonReentrant` on top.
    function sweep(uint256 index) external nonReentrant returns (uint256 paid) {
        Validator storage validator = _existingValidator(index);
        WithdrawalAccount storage account = _accounts[validator.withdrawalAddress];
        bool fullWithdrawal;
        // Deposits back principals, the reserve backs rewards. A skim is all reward, so all of it
        // comes out of the reserve; a full withdrawal returns the deposit (what is left of it) and
        // takes only the excess over the deposit from the reserve. So the reserve falls as rewards
        // are paid, no validator is ever paid from another's deposit, and a reserve too small for
        // the rewards owed is an error, never a silent shortfall.
        uint256 reserveDraw;
        if (validator.status == Status.Active) {
            // Partial withdrawal: skim the balance above the deposit; the validator keeps earning.
            _settle(validator, account);
            if (validator.storedBalance <= validatorDeposit) revert NothingToSweep(index);
            paid = validator.storedBalance - validatorDeposit;
            reserveDraw = paid;
        } else if (validator.status == Status.Exiting) {
            if (block.timestamp < validator.withdrawableAt) {
                revert NotYetWithdrawable(index, validator.withdrawableAt, block.timestamp);
            }
            if (validator.slashed && !validator.correlationProcessed) {
                _applyCorrelationPenalty(index, validator, account);
            }
            (paid, reserveDraw, fullWithdrawal) = _fullWithdrawalAmounts(index, validator);
        } else {
            revert NothingToSweep(index);
        }
        if (reserveDraw > rewardReserve) revert RewardReserveShort(reserveDraw, rewardReserve);

        rewardReserve -= reserveDraw;
        _debit(validator, account, paid);
        validator.paid = (validator.paid + paid).toUint128();
        if (fullWithdrawal) {
            validator.status = Status.Withdrawn;
            account.withdrawnCount += 1;
            // The part of the deposit not paid back is the validator's net penalty: burnt, as on
            // mainnet, where penalties leave the validator's balance and no one receives them.
            // (A deposit returned by an earlier sweep was paid back whole.)
            if (!validator.depositReturned) {
                totalPenaltiesBurnt += validatorDeposit - Math.min(paid, validatorDeposit);
            }
        }
        address to = validator.withdrawalAddress;
        emit Swept(index, to, paid, fullWithdrawal);

        if (paid != 0) {
            (bool ok, ) = to.call{value: paid}("");
            if (!ok) revert PaymentFailed(to, paid);
        }
    }

    /// @inheritdoc IBeaconChainSimulator
    function fundRewards() external payable {
        if (msg.value == 0) revert InvalidParameter("amount", 0);
        rewardReserve += msg.value;
        emit RewardsFunded(msg.sender, msg.value);
    }

    // ------------------------------------------------------------------ parameters

    /// @inheritdoc IBeaconChainSimulator
    /// @dev Checkpoints the accumulator first, so rewards earned at the old rate are kept.
    function setRewardAprBps(uint256 newAprBps) external onlyRole(CONSENSUS_ROLE) {
        _setRewardAprBps(newAprBps);
    }

    /// @inheritdoc IBeaconChainSimulator
    /// @dev Applies to slashings from now on.
    function setSlashingPenaltyQuotient(uint256 newQuotient) external onlyRole(CONSENSUS_ROLE) {
        if (newQuotient == 0) revert InvalidParameter("slashingPenaltyQuotient", newQuotient);
        uint256 oldQuotient = slashingPenaltyQuotient;
        slashingPenaltyQuotient = newQuotient;
        emit SlashingPenaltyQuotientChanged(oldQuotient, newQuotient);
    }

    /// @inheritdoc IBeaconChainSimulator
    /// @dev 0 (the default) makes the simulator the whole network, so a classroom sees the
    /// correlation penalty; mainnet-like figures (~34 million ETH) make one slashing nearly free.
    function setExternalActiveBalance(uint256 newBalance) external onlyRole(CONSENSUS_ROLE) {
        uint256 oldBalance = externalActiveBalance;
        externalActiveBalance = newBalance;
        emit ExternalActiveBalanceChanged(oldBalance, newBalance);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IBeaconChainSimulator
    function validatorCount() external view returns (uint256) {
        return _validators.length;
    }

    /// @inheritdoc IBeaconChainSimulator
    function getValidator(uint256 index) external view returns (Validator memory) {
        return _existingValidator(index);
    }

    /// @inheritdoc IBeaconChainSimulator
    function validatorBalance(uint256 index) external view returns (uint256) {
        Validator storage validator = _existingValidator(index);
        if (validator.status == Status.Active) {
            return validator.storedBalance + rewardPerValidator() - validator.rewardIndexSnapshot;
        }
        return validator.storedBalance; // exiting: frozen; withdrawn: 0
    }

    /// @inheritdoc IBeaconChainSimulator
    function totalBalanceOf(address withdrawalAddress) external view returns (uint256) {
        WithdrawalAccount storage account = _accounts[withdrawalAddress];
        return
            account.storedBalanceSum + account.activeCount * rewardPerValidator() - account.activeSnapshotSum;
    }

    /// @inheritdoc IBeaconChainSimulator
    function validatorCountOf(address withdrawalAddress) external view returns (uint256) {
        return _accounts[withdrawalAddress].validatorCount;
    }

    /// @inheritdoc IBeaconChainSimulator
    function activeValidatorCountOf(address withdrawalAddress) external view returns (uint256) {
        return _accounts[withdrawalAddress].activeCount;
    }

    /// @inheritdoc IBeaconChainSimulator
    function withdrawnValidatorCountOf(address withdrawalAddress) external view returns (uint256) {
        return _accounts[withdrawalAddress].withdrawnCount;
    }

    /// @inheritdoc IBeaconChainSimulator
    function pendingSlashingsOf(address withdrawalAddress) external view returns (uint256) {
        return _accounts[withdrawalAddress].pendingSlashings;
    }

    // ------------------------------------------------------------------ internals

    function _existingValidator(uint256 index) private view returns (Validator storage) {
        if (index >= _validators.length) revert UnknownValidator(index, _validators.length);
        return _validators[index];
    }

    /// @dev Moves the rewards an active validator accrued since its last settlement into its stored
    /// balance. Its balance, and its withdrawal address's total, are unchanged: the stored part
    /// grows by exactly what the accrued part (rpv − snapshot) loses.
    function _settle(Validator storage validator, WithdrawalAccount storage account) private {
        uint128 rpv = rewardPerValidator().toUint128();
        uint128 accrued = rpv - validator.rewardIndexSnapshot;
        if (accrued == 0) return;
        validator.storedBalance += accrued;
        validator.rewardIndexSnapshot = rpv;
        account.storedBalanceSum += accrued;
        account.activeSnapshotSum += accrued;
    }

    /// @dev Settles an active validator and takes it out of the earning set (exit or slashing).
    function _stopEarning(Validator storage validator, WithdrawalAccount storage account) private {
        _settle(validator, account);
        validator.status = Status.Exiting;
        account.activeSnapshotSum -= validator.rewardIndexSnapshot;
        account.activeCount -= 1;
        activeValidatorCount -= 1;
    }

    /// @dev Takes `amount` wei (≤ the stored balance) off a settled or non-active validator.
    function _debit(Validator storage validator, WithdrawalAccount storage account, uint256 amount) private {
        uint128 amount128 = uint128(amount); // ≤ storedBalance, a uint128, at every call site
        validator.storedBalance -= amount128;
        account.storedBalanceSum -= amount128;
    }

    /// @dev Applies the correlation penalty (`Slashings._correlationPenalty`: fixed at the midpoint,
    /// whatever the time of the sweep) against the total active stake recorded at the slashing.
    /// (Mainnet reads `get_total_active_balance` at processing, but there one exit among a million
    /// validators moves nothing and exits wait in the churn queue; here a handful of timed exits or
    /// deposits could inflate or dilute the penalty, so it is fixed at slash time.)
    function _applyCorrelationPenalty(
        uint256 index,
        Validator storage validator,
        WithdrawalAccount storage account
    ) private {
        (uint256 penalty, uint256 slashedWei) = _correlationPenalty(
            validator.storedBalance,
            validator.slashedAt,
            validator.activeStakeAtSlashGwei
        );
        validator.correlationProcessed = true;
        // The known loss has landed: it is no longer pending (the pool's bunker mode ends with it).
        account.pendingSlashings -= 1;
        _debit(validator, account, penalty);
        emit CorrelationPenaltyApplied(index, penalty, slashedWei);
    }

    /// @dev What the full withdrawal of a withdrawable validator pays, what of it the reserve pays,
    /// and whether it completes. The reserve backs rewards, never principals: when it is short of
    /// the rewards, the deposit is paid back now (`depositReturned`) and the rewards, still in the
    /// validator's balance, by a later sweep once the teacher funds the reserve
    /// (`RewardPaymentDeferred`), so a short reserve never holds back a validator's principal.
    function _fullWithdrawalAmounts(
        uint256 index,
        Validator storage validator
    ) private returns (uint256 paid, uint256 reserveDraw, bool fullWithdrawal) {
        uint256 balance = validator.storedBalance;
        if (validator.depositReturned) return (balance, balance, true); // only rewards are left
        uint256 reward = _excessOverDeposit(balance);
        if (reward <= rewardReserve) return (balance, reward, true);
        validator.depositReturned = true;
        emit RewardPaymentDeferred(index, reward, rewardReserve);
        return (balance - reward, 0, false);
    }

    /// @dev max(0, amount − deposit): the part of a full withdrawal that is a reward.
    function _excessOverDeposit(uint256 paid) private view returns (uint256) {
        return paid > validatorDeposit ? paid - validatorDeposit : 0;
    }
}
