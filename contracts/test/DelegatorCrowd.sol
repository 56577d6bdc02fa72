// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {FixedDelegator} from "./FixedDelegator.sol";
import {StrategyTestToken} from "./StrategyTestToken.sol";

/// @title DelegatorCrowd
/// @notice TEST ONLY. Creates `count` `FixedDelegator`s in one transaction, each depositing `amount`
/// of `token` and delegating to `operator`.
contract DelegatorCrowd {
    /// @notice Creates the delegators.
    function createDelegators(
        IRestakingManager manager,
        StrategyTestToken token,
        uint256 amount,
        address operator,
        uint256 count
    ) external {
        for (uint256 i = 0; i < count; ++i) new FixedDelegator(manager, token, amount, operator);
    }
}
