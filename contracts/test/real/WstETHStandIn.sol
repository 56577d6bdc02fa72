// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {LidoStandIn} from "./LidoStandIn.sol";

/// @title WstETHStandIn
/// @notice TEST ONLY. Stands in for Lido's wstETH (lidofinance/core `contracts/0.6.12/WstETH.sol`) at
/// its Hoodi address: one wstETH is one stETH share, so its balance does not rebase and its rate
/// (`stEthPerToken`) rises instead. The real function signatures; storage set by `setUp`.
contract WstETHStandIn is ERC20 {
    error WrapZero();

    /// @notice The stETH this token wraps.
    LidoStandIn public stETH;

    constructor() ERC20("", "") {}

    /// @notice Sets the stETH address once (the code is placed without running a constructor).
    function setUp(LidoStandIn stETH_) external {
        if (address(stETH) == address(0)) stETH = stETH_;
    }

    /// @notice "Wrapped liquid staked Ether 2.0".
    function name() public pure override returns (string memory) {
        return "Wrapped liquid staked Ether 2.0";
    }

    /// @notice "wstETH".
    function symbol() public pure override returns (string memory) {
        return "wstETH";
    }

    /// @notice Takes `_stETHAmount` stETH (approve first) and mints the shares it is worth as wstETH.
    /// @return The wstETH minted (rounded down).
    function wrap(uint256 _stETHAmount) external returns (uint256) {
        if (_stETHAmount == 0) revert WrapZero();
        uint256 wrapped = stETH.getSharesByPooledEth(_stETHAmount);
        _mint(msg.sender, wrapped);
        stETH.transferFrom(msg.sender, address(this), _stETHAmount);
        return wrapped;
    }

    /// @notice Burns `_wstETHAmount` wstETH and returns the stETH it is worth now.
    /// @return The stETH returned (rounded down).
    function unwrap(uint256 _wstETHAmount) external returns (uint256) {
        if (_wstETHAmount == 0) revert WrapZero();
        uint256 unwrapped = stETH.getPooledEthByShares(_wstETHAmount);
        _burn(msg.sender, _wstETHAmount);
        stETH.transfer(msg.sender, unwrapped);
        return unwrapped;
    }

    /// @notice stETH per wstETH (18 decimals): the share rate.
    function stEthPerToken() external view returns (uint256) {
        return stETH.getPooledEthByShares(1 ether);
    }

    /// @notice wstETH per stETH (18 decimals).
    function tokensPerStEth() external view returns (uint256) {
        return stETH.getSharesByPooledEth(1 ether);
    }

    /// @notice stETH for `_wstETHAmount` wstETH, rounded down.
    function getStETHByWstETH(uint256 _wstETHAmount) external view returns (uint256) {
        return stETH.getPooledEthByShares(_wstETHAmount);
    }

    /// @notice wstETH for `_stETHAmount` stETH, rounded down.
    function getWstETHByStETH(uint256 _stETHAmount) external view returns (uint256) {
        return stETH.getSharesByPooledEth(_stETHAmount);
    }
}
