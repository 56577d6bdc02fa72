// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBeaconChainSimulator} from "./IBeaconChainSimulator.sol";
import {IRestakingManager} from "./IRestakingManager.sol";

/// @title IRestakingPod
/// @notice Native restaking, as EigenLayer's `EigenPod`: one pod per staker, created by the
/// `RestakingManager`, is the withdrawal address of that staker's validators on the consensus layer.
/// Verifying a validator's withdrawal credentials credits its balance as native-ETH shares; a
/// checkpoint compares what the validators and the pod hold now with what was credited, so a
/// consensus-layer loss lowers the owner's beacon chain slashing factor. Withdrawals go through the
/// manager's queue and are paid here in ETH once validators have exited and been swept into the pod.
/// @dev The simulator's views stand in for EigenLayer's beacon-state Merkle proofs against the
/// EIP-4788 beacon block root: the pod trusts the simulator instead of verifying a proof.
interface IRestakingPod {
    // ---------------------------------------------------------------- events

    /// @notice The owner staked validator `validatorIndex` with this pod as withdrawal address.
    event ValidatorStaked(uint256 indexed validatorIndex, bytes32 indexed pubkeyHash, uint256 amount);
    /// @notice Validator `validatorIndex` was verified and its balance `balanceWei` credited as shares.
    event ValidatorCredited(uint256 indexed validatorIndex, uint256 balanceWei);
    /// @notice A checkpoint: validators now hold `validatorBalanceWei`, `podEthCreditedWei` new ETH reached
    /// the pod, and the restaked balance moved by `balanceDeltaWei`.
    event CheckpointFinalized(uint256 validatorBalanceWei, uint256 podEthCreditedWei, int256 balanceDeltaWei);
    /// @notice The owner asked the consensus layer to exit validator `validatorIndex`.
    event ValidatorExitRequested(uint256 indexed validatorIndex);
    /// @notice `amount` wei of restaked ETH left the pod for `recipient` (a completed withdrawal).
    event RestakedETHWithdrawn(address indexed recipient, uint256 amount);

    // ---------------------------------------------------------------- errors

    /// @notice Only the pod's owner may call.
    error NotPodOwner(address caller, address owner);
    /// @notice Only the manager may call.
    error NotManager(address caller);
    /// @notice The ETH sent was not exactly one validator deposit.
    error WrongDepositAmount(uint256 sent, uint256 required);
    /// @notice The validator's withdrawal address is not this pod.
    error WrongWithdrawalAddress(uint256 validatorIndex, address withdrawalAddress);
    /// @notice The validator was already verified.
    error AlreadyVerified(uint256 validatorIndex);
    /// @notice A checkpoint needs every validator of the pod verified first (`verified` of `total`).
    error UnverifiedValidators(uint256 verified, uint256 total);
    /// @notice The pod holds only `available` wei of swept, credited ETH.
    error InsufficientWithdrawableETH(uint256 requested, uint256 available);
    /// @notice The pod already belongs to `owner`.
    error AlreadyInitialized(address owner);
    /// @notice The owner's beacon chain slashing factor is 0: a new validator of this pod could never be
    /// credited (its shares would be worth nothing) nor withdrawn. Stake from a fresh address and pod.
    error PodFullySlashed(address podOwner);
    /// @notice Sending ETH failed.
    error ETHTransferFailed(address to, uint256 amount);

    // ---------------------------------------------------------------- owner

    /// @notice Stakes a validator on the consensus layer with this pod as withdrawal address (owner only).
    /// Refused once the owner's beacon chain slashing factor is 0 (`PodFullySlashed`): the ETH of a new
    /// validator could never be credited nor withdrawn. The owner can still exit its validators, run
    /// checkpoints, queue and complete withdrawals (worth 0), undelegate and claim rewards already earned.
    /// @param pubkeyHash Unique stand-in for the validator's public key.
    /// @return validatorIndex The simulator's index of the new validator.
    function stake(bytes32 pubkeyHash) external payable returns (uint256 validatorIndex);

    /// @notice Asks the consensus layer to exit validator `validatorIndex` (owner only; EIP-7002 style).
    function requestExit(uint256 validatorIndex) external;

    // ---------------------------------------------------------------- anyone (they only read the truth)

    /// @notice Credits a validator whose withdrawal address is this pod: its current balance becomes
    /// native-ETH shares of the owner (EigenLayer's `verifyWithdrawalCredentials`, with a read of the
    /// simulator instead of a proof). Anyone may call it: it can only report the truth.
    /// @param validatorIndex The simulator's index of the validator.
    function verifyWithdrawalCredentials(uint256 validatorIndex) external;

    /// @notice Compares the validators' balance now plus ETH newly swept into the pod with what was
    /// credited, and reports the difference to the manager (EigenLayer's `startCheckpoint` +
    /// `verifyCheckpointProofs`). Gains become shares; losses lower the owner's slashing factor.
    /// Anyone may call it, so a consensus-layer slashing cannot be hidden. O(1).
    /// @return balanceDeltaWei How much the restaked balance moved, in wei.
    function checkpoint() external returns (int256 balanceDeltaWei);

    // ---------------------------------------------------------------- manager

    /// @notice Gives a freshly cloned pod its owner (manager only, once).
    function initialize(address owner) external;

    /// @notice Sends `amount` wei of swept, credited ETH to `recipient` (manager only, completing a withdrawal).
    function withdrawRestakedBeaconChainETH(address recipient, uint256 amount) external;

    // ---------------------------------------------------------------- views

    /// @notice The staker this pod belongs to.
    function podOwner() external view returns (address);

    /// @notice The manager that created this pod.
    function manager() external view returns (IRestakingManager);

    /// @notice The consensus layer this pod stakes on.
    function simulator() external view returns (IBeaconChainSimulator);

    /// @notice Validators' balance credited at the last verification or checkpoint, in wei.
    function trackedValidatorBalance() external view returns (uint256);

    /// @notice Swept ETH in the pod already credited, available to pay withdrawals, in wei.
    function withdrawableRestakedETH() external view returns (uint256);

    /// @notice Everything credited to the owner and not yet withdrawn: validators plus swept ETH, in wei.
    function restakedBalance() external view returns (uint256);

    /// @notice Number of this pod's validators verified.
    function verifiedValidatorCount() external view returns (uint256);

    /// @notice Whether validator `validatorIndex` was verified for this pod.
    function isVerified(uint256 validatorIndex) external view returns (bool);
}
