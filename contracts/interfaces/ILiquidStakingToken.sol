// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title ILiquidStakingToken
/// @notice The liquid staking token (LST): a non-rebasing, value-accruing ERC-20 with EIP-2612
/// permit, like rETH or wstETH. The balance of a holder never changes by itself; what one token is
/// worth in ETH (`DepositPool.getExchangeRate()`) rises with rewards and falls with losses.
interface ILiquidStakingToken is IERC20, IERC20Permit {
    /// @notice Only the deposit pool may mint and burn.
    error OnlyPool(address caller, address pool);

    /// @notice The deposit pool that created this token: the only minter and burner.
    function pool() external view returns (address);

    /// @notice Mints `amount` tokens to `to` (pool only).
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` tokens from `from` (pool only).
    function burn(address from, uint256 amount) external;

    /// @notice What `holder`'s tokens are worth in wei at the current exchange rate (rounded down).
    /// This is the balance a rebasing token such as stETH would show.
    function ethValueOf(address holder) external view returns (uint256);
}
