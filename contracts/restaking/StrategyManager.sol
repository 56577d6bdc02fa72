// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {RestakingManagerStorage} from "./RestakingManagerStorage.sol";

/// @title StrategyManager
/// @notice Strategies of the `RestakingManager`, as EigenLayer's `StrategyManager` and `StrategyBase`: one
/// strategy per accepted token (native ETH first, as EigenLayer's `beaconChainETHStrategy`), deposits
/// into it for shares, and the share price with 1e3 virtual shares and tokens against inflation.
/// An abstract part of the one deployed `RestakingManager`.
abstract contract StrategyManager is RestakingManagerStorage {
    using SafeERC20 for IERC20;

    // ================================================================ admin

    /// @inheritdoc IRestakingManager
    function addStrategy(IERC20 token) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(token) == address(0)) revert ZeroAddress("token");
        if (_strategies[token].exists) revert AlreadyAdded(token);
        if (_strategyTokens.length == MAX_STRATEGIES) revert TooMany(MAX_STRATEGIES);
        _addStrategy(token);
    }

    // ================================================================ stakers

    /// @inheritdoc IRestakingManager
    function depositIntoStrategy(
        IERC20 token,
        uint256 amount
    ) external nonReentrant whenNotPaused returns (uint256 shares) {
        if (token == BEACON_CHAIN_ETH) revert UseAPodForNativeETH();
        Strategy storage strategy = _requireStrategy(token);
        // Shares from accounted holdings plus the virtual offset, rounded down (the strategy's favour):
        // a donation does not move the rate, and an inflation attack would need to beat 1e3 virtual
        // shares (EigenLayer's StrategyBase).
        shares = Math.mulDiv(
            amount,
            strategy.totalShares + VIRTUAL_OFFSET,
            strategy.totalAssets + VIRTUAL_OFFSET
        );
        if (shares == 0) revert ZeroShares(amount);
        // Tokens in before shares out: a reentrant hook finds no shares to use.
        token.safeTransferFrom(msg.sender, address(this), amount);
        strategy.totalShares += shares;
        strategy.totalAssets += amount;
        emit Deposited(msg.sender, token, amount, shares);
        _addShares(msg.sender, token, shares);
    }

    // ================================================================ views

    /// @inheritdoc IRestakingManager
    function strategyTokens() external view returns (IERC20[] memory) {
        return _strategyTokens;
    }

    /// @inheritdoc IRestakingManager
    function getStrategy(IERC20 token) external view returns (Strategy memory) {
        return _strategies[token];
    }

    /// @inheritdoc IRestakingManager
    function sharesToUnderlying(IERC20 token, uint256 shares) public view returns (uint256) {
        if (token == BEACON_CHAIN_ETH) return shares;
        Strategy storage strategy = _strategies[token];
        return
            Math.mulDiv(shares, strategy.totalAssets + VIRTUAL_OFFSET, strategy.totalShares + VIRTUAL_OFFSET);
    }

    /// @inheritdoc IRestakingManager
    function underlyingToShares(IERC20 token, uint256 amount) external view returns (uint256) {
        if (token == BEACON_CHAIN_ETH) return amount;
        Strategy storage strategy = _strategies[token];
        return
            Math.mulDiv(amount, strategy.totalShares + VIRTUAL_OFFSET, strategy.totalAssets + VIRTUAL_OFFSET);
    }

    /// @inheritdoc IRestakingManager
    function depositShares(address staker, IERC20 token) external view returns (uint256) {
        return _positions[staker][token].depositShares;
    }

    // ================================================================ internal

    function _addStrategy(IERC20 token) internal {
        _strategies[token].exists = true;
        _strategyTokens.push(token);
        emit StrategyAdded(token);
    }

    /// @dev Credits new deposit shares to `staker` (and to its operator): `DelegationManager`'s.
    function _addShares(address staker, IERC20 token, uint256 shares) internal virtual;
}
