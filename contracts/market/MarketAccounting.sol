// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {InterestRateModel} from "./InterestRateModel.sol";
import {SharesMath} from "./libraries/SharesMath.sol";
import {WadMath} from "./libraries/WadMath.sol";

/// @title MarketAccounting
/// @notice The lending market's state and its bookkeeping, apart from the actions that change it
/// (`LendingMarket`): the parameters, the four totals and the positions (Morpho Blue's `Market` and
/// `Position`), interest accrual (Morpho's `_accrueInterest`), the health rule (Morpho's
/// `_isHealthy`) and every view. Views include interest accrued up to now, as Morpho's
/// `MorphoBalancesLib` computes it off chain.
abstract contract MarketAccounting is ILendingMarket {
    using SafeCast for uint256;
    using SharesMath for uint256;
    using WadMath for uint256;

    /// @notice Scale of oracle prices (Morpho's `ORACLE_PRICE_SCALE`).
    uint256 public constant ORACLE_PRICE_SCALE = 1e36;
    /// @notice Largest liquidation incentive factor: 1.15 (Morpho's `MAX_LIQUIDATION_INCENTIVE_FACTOR`).
    uint256 public constant MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15 ether;
    /// @notice β of the incentive formula: 0.3 (Morpho's `LIQUIDATION_CURSOR`).
    uint256 public constant LIQUIDATION_CURSOR = 0.3 ether;

    /// @inheritdoc ILendingMarket
    IERC20 public immutable collateralToken;
    /// @inheritdoc ILendingMarket
    IPriceOracle public immutable oracle;
    /// @inheritdoc ILendingMarket
    uint256 public immutable lltv;
    /// @inheritdoc ILendingMarket
    uint256 public immutable liquidationIncentiveFactor;

    // ------------------------------------------------------------------ storage
    // Morpho's layout: the supply totals in one slot, the borrow totals in another, and per user the
    // supply shares in one slot and the borrow shares with the collateral in the next. 2^128 wei and
    // shares are far beyond any supply (SafeCast reverts before a silent truncation).

    uint128 internal _totalSupplyAssets;
    uint128 internal _totalSupplyShares;
    uint128 internal _totalBorrowAssets;
    uint128 internal _totalBorrowShares;
    uint64 internal _lastUpdate;
    mapping(address user => Position) internal _positions;

    /// @param collateralToken_ The collateral (an ERC-20 without transfer fees or rebasing: the LST or the LRT).
    /// @param oracle_ Its price in wei per smallest unit, scaled 1e36.
    /// @param lltv_ Liquidation loan-to-value, WAD, strictly between 0 and 1 (86 % = 0.86e18).
    constructor(IERC20 collateralToken_, IPriceOracle oracle_, uint256 lltv_) {
        if (address(collateralToken_) == address(0) || address(oracle_) == address(0)) revert ZeroAddress();
        if (lltv_ == 0 || lltv_ >= WadMath.WAD) revert InvalidLltv(lltv_);
        collateralToken = collateralToken_;
        oracle = oracle_;
        lltv = lltv_;
        // LIF = min(M, 1 / (1 − β·(1 − lltv))) = min(M, 1 / (β·lltv + 1 − β)), as Morpho's `liquidate`.
        uint256 lif = WadMath.WAD.wDivDown(WadMath.WAD - LIQUIDATION_CURSOR.wMulDown(WadMath.WAD - lltv_));
        liquidationIncentiveFactor =
            lif < MAX_LIQUIDATION_INCENTIVE_FACTOR ? lif : MAX_LIQUIDATION_INCENTIVE_FACTOR;
        _lastUpdate = uint64(block.timestamp);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ILendingMarket
    function totalSupplyAssets() external view returns (uint256 supplied) {
        (supplied, ) = _expectedTotals();
    }

    /// @inheritdoc ILendingMarket
    function totalSupplyShares() external view returns (uint256) {
        return _totalSupplyShares;
    }

    /// @inheritdoc ILendingMarket
    function totalBorrowAssets() external view returns (uint256 borrowed) {
        (, borrowed) = _expectedTotals();
    }

    /// @inheritdoc ILendingMarket
    function totalBorrowShares() external view returns (uint256) {
        return _totalBorrowShares;
    }

    /// @inheritdoc ILendingMarket
    function lastUpdate() external view returns (uint256) {
        return _lastUpdate;
    }

    /// @inheritdoc ILendingMarket
    function borrowRate() external view returns (uint256) {
        return InterestRateModel.borrowRate(_totalSupplyAssets, _totalBorrowAssets);
    }

    /// @inheritdoc ILendingMarket
    function position(address user) external view returns (Position memory) {
        return _positions[user];
    }

    /// @inheritdoc ILendingMarket
    function supplyShares(address user) external view returns (uint256) {
        return _positions[user].supplyShares;
    }

    /// @inheritdoc ILendingMarket
    function borrowShares(address user) external view returns (uint256) {
        return _positions[user].borrowShares;
    }

    /// @inheritdoc ILendingMarket
    function collateral(address user) external view returns (uint256) {
        return _positions[user].collateral;
    }

    /// @inheritdoc ILendingMarket
    function supplyAssetsOf(address user) external view returns (uint256) {
        (uint256 supplied, ) = _expectedTotals();
        return _positions[user].supplyShares.toAssetsDown(supplied, _totalSupplyShares);
    }

    /// @inheritdoc ILendingMarket
    function borrowAssetsOf(address user) external view returns (uint256) {
        (, uint256 borrowed) = _expectedTotals();
        return uint256(_positions[user].borrowShares).toAssetsUp(borrowed, _totalBorrowShares);
    }

    /// @inheritdoc ILendingMarket
    function maxBorrow(address user) external view returns (uint256) {
        return _capacity(_positions[user].collateral, oracle.price());
    }

    /// @inheritdoc ILendingMarket
    function isHealthy(address user) external view returns (bool) {
        (uint256 borrowed, uint256 capacity) = _expectedDebtAndCapacity(user);
        return borrowed <= capacity;
    }

    /// @inheritdoc ILendingMarket
    function healthFactor(address user) external view returns (uint256) {
        (uint256 borrowed, uint256 capacity) = _expectedDebtAndCapacity(user);
        if (borrowed == 0) return type(uint256).max;
        return capacity.wDivDown(borrowed);
    }

    // ------------------------------------------------------------------ accrual and health

    /// @dev Grows both totals by the interest since the last update (Morpho's `_accrueInterest`).
    function _accrueInterest() internal {
        uint256 elapsed = block.timestamp - _lastUpdate;
        if (elapsed == 0) return;
        uint256 borrowed = _totalBorrowAssets;
        if (borrowed != 0) {
            uint256 supplied = _totalSupplyAssets;
            uint256 rate = InterestRateModel.borrowRate(supplied, borrowed);
            uint256 interest = borrowed.wMulDown(rate.wTaylorCompounded(elapsed));
            _totalBorrowAssets = (borrowed + interest).toUint128();
            _totalSupplyAssets = (supplied + interest).toUint128();
            emit InterestAccrued(rate, interest);
        }
        _lastUpdate = uint64(block.timestamp);
    }

    /// @dev The totals as `_accrueInterest` would leave them now (Morpho's `expectedMarketBalances`).
    function _expectedTotals() internal view returns (uint256 supplied, uint256 borrowed) {
        supplied = _totalSupplyAssets;
        borrowed = _totalBorrowAssets;
        uint256 elapsed = block.timestamp - _lastUpdate;
        if (elapsed != 0 && borrowed != 0) {
            uint256 rate = InterestRateModel.borrowRate(supplied, borrowed);
            uint256 interest = borrowed.wMulDown(rate.wTaylorCompounded(elapsed));
            supplied += interest;
            borrowed += interest;
        }
    }

    /// @dev Debt rounded up and capacity rounded down of `user` with interest accrued to now.
    function _expectedDebtAndCapacity(
        address user
    ) internal view returns (uint256 borrowed, uint256 capacity) {
        Position memory p = _positions[user];
        (, uint256 totalBorrowed) = _expectedTotals();
        borrowed = uint256(p.borrowShares).toAssetsUp(totalBorrowed, _totalBorrowShares);
        capacity = _capacity(p.collateral, oracle.price());
    }

    /// @dev Debt rounded up and capacity rounded down at the stored (already accrued) totals.
    function _debtAndCapacity(
        uint256 debtShares,
        uint256 posted,
        uint256 price
    ) internal view returns (uint256 borrowed, uint256 capacity) {
        borrowed = debtShares.toAssetsUp(_totalBorrowAssets, _totalBorrowShares);
        capacity = _capacity(posted, price);
    }

    /// @dev collateral × price / 1e36 × lltv, each step rounded down (Morpho's `_isHealthy`).
    function _capacity(uint256 posted, uint256 price) internal view returns (uint256) {
        return posted.mulDivDown(price, ORACLE_PRICE_SCALE).wMulDown(lltv);
    }

    /// @dev Reverts `UnhealthyPosition` if the debt of `debtShares` exceeds what `posted` allows.
    function _requireHealthy(uint256 debtShares, uint256 posted, uint256 price) internal view {
        (uint256 borrowed, uint256 capacity) = _debtAndCapacity(debtShares, posted, price);
        if (borrowed > capacity) revert UnhealthyPosition(borrowed, capacity);
    }
}
