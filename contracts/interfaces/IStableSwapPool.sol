// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRateProvider} from "./IRateProvider.sol";

/// @title IStableSwapPool
/// @notice A two-coin StableSwap pool in the manner of Curve stableswap-ng: coin 0 is native ETH,
/// coin 1 a rate-bearing token whose balance is scaled by its rate, so prices are in NAV units
/// (1e18 = the token trades at its NAV). The pool is its own ERC-20 LP token.
///
/// Units: coin 0 amounts are wei; coin 1 amounts are the token's smallest unit (10^decimals per
/// token: 18 for the LST, 21 for the LRT); LP amounts have 18 decimals; prices and rates are WAD;
/// fees are fractions of 1e10 (1e10 = 100 %, ng's `FEE_DENOMINATOR`); A is the contract's A
/// (the whitepaper's A × 2 for two coins), `APrecise` is A × 100.
///
/// Rounding is always on the pool's side (the LPs'), never the trader's: the invariant D and the balance
/// the pool keeps are rounded up (⌈D⌉, ⌈y⌉: ng's are within ±1 wei), fees up, outputs down and 1 wei less
/// before fees (as ng), LP minted down on ⌊D⌋ after against ⌈D⌉ before. No trade lowers D and no round
/// trip returns more than it sold (`docs/market.md`, "Where the model differs from ng").
interface IStableSwapPool {
    // ------------------------------------------------------------------ events (ng's names)

    /// @notice `buyer` sold `tokensSold` of coin `soldId` for `tokensBought` of coin `boughtId`.
    event TokenExchange(
        address indexed buyer,
        uint256 soldId,
        uint256 tokensSold,
        uint256 boughtId,
        uint256 tokensBought
    );
    /// @notice `provider` deposited `amounts`, paid `fees` (per coin, imbalance fee), leaving invariant
    /// `invariant` and LP supply `tokenSupply`.
    event AddLiquidity(
        address indexed provider,
        uint256[2] amounts,
        uint256[2] fees,
        uint256 invariant,
        uint256 tokenSupply
    );
    /// @notice `provider` burnt LP for `amounts` in proportion to the balances (no fee).
    event RemoveLiquidity(address indexed provider, uint256[2] amounts, uint256 tokenSupply);
    /// @notice `provider` burnt `tokenAmount` LP for `coinAmount` of coin `tokenId`.
    event RemoveLiquidityOne(
        address indexed provider,
        uint256 tokenId,
        uint256 tokenAmount,
        uint256 coinAmount,
        uint256 tokenSupply
    );
    /// @notice A ramp of A (×100) from `oldA` to `newA` between `initialTime` and `futureTime` began.
    event RampA(uint256 oldA, uint256 newA, uint256 initialTime, uint256 futureTime);
    /// @notice The ramp of A stopped at `currentA` (×100) at time `t`.
    event StopRampA(uint256 currentA, uint256 t);
    /// @notice The rate in use moved to `storedRate` (WAD); the provider said `providerRate`; they differ
    /// when the per-block bound clipped the move.
    event RateUpdated(uint256 providerRate, uint256 storedRate);
    /// @notice The admin's half of the fees, `amounts` per coin, was paid to `receiver`.
    event AdminFeesWithdrawn(address indexed receiver, uint256[2] amounts);

    // ------------------------------------------------------------------ errors

    /// @notice A coin index other than 0 (ETH) or 1 (the token).
    error InvalidCoinIndex(uint256 index);
    /// @notice `exchange` with `i == j`.
    error SameCoin(uint256 index);
    /// @notice A zero amount where a positive one is needed (`dx`, `burn`).
    error ZeroAmount();
    /// @notice The ETH sent does not match the ETH amount of the call (`exchange` selling ETH, `addLiquidity`).
    error EthAmountMismatch(uint256 sent, uint256 expected);
    /// @notice A trade would pay `dy`, less than the caller's `minDy`.
    error ExchangeBelowMinimum(uint256 dy, uint256 minDy);
    /// @notice A deposit would mint `minted` LP, less than the caller's `minMint`.
    error MintBelowMinimum(uint256 minted, uint256 minMint);
    /// @notice A withdrawal would pay `amount` of coin `index`, less than the caller's `minAmount`.
    error WithdrawalBelowMinimum(uint256 index, uint256 amount, uint256 minAmount);
    /// @notice The first deposit must bring both coins (ng: "initial deposit requires all coins").
    error InitialDepositRequiresAllCoins(uint256 amount0, uint256 amount1);
    /// @notice A deposit that does not raise the invariant (`d1 <= d0`), e.g. all zero amounts; or whose
    /// invariant after the imbalance fee, rounded down, is not above the invariant before, rounded up
    /// (`d1` is then ⌊D₂⌋: a dust deposit whose fee takes back what it added).
    error InvariantNotIncreased(uint256 d0, uint256 d1);
    /// @notice A price or value asked of a pool without liquidity (LP supply or a balance is 0).
    error EmptyPool(uint256 balance0, uint256 balance1, uint256 lpSupply);
    /// @notice Selling `dx` of coin `index` frees less than 1 wei of the other coin: the balance the pool
    /// keeps, rounded up, is all it holds (1 wei of ETH into a balanced pool, or a sale worth under a wei,
    /// e.g. < 981 units of a 21-decimal token at rate 1.02), so there is nothing to pay (ng underflows or
    /// pays 0 here).
    error ExchangeTooSmall(uint256 index, uint256 dx);
    /// @notice A trade or deposit would take coin `index`'s balance (token units) above the 128 bits the
    /// pool stores it in (`maxBalance` = 2^128 − 1; about 340 whole tokens of a 36-decimal coin). Not in ng
    /// (it stores uint256); without it the excess was credited modulo 2^128 and lost to the LPs.
    error BalanceTooLarge(uint256 index, uint256 balance, uint256 maxBalance);
    /// @notice A one-coin withdrawal quote for more LP than exists.
    error BurnExceedsSupply(uint256 burn, uint256 supply);
    /// @notice A one-coin withdrawal would take all of coin `index` (its balance, rounded up, solves to at
    /// most 1 wei at the reduced invariant), leaving the other coin to little or no LP; ng reverts at the
    /// same point (`_get_p` divides by zero). The last LP leaves through `removeLiquidity`.
    error WithdrawalEmptiesCoin(uint256 index, uint256 burn, uint256 supply);
    /// @notice `rampA` less than a day after the last ramp began (`earliest` is when it may).
    error RampTooSoon(uint256 nowTimestamp, uint256 earliest);
    /// @notice `rampA` ending less than a day from now.
    error RampTooShort(uint256 futureTime, uint256 earliest);
    /// @notice A target A outside 0 < A < 1,000,000 (ng's `MAX_A`).
    error AOutOfRange(uint256 futureA);
    /// @notice A ramp that would change A (×100) by more than ×10 or ÷10 (ng's `MAX_A_CHANGE`).
    error AChangeTooLarge(uint256 currentA, uint256 futureA);
    /// @notice An off-peg fee multiplier above the pool's bound (1e12, ×100): beyond it the dynamic fee's
    /// (m − 1)·4·xi·xj could overflow at reachable balances (fee 1, m 5e19 did at 2.4e28 wei each).
    error OffpegFeeMultiplierTooLarge(uint256 offpegFeeMultiplier, uint256 maxOffpegFeeMultiplier);
    /// @notice A constructor argument outside its allowed range.
    error InvalidParameter(string name, uint256 value);
    /// @notice A zero address where one is needed.
    error ZeroAddress(string name);

    // ------------------------------------------------------------------ coins and rates

    /// @notice The rate-bearing token (coin 1).
    function coin1() external view returns (address);

    /// @notice Where the pool reads coin 1's rate.
    function rateProvider() external view returns (IRateProvider);

    /// @notice Coin 1's rate the pool's maths uses now (WAD ETH per whole token), after the per-block
    /// bound on its moves: read once per block; a rise capped at min(fee × blocks since the last read,
    /// 1 %); a fall taken at once.
    function storedRate() external view returns (uint256 rateWad);

    /// @notice LP-owned balance of coin `i` (admin fees excluded; a donation is not counted).
    /// @param i 0 for ETH (wei), 1 for the token (its units).
    function balances(uint256 i) external view returns (uint256);

    /// @notice Admin fees of coin `i` held by the pool and not yet withdrawn (ng's `admin_balances`).
    function adminBalances(uint256 i) external view returns (uint256);

    // ------------------------------------------------------------------ trading

    /// @notice Sell `dx` of coin `i` for at least `minDy` of coin `j`, paid to `receiver` (ng's
    /// `exchange`). Selling ETH (i = 0): send exactly `dx` as `msg.value`; selling the token: approve
    /// the pool first, send no ETH.
    /// @param i Coin sold (0 ETH, 1 token).
    /// @param j Coin bought.
    /// @param dx Amount of coin i sold, in its units.
    /// @param minDy Slippage bound: the least of coin j accepted.
    /// @param receiver Who receives coin j.
    /// @return dy Coin j paid, after the dynamic fee (rounded up), rounded down (−1 wei before the fee, as
    /// ng); priced at ⌈y⌉ on ⌈D⌉.
    /// @dev Reverts `InvalidCoinIndex`, `SameCoin`, `ZeroAmount`, `ZeroAddress`, `EthAmountMismatch`,
    /// `EmptyPool`, `ExchangeTooSmall`, `ExchangeBelowMinimum`.
    function exchange(
        uint256 i,
        uint256 j,
        uint256 dx,
        uint256 minDy,
        address receiver
    ) external payable returns (uint256 dy);

    /// @notice What `exchange(i, j, dx, …)` would pay now (ng's `get_dy`), fee included. Reverts while a
    /// pool call is in progress, with `EmptyPool` before the first deposit and `ExchangeTooSmall`.
    function getDy(uint256 i, uint256 j, uint256 dx) external view returns (uint256 dy);

    /// @notice The fee (1e10 = 100 %) a marginal trade between coins i and j pays now (ng's `dynamic_fee`).
    function dynamicFee(uint256 i, uint256 j) external view returns (uint256);

    // ------------------------------------------------------------------ liquidity

    /// @notice Deposit `amounts` (wei of ETH, token units) for LP tokens minted to `receiver` (ng's
    /// `add_liquidity`). Send `amounts[0]` as `msg.value`; approve `amounts[1]` first. The first deposit
    /// needs both coins and mints ⌈D⌉; later ones mint supply × (⌊D₂⌋ − ⌈D₀⌉)/⌈D₀⌉, where D₂ is the
    /// invariant after the imbalance fee (a deposit off the pool's proportions pays ng's fee on the
    /// difference, rounded up).
    /// @param minMint Slippage bound: the least LP accepted.
    /// @return minted LP minted, rounded down.
    /// @dev Reverts `EthAmountMismatch`, `InitialDepositRequiresAllCoins`, `InvariantNotIncreased`,
    /// `MintBelowMinimum`, `ZeroAddress`.
    function addLiquidity(
        uint256[2] calldata amounts,
        uint256 minMint,
        address receiver
    ) external payable returns (uint256 minted);

    /// @notice LP that `addLiquidity(amounts, …)` would mint now, imbalance fee included (ng's
    /// `calc_token_amount` for a deposit). Reverts while a pool call is in progress.
    function calcTokenAmount(uint256[2] calldata amounts) external view returns (uint256 minted);

    /// @notice Burn `burn` LP for both coins in proportion to the balances, no fee (ng's
    /// `remove_liquidity`); works whatever the rate or A, with no curve maths at all.
    /// Rounding (not ng's ⌊balance × burn / supply⌋): with left = supply − burn the pool keeps at least
    /// ⌈ETH × left / supply + ½⌉ wei and ⌈token × left / supply⌉ + ⌈4 × 10^(decimals − 18)⌉ token units,
    /// so the virtual price does not fall on the exit (at token rates of 0.375 ETH or more); the exit
    /// pays at most 1 wei of ETH and 1 + ⌈4 × 10^(decimals − 18)⌉ token units less than ng. The last
    /// LP (burn = supply) takes both balances.
    /// @param minAmounts Slippage bounds per coin.
    /// @return amounts Paid per coin, rounded down.
    /// @dev Reverts `ZeroAmount`, `WithdrawalBelowMinimum`, OpenZeppelin's `ERC20InsufficientBalance`.
    function removeLiquidity(
        uint256 burn,
        uint256[2] calldata minAmounts,
        address receiver
    ) external returns (uint256[2] memory amounts);

    /// @notice Burn `burn` LP for coin `i` only (ng's `remove_liquidity_one_coin`): the invariant falls by
    /// burn/supply, the coin's balance is solved for (`get_y_D`), and the imbalance fee is charged.
    /// @param minAmount Slippage bound.
    /// @return dy Coin i paid, rounded down (−1 wei, as ng).
    /// @dev Reverts `InvalidCoinIndex`, `ZeroAmount`, `WithdrawalBelowMinimum`, `ERC20InsufficientBalance`,
    /// `WithdrawalEmptiesCoin` (the whole supply, or so nearly that coin i would solve to 0).
    function removeLiquidityOneCoin(
        uint256 burn,
        uint256 i,
        uint256 minAmount,
        address receiver
    ) external returns (uint256 dy);

    /// @notice What `removeLiquidityOneCoin(burn, i, …)` would pay now (ng's `calc_withdraw_one_coin`).
    /// Reverts while a pool call is in progress; `EmptyPool`, `BurnExceedsSupply`, `InvalidCoinIndex`,
    /// `WithdrawalEmptiesCoin`.
    function calcWithdrawOneCoin(uint256 burn, uint256 i) external view returns (uint256 dy);

    /// @notice Value of one LP token in the invariant's units, D × 1e18 / supply (WAD). Rises with fees;
    /// falls only when the rate falls or A is ramped down on an imbalanced pool (INV-9). Reverts while a
    /// pool call is in progress.
    function getVirtualPrice() external view returns (uint256);

    // ------------------------------------------------------------------ prices (all in NAV units)

    /// @notice State price of coin 1 in coin 0, in NAV units (WAD): d(coin 0) / d(coin 1) at the margin.
    /// Reverts while a pool call is in progress (read-only reentrancy defence).
    function spotPrice() external view returns (uint256 priceWad);

    /// @notice Spot price right after the last state-changing action, in NAV units (WAD), capped at 2e18.
    /// Reverts while a pool call is in progress.
    function lastPrice() external view returns (uint256 priceWad);

    /// @notice Exponential moving average of `lastPrice` (stableswap-ng's `price_oracle`), NAV units (WAD).
    /// α = exp(−Δt/τ) with τ = `maExpTime`; the price of an action enters only at the next block's update.
    /// Reverts while a pool call is in progress.
    function priceOracle() external view returns (uint256 priceWad);

    /// @notice τ of the EMA in seconds (ng's `ma_exp_time`; half-life = τ·ln 2, 866 s ≈ 10 minutes).
    function maExpTime() external view returns (uint256);

    // ------------------------------------------------------------------ parameters

    // A and APrecise are ng's names (`A`, `A_precise`), kept for readers of Curve.
    // solhint-disable func-name-mixedcase
    /// @notice Amplification A now (ng's `A()`: the ramp's current point, divided by 100).
    function A() external view returns (uint256);

    /// @notice Amplification A × 100 now (ng's `A_precise()`).
    function APrecise() external view returns (uint256);
    // solhint-enable func-name-mixedcase

    /// @notice Target of the current or last ramp, A × 100 (ng's `future_A`).
    function futureAPrecise() external view returns (uint256);

    /// @notice When the current or last ramp reaches its target (ng's `future_A_time`, seconds).
    function futureATime() external view returns (uint256);

    /// @notice Base fee, 1e10 = 100 % (ng's `fee`).
    function fee() external view returns (uint256);

    /// @notice Off-peg fee multiplier m × 1e10 (ng's `offpeg_fee_multiplier`; 2e10 = the fee doubles
    /// at total imbalance).
    function offpegFeeMultiplier() external view returns (uint256);

    /// @notice Ramp A (admin) linearly from its current value to `futureA` (not ×100) at `futureTime`.
    /// ng's bounds: ≥ 1 day since the last ramp began, ≥ 1 day long, 0 < futureA < 1e6, ×10 or ÷10 at most.
    /// @dev Reverts `RampTooSoon`, `RampTooShort`, `AOutOfRange`, `AChangeTooLarge`, AccessControl's
    /// `AccessControlUnauthorizedAccount`.
    function rampA(uint256 futureA, uint256 futureTime) external;

    /// @notice Stop a ramp (admin): A stays at its current value.
    function stopRampA() external;

    /// @notice Pay the admin's half of the fees to `receiver` (admin), ETH last; returns the amounts paid.
    function withdrawAdminFees(address receiver) external returns (uint256[2] memory amounts);
}
