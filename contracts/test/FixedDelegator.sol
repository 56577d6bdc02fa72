// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {StrategyTestToken} from "./StrategyTestToken.sol";

/// @title FixedDelegator
/// @notice TEST ONLY. A staker that does everything in its constructor: mints itself `amount` test
/// tokens, deposits them and delegates to `operator`. `DelegatorCrowd` creates hundreds of them per
/// transaction, so a gas test can build 1,000 delegators in seconds.
contract FixedDelegator {
    constructor(IRestakingManager manager, StrategyTestToken token, uint256 amount, address operator) {
        token.mint(address(this), amount);
        token.approve(address(manager), amount);
        manager.depositIntoStrategy(token, amount);
        manager.delegateTo(operator);
    }
}
