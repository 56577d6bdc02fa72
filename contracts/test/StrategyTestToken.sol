// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title StrategyTestToken
/// @notice TEST ONLY. A plain ERC-20 that anyone can mint: a second restaking strategy next to the
/// LST, and a reward token an AVS pays in.
contract StrategyTestToken is ERC20 {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Mints `amount` to `to`, for anyone (test only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
