// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPriceOracle
/// @notice A collateral price for a lending market, as Morpho Blue's `IOracle`: the price of one
/// smallest unit of the collateral token in smallest units of the loan asset (wei of ETH), scaled
/// by 1e36. For a token with `d` decimals worth `p` ETH (WAD) per whole token:
/// `price = p × 10^(36 + 18 − d) / 1e18`.
interface IPriceOracle {
    /// @notice Collateral price in wei of ETH per smallest collateral unit, scaled 1e36.
    function price() external view returns (uint256);
}
