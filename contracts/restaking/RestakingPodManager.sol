// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IRestakingPod} from "../interfaces/IRestakingPod.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {DelegationManager} from "./DelegationManager.sol";
import {SlashingLib} from "./SlashingLib.sol";

/// @title RestakingPodManager
/// @notice Native restaking in the `RestakingManager`, as EigenLayer's `EigenPodManager`: one
/// `RestakingPod` per staker (a minimal clone of one implementation), which reports its validators'
/// balance changes: gains become native-ETH shares, losses lower the owner's beacon chain slashing
/// factor `l`. An abstract part of the one deployed `RestakingManager`.
abstract contract RestakingPodManager is DelegationManager {
    using SafeCast for uint256;

    // ================================================================ pod owners

    /// @inheritdoc IRestakingManager
    function createPod() external returns (address pod) {
        address existing = podOf[msg.sender];
        if (existing != address(0)) revert PodAlreadyExists(msg.sender, existing);
        pod = Clones.clone(podImplementation);
        podOf[msg.sender] = pod;
        _podOwners[pod] = msg.sender;
        IRestakingPod(pod).initialize(msg.sender);
        emit PodDeployed(msg.sender, pod);
    }

    // ================================================================ pods

    /// @inheritdoc IRestakingManager
    function recordBeaconChainETHBalanceUpdate(
        address podOwner,
        uint256 prevRestakedBalanceWei,
        int256 balanceDeltaWei
    ) external nonReentrant {
        if (podOwner == address(0) || _podOwners[msg.sender] != podOwner) revert NotPod(msg.sender);
        if (balanceDeltaWei > 0) {
            // Native ETH shares are wei, 1:1 (EigenLayer's beacon chain ETH strategy has no exchange rate).
            uint256 added = uint256(balanceDeltaWei);
            emit Deposited(podOwner, BEACON_CHAIN_ETH, added, added);
            _addShares(podOwner, BEACON_CHAIN_ETH, added);
        } else if (balanceDeltaWei < 0) {
            _decreaseBeaconFactor(podOwner, prevRestakedBalanceWei, uint256(-balanceDeltaWei));
        }
    }

    // ================================================================ internal

    /// @dev A consensus-layer loss: `l` falls by the fraction of the pod's restaked balance lost (rounded
    /// down, against the owner); the owner's shares stay, its withdrawable shares fall with `l`.
    function _decreaseBeaconFactor(address podOwner, uint256 prevBalance, uint256 loss) internal {
        address operator = _stakers[podOwner].delegatedTo;
        if (operator != address(0)) _settleRewards(podOwner, operator, BEACON_CHAIN_ETH);
        uint256 prevFactor = beaconChainSlashingFactor(podOwner);
        uint256 newFactor = SlashingLib.decreaseBeaconFactor(prevFactor, prevBalance, loss);
        StakerInfo storage info = _stakers[podOwner];
        info.beaconFactorSet = true;
        info.beaconFactorWad = newFactor.toUint64();
        emit BeaconChainSlashingFactorDecreased(podOwner, prevFactor, newFactor);
        if (operator != address(0)) _updateWeight(podOwner, operator, BEACON_CHAIN_ETH);
    }
}
