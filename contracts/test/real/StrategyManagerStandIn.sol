// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {StrategyBaseStandIn} from "./StrategyBaseStandIn.sol";

/// @title StrategyManagerStandIn
/// @notice TEST ONLY. Stands in for EigenLayer's StrategyManager (Layr-Labs/eigenlayer-contracts
/// `src/contracts/core/StrategyManager.sol`) at its Hoodi address: deposits a staker's tokens into a
/// whitelisted strategy and records their deposit shares; the DelegationManager removes them when a
/// withdrawal is queued and pays them out (as tokens, or back as shares) when it completes. The real
/// signatures and custom errors. Storage set by `setUp`.
contract StrategyManagerStandIn {
    using SafeERC20 for IERC20;

    error StrategyNotWhitelisted();
    error OnlyDelegationManager();
    error OnlyStrategyWhitelister();
    error SharesAmountTooHigh();
    error SharesAmountZero();
    error AlreadySetUp();

    address private delegation;
    address private strategyWhitelister;
    mapping(address strategy => bool) private whitelisted;
    mapping(address staker => mapping(address strategy => uint256)) private depositShares;

    /// @notice Sets the DelegationManager and the whitelister, once.
    function setUp(address delegation_, address whitelister) external {
        if (delegation != address(0)) revert AlreadySetUp();
        delegation = delegation_;
        strategyWhitelister = whitelister;
    }

    /// @notice Whitelister: allows deposits into `strategiesToWhitelist`.
    function addStrategiesToDepositWhitelist(StrategyBaseStandIn[] calldata strategiesToWhitelist) external {
        if (msg.sender != strategyWhitelister) revert OnlyStrategyWhitelister();
        for (uint256 i = 0; i < strategiesToWhitelist.length; ++i) {
            whitelisted[address(strategiesToWhitelist[i])] = true;
        }
    }

    /// @notice Whether `strategy` takes deposits.
    function strategyIsWhitelistedForDeposit(StrategyBaseStandIn strategy) external view returns (bool) {
        return whitelisted[address(strategy)];
    }

    /// @notice Moves `amount` of `token` from the sender (approve this contract first) into
    /// `strategy` and credits the shares minted.
    /// @return depositShares_ The shares credited.
    function depositIntoStrategy(
        StrategyBaseStandIn strategy,
        IERC20 token,
        uint256 amount
    ) external returns (uint256 depositShares_) {
        if (!whitelisted[address(strategy)]) revert StrategyNotWhitelisted();
        token.safeTransferFrom(msg.sender, address(strategy), amount);
        depositShares_ = strategy.deposit(token, amount);
        depositShares[msg.sender][address(strategy)] += depositShares_;
    }

    /// @notice The deposit shares `staker` holds in `strategy`.
    function stakerDepositShares(address staker, address strategy) external view returns (uint256) {
        return depositShares[staker][strategy];
    }

    /// @notice DelegationManager: removes shares queued for withdrawal.
    /// @return The shares left.
    function removeDepositShares(
        address staker,
        StrategyBaseStandIn strategy,
        uint256 depositSharesToRemove
    ) external returns (uint256) {
        if (msg.sender != delegation) revert OnlyDelegationManager();
        if (depositSharesToRemove == 0) revert SharesAmountZero();
        uint256 held = depositShares[staker][address(strategy)];
        if (depositSharesToRemove > held) revert SharesAmountTooHigh();
        depositShares[staker][address(strategy)] = held - depositSharesToRemove;
        return held - depositSharesToRemove;
    }

    /// @notice DelegationManager: credits shares back (a withdrawal completed as shares).
    function addShares(address staker, StrategyBaseStandIn strategy, uint256 shares) external {
        if (msg.sender != delegation) revert OnlyDelegationManager();
        depositShares[staker][address(strategy)] += shares;
    }

    /// @notice DelegationManager: pays `shares` of `strategy` to `staker` as `token`.
    function withdrawSharesAsTokens(
        address staker,
        StrategyBaseStandIn strategy,
        IERC20 token,
        uint256 shares
    ) external {
        if (msg.sender != delegation) revert OnlyDelegationManager();
        strategy.withdraw(staker, token, shares);
    }
}
