// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SharesMath} from "../../../contracts/market/libraries/SharesMath.sol";
import {FuzzInput} from "../../helpers/FuzzInput.sol";

/// @title SharesMathFuzzTest
/// @notice Fuzz tests of the lending market's share conversions (`SharesMath`, Morpho Blue's
/// `SharesMathLib`): a conversion there and back never creates assets or shares, the rounded-up
/// conversion is the rounded-down one or one more, and a debt never comes back smaller than it was borrowed.
///
/// Ranges: any market the uint128 totals can hold (amounts and totals up to 2^127, so a product of
/// two fits 256 bits), each order of magnitude equally likely, including an empty market.
contract SharesMathFuzzTest {
    using FuzzInput for uint256;
    using SharesMath for uint256;

    uint256 private constant MAX_AMOUNT = 2 ** 127;

    error RoundTripCreatedAssets(uint256 assets, uint256 totalAssets, uint256 totalShares, uint256 back);
    error RoundTripCreatedShares(uint256 shares, uint256 totalAssets, uint256 totalShares, uint256 back);
    error RoundedUpOutsideDownPlusOne(
        uint256 amount,
        uint256 totalAssets,
        uint256 totalShares,
        uint256 down,
        uint256 up
    );
    error DebtCameBackSmaller(uint256 borrowed, uint256 totalAssets, uint256 totalShares, uint256 owed);

    /// Shares minted for `assets` (down) are never worth more than `assets` (down): depositing and
    /// withdrawing at once gives back at most what went in.
    function testFuzz_toAssetsDownOfToSharesDownNeverCreatesAssets(
        uint256 assets,
        uint256 totalAssets,
        uint256 totalShares
    ) public pure {
        (assets, totalAssets, totalShares) = _market(assets, totalAssets, totalShares);
        uint256 shares = assets.toSharesDown(totalAssets, totalShares);
        uint256 back = shares.toAssetsDown(totalAssets, totalShares);
        if (back > assets) revert RoundTripCreatedAssets(assets, totalAssets, totalShares, back);
    }

    /// The assets `shares` are worth (down) never buy back more than `shares` (down).
    function testFuzz_toSharesDownOfToAssetsDownNeverCreatesShares(
        uint256 shares,
        uint256 totalAssets,
        uint256 totalShares
    ) public pure {
        (shares, totalAssets, totalShares) = _market(shares, totalAssets, totalShares);
        uint256 assets = shares.toAssetsDown(totalAssets, totalShares);
        uint256 back = assets.toSharesDown(totalAssets, totalShares);
        if (back > shares) revert RoundTripCreatedShares(shares, totalAssets, totalShares, back);
    }

    /// toSharesUp is toSharesDown or one more share.
    function testFuzz_toSharesUpIsToSharesDownOrOneMore(
        uint256 assets,
        uint256 totalAssets,
        uint256 totalShares
    ) public pure {
        (assets, totalAssets, totalShares) = _market(assets, totalAssets, totalShares);
        uint256 down = assets.toSharesDown(totalAssets, totalShares);
        uint256 up = assets.toSharesUp(totalAssets, totalShares);
        if (up < down || up > down + 1) {
            revert RoundedUpOutsideDownPlusOne(assets, totalAssets, totalShares, down, up);
        }
    }

    /// toAssetsUp is toAssetsDown or one more wei.
    function testFuzz_toAssetsUpIsToAssetsDownOrOneMore(
        uint256 shares,
        uint256 totalAssets,
        uint256 totalShares
    ) public pure {
        (shares, totalAssets, totalShares) = _market(shares, totalAssets, totalShares);
        uint256 down = shares.toAssetsDown(totalAssets, totalShares);
        uint256 up = shares.toAssetsUp(totalAssets, totalShares);
        if (up < down || up > down + 1) {
            revert RoundedUpOutsideDownPlusOne(shares, totalAssets, totalShares, down, up);
        }
    }

    /// Borrowing `assets` records its debt in shares rounded up, and those shares are owed rounded up:
    /// the debt is never smaller than what was borrowed.
    function testFuzz_aDebtIsNeverOwedBelowWhatWasBorrowed(
        uint256 borrowed,
        uint256 totalAssets,
        uint256 totalShares
    ) public pure {
        (borrowed, totalAssets, totalShares) = _market(borrowed, totalAssets, totalShares);
        uint256 shares = borrowed.toSharesUp(totalAssets, totalShares);
        uint256 owed = shares.toAssetsUp(totalAssets, totalShares);
        if (owed < borrowed) revert DebtCameBackSmaller(borrowed, totalAssets, totalShares, owed);
    }

    /// @dev An amount and a market's totals in range; an empty market (both totals 0) is as likely as
    /// any decade.
    function _market(
        uint256 amount,
        uint256 totalAssets,
        uint256 totalShares
    ) private pure returns (uint256, uint256, uint256) {
        return (_amount(amount), _amount(totalAssets), _amount(totalShares));
    }

    /// @dev 0 one time in 40, else 1 … 2^127 with every order of magnitude equally likely.
    function _amount(uint256 x) private pure returns (uint256) {
        if (x % 40 == 0) return 0;
        return (x / 40).boundLog10(1, MAX_AMOUNT);
    }
}
