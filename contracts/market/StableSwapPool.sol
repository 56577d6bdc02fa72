// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

import {IRateProvider} from "../interfaces/IRateProvider.sol";
import {IStableSwapPool} from "../interfaces/IStableSwapPool.sol";
import {StableSwapMath} from "./StableSwapMath.sol";
import {StableSwapOracle} from "./StableSwapOracle.sol";
import {StableSwapParameters} from "./StableSwapParameters.sol";
import {StableSwapViews} from "./StableSwapViews.sol";

/// @title StableSwapPool
/// @notice A two-coin StableSwap pool, Curve stableswap-ng's `CurveStableSwapNG.vy` (v7.0.0) restated for
/// teaching: coin 0 is native ETH, coin 1 a rate-bearing token (the LST or the LRT) whose balance counts
/// at its rate, so the curve is balanced at the token's NAV and every price is in NAV units. The pool is
/// its own ERC-20 LP token.
///
/// Where each part lives:
/// - `StableSwapMath`: the invariant (`get_D`), the balance solver (`get_y`), the dynamic fee, the spot price.
/// - `StableSwapParameters`: A and its ramp; the rate, read once per block and bounded per block.
/// - `StableSwapViews`: what each operation pays, mints and charges, on a snapshot (trades and quotes).
/// - `StableSwapOracle`: `lastPrice` and the EMA `priceOracle`.
/// - here: balances, admin fees, the trades and the liquidity functions.
///
/// Units: xp = "virtual" balances, balance × rate / 1e18 with rate = 10^(36 − decimals) × rateWad / 1e18
/// (ng's `rate_multipliers × oracle / 1e18`); ETH's rate is 1e18, so its xp is its balance in wei.
///
/// Read-only reentrancy (Curve's ETH pools, 2022): every state-changing function is `nonReentrant`,
/// updates all state before paying out, and pays ETH last; the price views revert while a call is in
/// progress, so a receiver's fallback cannot read a price mid-call.
///
/// Roles (OpenZeppelin AccessControl, as the rest of Staking Lab): `DEFAULT_ADMIN_ROLE` ramps A and
/// withdraws the admin fees (ng's factory admin and fee receiver).
contract StableSwapPool is StableSwapViews, StableSwapOracle, ERC20 {
    using SafeERC20 for IERC20;

    /// @dev LP-owned balances (wei, token units), admin fees excluded: the pool never reads `balanceOf`,
    /// so a donation moves no price. Each pair is one slot; a trade or deposit past 2^128 units (340
    /// tokens of a 36-decimal coin) reverts `BalanceTooLarge`. Admin fees are parts of balances, so fit.
    uint128[2] private _poolBalances;
    uint128[2] private _adminFees;

    /// @param coin1_ The rate-bearing token (≤ 36 decimals).
    /// @param provider_ Its rate provider (`getRate()`: WAD ETH per whole token).
    /// @param a Starting A (not ×100): 50 for the stETH-like pool, 500 for the LRT preset.
    /// @param fee_ Base fee, 1e10 = 100 % (4e6 = 0.04 %), at most 1 %.
    /// @param offpegFeeMultiplier_ m × 1e10 (2e10: ×2 at total imbalance).
    /// @param maExpTime_ τ of the EMA, seconds (866 ≈ 10-minute half-life).
    /// @param admin Holds `DEFAULT_ADMIN_ROLE`.
    /// @param name_ LP token name.
    /// @param symbol_ LP token symbol.
    constructor(
        IERC20Metadata coin1_,
        IRateProvider provider_,
        uint256 a,
        uint256 fee_,
        uint256 offpegFeeMultiplier_,
        uint256 maExpTime_,
        address admin,
        string memory name_,
        string memory symbol_
    )
        StableSwapParameters(provider_, a, fee_, offpegFeeMultiplier_)
        StableSwapViews(coin1_)
        StableSwapOracle(maExpTime_)
        ERC20(name_, symbol_)
    {
        if (admin == address(0)) revert ZeroAddress("admin");
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------ trading

    /// @inheritdoc IStableSwapPool
    function exchange(
        uint256 i,
        uint256 j,
        uint256 dx,
        uint256 minDy,
        address receiver
    ) external payable nonReentrant returns (uint256 dy) {
        _checkPair(i, j);
        if (dx == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress("receiver");
        uint256 ethIn = i == 0 ? dx : 0;
        if (msg.value != ethIn) revert EthAmountMismatch(msg.value, ethIn);
        if (i == 1) IERC20(coin1).safeTransferFrom(msg.sender, address(this), dx);

        (uint256 amp, uint256 rateWad) = _syncParams();
        uint128[2] memory bal = _poolBalances;
        _requireLiquidity(bal);
        Outcome memory out = _swap(i, dx, amp, _scaledRate(rateWad), bal);
        dy = out.dy;
        if (dy < minDy) revert ExchangeBelowMinimum(dy, minDy);

        bal[i] = _toBalance(i, bal[i] + dx);
        bal[j] -= uint128(dy + out.adminFee);
        _poolBalances = bal;
        if (out.adminFee != 0) _adminFees[j] += uint128(out.adminFee);
        _upkeepOracle(StableSwapMath.spotPrice(out.x0, out.x1, amp, out.d));
        emit TokenExchange(msg.sender, i, dx, j, dy);

        _payOut(j, dy, receiver);
    }

    /// @inheritdoc IStableSwapPool
    function getDy(uint256 i, uint256 j, uint256 dx) external view nonReentrantView returns (uint256) {
        _checkPair(i, j);
        (uint256 amp, uint256 rateWad) = _viewParams();
        uint128[2] memory bal = _poolBalances;
        _requireLiquidity(bal);
        return _swap(i, dx, amp, _scaledRate(rateWad), bal).dy;
    }

    /// @inheritdoc IStableSwapPool
    function dynamicFee(uint256 i, uint256 j) external view returns (uint256) {
        _checkPair(i, j);
        (, uint256 rateWad) = _viewParams();
        (uint256 x0, uint256 x1) = _xp(_poolBalances, _scaledRate(rateWad));
        return _dynamicFee(x0, x1, fee);
    }

    // ------------------------------------------------------------------ liquidity

    /// @inheritdoc IStableSwapPool
    function addLiquidity(
        uint256[2] calldata amounts,
        uint256 minMint,
        address receiver
    ) external payable nonReentrant returns (uint256 minted) {
        if (receiver == address(0)) revert ZeroAddress("receiver");
        if (msg.value != amounts[0]) revert EthAmountMismatch(msg.value, amounts[0]);
        if (amounts[1] != 0) IERC20(coin1).safeTransferFrom(msg.sender, address(this), amounts[1]);

        (uint256 amp, uint256 rateWad) = _syncParams();
        uint128[2] memory bal = _poolBalances;
        Deposit memory dep = _deposit(amounts, amp, _scaledRate(rateWad), bal, totalSupply());
        minted = dep.minted;
        if (minted < minMint) revert MintBelowMinimum(minted, minMint);

        uint128[2] memory admin = _adminFees;
        for (uint256 k = 0; k < 2; ++k) {
            uint256 adminFee = (dep.fees[k] * ADMIN_FEE) / FEE_DENOMINATOR;
            // ng: the LPs' half of the fee stays in the balance, the admin's half leaves it.
            bal[k] = uint128(bal[k] + amounts[k] - adminFee);
            admin[k] += uint128(adminFee);
        }
        _poolBalances = bal;
        _adminFees = admin;
        if (dep.price != 0) _upkeepOracle(dep.price);
        _mint(receiver, minted);
        emit AddLiquidity(msg.sender, amounts, dep.fees, dep.d, totalSupply());
    }

    /// @inheritdoc IStableSwapPool
    function calcTokenAmount(uint256[2] calldata amounts) external view nonReentrantView returns (uint256) {
        (uint256 amp, uint256 rateWad) = _viewParams();
        return _deposit(amounts, amp, _scaledRate(rateWad), _poolBalances, totalSupply()).minted;
    }

    /// @inheritdoc IStableSwapPool
    function removeLiquidity(
        uint256 burn,
        uint256[2] calldata minAmounts,
        address receiver
    ) external nonReentrant returns (uint256[2] memory amounts) {
        if (burn == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress("receiver");
        uint256 supply = totalSupply();
        uint128[2] memory bal = _poolBalances;
        amounts = _proportionalPayouts(bal, burn, supply);
        for (uint256 k = 0; k < 2; ++k) {
            if (amounts[k] < minAmounts[k]) revert WithdrawalBelowMinimum(k, amounts[k], minAmounts[k]);
            bal[k] -= uint128(amounts[k]);
        }
        // Burn before paying out; ng leaves the price oracle alone here (D shrinks, prices do not move).
        _burn(msg.sender, burn);
        _poolBalances = bal;
        emit RemoveLiquidity(msg.sender, amounts, supply - burn);

        _payOut(1, amounts[1], receiver);
        _payOut(0, amounts[0], receiver);
    }

    /// @inheritdoc IStableSwapPool
    function removeLiquidityOneCoin(
        uint256 burn,
        uint256 i,
        uint256 minAmount,
        address receiver
    ) external nonReentrant returns (uint256 dy) {
        if (i > 1) revert InvalidCoinIndex(i);
        if (burn == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress("receiver");
        uint256 supply = totalSupply();
        _burn(msg.sender, burn); // reverts on a burn above the caller's LP, before any maths

        (uint256 amp, uint256 rateWad) = _syncParams();
        uint128[2] memory bal = _poolBalances;
        Outcome memory out = _withdrawOne(burn, i, amp, _scaledRate(rateWad), bal, supply);
        dy = out.dy;
        if (dy < minAmount) revert WithdrawalBelowMinimum(i, dy, minAmount);

        bal[i] -= uint128(dy + out.adminFee);
        _poolBalances = bal;
        if (out.adminFee != 0) _adminFees[i] += uint128(out.adminFee);
        // Both coins are left (`_withdrawOne` reverts `WithdrawalEmptiesCoin` otherwise), so there is a price.
        _upkeepOracle(StableSwapMath.spotPrice(out.x0, out.x1, amp, out.d));
        emit RemoveLiquidityOne(msg.sender, i, burn, dy, supply - burn);

        _payOut(i, dy, receiver);
    }

    /// @inheritdoc IStableSwapPool
    function calcWithdrawOneCoin(uint256 burn, uint256 i) external view nonReentrantView returns (uint256) {
        if (i > 1) revert InvalidCoinIndex(i);
        (uint256 amp, uint256 rateWad) = _viewParams();
        return _withdrawOne(burn, i, amp, _scaledRate(rateWad), _poolBalances, totalSupply()).dy;
    }

    /// @inheritdoc IStableSwapPool
    function getVirtualPrice() external view nonReentrantView returns (uint256) {
        uint256 supply = totalSupply();
        (uint256 amp, uint256 rateWad) = _viewParams();
        (uint256 x0, uint256 x1) = _xp(_poolBalances, _scaledRate(rateWad));
        if (supply == 0) revert EmptyPool(_poolBalances[0], _poolBalances[1], supply);
        return (StableSwapMath.getD(x0, x1, amp) * PRECISION) / supply;
    }

    // ------------------------------------------------------------------ prices and state

    /// @inheritdoc IStableSwapPool
    function spotPrice() external view nonReentrantView returns (uint256) {
        (uint256 amp, uint256 rateWad) = _viewParams();
        (uint256 x0, uint256 x1) = _xp(_poolBalances, _scaledRate(rateWad));
        if (x0 == 0 || x1 == 0) revert EmptyPool(_poolBalances[0], _poolBalances[1], totalSupply());
        return StableSwapMath.spotPrice(x0, x1, amp, StableSwapMath.getD(x0, x1, amp));
    }

    /// @inheritdoc IStableSwapPool
    function balances(uint256 i) external view returns (uint256) {
        if (i > 1) revert InvalidCoinIndex(i);
        return _poolBalances[i];
    }

    /// @inheritdoc IStableSwapPool
    function adminBalances(uint256 i) external view returns (uint256) {
        if (i > 1) revert InvalidCoinIndex(i);
        return _adminFees[i];
    }

    /// @inheritdoc IStableSwapPool
    function withdrawAdminFees(
        address receiver
    ) external nonReentrant onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256[2] memory amounts) {
        if (receiver == address(0)) revert ZeroAddress("receiver");
        amounts = [uint256(_adminFees[0]), uint256(_adminFees[1])];
        delete _adminFees;
        emit AdminFeesWithdrawn(receiver, amounts);
        _payOut(1, amounts[1], receiver);
        _payOut(0, amounts[0], receiver);
    }

    /// @dev Nothing can be bought from a pool missing a coin (ng's maths would divide by zero).
    function _requireLiquidity(uint128[2] memory bal) private view {
        if (bal[0] == 0 || bal[1] == 0) revert EmptyPool(bal[0], bal[1], totalSupply());
    }

    function _checkPair(uint256 i, uint256 j) private pure {
        if (i > 1) revert InvalidCoinIndex(i);
        if (j > 1) revert InvalidCoinIndex(j);
        if (i == j) revert SameCoin(i);
    }

    /// @dev Pays `amount` of coin k. ETH goes through OpenZeppelin's `sendValue` (all gas forwarded: the
    /// receiver may be a contract; every state change is already done and the views are locked).
    function _payOut(uint256 k, uint256 amount, address receiver) private {
        if (amount == 0) return;
        if (k == 0) Address.sendValue(payable(receiver), amount);
        else IERC20(coin1).safeTransfer(receiver, amount);
    }
}
