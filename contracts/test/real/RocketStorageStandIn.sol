// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title RocketStorageStandIn
/// @notice TEST ONLY. Stands in for RocketStorage (rocket-pool/rocketpool `contracts/contract/
/// RocketStorage.sol`) at its Hoodi address: Rocket Pool's registry, where every contract is found
/// under `keccak256(abi.encodePacked("contract.address", name))`. Storage set by `setUp`.
contract RocketStorageStandIn {
    error NotGuardian(address sender);

    mapping(bytes32 key => address) private addressStorage;
    address private guardian;

    /// @notice Sets the guardian (who may register contracts), once.
    function setUp(address guardian_) external {
        if (guardian != address(0)) revert NotGuardian(msg.sender);
        guardian = guardian_;
    }

    /// @notice The guardian.
    function getGuardian() external view returns (address) {
        return guardian;
    }

    /// @notice The address stored under `_key` (zero when none).
    function getAddress(bytes32 _key) external view returns (address) {
        return addressStorage[_key];
    }

    /// @notice Guardian: stores `_value` under `_key` (in Rocket Pool, the network's own contracts).
    function setAddress(bytes32 _key, address _value) external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        addressStorage[_key] = _value;
    }
}
