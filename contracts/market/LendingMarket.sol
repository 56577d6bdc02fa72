// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {InterestRateModel} from "./InterestRateModel.sol";
import {SharesMath} from "./libraries/SharesMath.sol";
import {WadMath} from "./libraries/WadMath.sol";

/// @title LendingMarket
/// @notice One isolated market in the manner of Morpho Blue (`Morpho.sol`): a collateral token, native
/// ETH as the loan asset, an immutable `lltv` and an immutable `oracle`. Morpho keeps every market in
/// one singleton contract keyed by its parameters; here each market is its own contract, so the same
/// collateral priced by four oracles is four deployments side by side.
///
/// Accounting, as Morpho: suppliers and borrowers hold shares of two totals, `totalSupplyAssets` and
/// `totalBorrowAssets`. Interest grows both totals by the same amount, so the share prices are the
/// market's two indexes and no per-user update is needed (O(1) in the number of users). The market
/// holds at least `totalSupplyAssets − totalBorrowAssets` wei: it has no `receive`, and its totals,
/// not its balance, are the accounting (ETH forced in is ignored).
///
/// Calls are ordered checks → effects → interactions; tokens are pulled before the position is used
/// and ETH is sent last; every state-changing function is `nonReentrant` (transient storage).
contract LendingMarket is ILendingMarket, ReentrancyGuardTransient {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;
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

    uint128 private _totalSupplyAssets;
    uint128 private _totalSupplyShares;
    uint128 private _totalBorrowAssets;
    uint128 private _totalBorrowShares;
    uint64 private _lastUpdate;
    mapping(address user => Position) private _positions;

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

    // ------------------------------------------------------------------ suppliers

    /// @inheritdoc ILendingMarket
    function supply(address onBehalf) external payable nonReentrant returns (uint256 shares) {
        if (msg.value == 0) revert ZeroAmount();
        if (onBehalf == address(0)) revert ZeroAddress();
        _accrueInterest();
        uint256 totalAssets = _totalSupplyAssets;
        uint256 totalShares = _totalSupplyShares;
        // Minted down: the new supplier never gets more than it paid for.
        shares = msg.value.toSharesDown(totalAssets, totalShares);
        _positions[onBehalf].supplyShares += shares;
        _totalSupplyShares = (totalShares + shares).toUint128();
        _totalSupplyAssets = (totalAssets + msg.value).toUint128();
        emit Supply(msg.sender, onBehalf, msg.value, shares);
    }

    /// @inheritdoc ILendingMarket
    function withdraw(
        uint256 assets,
        address receiver
    ) external nonReentrant returns (uint256 withdrawn, uint256 shares) {
        if (assets == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        _accrueInterest();
        uint256 totalAssets = _totalSupplyAssets;
        uint256 totalShares = _totalSupplyShares;
        uint256 userShares = _positions[msg.sender].supplyShares;
        if (assets == type(uint256).max) {
            // Everything: burn all shares, pay what they are worth rounded down.
            shares = userShares;
            withdrawn = shares.toAssetsDown(totalAssets, totalShares);
            if (withdrawn == 0) revert ZeroAmount();
        } else {
            // Burnt up: the leaver pays any rounding, not those who stay.
            shares = assets.toSharesUp(totalAssets, totalShares);
            if (shares > userShares) {
                revert WithdrawExceedsBalance(assets, userShares.toAssetsDown(totalAssets, totalShares));
            }
            withdrawn = assets;
        }
        uint256 available = totalAssets - _totalBorrowAssets;
        if (withdrawn > available) revert InsufficientLiquidity(withdrawn, available);
        _positions[msg.sender].supplyShares = userShares - shares;
        _totalSupplyShares = (totalShares - shares).toUint128();
        _totalSupplyAssets = (totalAssets - withdrawn).toUint128();
        emit Withdraw(msg.sender, receiver, withdrawn, shares);
        _sendEth(receiver, withdrawn);
    }

    // ------------------------------------------------------------------ borrowers

    /// @inheritdoc ILendingMarket
    function supplyCollateral(uint256 assets, address onBehalf) external nonReentrant {
        if (assets == 0) revert ZeroAmount();
        if (onBehalf == address(0)) revert ZeroAddress();
        // Pulled first: the position is credited only with tokens the market holds.
        collateralToken.safeTransferFrom(msg.sender, address(this), assets);
        Position storage p = _positions[onBehalf];
        p.collateral = (p.collateral + assets).toUint128();
        emit SupplyCollateral(msg.sender, onBehalf, assets);
    }

    /// @inheritdoc ILendingMarket
    function withdrawCollateral(uint256 assets, address receiver) external nonReentrant {
        if (assets == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        _accrueInterest();
        Position storage p = _positions[msg.sender];
        uint256 posted = p.collateral;
        if (assets > posted) revert InsufficientCollateral(assets, posted);
        uint256 remaining = posted - assets;
        p.collateral = uint128(remaining); // ≤ posted, which fits
        uint256 debtShares = p.borrowShares;
        if (debtShares != 0) _requireHealthy(debtShares, remaining, oracle.price());
        emit WithdrawCollateral(msg.sender, receiver, assets);
        collateralToken.safeTransfer(receiver, assets);
    }

    /// @inheritdoc ILendingMarket
    function borrow(uint256 assets, address receiver) external nonReentrant returns (uint256 shares) {
        if (assets == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        _accrueInterest();
        uint256 totalAssets = _totalBorrowAssets;
        uint256 totalShares = _totalBorrowShares;
        // Owed up: the borrower, not the suppliers, carries the rounding.
        shares = assets.toSharesUp(totalAssets, totalShares);
        uint256 newTotalAssets = totalAssets + assets;
        uint256 supplied = _totalSupplyAssets;
        if (newTotalAssets > supplied) revert InsufficientLiquidity(assets, supplied - totalAssets);
        _totalBorrowAssets = newTotalAssets.toUint128();
        _totalBorrowShares = (totalShares + shares).toUint128();
        Position storage p = _positions[msg.sender];
        uint256 debtShares = p.borrowShares + shares;
        p.borrowShares = debtShares.toUint128();
        _requireHealthy(debtShares, p.collateral, oracle.price());
        emit Borrow(msg.sender, receiver, assets, shares);
        _sendEth(receiver, assets);
    }

    /// @inheritdoc ILendingMarket
    function repay(address onBehalf) external payable nonReentrant returns (uint256 assets, uint256 shares) {
        if (msg.value == 0) revert ZeroAmount();
        if (onBehalf == address(0)) revert ZeroAddress();
        _accrueInterest();
        Position storage p = _positions[onBehalf];
        uint256 debtShares = p.borrowShares;
        if (debtShares == 0) revert NoDebt(onBehalf);
        uint256 totalAssets = _totalBorrowAssets;
        uint256 totalShares = _totalBorrowShares;
        // Bought down: the payer never burns more debt than the ETH covers.
        shares = msg.value.toSharesDown(totalAssets, totalShares);
        if (shares >= debtShares) {
            // The whole debt: its assets rounded up; the rest goes back to the caller.
            shares = debtShares;
            assets = shares.toAssetsUp(totalAssets, totalShares);
        } else {
            assets = msg.value;
        }
        p.borrowShares = uint128(debtShares - shares); // ≤ debtShares, which fits
        _totalBorrowShares = uint128(totalShares - shares);
        // May exceed the total by 1 wei of rounding: floor at zero, as Morpho.
        _totalBorrowAssets = uint128(totalAssets.zeroFloorSub(assets));
        emit Repay(msg.sender, onBehalf, assets, shares);
        if (msg.value > assets) _sendEth(msg.sender, msg.value - assets);
    }

    /// @inheritdoc ILendingMarket
    function liquidate(
        address borrower,
        uint256 seizedAssets,
        uint256 repaidShares
    ) external payable nonReentrant returns (uint256 seized, uint256 repaidAssets) {
        if ((seizedAssets == 0) == (repaidShares == 0)) revert InconsistentInput(seizedAssets, repaidShares);
        _accrueInterest();
        Position storage p = _positions[borrower];
        uint256 price = oracle.price();
        {
            (uint256 borrowed, uint256 capacity) = _debtAndCapacity(p.borrowShares, p.collateral, price);
            if (borrowed <= capacity) revert HealthyPosition(borrowed, capacity);
        }
        (seized, repaidShares, repaidAssets) = _liquidationAmounts(seizedAssets, repaidShares, price);
        if (seized > p.collateral) revert SeizeExceedsCollateral(seized, p.collateral);
        if (repaidShares > p.borrowShares) revert RepayExceedsDebt(repaidShares, p.borrowShares);
        if (msg.value < repaidAssets) revert InsufficientPayment(msg.value, repaidAssets);
        (uint256 badDebtAssets, uint256 badDebtShares) = _settleLiquidation(
            p,
            seized,
            repaidShares,
            repaidAssets
        );

        emit Liquidate(
            msg.sender,
            borrower,
            repaidAssets,
            repaidShares,
            seized,
            badDebtAssets,
            badDebtShares
        );
        if (badDebtShares != 0) emit BadDebtWrittenOff(borrower, badDebtAssets, badDebtShares);
        if (seized != 0) collateralToken.safeTransfer(msg.sender, seized);
        if (msg.value > repaidAssets) _sendEth(msg.sender, msg.value - repaidAssets);
    }

    /// @inheritdoc ILendingMarket
    function accrueInterest() external nonReentrant {
        _accrueInterest();
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

    // ------------------------------------------------------------------ internals

    /// @dev The other side of a liquidation, from whichever of seized collateral or repaid shares is given
    /// (Morpho's `liquidate`), and the repaid assets rounded up.
    function _liquidationAmounts(
        uint256 seizedAssets,
        uint256 repaidShares,
        uint256 price
    ) private view returns (uint256 seized, uint256 shares, uint256 repaidAssets) {
        uint256 totalAssets = _totalBorrowAssets;
        uint256 totalShares = _totalBorrowShares;
        uint256 lif = liquidationIncentiveFactor;
        if (seizedAssets != 0) {
            // Collateral value quoted up, divided by the incentive up, into shares up: the liquidator
            // repays at least what the seized collateral is worth net of the incentive.
            uint256 seizedQuoted = seizedAssets.mulDivUp(price, ORACLE_PRICE_SCALE);
            shares = seizedQuoted.wDivUp(lif).toSharesUp(totalAssets, totalShares);
            seized = seizedAssets;
        } else {
            // Repaid assets down, times the incentive down, into collateral down.
            shares = repaidShares;
            uint256 repaidQuoted = shares.toAssetsDown(totalAssets, totalShares).wMulDown(lif);
            seized = repaidQuoted.mulDivDown(ORACLE_PRICE_SCALE, price);
        }
        repaidAssets = shares.toAssetsUp(totalAssets, totalShares);
    }

    /// @dev Books a liquidation; when no collateral is left, writes the rest of the debt off against the
    /// suppliers at once (Morpho's bad-debt branch) and returns what was written off.
    function _settleLiquidation(
        Position storage p,
        uint256 seized,
        uint256 repaidShares,
        uint256 repaidAssets
    ) private returns (uint256 badDebtAssets, uint256 badDebtShares) {
        uint256 debtShares = p.borrowShares - repaidShares;
        uint256 posted = p.collateral - seized;
        uint256 totalShares = _totalBorrowShares - repaidShares;
        // The repaid assets are rounded up and may exceed the total by 1 wei: floor at zero, as Morpho.
        uint256 totalAssets = uint256(_totalBorrowAssets).zeroFloorSub(repaidAssets);
        if (posted == 0 && debtShares != 0) {
            badDebtShares = debtShares;
            uint256 owed = badDebtShares.toAssetsUp(totalAssets, totalShares);
            badDebtAssets = owed < totalAssets ? owed : totalAssets;
            totalAssets -= badDebtAssets;
            totalShares -= badDebtShares;
            debtShares = 0;
            _totalSupplyAssets = uint128(uint256(_totalSupplyAssets) - badDebtAssets);
        }
        // Every value is at most the one it was computed from, so the casts cannot truncate.
        p.borrowShares = uint128(debtShares);
        p.collateral = uint128(posted);
        _totalBorrowShares = uint128(totalShares);
        _totalBorrowAssets = uint128(totalAssets);
    }

    /// @dev Grows both totals by the interest since the last update (Morpho's `_accrueInterest`).
    function _accrueInterest() private {
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
    function _expectedTotals() private view returns (uint256 supplied, uint256 borrowed) {
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
    ) private view returns (uint256 borrowed, uint256 capacity) {
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
    ) private view returns (uint256 borrowed, uint256 capacity) {
        borrowed = debtShares.toAssetsUp(_totalBorrowAssets, _totalBorrowShares);
        capacity = _capacity(posted, price);
    }

    /// @dev collateral × price / 1e36 × lltv, each step rounded down (Morpho's `_isHealthy`).
    function _capacity(uint256 posted, uint256 price) private view returns (uint256) {
        return posted.mulDivDown(price, ORACLE_PRICE_SCALE).wMulDown(lltv);
    }

    /// @dev Reverts `UnhealthyPosition` if the debt of `debtShares` exceeds what `posted` allows.
    function _requireHealthy(uint256 debtShares, uint256 posted, uint256 price) private view {
        (uint256 borrowed, uint256 capacity) = _debtAndCapacity(debtShares, posted, price);
        if (borrowed > capacity) revert UnhealthyPosition(borrowed, capacity);
    }

    /// @dev Sends ETH last, with all the gas (the receiver may be a contract); reverts on failure.
    function _sendEth(address receiver, uint256 amount) private {
        (bool ok, ) = receiver.call{value: amount}("");
        if (!ok) revert EthTransferFailed(receiver, amount);
    }
}
