// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPriceOracle} from "./IPriceOracle.sol";

/// @title ILendingMarket
/// @notice An isolated lending market in the manner of Morpho Blue, one market per contract: suppliers
/// lend native ETH, borrowers post one collateral token (the LST or the LRT) and borrow ETH against
/// it up to `lltv` of its value as `oracle` prices it. Anyone may liquidate a position whose debt
/// exceeds that limit, with no close factor, and is paid a fixed incentive in collateral. When a
/// liquidation takes the last of a borrower's collateral, the debt left is bad debt: it is written
/// off against the suppliers at once, visibly (`BadDebtWrittenOff`).
///
/// Units: ETH amounts (`assets` of supply, borrow, repay) are wei; `collateral` amounts are the
/// token's smallest units (18 decimals for the LST, 21 for the LRT); `shares` are the market's
/// internal units (1e6 shares per wei at the start); rates, `lltv` and factors are WAD (1e18 = 1);
/// `price` is the oracle's, scaled 1e36 (Morpho's `ORACLE_PRICE_SCALE`).
///
/// Rounding always favours the market (and so the other users), as Morpho Blue: shares minted down
/// and burnt up, debt counted up, borrowing capacity counted down.
interface ILendingMarket {
    /// @notice A user's shares and collateral (Morpho's `Position`).
    /// @param supplyShares Supply shares (a claim on `totalSupplyAssets`).
    /// @param borrowShares Borrow shares (a debt of part of `totalBorrowAssets`).
    /// @param collateral Collateral posted, in the token's smallest units.
    struct Position {
        uint256 supplyShares;
        uint128 borrowShares;
        uint128 collateral;
    }

    // ------------------------------------------------------------------ events

    /// @notice `caller` supplied `assets` wei for `onBehalf`, who received `shares`.
    event Supply(address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    /// @notice `caller` burnt `shares` and sent `assets` wei to `receiver`.
    event Withdraw(address indexed caller, address indexed receiver, uint256 assets, uint256 shares);
    /// @notice `caller` posted `assets` collateral for `onBehalf`.
    event SupplyCollateral(address indexed caller, address indexed onBehalf, uint256 assets);
    /// @notice `caller` took back `assets` of its collateral and sent them to `receiver`.
    event WithdrawCollateral(address indexed caller, address indexed receiver, uint256 assets);
    /// @notice `caller` borrowed `assets` wei, owing `shares`, and sent them to `receiver`.
    event Borrow(address indexed caller, address indexed receiver, uint256 assets, uint256 shares);
    /// @notice `caller` repaid `assets` wei of `onBehalf`'s debt, burning `shares`.
    event Repay(address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    /// @notice `caller` repaid `repaidAssets` wei (`repaidShares`) of `borrower`'s debt and seized
    /// `seizedAssets` collateral; `badDebtAssets` wei (`badDebtShares`) were then written off.
    event Liquidate(
        address indexed caller,
        address indexed borrower,
        uint256 repaidAssets,
        uint256 repaidShares,
        uint256 seizedAssets,
        uint256 badDebtAssets,
        uint256 badDebtShares
    );
    /// @notice `borrower`'s collateral ran out with `badDebtAssets` wei (`badDebtShares`) still owed: the
    /// debt was cancelled and `totalSupplyAssets` fell by the same amount (the suppliers' loss).
    event BadDebtWrittenOff(address indexed borrower, uint256 badDebtAssets, uint256 badDebtShares);
    /// @notice Interest accrued: `interest` wei added to both totals at `borrowRate` per second (WAD).
    event InterestAccrued(uint256 borrowRate, uint256 interest);

    // ------------------------------------------------------------------ errors

    /// @notice An amount was zero where it must be positive.
    error ZeroAmount();
    /// @notice An address was zero.
    error ZeroAddress();
    /// @notice The constructor's `lltv` is not strictly between 0 and 1 (WAD).
    error InvalidLltv(uint256 lltv);
    /// @notice A withdrawal of `assets` wei exceeds the `maxAssets` the caller's shares are worth.
    error WithdrawExceedsBalance(uint256 assets, uint256 maxAssets);
    /// @notice `assets` wei requested, only `available` wei are not lent out.
    error InsufficientLiquidity(uint256 assets, uint256 available);
    /// @notice `assets` collateral requested, the caller has only `collateral`.
    error InsufficientCollateral(uint256 assets, uint256 collateral);
    /// @notice After the call the position would owe `borrowed` wei, more than its `maxBorrow`.
    error UnhealthyPosition(uint256 borrowed, uint256 maxBorrow);
    /// @notice The position owes `borrowed` wei, within its `maxBorrow`: it cannot be liquidated.
    error HealthyPosition(uint256 borrowed, uint256 maxBorrow);
    /// @notice Exactly one of `seizedAssets` and `repaidShares` must be non-zero.
    error InconsistentInput(uint256 seizedAssets, uint256 repaidShares);
    /// @notice A liquidation would seize `seizedAssets`, more than the `collateral` posted.
    error SeizeExceedsCollateral(uint256 seizedAssets, uint256 collateral);
    /// @notice A liquidation would repay `repaidShares`, more than the `borrowShares` owed.
    error RepayExceedsDebt(uint256 repaidShares, uint256 borrowShares);
    /// @notice Shares were given to repay while the oracle says 0: the collateral they would buy is
    /// unbounded (Morpho divides by zero here). Give the collateral to seize instead.
    error ZeroPrice();
    /// @notice `sent` wei came with the call, `required` wei were needed.
    error InsufficientPayment(uint256 sent, uint256 required);
    /// @notice `onBehalf` owes nothing to repay.
    error NoDebt(address onBehalf);
    /// @notice Sending `amount` wei to `receiver` failed.
    error EthTransferFailed(address receiver, uint256 amount);

    // ------------------------------------------------------------------ suppliers

    /// @notice Lends the ETH sent: `onBehalf` receives supply shares worth it, rounded down (as Morpho's
    /// `supply` with `assets`). Accrues interest first.
    /// @param onBehalf Who owns the shares.
    /// @return shares Supply shares minted.
    function supply(address onBehalf) external payable returns (uint256 shares);

    /// @notice Burns the caller's supply shares worth `assets` wei, rounded up, and sends the ETH to
    /// `receiver`. `type(uint256).max` withdraws everything the caller's shares are worth (rounded
    /// down). Reverts `WithdrawExceedsBalance` beyond the caller's shares, `InsufficientLiquidity` if
    /// the ETH is lent out.
    /// @param assets Wei to withdraw, or `type(uint256).max` for all.
    /// @param receiver Who receives the ETH.
    /// @return withdrawn Wei sent.
    /// @return shares Supply shares burnt.
    function withdraw(uint256 assets, address receiver) external returns (uint256 withdrawn, uint256 shares);

    // ------------------------------------------------------------------ borrowers

    /// @notice Posts `assets` of the collateral token (needs an allowance) as `onBehalf`'s collateral.
    /// Does not accrue interest (collateral earns none), as Morpho.
    /// @param assets Collateral units.
    /// @param onBehalf Whose position receives it.
    function supplyCollateral(uint256 assets, address onBehalf) external;

    /// @notice Takes back `assets` of the caller's collateral and sends them to `receiver`; the position
    /// must stay healthy (`UnhealthyPosition`).
    /// @param assets Collateral units.
    /// @param receiver Who receives the tokens.
    function withdrawCollateral(uint256 assets, address receiver) external;

    /// @notice Borrows `assets` wei against the caller's collateral, owing shares rounded up, and sends
    /// them to `receiver`. The position must stay healthy and the market must hold the ETH.
    /// @param assets Wei to borrow.
    /// @param receiver Who receives the ETH.
    /// @return shares Borrow shares owed.
    function borrow(uint256 assets, address receiver) external returns (uint256 shares);

    /// @notice Repays `onBehalf`'s debt with the ETH sent: the shares it buys are rounded down. If the ETH
    /// sent is more than the whole debt (rounded up), the whole debt is repaid and the excess is sent
    /// back to the caller, so sending a little more than `borrowAssetsOf` closes a position.
    /// @param onBehalf Whose debt.
    /// @return assets Wei kept for the repayment.
    /// @return shares Borrow shares burnt.
    function repay(address onBehalf) external payable returns (uint256 assets, uint256 shares);

    /// @notice Liquidates an unhealthy position (Morpho's `liquidate`): exactly one of `seizedAssets` and
    /// `repaidShares` is given and the other is computed with the incentive `LIF`:
    /// `seized = repaid × LIF / price` (seized rounded down from repaid shares; repaid shares rounded up
    /// from seized assets). The caller sends at least the repaid assets (rounded up); any excess is
    /// returned. If the borrower has no collateral left, the rest of its debt is written off.
    /// CAUTION: as in Morpho, an oracle price of 0 says the collateral is worthless: it can then be
    /// seized for nothing and the debt written off (repaying shares reverts `ZeroPrice`). The oracle
    /// is the market's trust point.
    /// @param borrower The unhealthy position.
    /// @param seizedAssets Collateral to seize, or 0.
    /// @param repaidShares Borrow shares to repay, or 0.
    /// @return seized Collateral sent to the caller.
    /// @return repaidAssets Wei kept for the repayment.
    function liquidate(
        address borrower,
        uint256 seizedAssets,
        uint256 repaidShares
    ) external payable returns (uint256 seized, uint256 repaidAssets);

    /// @notice Accrues interest up to now (anyone may call it; every other function does it first).
    function accrueInterest() external;

    // ------------------------------------------------------------------ views

    /// @notice The collateral token.
    function collateralToken() external view returns (IERC20);

    /// @notice The collateral's price source (immutable).
    function oracle() external view returns (IPriceOracle);

    /// @notice Liquidation loan-to-value (WAD, immutable).
    function lltv() external view returns (uint256);

    /// @notice Liquidation incentive factor: min(1.15, 1 / (0.3 × lltv + 0.7)) (WAD, rounded down).
    function liquidationIncentiveFactor() external view returns (uint256);

    /// @notice ETH supplied plus interest, accrued up to now (wei).
    function totalSupplyAssets() external view returns (uint256);

    /// @notice Supply shares in existence.
    function totalSupplyShares() external view returns (uint256);

    /// @notice ETH borrowed plus interest, accrued up to now (wei).
    function totalBorrowAssets() external view returns (uint256);

    /// @notice Borrow shares in existence.
    function totalBorrowShares() external view returns (uint256);

    /// @notice Timestamp of the last interest accrual (seconds).
    function lastUpdate() external view returns (uint256);

    /// @notice Borrow rate per second at the current totals (WAD).
    function borrowRate() external view returns (uint256);

    /// @notice `user`'s shares and collateral.
    function position(address user) external view returns (Position memory);

    /// @notice `user`'s supply shares.
    function supplyShares(address user) external view returns (uint256);

    /// @notice `user`'s borrow shares.
    function borrowShares(address user) external view returns (uint256);

    /// @notice `user`'s collateral (token units).
    function collateral(address user) external view returns (uint256);

    /// @notice Wei `user`'s supply shares are worth now, rounded down.
    function supplyAssetsOf(address user) external view returns (uint256);

    /// @notice Wei `user` owes now, rounded up.
    function borrowAssetsOf(address user) external view returns (uint256);

    /// @notice The most `user` may owe: collateral × price / 1e36 × lltv, rounded down (wei).
    function maxBorrow(address user) external view returns (uint256);

    /// @notice Whether `user`'s debt (rounded up) is within `maxBorrow` (rounded down).
    function isHealthy(address user) external view returns (bool);

    /// @notice `maxBorrow × 1e18 / debt` (WAD, rounded down): ≥ 1e18 iff healthy;
    /// `type(uint256).max` without debt.
    function healthFactor(address user) external view returns (uint256);
}
