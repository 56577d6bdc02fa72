// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {StableSwapMath} from "../../contracts/market/StableSwapMath.sol";
import {FuzzInput} from "../helpers/FuzzInput.sol";

/// @title StableSwapTrader
/// @notice The handler of the StableSwap invariant test: a pool reduced to its two xp balances,
/// traded with the pool's own pricing (`StableSwapViews._swap` / `_swapOutput`: Δ = x_j − ⌈getY⌉ − 1, the
/// dynamic fee on it rounded up, half the fee to the admin), at the LST pool's parameters (A = 50, fee 0.04 %,
/// off-peg multiplier 2). The fuzzer calls `exchange` in random sequences; the test checks D after each.
contract StableSwapTrader {
    using FuzzInput for uint256;

    uint256 public constant AMP = 50 * StableSwapMath.A_PRECISION;
    uint256 public constant FEE = 4e6;
    uint256 public constant OFFPEG_FEE_MULTIPLIER = 2e10;
    uint256 private constant ADMIN_FEE = 5e9;
    /// @dev Each trade sells at most a tenth of the coin's balance and leaves the pool within 1 : 1000.
    uint256 private constant MAX_IMBALANCE = 1e3;

    uint256[2] public xp = [uint256(1_000 ether), uint256(1_000 ether)];
    uint256 public trades;
    /// @notice The first trade that lowered D, if any (D before and after it; 0, 0 if none has).
    uint256 public dFellFrom;
    uint256 public dFellTo;

    /// @notice Sells `sold` (mapped to 1 wei … a tenth of coin i's balance, every order of magnitude
    /// equally likely) of coin i for coin j.
    function exchange(uint256 sold, bool sellCoin1) external {
        uint256 i = sellCoin1 ? 1 : 0;
        uint256 j = 1 - i;
        sold = sold.boundLog10(1, xp[i] / 10);
        uint256 dNow = StableSwapMath.getD(xp[0], xp[1], AMP);
        uint256 x = xp[i] + sold;
        uint256 y = StableSwapMath.getY(x, dNow, AMP);
        if (y >= xp[j]) return; // the pool refuses it (ExchangeTooSmall)
        uint256 dyXp = xp[j] - y - 1;
        uint256 dynamicFee = StableSwapMath.dynamicFee(
            (xp[i] + x) / 2,
            (xp[j] + y) / 2,
            FEE,
            OFFPEG_FEE_MULTIPLIER
        );
        uint256 dyFee = Math.ceilDiv(dyXp * dynamicFee, StableSwapMath.FEE_DENOMINATOR);
        uint256 adminFee = (dyFee * ADMIN_FEE) / StableSwapMath.FEE_DENOMINATOR;
        uint256 newJ = xp[j] - (dyXp - dyFee) - adminFee;
        if (x > newJ * MAX_IMBALANCE || newJ > x * MAX_IMBALANCE) return; // outside the tested range
        xp[i] = x;
        xp[j] = newJ;
        ++trades;
        uint256 dAfter = StableSwapMath.getD(xp[0], xp[1], AMP);
        if (dAfter < dNow && dFellTo == 0) (dFellFrom, dFellTo) = (dNow, dAfter);
    }

    /// @notice The pool's invariant D now.
    function d() external view returns (uint256) {
        return StableSwapMath.getD(xp[0], xp[1], AMP);
    }
}

/// @title StableSwapMathInvariantTest
/// @notice Invariant test of the curve maths under random sequences of trades, from dust to a tenth of
/// the pool (`StableSwapTrader` above: the pool's pricing at the LST pool's parameters). Whatever the
/// order and size of the trades, the pool's invariant D never falls below where it started, because
/// every trade's fee stays in the pool. The handler lives in this file because Hardhat gives the
/// invariant fuzzer the artifacts of test files only ("No contracts to fuzz" otherwise).
contract StableSwapMathInvariantTest {
    StableSwapTrader private _trader;
    uint256 private _dStart;

    error DFellBelowItsStart(uint256 dStart, uint256 dNow, uint256 trades);
    error ATradeLoweredD(uint256 dBefore, uint256 dAfter);

    function setUp() public {
        _trader = new StableSwapTrader();
        _dStart = _trader.d();
    }

    /// @dev The contract the fuzzer calls at random (forge-std's `targetContracts`, declared by hand).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(_trader);
    }

    /// No sequence of trades lowers D: the LPs' pool is never worth less than at the start.
    /// 128 sequences of 32 trades (the default 256 × 500 takes ~20 s; this stays under 1 s).
    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 32
    function invariant_tradesNeverLowerD() public view {
        uint256 dNow = _trader.d();
        if (dNow < _dStart) revert DFellBelowItsStart(_dStart, dNow, _trader.trades());
    }

    /// No single trade lowers D, not even by a wei (with ng's rounding one could, by up to 3 wei).
    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 32
    function invariant_noTradeLowersD() public view {
        if (_trader.dFellTo() != 0) revert ATradeLoweredD(_trader.dFellFrom(), _trader.dFellTo());
    }
}
