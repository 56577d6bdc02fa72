// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILiquidStakingToken} from "../interfaces/ILiquidStakingToken.sol";

/// @title LiquidStakingToken ("Staking Lab ETH", slETH)
/// @notice The pool's liquid staking token: an ERC-20 with EIP-2612 permit that only the
/// `DepositPool` that created it can mint and burn.
/// @dev Two ways to pass consensus-layer rewards on to token holders:
///
/// - **Rebasing (Lido's stETH).** The token's `balanceOf` is computed as
///   `shares[holder] × totalPooledEther / totalShares`, so every oracle report changes every
///   holder's balance without a transfer. Simple for users ("1 stETH ≈ 1 ETH"), awkward for
///   contracts that store balances (AMMs, vaults, bridges), which is why Lido also offers wstETH.
/// - **Value-accruing (Rocket Pool's rETH, Lido's wstETH): this token.** Balances only change by
///   transfers, mints and burns; what one token is worth in ETH, `DepositPool.getExchangeRate()`,
///   rises with rewards and falls with losses. `ethValueOf(holder)` shows the number a rebasing
///   token would display as the balance.
///
/// The token holds no accounting of its own: the pool decides how many tokens a deposit is worth
/// and burns the tokens of finalised withdrawals. The pool deploys this token in its own
/// constructor, so `pool` is fixed for the token's lifetime and no other minter can ever exist.
contract LiquidStakingToken is ERC20, ERC20Permit, ILiquidStakingToken {
    /// @inheritdoc ILiquidStakingToken
    address public immutable pool;

    /// @param pool_ The deposit pool: the only address allowed to mint and burn.
    constructor(address pool_) ERC20("Staking Lab ETH", "slETH") ERC20Permit("Staking Lab ETH") {
        pool = pool_;
    }

    modifier onlyPool() {
        if (msg.sender != pool) revert OnlyPool(msg.sender, pool);
        _;
    }

    /// @inheritdoc ILiquidStakingToken
    function mint(address to, uint256 amount) external onlyPool {
        _mint(to, amount);
    }

    /// @inheritdoc ILiquidStakingToken
    function burn(address from, uint256 amount) external onlyPool {
        _burn(from, amount);
    }

    /// @inheritdoc ILiquidStakingToken
    function ethValueOf(address holder) external view returns (uint256) {
        return IDepositPool(pool).getEthByShares(balanceOf(holder));
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(ERC20Permit, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }
}
