// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRateProvider} from "../interfaces/IRateProvider.sol";

/// @title LendingMockRate
/// @notice TEST ONLY. A rate provider whose rate anyone can set: the NAV a test wants, for the lending
/// market's oracles.
contract LendingMockRate is IRateProvider {
    uint256 private _rate;

    constructor(uint256 rateWad) {
        _rate = rateWad;
    }

    /// @notice Sets the rate (WAD ETH per whole token), for anyone (test only).
    function setRate(uint256 rateWad) external {
        _rate = rateWad;
    }

    /// @inheritdoc IRateProvider
    function getRate() external view returns (uint256 rateWad) {
        return _rate;
    }
}
