// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {HookedToken, ITokenReceivedHook} from "./HookedToken.sol";

/// @title ReentrantRestaker
/// @notice TEST ONLY. A staker that, when the manager pays it a `HookedToken`, calls the manager
/// again from the token's hook: to complete the same withdrawal twice, or to claim rewards twice.
contract ReentrantRestaker is ITokenReceivedHook {
    /// @notice What the hook does when tokens arrive.
    enum Mode {
        /// Nothing.
        None,
        /// Complete `targetWithdrawalId` again.
        CompleteAgain,
        /// Claim `targetRewardToken` rewards again.
        ClaimAgain
    }

    IRestakingManager public immutable manager;
    Mode public mode;
    uint256 public targetWithdrawalId;
    IERC20 public targetRewardToken;
    uint256 public reentryAttempts;

    constructor(IRestakingManager manager_) {
        manager = manager_;
    }

    /// @notice Arms the hook.
    function setMode(Mode newMode) external {
        mode = newMode;
    }

    /// @notice Asks `token` for the receive hook.
    function enableHook(HookedToken token) external {
        token.setWantsHook(true);
    }

    /// @notice Deposits `amount` of `token` held by this contract into its strategy.
    function deposit(IERC20 token, uint256 amount) external returns (uint256) {
        token.approve(address(manager), amount);
        return manager.depositIntoStrategy(token, amount);
    }

    /// @notice Delegates to `operator`.
    function delegateTo(address operator) external {
        manager.delegateTo(operator);
    }

    /// @notice Queues `shares` deposit shares of `token` and remembers the id.
    function queue(IERC20 token, uint256 shares) external returns (uint256 id) {
        id = manager.queueWithdrawal(token, shares);
        targetWithdrawalId = id;
    }

    /// @notice Completes the remembered withdrawal.
    function complete() external returns (uint256) {
        return manager.completeQueuedWithdrawal(targetWithdrawalId);
    }

    /// @notice Claims `rewardToken` rewards to this contract and remembers the token.
    function claim(IERC20 rewardToken) external returns (uint256) {
        targetRewardToken = rewardToken;
        return manager.claimRewards(rewardToken, address(this));
    }

    /// @inheritdoc ITokenReceivedHook
    function onTokenReceived(address, uint256) external {
        if (mode == Mode.CompleteAgain) {
            ++reentryAttempts;
            manager.completeQueuedWithdrawal(targetWithdrawalId);
        } else if (mode == Mode.ClaimAgain) {
            ++reentryAttempts;
            manager.claimRewards(targetRewardToken, address(this));
        }
    }
}
