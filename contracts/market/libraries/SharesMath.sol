// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {WadMath} from "./WadMath.sol";

/// @title SharesMath
/// @notice Conversions between assets and shares with virtual offsets, as Morpho Blue's
/// `SharesMathLib`: every conversion counts `VIRTUAL_SHARES` more shares and `VIRTUAL_ASSETS` more
/// assets than the market holds, so the first share price is 1 wei per 1e6 shares and a donation or
/// a rounding game cannot move it far (the virtual shares own part of every donation).
///
/// The rounding direction is in the name; the market always picks the one that favours itself
/// (the other users): shares minted down, shares burnt up, assets paid out down, assets owed up.
library SharesMath {
    using WadMath for uint256;

    /// @notice Shares that exist without an owner (Morpho: 1e6).
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    /// @notice Assets that exist without an owner (Morpho: 1 wei).
    uint256 internal constant VIRTUAL_ASSETS = 1;

    /// @dev Shares worth `assets`, rounded down.
    function toSharesDown(
        uint256 assets,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return assets.mulDivDown(totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    /// @dev Assets worth `shares`, rounded down.
    function toAssetsDown(
        uint256 shares,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return shares.mulDivDown(totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }

    /// @dev Shares worth `assets`, rounded up.
    function toSharesUp(
        uint256 assets,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return assets.mulDivUp(totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    /// @dev Assets worth `shares`, rounded up.
    function toAssetsUp(
        uint256 shares,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return shares.mulDivUp(totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }
}
