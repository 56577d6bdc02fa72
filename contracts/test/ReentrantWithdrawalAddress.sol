// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";

/// @title ReentrantWithdrawalAddress
/// @notice Test double: a malicious withdrawal address that, when paid by a sweep, calls `sweep`
/// again for the same validator, hoping to be paid twice. It records what happened instead of
/// reverting, so the test can see the re-entry fail while the first payment goes through.
contract ReentrantWithdrawalAddress {
    /// @notice The simulator that pays this address.
    IBeaconChainSimulator public immutable simulator;
    /// @notice Validator whose sweep is re-entered.
    uint256 public targetIndex;
    /// @notice Whether the next payment triggers a re-entry.
    bool public armed;
    /// @notice Whether a re-entrant `sweep` returned normally (the attack worked).
    bool public reentrySucceeded;
    /// @notice Revert data of the re-entrant `sweep`.
    bytes public reentryError;
    /// @notice Number of payments received.
    uint256 public paymentCount;
    /// @notice Wei received in total.
    uint256 public totalReceived;

    /// @param simulator_ The simulator to attack.
    constructor(IBeaconChainSimulator simulator_) {
        simulator = simulator_;
    }

    /// @notice Arms the attack: the next payment re-enters `sweep(index)` once.
    /// @param index Validator to sweep again.
    function arm(uint256 index) external {
        targetIndex = index;
        armed = true;
    }

    /// @notice Counts the payment, then re-enters `sweep` if armed (a complex `receive` is the point here).
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        paymentCount += 1;
        totalReceived += msg.value;
        if (!armed) return;
        armed = false;
        try simulator.sweep(targetIndex) returns (uint256) {
            reentrySucceeded = true;
        } catch (bytes memory reason) {
            reentryError = reason;
        }
    }
}
