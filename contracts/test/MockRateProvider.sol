// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRateProvider} from "../interfaces/IRateProvider.sol";

/// @title MockRateProvider
/// @notice TEST ONLY. A rate provider whose rate anyone can set: rewards (up), slashing (down), and the
/// jumps a rate sandwich waits for.
contract MockRateProvider is IRateProvider {
    uint256 private _rateWad;

    /// @param rateWad_ Starting rate (WAD ETH per whole token).
    constructor(uint256 rateWad_) {
        _rateWad = rateWad_;
    }

    /// @notice Sets the rate (WAD), for anyone (test only).
    function setRate(uint256 rateWad_) external {
        _rateWad = rateWad_;
    }

    /// @inheritdoc IRateProvider
    function getRate() external view returns (uint256) {
        return _rateWad;
    }
}
