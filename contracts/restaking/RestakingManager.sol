// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {RestakingManagerStorage} from "./RestakingManagerStorage.sol";
import {RestakingPodManager} from "./RestakingPodManager.sol";

/// @title RestakingManager
/// @notice EigenLayer's StrategyManager, DelegationManager, AllocationManager, RewardsCoordinator and
/// EigenPodManager, simplified into one deployed contract for teaching, its source split the way
/// EigenLayer's is: `RestakingManagerStorage` (state), `StrategyManager`, `RewardsCoordinator`,
/// `AllocationManager`, `DelegationManager` and `RestakingPodManager` (one abstract contract per
/// original, composed by inheritance in that order), with the `s·k·l·m` maths in `SlashingLib`.
/// This file adds the constructor and the pauser. See `docs/restaking-manager.md`.
contract RestakingManager is RestakingPodManager {
    /// @param admin Holds the admin and pauser roles.
    /// @param simulator_ The consensus layer the pods stake on.
    /// @param withdrawalDelay_ Seconds a queued withdrawal stays slashable (EigenLayer mainnet: ~14 days).
    /// @param deallocationDelay_ Seconds a lowered allocation stays slashable (EigenLayer mainnet: ~14 days).
    /// @param allocationDelay_ Seconds before a raised allocation becomes slashable; must exceed
    /// `withdrawalDelay_` so delegators can leave first (EigenLayer: `ALLOCATION_CONFIGURATION_DELAY`,
    /// ~17.5 days against a 14-day withdrawal delay).
    /// @param defaultOperatorSplitBps_ Operators' share of service rewards at registration (EigenLayer: 10 %).
    constructor(
        address admin,
        IBeaconChainSimulator simulator_,
        uint256 withdrawalDelay_,
        uint256 deallocationDelay_,
        uint256 allocationDelay_,
        uint256 defaultOperatorSplitBps_
    )
        RestakingManagerStorage(
            admin,
            simulator_,
            withdrawalDelay_,
            deallocationDelay_,
            allocationDelay_,
            defaultOperatorSplitBps_
        )
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _addStrategy(BEACON_CHAIN_ETH);
    }

    /// @inheritdoc IRestakingManager
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IRestakingManager
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }
}
