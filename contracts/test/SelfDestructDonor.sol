// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title SelfDestructDonor
/// @notice TEST ONLY. Forces ETH into a contract without calling it, the way an attacker would
/// "donate" to move an exchange rate: SELFDESTRUCT sends the balance and runs no code at the
/// receiver, so no `receive` can refuse it. (Since Cancun, EIP-6780, the opcode no longer deletes
/// a contract created in an earlier transaction, but it still sends the ETH.)
contract SelfDestructDonor {
    /// @notice Sends all the ETH sent with the call to `target`, unconditionally.
    function donate(address payable target) external payable {
        selfdestruct(target);
    }
}
