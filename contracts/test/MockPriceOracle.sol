// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title MockPriceOracle
/// @notice TEST ONLY. A collateral price (1e36 scale) that anyone can set, to drive the lending market.
contract MockPriceOracle is IPriceOracle {
    uint256 private _price;

    constructor(uint256 price_) {
        _price = price_;
    }

    /// @notice Sets the price (wei per smallest collateral unit, scaled 1e36), for anyone (test only).
    function setPrice(uint256 price_) external {
        _price = price_;
    }

    /// @inheritdoc IPriceOracle
    function price() external view returns (uint256) {
        return _price;
    }
}
