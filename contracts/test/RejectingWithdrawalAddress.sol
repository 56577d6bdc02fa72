// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title RejectingWithdrawalAddress
/// @notice Test double: a withdrawal address whose `receive` always reverts, to show that a sweep
/// that cannot pay reverts as a whole (`PaymentFailed`) instead of losing the ETH.
contract RejectingWithdrawalAddress {
    /// @notice Raised on every ETH transfer to this contract.
    error EtherRejected(uint256 amount);

    /// @notice Rejects all ETH.
    receive() external payable {
        revert EtherRejected(msg.value);
    }
}
