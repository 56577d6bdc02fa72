// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {IRestakingPod} from "../interfaces/IRestakingPod.sol";

/// @title RestakingPod
/// @notice One staker's native restaking pod, as EigenLayer's `EigenPod`: the withdrawal address of its
/// validators. `RestakingManager.createPod()` makes each pod as a minimal clone (EIP-1167) of one
/// implementation that the manager deploys in its constructor (EigenLayer: beacon proxies).
/// @dev What the pod has credited to its owner is `trackedValidatorBalance` (validators, as last read)
/// plus `withdrawableRestakedETH` (swept ETH already counted). A checkpoint reads the simulator's O(1)
/// total for this withdrawal address where EigenLayer proves each validator's balance against the
/// beacon block root: a skim or a full withdrawal moves ETH from the validators to the pod (no change),
/// consensus rewards raise the total (new shares), penalties and slashing lower it (the owner's beacon
/// chain slashing factor falls).
contract RestakingPod is IRestakingPod, ReentrancyGuard {
    using SafeCast for uint256;

    /// @inheritdoc IRestakingPod
    IRestakingManager public immutable manager;
    /// @inheritdoc IRestakingPod
    IBeaconChainSimulator public immutable simulator;
    /// @inheritdoc IRestakingPod
    address public podOwner;

    /// @inheritdoc IRestakingPod
    uint256 public trackedValidatorBalance;
    /// @inheritdoc IRestakingPod
    uint256 public withdrawableRestakedETH;
    /// @inheritdoc IRestakingPod
    uint256 public verifiedValidatorCount;
    /// @inheritdoc IRestakingPod
    mapping(uint256 validatorIndex => bool) public isVerified;

    modifier onlyPodOwner() {
        if (msg.sender != podOwner) revert NotPodOwner(msg.sender, podOwner);
        _;
    }

    /// @notice Deploys the implementation; the manager and the simulator are immutables in its code,
    /// so every clone shares them.
    /// @param simulator_ The consensus layer to stake on and read.
    constructor(IBeaconChainSimulator simulator_) {
        manager = IRestakingManager(msg.sender);
        simulator = simulator_;
    }

    /// @inheritdoc IRestakingPod
    function initialize(address owner_) external {
        if (msg.sender != address(manager)) revert NotManager(msg.sender);
        if (podOwner != address(0)) revert AlreadyInitialized(podOwner);
        podOwner = owner_;
    }

    /// @notice Accepts sweeps from the consensus layer (and anything else: it is counted at the next checkpoint).
    receive() external payable {}

    /// @inheritdoc IRestakingPod
    function stake(bytes32 pubkeyHash) external payable onlyPodOwner returns (uint256 validatorIndex) {
        // With l = 0 every native share of the owner is worth 0 and the manager refuses to credit more
        // (`FullySlashed`): the 32 ETH would be locked for good, so refuse before they leave.
        address owner_ = podOwner;
        if (manager.beaconChainSlashingFactor(owner_) == 0) revert PodFullySlashed(owner_);
        uint256 required = simulator.validatorDeposit();
        if (msg.value != required) revert WrongDepositAmount(msg.value, required);
        validatorIndex = simulator.deposit{value: msg.value}(pubkeyHash, address(this));
        emit ValidatorStaked(validatorIndex, pubkeyHash, msg.value);
    }

    /// @inheritdoc IRestakingPod
    function requestExit(uint256 validatorIndex) external onlyPodOwner {
        simulator.requestExit(validatorIndex);
        emit ValidatorExitRequested(validatorIndex);
    }

    /// @inheritdoc IRestakingPod
    function verifyWithdrawalCredentials(uint256 validatorIndex) external nonReentrant {
        // Stand-in for the proof of the validator's withdrawal credentials against the beacon state.
        address withdrawalAddress = simulator.getValidator(validatorIndex).withdrawalAddress;
        if (withdrawalAddress != address(this))
            revert WrongWithdrawalAddress(validatorIndex, withdrawalAddress);
        if (isVerified[validatorIndex]) revert AlreadyVerified(validatorIndex);
        isVerified[validatorIndex] = true;
        ++verifiedValidatorCount;
        // An exited and swept validator has a zero balance here: its ETH is in the pod and the next
        // checkpoint counts it.
        uint256 balance = simulator.validatorBalance(validatorIndex);
        uint256 prevRestaked = restakedBalance();
        trackedValidatorBalance += balance;
        emit ValidatorCredited(validatorIndex, balance);
        if (balance != 0) {
            manager.recordBeaconChainETHBalanceUpdate(podOwner, prevRestaked, balance.toInt256());
        }
    }

    /// @inheritdoc IRestakingPod
    function checkpoint() external nonReentrant returns (int256 balanceDeltaWei) {
        uint256 total = simulator.validatorCountOf(address(this));
        if (verifiedValidatorCount != total) revert UnverifiedValidators(verifiedValidatorCount, total);
        uint256 validatorBalance = simulator.totalBalanceOf(address(this));
        uint256 prevRestaked = restakedBalance();
        // ETH that reached the pod since the last checkpoint (skims, full withdrawals, gifts).
        uint256 newPodETH = address(this).balance - withdrawableRestakedETH;
        balanceDeltaWei = (validatorBalance + newPodETH).toInt256() - trackedValidatorBalance.toInt256();
        trackedValidatorBalance = validatorBalance;
        withdrawableRestakedETH += newPodETH;
        emit CheckpointFinalized(validatorBalance, newPodETH, balanceDeltaWei);
        if (balanceDeltaWei != 0) {
            manager.recordBeaconChainETHBalanceUpdate(podOwner, prevRestaked, balanceDeltaWei);
        }
    }

    /// @inheritdoc IRestakingPod
    function withdrawRestakedBeaconChainETH(address recipient, uint256 amount) external nonReentrant {
        if (msg.sender != address(manager)) revert NotManager(msg.sender);
        uint256 available = withdrawableRestakedETH;
        if (amount > available) revert InsufficientWithdrawableETH(amount, available);
        // Effects before the transfer: the recipient may run code.
        withdrawableRestakedETH = available - amount;
        emit RestakedETHWithdrawn(recipient, amount);
        (bool sent, ) = recipient.call{value: amount}("");
        if (!sent) revert ETHTransferFailed(recipient, amount);
    }

    /// @inheritdoc IRestakingPod
    function restakedBalance() public view returns (uint256) {
        return trackedValidatorBalance + withdrawableRestakedETH;
    }
}
