// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {StrategyManagerStandIn} from "./StrategyManagerStandIn.sol";

/// @title StrategyBaseStandIn
/// @notice TEST ONLY. Stands in for an EigenLayer strategy (Layr-Labs/eigenlayer-contracts
/// `src/contracts/strategies/StrategyBase.sol`) at the Hoodi stETH strategy's address: it holds one
/// token and counts deposits in shares, with EigenLayer's virtual offset of 1e3 shares and 1e3 wei
/// (against the inflation attack); a deposit that would mint 0 shares reverts. Storage set by `setUp`.
contract StrategyBaseStandIn {
    using SafeERC20 for IERC20;

    /// @notice The virtual shares and balance added to both sides of the rate.
    uint256 internal constant SHARES_OFFSET = 1e3;
    uint256 internal constant BALANCE_OFFSET = 1e3;

    error OnlyStrategyManager();
    error OnlyUnderlyingToken();
    error NewSharesZero();
    error WithdrawalAmountExceedsTotalDeposits();
    error AlreadySetUp();

    StrategyManagerStandIn private strategyManager;
    IERC20 private token;
    uint256 private totalShares_;

    /// @notice Sets the strategy manager and the token, once.
    function setUp(StrategyManagerStandIn manager, IERC20 token_) external {
        if (address(token) != address(0)) revert AlreadySetUp();
        strategyManager = manager;
        token = token_;
    }

    /// @notice The token this strategy holds.
    function underlyingToken() external view returns (IERC20) {
        return token;
    }

    /// @notice All shares of this strategy.
    function totalShares() external view returns (uint256) {
        return totalShares_;
    }

    /// @notice The token `amountShares` are worth now, rounded down.
    function sharesToUnderlyingView(uint256 amountShares) public view returns (uint256) {
        return
            ((token.balanceOf(address(this)) + BALANCE_OFFSET) * amountShares) /
            (totalShares_ + SHARES_OFFSET);
    }

    /// @notice The shares `amountUnderlying` of the token buys now, rounded down.
    function underlyingToSharesView(uint256 amountUnderlying) external view returns (uint256) {
        return
            ((totalShares_ + SHARES_OFFSET) * amountUnderlying) /
            (token.balanceOf(address(this)) + BALANCE_OFFSET);
    }

    /// @notice The token `user`'s deposit shares are worth now.
    function userUnderlyingView(address user) external view returns (uint256) {
        return sharesToUnderlyingView(strategyManager.stakerDepositShares(user, address(this)));
    }

    /// @notice Strategy manager: `amount` of the token has arrived; mints its shares (priced on the
    /// balance before it, rounded down).
    /// @return newShares The shares minted.
    function deposit(IERC20 token_, uint256 amount) external returns (uint256 newShares) {
        if (msg.sender != address(strategyManager)) revert OnlyStrategyManager();
        if (token_ != token) revert OnlyUnderlyingToken();
        uint256 priorBalance = token.balanceOf(address(this)) - amount;
        newShares = ((totalShares_ + SHARES_OFFSET) * amount) / (priorBalance + BALANCE_OFFSET);
        if (newShares == 0) revert NewSharesZero();
        totalShares_ += newShares;
    }

    /// @notice Strategy manager: burns `amountShares` and sends what they are worth to `recipient`.
    function withdraw(address recipient, IERC20 token_, uint256 amountShares) external {
        if (msg.sender != address(strategyManager)) revert OnlyStrategyManager();
        if (token_ != token) revert OnlyUnderlyingToken();
        if (amountShares > totalShares_) revert WithdrawalAmountExceedsTotalDeposits();
        uint256 amountOut = sharesToUnderlyingView(amountShares);
        totalShares_ -= amountShares;
        token.safeTransfer(recipient, amountOut);
    }
}
