// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {IRestakingPod} from "../interfaces/IRestakingPod.sol";

/// @title ReentrantPodOwner
/// @notice TEST ONLY. A native restaker (a contract owning a pod) whose `receive` misbehaves when
/// its pod pays a completed withdrawal: it reenters `completeQueuedWithdrawal`, or refuses the ETH.
contract ReentrantPodOwner {
    /// @notice What `receive` does when ETH arrives.
    enum Mode {
        /// Accept the ETH.
        Accept,
        /// Complete the same withdrawal again; the failure bubbles up.
        Reenter,
        /// Revert: a contract that cannot receive ETH.
        Refuse
    }

    IRestakingManager public immutable manager;
    IRestakingPod public pod;
    Mode public mode;
    uint256 public targetWithdrawalId;

    error RefusedEther(uint256 amount);

    constructor(IRestakingManager manager_) {
        manager = manager_;
    }

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    /// @notice Creates this contract's pod.
    function createPod() external {
        pod = IRestakingPod(manager.createPod());
    }

    /// @notice Stakes a validator through the pod with the ETH sent.
    function stake(bytes32 pubkeyHash) external payable returns (uint256) {
        return pod.stake{value: msg.value}(pubkeyHash);
    }

    /// @notice Requests the exit of a validator through the pod.
    function requestExit(uint256 validatorIndex) external {
        pod.requestExit(validatorIndex);
    }

    /// @notice Queues all native-ETH shares and remembers the id.
    function queueAll() external returns (uint256 id) {
        IERC20 native = manager.beaconChainETHStrategy();
        id = manager.queueWithdrawal(native, manager.depositShares(address(this), native));
        targetWithdrawalId = id;
    }

    /// @notice Completes the remembered withdrawal.
    function complete() external returns (uint256) {
        return manager.completeQueuedWithdrawal(targetWithdrawalId);
    }

    /// @notice Misbehaves as armed (a complex `receive` is the point here).
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (mode == Mode.Refuse) revert RefusedEther(msg.value);
        if (mode == Mode.Reenter) manager.completeQueuedWithdrawal(targetWithdrawalId);
    }
}
