// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {FuzzLendingMarket} from "../../contracts/test/FuzzLendingMarket.sol";
import {ILendingMarket} from "../../contracts/interfaces/ILendingMarket.sol";
import {IPriceOracle} from "../../contracts/interfaces/IPriceOracle.sol";
import {FuzzInput} from "../helpers/FuzzInput.sol";

/// @title LendingMarketFuzzTest
/// @notice Fuzz tests of the lending market's health rule and liquidation incentive (Morpho Blue's
/// `_isHealthy` and `liquidate`), through `FuzzLendingMarket`:
///   LIF = min(1.15, 1 / (0.3·lltv + 0.7)), in [1, 1.15], never rising with lltv, rounded down;
///   capacity = collateral × price / 1e36 × lltv, rounded down (against the borrower), and a position is
///   healthy exactly while its debt (rounded up) is at most its capacity.
///
/// Ranges: lltv 1 wei … 1e18 − 1 (any the constructor accepts); collateral 1 … 1e30 of its smallest
/// unit; price 1e27 … 1e45 (1e36 = one smallest unit of collateral per wei: tokens of 0 … 36 decimals
/// worth 1e-9 … 1e9 ETH), each order of magnitude equally likely.
contract LendingMarketFuzzTest {
    using FuzzInput for uint256;

    uint256 private constant WAD = 1e18;
    uint256 private constant MAX_LIF = 1.15e18;
    uint256 private constant MAX_COLLATERAL = 1e30;
    uint256 private constant MIN_PRICE = 1e27;
    uint256 private constant MAX_PRICE = 1e45;
    uint256 private constant VIRTUAL_SHARES = 1e6;
    /// @dev The incentive's denominator 1 − ⌊0.3·(1 − lltv)⌋ is rounded up by ≤ 1 wei and then inverted
    /// (rounded down), so LIF lies within 2 wei below the exact 1 / (0.3·lltv + 0.7).
    uint256 private constant LIF_ROUNDING_WEI = 2;

    error LifOutOfRange(uint256 lltv, uint256 lif);
    error LifRoseWithLltv(uint256 lltvLow, uint256 lifLow, uint256 lltvHigh, uint256 lifHigh);
    error LifNotTheFormulaRoundedDown(uint256 lltv, uint256 lif, uint256 exact);
    error CapacityNotTheExactValueRoundedDown(
        uint256 posted,
        uint256 price,
        uint256 lltv,
        uint256 cap,
        uint256 exact
    );
    error CapacityFellAsCollateralOrPriceRose(uint256 capBefore, uint256 capAfter);
    error HealthyPositionRefused(uint256 borrowed, uint256 cap, bytes reason);
    error UnhealthyPositionAccepted(uint256 borrowed, uint256 cap);
    error UnexpectedRevert(bytes reason, bytes expected);

    // ------------------------------------------------------------------ liquidation incentive factor

    /// LIF lies in [1, 1.15] for every lltv the market accepts.
    function testFuzz_liquidationIncentiveFactorStaysBetweenOneAndTheCap(uint256 lltv) public {
        lltv = lltv.bound(1, WAD - 1);
        uint256 lif = _market(lltv).liquidationIncentiveFactor();
        if (lif < WAD || lif > MAX_LIF) revert LifOutOfRange(lltv, lif);
    }

    /// A market with a higher lltv never pays liquidators a larger incentive.
    function testFuzz_liquidationIncentiveFactorNeverRisesWithLltv(uint256 lltvLow, uint256 lltvHigh) public {
        lltvLow = lltvLow.bound(1, WAD - 1);
        lltvHigh = lltvHigh.bound(lltvLow, WAD - 1);
        uint256 lifLow = _market(lltvLow).liquidationIncentiveFactor();
        uint256 lifHigh = _market(lltvHigh).liquidationIncentiveFactor();
        if (lifHigh > lifLow) revert LifRoseWithLltv(lltvLow, lifLow, lltvHigh, lifHigh);
    }

    /// LIF is min(1.15, 1 / (0.3·lltv + 0.7)) = min(1.15, 1e37 / (3·lltv + 7e18)) WAD, never above it and
    /// at most LIF_ROUNDING_WEI below it; exactly 1.15 wherever the formula reaches the cap (lltv ≲ 0.565).
    function testFuzz_liquidationIncentiveFactorIsTheFormulaRoundedDown(uint256 lltv) public {
        lltv = lltv.bound(1, WAD - 1);
        uint256 lif = _market(lltv).liquidationIncentiveFactor();
        uint256 exact = Math.min(MAX_LIF, 1e37 / (3 * lltv + 7e18));
        if (lif > exact || lif + LIF_ROUNDING_WEI < exact)
            revert LifNotTheFormulaRoundedDown(lltv, lif, exact);
    }

    // ------------------------------------------------------------------ health rule

    /// capacity = ⌊⌊collateral × price / 1e36⌋ × lltv / 1e18⌋ is never above the exact value and at most
    /// 1 wei below it (each of the two floors loses less than 1 wei, and lltv < 1 never enlarges the first).
    function testFuzz_capacityIsTheExactCollateralValueTimesLltvRoundedDown(
        uint256 posted,
        uint256 price,
        uint256 lltv
    ) public {
        (posted, price, lltv) = _position(posted, price, lltv);
        uint256 cap = _market(lltv).capacity(posted, price);
        uint256 exact = Math.mulDiv(posted * price, lltv, 1e54);
        if (cap > exact || cap + 1 < exact) {
            revert CapacityNotTheExactValueRoundedDown(posted, price, lltv, cap, exact);
        }
    }

    /// More collateral, or a higher price, never lowers what a position may borrow.
    function testFuzz_capacityNeverFallsAsCollateralOrPriceRises(
        uint256 posted,
        uint256 price,
        uint256 lltv,
        uint256 morePosted,
        uint256 higherPrice
    ) public {
        (posted, price, lltv) = _position(posted, price, lltv);
        morePosted = morePosted.bound(posted, MAX_COLLATERAL);
        higherPrice = higherPrice.bound(price, MAX_PRICE);
        FuzzLendingMarket market = _market(lltv);
        uint256 capBefore = market.capacity(posted, price);
        uint256 capAfter = market.capacity(morePosted, higherPrice);
        if (capAfter < capBefore) revert CapacityFellAsCollateralOrPriceRose(capBefore, capAfter);
    }

    /// With debt shares worth a whole number of wei (the market's starting 1e6 shares per wei), a debt
    /// equal to the capacity passes the health check and one wei more reverts
    /// `UnhealthyPosition(capacity + 1, capacity)`: the boundary is exactly `borrowed ≤ capacity`.
    function testFuzz_aPositionIsHealthyExactlyUpToItsCapacity(
        uint256 posted,
        uint256 price,
        uint256 lltv,
        uint256 totalBorrowed
    ) public {
        (posted, price, lltv) = _position(posted, price, lltv);
        totalBorrowed = totalBorrowed.boundLog10(1, MAX_COLLATERAL);
        FuzzLendingMarket market = _market(lltv);
        market.setBorrowTotals(uint128(totalBorrowed), uint128(totalBorrowed * VIRTUAL_SHARES));
        uint256 cap = market.capacity(posted, price);

        try market.requireHealthy(cap * VIRTUAL_SHARES, posted, price) {} catch (bytes memory reason) {
            revert HealthyPositionRefused(cap, cap, reason);
        }
        try market.requireHealthy((cap + 1) * VIRTUAL_SHARES, posted, price) {
            revert UnhealthyPositionAccepted(cap + 1, cap);
        } catch (bytes memory reason) {
            bytes memory expected = abi.encodeWithSelector(
                ILendingMarket.UnhealthyPosition.selector,
                cap + 1,
                cap
            );
            if (keccak256(reason) != keccak256(expected)) revert UnexpectedRevert(reason, expected);
        }
    }

    // ------------------------------------------------------------------ helpers

    /// @dev A market at `lltv`; its token and oracle are this test (never called by the functions tested).
    function _market(uint256 lltv) private returns (FuzzLendingMarket) {
        return new FuzzLendingMarket(IERC20(address(this)), IPriceOracle(address(this)), lltv);
    }

    function _position(
        uint256 posted,
        uint256 price,
        uint256 lltv
    ) private pure returns (uint256, uint256, uint256) {
        return (
            posted.boundLog10(1, MAX_COLLATERAL),
            price.boundLog10(MIN_PRICE, MAX_PRICE),
            lltv.bound(1, WAD - 1)
        );
    }
}
