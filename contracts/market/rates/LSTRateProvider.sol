// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDepositPool} from "../../interfaces/IDepositPool.sol";
import {IRateProvider} from "../../interfaces/IRateProvider.sol";

/// @title LSTRateProvider
/// @notice The LST's NAV as a rate provider: the deposit pool's exchange rate, wei of ETH per 1e18 LST
/// (Lido's `getPooledEthByShares(1e18)`, which Curve's wstETH pools and Morpho's wstETH oracle read).
/// It moves only with oracle reports: rewards raise it, slashing lowers it; trading never moves it.
contract LSTRateProvider is IRateProvider {
    /// @notice The liquid-staking pool whose token this prices.
    IDepositPool public immutable depositPool;

    /// @notice A zero address was given.
    error ZeroAddress();

    /// @param depositPool_ The liquid-staking pool.
    constructor(IDepositPool depositPool_) {
        if (address(depositPool_) == address(0)) revert ZeroAddress();
        depositPool = depositPool_;
    }

    /// @inheritdoc IRateProvider
    function getRate() external view returns (uint256 rateWad) {
        return depositPool.getExchangeRate();
    }
}
