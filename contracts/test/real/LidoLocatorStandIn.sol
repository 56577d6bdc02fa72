// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title LidoLocatorStandIn
/// @notice TEST ONLY. Stands in for the LidoLocator (lidofinance/core `contracts/0.8.9/LidoLocator.sol`)
/// at its Hoodi address: where each of Lido's components lives. Storage set by `setUp`.
contract LidoLocatorStandIn {
    error AlreadySetUp();

    address private lido_;
    address private wstETH_;
    address private withdrawalQueue_;
    address private accountingOracle_;

    /// @notice Sets the components, once.
    function setUp(address stETH, address wrapped, address queue, address oracle) external {
        if (lido_ != address(0)) revert AlreadySetUp();
        lido_ = stETH;
        wstETH_ = wrapped;
        withdrawalQueue_ = queue;
        accountingOracle_ = oracle;
    }

    /// @notice Lido (stETH).
    function lido() external view returns (address) {
        return lido_;
    }

    /// @notice wstETH.
    function wstETH() external view returns (address) {
        return wstETH_;
    }

    /// @notice The withdrawal queue (WithdrawalQueueERC721).
    function withdrawalQueue() external view returns (address) {
        return withdrawalQueue_;
    }

    /// @notice The accounting oracle.
    function accountingOracle() external view returns (address) {
        return accountingOracle_;
    }
}
