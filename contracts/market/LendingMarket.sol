// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {MarketAccounting} from "./MarketAccounting.sol";
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
/// The state, interest accrual, the health rule and the views live in `MarketAccounting`; this file
/// holds what users do. Calls are ordered checks → effects → interactions; tokens are pulled before
/// the position is used and ETH is sent last; every state-changing function is `nonReentrant`
/// (OpenZeppelin's `ReentrancyGuard`, one storage slot, as the rest of Staking Lab).
contract LendingMarket is MarketAccounting, ReentrancyGuard {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;
    using SharesMath for uint256;
    using WadMath for uint256;

    /// @param collateralToken_ The collateral (an ERC-20 without transfer fees or rebasing: the LST or the LRT).
    /// @param oracle_ Its price in wei per smallest unit, scaled 1e36.
    /// @param lltv_ Liquidation loan-to-value, WAD, strictly between 0 and 1 (86 % = 0.86e18).
    constructor(
        IERC20 collateralToken_,
        IPriceOracle oracle_,
        uint256 lltv_
    ) MarketAccounting(collateralToken_, oracle_, lltv_) {}

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
            // Repaid assets down, times the incentive down, into collateral down (none at a price of 0).
            if (price == 0) revert ZeroPrice();
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

    /// @dev Sends ETH last, with all the gas (the receiver may be a contract); reverts on failure.
    function _sendEth(address receiver, uint256 amount) private {
        (bool ok, ) = receiver.call{value: amount}("");
        if (!ok) revert EthTransferFailed(receiver, amount);
    }
}
