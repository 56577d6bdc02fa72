// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title RocketDAOProtocolSettingsDepositStandIn
/// @notice TEST ONLY. Stands in for Rocket Pool's deposit settings (rocket-pool/rocketpool
/// `contracts/contract/dao/protocol/settings/RocketDAOProtocolSettingsDeposit.sol`): set by the
/// protocol DAO under their paths ("deposit.enabled", "deposit.minimum", "deposit.pool.maximum",
/// "deposit.fee"). Storage set by `setUp` and the guardian's `setSetting…`.
contract RocketDAOProtocolSettingsDepositStandIn {
    error NotGuardian(address sender);

    mapping(bytes32 path => uint256) private settings;
    address private guardian;

    /// @notice Sets the guardian (the DAO's part), once.
    function setUp(address guardian_) external {
        if (guardian != address(0)) revert NotGuardian(msg.sender);
        guardian = guardian_;
    }

    /// @notice Guardian: sets a numeric setting (wei, or a fraction with 18 decimals for the fee).
    function setSettingUint(string calldata _settingPath, uint256 _value) external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        settings[keccak256(bytes(_settingPath))] = _value;
    }

    /// @notice Guardian: sets a true/false setting.
    function setSettingBool(string calldata _settingPath, bool _value) external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        settings[keccak256(bytes(_settingPath))] = _value ? 1 : 0;
    }

    /// @notice Whether deposits are accepted.
    function getDepositEnabled() external view returns (bool) {
        return settings[keccak256("deposit.enabled")] == 1;
    }

    /// @notice The smallest deposit (wei).
    function getMinimumDeposit() external view returns (uint256) {
        return settings[keccak256("deposit.minimum")];
    }

    /// @notice The most ETH the deposit pool may hold (wei).
    function getMaximumDepositPoolSize() external view returns (uint256) {
        return settings[keccak256("deposit.pool.maximum")];
    }

    /// @notice The deposit fee, a fraction with 18 decimals (0.0005 ether = 0.05 %).
    function getDepositFee() external view returns (uint256) {
        return settings[keccak256("deposit.fee")];
    }
}
