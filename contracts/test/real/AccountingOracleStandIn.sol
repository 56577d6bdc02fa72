// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title AccountingOracleStandIn
/// @notice TEST ONLY. Stands in for Lido's AccountingOracle (lidofinance/core
/// `contracts/0.8.9/oracle/AccountingOracle.sol`) at its Hoodi address: which HashConsensus keeps its
/// frames, and the reference slot of the last report processed. Storage set by `setUp`.
contract AccountingOracleStandIn {
    error NotAdmin(address sender);

    address private consensus;
    uint256 private lastProcessingRefSlot;
    address private admin;

    /// @notice Sets the consensus contract and the admin (who records reports), once.
    function setUp(address consensus_, address admin_) external {
        if (admin != address(0)) revert NotAdmin(msg.sender);
        consensus = consensus_;
        admin = admin_;
    }

    /// @notice The HashConsensus whose frames time the reports.
    function getConsensusContract() external view returns (address) {
        return consensus;
    }

    /// @notice The reference slot of the last report processed.
    function getLastProcessingRefSlot() external view returns (uint256) {
        return lastProcessingRefSlot;
    }

    /// @notice Admin: a report for `refSlot` was processed (the oracle committee's part).
    function recordReport(uint256 refSlot) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        lastProcessingRefSlot = refSlot;
    }
}
