// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RocketDAOProtocolSettingsDepositStandIn} from "./RocketDAOProtocolSettingsDepositStandIn.sol";
import {RocketStorageStandIn} from "./RocketStorageStandIn.sol";
import {RocketTokenRETHStandIn} from "./RocketTokenRETHStandIn.sol";

// Rocket Pool reverts with sentences ("The deposit pool size after depositing exceeds the maximum
// size"); the stand-in reverts exactly as it does.
// solhint-disable gas-custom-errors

/// @title RocketDepositPoolStandIn
/// @notice TEST ONLY. Stands in for RocketDepositPool (rocket-pool/rocketpool `contracts/contract/
/// deposit/RocketDepositPool.sol`): takes ETH, keeps a fee, mints rETH at the rETH contract's rate,
/// and refuses when deposits are disabled, below the minimum, or past the pool's maximum size. Its
/// balance is the collateral rETH burns draw on. Not modelled: the minipool/megapool queue. Finds
/// the settings and rETH through RocketStorage, as the real one does.
contract RocketDepositPoolStandIn {
    RocketStorageStandIn private rocketStorage;

    /// @notice Sets RocketStorage, once.
    function setUp(RocketStorageStandIn storage_) external {
        require(address(rocketStorage) == address(0), "Already set up");
        rocketStorage = storage_;
    }

    /// @notice Deposits `msg.value` ETH and mints rETH for it less the deposit fee.
    function deposit() external payable {
        RocketDAOProtocolSettingsDepositStandIn settings = _settings();
        require(settings.getDepositEnabled(), "Deposits into Rocket Pool are currently disabled");
        require(
            msg.value >= settings.getMinimumDeposit(),
            "The deposited amount is less than the minimum deposit size"
        );
        require(
            address(this).balance <= settings.getMaximumDepositPoolSize(),
            "The deposit pool size after depositing exceeds the maximum size"
        );
        uint256 fee = (msg.value * settings.getDepositFee()) / 1 ether;
        _rETH().mint(msg.value - fee, msg.sender);
    }

    /// @notice ETH in the pool (wei).
    function getBalance() public view returns (uint256) {
        return address(this).balance;
    }

    /// @notice ETH in the pool that no validator waits for (wei): all of it here (no queue).
    function getExcessBalance() external view returns (uint256) {
        return address(this).balance;
    }

    /// @notice The most a deposit may be now: the room left under the maximum size (0 if disabled).
    function getMaximumDepositAmount() external view returns (uint256) {
        RocketDAOProtocolSettingsDepositStandIn settings = _settings();
        if (!settings.getDepositEnabled()) return 0;
        uint256 maximum = settings.getMaximumDepositPoolSize();
        return getBalance() >= maximum ? 0 : maximum - getBalance();
    }

    /// @notice rETH: moves `_amount` of the excess to the rETH contract to pay a burn.
    function withdrawExcessBalance(uint256 _amount) external {
        RocketTokenRETHStandIn rETH = _rETH();
        require(msg.sender == address(rETH), "Invalid or outdated network contract");
        require(_amount <= address(this).balance, "Insufficient excess balance for withdrawal");
        rETH.depositExcess{value: _amount}();
    }

    function _settings() private view returns (RocketDAOProtocolSettingsDepositStandIn) {
        return
            RocketDAOProtocolSettingsDepositStandIn(
                rocketStorage.getAddress(
                    keccak256(abi.encodePacked("contract.address", "rocketDAOProtocolSettingsDeposit"))
                )
            );
    }

    function _rETH() private view returns (RocketTokenRETHStandIn) {
        return
            RocketTokenRETHStandIn(
                payable(
                    rocketStorage.getAddress(
                        keccak256(abi.encodePacked("contract.address", "rocketTokenRETH"))
                    )
                )
            );
    }
}
