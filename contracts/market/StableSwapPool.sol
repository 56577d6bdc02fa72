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

/// @title StableSwapPool
/// @notice A two-coin StableSwap pool, Curve stableswap-ng's `CurveStableSwapNG.vy` (v7.0.0) restated for
/// teaching: coin 0 is native ETH, coin 1 a rate-bearing token (the LST or the LRT) whose balance counts
/// at its rate, so the curve is balanced at the token's NAV and every price is in NAV units. The pool is
/// its own ERC-20 LP token.
///
/// Where each part lives:
/// - `StableSwapMath`: the invariant (`get_D`), the balance solver (`get_y`), the dynamic fee, the spot price.
/// - `StableSwapParameters`: A and its ramp; the rate, read once per block and bounded per block.
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
contract StableSwapPool is StableSwapParameters, StableSwapOracle, ERC20 {
    using SafeERC20 for IERC20;

    uint256 private constant PRECISION = 1e18;
    /// @dev ng's `admin_fee`: half of every fee goes to the admin.
    uint256 private constant ADMIN_FEE = 5e9;
    uint256 private constant FEE_DENOMINATOR = StableSwapMath.FEE_DENOMINATOR;

    /// @inheritdoc IStableSwapPool
    address public immutable coin1;
    /// @dev ng's `rate_multipliers[1]`: 10^(36 − decimals) (1e18 for 18 decimals, 1e15 for the LRT's 21).
    uint256 private immutable _rateMultiplier;

    /// @dev LP-owned balances (wei, token units), admin fees excluded: the pool never reads `balanceOf`,
    /// so a donation moves no price. 2^128 is far beyond any supply; each pair is one slot.
    uint128[2] private _poolBalances;
    uint128[2] private _adminFees;

    /// @dev What a trade or a one-coin withdrawal computes before any state changes.
    struct Outcome {
        uint256 dy; // coin paid out, its units
        uint256 adminFee; // coin to the admin, its units
        uint256 x0; // xp of coin 0 after (for the spot price)
        uint256 x1; // xp of coin 1 after
        uint256 d; // invariant the spot price is taken at
    }

    /// @dev What a deposit computes before any state changes.
    struct Deposit {
        uint256 minted;
        uint256[2] fees; // imbalance fee per coin, its units (half of it to the admin)
        uint256 d; // invariant after fees
        uint256 price; // spot price after (0 for the first deposit: ng keeps the oracle as is)
    }

    /// @param coin1_ The rate-bearing token (≤ 36 decimals).
    /// @param provider_ Its rate provider (`getRate()`: WAD ETH per whole token).
    /// @param a Starting A (not ×100): 50 for the stETH-like pool, 500 for the LRT preset.
    /// @param fee_ Base fee, 1e10 = 100 % (4e6 = 0.04 %), at most 1 %.
    /// @param offpegFeeMultiplier_ m × 1e10 (2e10: ×2 at total imbalance).
    /// @param maExpTime_ τ of the EMA, seconds (866 ≈ 10-minute half-life).
    /// @param admin Holds `DEFAULT_ADMIN_ROLE`.
    /// @param name_ LP token name. @param symbol_ LP token symbol.
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
        StableSwapOracle(maExpTime_)
        ERC20(name_, symbol_)
    {
        if (address(coin1_) == address(0)) revert ZeroAddress("coin1");
        if (admin == address(0)) revert ZeroAddress("admin");
        uint8 decimals_ = coin1_.decimals();
        if (decimals_ > 36) revert InvalidParameter("decimals", decimals_);
        coin1 = address(coin1_);
        _rateMultiplier = 10 ** (36 - uint256(decimals_));
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
        Outcome memory out = _swap(i, dx, amp, _scaledRate(rateWad), bal);
        dy = out.dy;
        if (dy < minDy) revert ExchangeBelowMinimum(dy, minDy);

        bal[i] += uint128(dx);
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
        return _swap(i, dx, amp, _scaledRate(rateWad), _poolBalances).dy;
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
        Deposit memory dep = _deposit(amounts, amp, _scaledRate(rateWad), bal);
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
        return _deposit(amounts, amp, _scaledRate(rateWad), _poolBalances).minted;
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
        for (uint256 k = 0; k < 2; ++k) {
            amounts[k] = (bal[k] * burn) / supply; // rounded down: the remaining LPs keep the dust
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
        // A coin withdrawn to zero has no price (ng's `_get_p` would divide by zero): keep the last one.
        if (out.x0 != 0 && out.x1 != 0) _upkeepOracle(StableSwapMath.spotPrice(out.x0, out.x1, amp, out.d));
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

    // ------------------------------------------------------------------ maths on a snapshot

    /// @dev ng's `_exchange` + `__exchange`, without state: sell `dx` of coin i.
    ///   x = xp_i + dx·r_i/1e18;  y = get_y(x, D);  Δ = xp_j − y − 1;  fee = f_dyn(avg_i, avg_j)·Δ/1e10
    ///   dy = (Δ − fee)·1e18/r_j;  admin = (fee·½)·1e18/r_j   (all floored: against the trader)
    function _swap(
        uint256 i,
        uint256 dx,
        uint256 amp,
        uint256 rate1,
        uint128[2] memory bal
    ) private view returns (Outcome memory out) {
        if (bal[0] == 0 || bal[1] == 0) revert EmptyPool(bal[0], bal[1], totalSupply());
        uint256[2] memory xp;
        (xp[0], xp[1]) = _xp(bal, rate1);
        out.d = StableSwapMath.getD(xp[0], xp[1], amp);
        // x: coin i's xp after the sale; y: coin j's, solved for at the same D.
        uint256 x = xp[i] + (i == 0 ? dx : (dx * rate1) / PRECISION);
        uint256 y = StableSwapMath.getY(x, out.d, amp);
        // The price after the trade is taken at the pre-fee point (x, y) on the same D, as ng.
        (out.x0, out.x1) = i == 0 ? (x, y) : (y, x);
        (out.dy, out.adminFee) = _swapOutput(xp[i], xp[1 - i], x, y, i == 0 ? rate1 : PRECISION);
    }

    /// @dev From (x, y) to what the trader and the admin get, in coin j's units at rate `rateJ`:
    /// Δ = xp_j − y − 1 (−1 wei for rounding, as ng); fee = f_dyn on the averages before/after.
    function _swapOutput(
        uint256 xpI,
        uint256 xpJ,
        uint256 x,
        uint256 y,
        uint256 rateJ
    ) private view returns (uint256 dy, uint256 adminFee) {
        uint256 dyXp = xpJ - y - 1;
        uint256 dyFee = (dyXp * _dynamicFee((xpI + x) / 2, (xpJ + y) / 2, fee)) / FEE_DENOMINATOR;
        dy = ((dyXp - dyFee) * PRECISION) / rateJ;
        adminFee = (((dyFee * ADMIN_FEE) / FEE_DENOMINATOR) * PRECISION) / rateJ;
    }

    /// @dev ng's `add_liquidity` without state: D₀ before, D₁ with the deposit; then, unless it is the
    /// first deposit, each coin's distance from the balance it would have in a proportional deposit pays
    /// the dynamic fee at half the base fee (f·n/(4(n−1))), and LP is minted on D₂ net of fees:
    /// supply × (D₂ − D₀)/D₀, floored. The first deposit mints D₁.
    function _deposit(
        uint256[2] calldata amounts,
        uint256 amp,
        uint256 rate1,
        uint128[2] memory bal
    ) private view returns (Deposit memory dep) {
        uint256 supply = totalSupply();
        if (supply == 0 && (amounts[0] == 0 || amounts[1] == 0)) {
            revert InitialDepositRequiresAllCoins(amounts[0], amounts[1]);
        }
        uint128[2] memory newBal = [uint128(bal[0] + amounts[0]), uint128(bal[1] + amounts[1])];
        uint256 d0 = _d(bal, rate1, amp);
        uint256 d1 = _d(newBal, rate1, amp);
        if (d1 <= d0) revert InvariantNotIncreased(d0, d1);
        if (supply == 0) {
            dep.minted = d1; // ng: the first depositor takes any dust
            dep.d = d1;
            return dep;
        }
        dep.fees = _imbalanceFees(bal, newBal, rate1, d0, d1);
        newBal[0] -= uint128(dep.fees[0]);
        newBal[1] -= uint128(dep.fees[1]);
        (uint256 x0, uint256 x1) = _xp(newBal, rate1);
        dep.d = StableSwapMath.getD(x0, x1, amp);
        dep.minted = (supply * (dep.d - d0)) / d0;
        dep.price = StableSwapMath.spotPrice(x0, x1, amp, dep.d);
    }

    /// @dev ng's imbalance fee of `add_liquidity`: per coin, the distance between its new balance and
    /// the balance a proportional deposit would have given (ideal = D₁·old/D₀), times the dynamic fee
    /// at f·n/(4(n−1)) = f/2 judged on xs = r·(old + new) against ys = (D₀ + D₁)/2. Floored.
    function _imbalanceFees(
        uint128[2] memory bal,
        uint128[2] memory newBal,
        uint256 rate1,
        uint256 d0,
        uint256 d1
    ) private view returns (uint256[2] memory fees) {
        uint256 ys = (d0 + d1) / 2;
        for (uint256 k = 0; k < 2; ++k) {
            uint256 ideal = (d1 * bal[k]) / d0;
            uint256 difference = ideal > newBal[k] ? ideal - newBal[k] : newBal[k] - ideal;
            uint256 xs = ((k == 0 ? PRECISION : rate1) * (uint256(bal[k]) + newBal[k])) / PRECISION;
            fees[k] = (_dynamicFee(xs, ys, (fee * 2) / 4) * difference) / FEE_DENOMINATOR;
        }
    }

    /// @dev ng's `_calc_withdraw_one_coin` without state: D₁ = D₀ − burn·D₀/supply; the coin's balance at
    /// D₁ is solved for (`get_y_D`); the expected per-coin changes pay the dynamic fee at half the base
    /// fee; dy = (xp_i,reduced − get_y_D(xp_reduced, D₁) − 1)·1e18/r_i, floored. The fee is what the LP
    /// would have had without it, minus dy; half of it goes to the admin.
    function _withdrawOne(
        uint256 burn,
        uint256 i,
        uint256 amp,
        uint256 rate1,
        uint128[2] memory bal,
        uint256 supply
    ) private view returns (Outcome memory out) {
        if (supply == 0 || bal[0] == 0 || bal[1] == 0) revert EmptyPool(bal[0], bal[1], supply);
        if (burn > supply) revert BurnExceedsSupply(burn, supply);
        uint256[2] memory xp;
        (xp[0], xp[1]) = _xp(bal, rate1);
        uint256 rateI = i == 0 ? PRECISION : rate1;
        uint256 newY;
        {
            uint256 d0 = StableSwapMath.getD(xp[0], xp[1], amp);
            out.d = d0 - (burn * d0) / supply;
            newY = StableSwapMath.getY(xp[1 - i], out.d, amp);
            uint256[2] memory reduced = _reducedXp(xp, i, d0, out.d, newY);
            uint256 dyXp = reduced[i] - StableSwapMath.getY(reduced[1 - i], out.d, amp);
            out.dy = ((dyXp - 1) * PRECISION) / rateI; // −1 wei for rounding, as ng
        }
        // fee = what the coin would have paid without fees (ng's dy_0) − dy; half of it to the admin.
        out.adminFee = ((((xp[i] - newY) * PRECISION) / rateI - out.dy) * ADMIN_FEE) / FEE_DENOMINATOR;
        xp[i] = newY;
        (out.x0, out.x1) = (xp[0], xp[1]);
    }

    /// @dev ng's fee of a one-coin withdrawal, on the expected per-coin changes at f/2 judged against
    /// ys = (D₀ + D₁)/4: coin i changes by xp_i·D₁/D₀ − newY (judged on the average of before and after),
    /// the other coin by xp_j − xp_j·D₁/D₀ (judged on its balance). Returns the balances net of fees.
    function _reducedXp(
        uint256[2] memory xp,
        uint256 i,
        uint256 d0,
        uint256 d1,
        uint256 newY
    ) private view returns (uint256[2] memory reduced) {
        uint256 ys = (d0 + d1) / 4;
        uint256 baseFee = (fee * 2) / 4;
        uint256 j = 1 - i;
        reduced[i] =
            xp[i] -
            (_dynamicFee((xp[i] + newY) / 2, ys, baseFee) * ((xp[i] * d1) / d0 - newY)) / FEE_DENOMINATOR;
        reduced[j] =
            xp[j] - (_dynamicFee(xp[j], ys, baseFee) * (xp[j] - (xp[j] * d1) / d0)) / FEE_DENOMINATOR;
    }

    /// @dev ng's `_xp_mem`: coin 0 (ETH, rate 1e18) counts as is; coin 1 at `rate1`, floored.
    function _xp(uint128[2] memory bal, uint256 rate1) private pure returns (uint256 x0, uint256 x1) {
        return (bal[0], (bal[1] * rate1) / PRECISION);
    }

    /// @dev ng's `get_D_mem`: D of balances `bal` at `rate1`.
    function _d(uint128[2] memory bal, uint256 rate1, uint256 amp) private pure returns (uint256) {
        (uint256 x0, uint256 x1) = _xp(bal, rate1);
        return StableSwapMath.getD(x0, x1, amp);
    }

    /// @dev ng's `_stored_rates` for coin 1: 10^(36 − decimals) × rateWad / 1e18, floored.
    function _scaledRate(uint256 rateWad) private view returns (uint256) {
        return (_rateMultiplier * rateWad) / PRECISION;
    }

    /// @dev ng's `_dynamic_fee` with this pool's multiplier, on base fee `baseFee`.
    function _dynamicFee(uint256 xi, uint256 xj, uint256 baseFee) private view returns (uint256) {
        return StableSwapMath.dynamicFee(xi, xj, baseFee, offpegFeeMultiplier);
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
