// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";

/// @title BatchDepositor
/// @notice Test helper: creates many validators in one transaction, so a fixture can build a
/// network of 1,000 validators quickly to show that costs do not depend on their number.
contract BatchDepositor {
    /// @notice Deposits `count` validators with public key hashes `keccak256(first)` …
    /// `keccak256(first + count - 1)`, all paying `withdrawalAddress`.
    /// @param simulator The simulator to deposit into.
    /// @param withdrawalAddress Withdrawal address of every new validator.
    /// @param first Number hashed into the first public key hash.
    /// @param count Number of validators; `msg.value` must be `count × validatorDeposit()`.
    function depositMany(
        IBeaconChainSimulator simulator,
        address withdrawalAddress,
        uint256 first,
        uint256 count
    ) external payable {
        uint256 amount = simulator.validatorDeposit();
        for (uint256 i = 0; i < count; ++i) {
            simulator.deposit{value: amount}(keccak256(abi.encode(first + i)), withdrawalAddress);
        }
    }
}
