// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRateProvider
/// @notice The rate of a rate-bearing token, as Curve stableswap-ng's oracle coins and Balancer's rate
/// providers read it: wei of ETH that one whole token (10^decimals units) is worth, scaled 1e18.
interface IRateProvider {
    /// @notice Wei of ETH per whole token, 1e18 = 1:1 (the token's NAV, moved by rewards and losses).
    function getRate() external view returns (uint256 rateWad);
}
