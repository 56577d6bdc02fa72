// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ILRTVault} from "../../interfaces/ILRTVault.sol";
import {IRateProvider} from "../../interfaces/IRateProvider.sol";

/// @title LRTRateProvider
/// @notice The LRT's NAV as a rate provider: wei of ETH per whole LRT (10^21 units: the vault's 18
/// decimals plus its offset of 3) = vault rate (LST per LRT) × LST rate (ETH per LST), read from
/// `ILRTVault.lrtRateInEth`, as ether.fi's `weETH.getRate()` or Renzo's TVL / supply. A consensus-layer
/// slashing lowers the LST rate and an AVS slashing the vault rate: both reach this rate, multiplied.
contract LRTRateProvider is IRateProvider {
    /// @notice The liquid-restaking vault whose token this prices.
    ILRTVault public immutable vault;

    /// @notice A zero address was given.
    error ZeroAddress();

    /// @param vault_ The liquid-restaking vault.
    constructor(ILRTVault vault_) {
        if (address(vault_) == address(0)) revert ZeroAddress();
        vault = vault_;
    }

    /// @inheritdoc IRateProvider
    function getRate() external view returns (uint256 rateWad) {
        return vault.lrtRateInEth();
    }
}
