// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title HashConsensusStandIn
/// @notice TEST ONLY. Stands in for Lido's HashConsensus (lidofinance/core
/// `contracts/0.8.9/oracle/HashConsensus.sol`): the chain's slot clock and the oracle's frames. A frame
/// is `epochsPerFrame` epochs; its reference slot is the slot before it starts, and its report must be
/// processed before it ends. Storage set by `setUp`.
contract HashConsensusStandIn {
    error AlreadySetUp();

    uint256 private slotsPerEpoch;
    uint256 private secondsPerSlot;
    uint256 private genesisTime;
    uint256 private initialEpoch;
    uint256 private epochsPerFrame;
    uint256 private fastLaneLengthSlots;

    /// @notice Sets the chain's clock and the frames, once.
    function setUp(
        uint256 slotsPerEpoch_,
        uint256 secondsPerSlot_,
        uint256 genesisTime_,
        uint256 initialEpoch_,
        uint256 epochsPerFrame_,
        uint256 fastLaneLengthSlots_
    ) external {
        if (slotsPerEpoch != 0) revert AlreadySetUp();
        slotsPerEpoch = slotsPerEpoch_;
        secondsPerSlot = secondsPerSlot_;
        genesisTime = genesisTime_;
        initialEpoch = initialEpoch_;
        epochsPerFrame = epochsPerFrame_;
        fastLaneLengthSlots = fastLaneLengthSlots_;
    }

    /// @notice Slots per epoch, seconds per slot, and the genesis time (Unix seconds).
    function getChainConfig() external view returns (uint256, uint256, uint256) {
        return (slotsPerEpoch, secondsPerSlot, genesisTime);
    }

    /// @notice The first frame's epoch, epochs per frame, and the fast lane's length in slots.
    function getFrameConfig() external view returns (uint256, uint256, uint256) {
        return (initialEpoch, epochsPerFrame, fastLaneLengthSlots);
    }

    /// @notice The current frame's reference slot and its report's deadline slot.
    function getCurrentFrame() external view returns (uint256 refSlot, uint256 reportProcessingDeadlineSlot) {
        uint256 epoch = (block.timestamp - genesisTime) / secondsPerSlot / slotsPerEpoch;
        uint256 frameStartEpoch = initialEpoch + ((epoch - initialEpoch) / epochsPerFrame) * epochsPerFrame;
        uint256 frameStartSlot = frameStartEpoch * slotsPerEpoch;
        return (frameStartSlot - 1, frameStartSlot + epochsPerFrame * slotsPerEpoch - 1);
    }
}
