// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";

/// @title LendingMarketCaller
/// @notice TEST ONLY. A contract that uses the lending market and then, when the market pays it ETH,
/// accepts it, rejects it, or tries to re-enter the market (to show that refunds and payouts that
/// fail revert as a whole, and that re-entry is refused).
contract LendingMarketCaller {
    /// @notice What `receive` does: accept, reject, or re-enter `borrow`.
    enum Mode {
        Accept,
        Reject,
        Reenter
    }

    ILendingMarket public immutable market;
    Mode public mode;

    /// @notice Raised by `receive` in `Reject` mode.
    error EtherRejected(uint256 amount);

    constructor(ILendingMarket market_) {
        market = market_;
    }

    /// @notice Sets what `receive` does.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Posts `assets` of `token` (held by this contract) as its own collateral.
    function supplyCollateral(IERC20 token, uint256 assets) external {
        token.approve(address(market), assets);
        market.supplyCollateral(assets, address(this));
    }

    /// @notice Borrows `assets` to itself.
    function borrow(uint256 assets) external {
        market.borrow(assets, address(this));
    }

    /// @notice Repays `onBehalf`'s debt with the ETH sent.
    function repay(address onBehalf) external payable {
        market.repay{value: msg.value}(onBehalf);
    }

    /// @notice Liquidates `borrower` with the ETH sent.
    function liquidate(address borrower, uint256 seizedAssets, uint256 repaidShares) external payable {
        market.liquidate{value: msg.value}(borrower, seizedAssets, repaidShares);
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (mode == Mode.Reject) revert EtherRejected(msg.value);
        if (mode == Mode.Reenter) market.borrow(1, address(this));
    }
}
