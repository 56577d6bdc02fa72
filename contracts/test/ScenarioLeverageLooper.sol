// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";

/// @title ScenarioLeverageLooper
/// @notice TEST ONLY. The LST leverage loop of DESIGN §9 scenario 9, as the one-transaction "recipes" of
/// DeFi Saver or Instadapp do it: stake the ETH sent in the liquid-staking pool, post the LST as
/// collateral, borrow ETH up to `ltvWad` of the collateral's value at the market's oracle price,
/// stake it, post it, and repeat `rounds` times. The position belongs to this contract; its owner
/// (the deployer) is the only one who can loop.
contract ScenarioLeverageLooper {
    IDepositPool public immutable depositPool;
    IERC20 public immutable lst;
    ILendingMarket public immutable market;
    address public immutable owner;

    /// @notice Someone other than the owner called `loop`.
    error NotOwner(address caller);

    constructor(IDepositPool depositPool_, ILendingMarket market_) {
        depositPool = depositPool_;
        market = market_;
        lst = IERC20(address(depositPool_.token()));
        owner = msg.sender;
        lst.approve(address(market_), type(uint256).max);
    }

    /// @notice Receives the ETH it borrows.
    receive() external payable {}

    /// @notice Stakes and posts the ETH sent, then `rounds` times borrows up to `ltvWad` of the
    /// collateral's value (WAD, e.g. 0.94e18), stakes and posts it.
    function loop(uint256 rounds, uint256 ltvWad) external payable {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _stakeAndPost(msg.value);
        for (uint256 k = 0; k < rounds; ++k) {
            uint256 value = (market.collateral(address(this)) * market.oracle().price()) / 1e36;
            uint256 target = (value * ltvWad) / 1e18;
            uint256 debt = market.borrowAssetsOf(address(this));
            uint256 amount = target - debt;
            market.borrow(amount, address(this));
            _stakeAndPost(amount);
        }
    }

    function _stakeAndPost(uint256 amount) private {
        uint256 shares = depositPool.deposit{value: amount}();
        market.supplyCollateral(shares, address(this));
    }
}
