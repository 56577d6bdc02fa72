// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILiquidStakingToken} from "../interfaces/ILiquidStakingToken.sol";

/// @title ShareRate
/// @notice The exchange rate between the pool's LST and ETH, after the share maths of Lido's
/// `StETH.sol` (lido-dao, contracts/0.4.24/StETH.sol: `getSharesByPooledEth`,
/// `getPooledEthByShares`, `getTotalPooledEther`, `getTotalShares`): one LST is
/// `totalPooledEther / totalShares` ETH, every conversion rounded down (in the pool's favour).
/// @dev One part of the one deployed `DepositPool` (composed by inheritance). Lido's stETH is the
/// rebasing token itself and counts shares internally; here the shares are the non-rebasing ERC-20
/// `LiquidStakingToken` (like wstETH), so the total shares are its supply.
abstract contract ShareRate is IDepositPool {
    uint256 private constant WAD = 1e18;

    /// @inheritdoc IDepositPool
    function totalPooledEther() external view returns (uint256) {
        return _totalPooledEther();
    }

    /// @inheritdoc IDepositPool
    function totalShares() external view returns (uint256) {
        return _lst().totalSupply();
    }

    /// @inheritdoc IDepositPool
    function getExchangeRate() external view returns (uint256) {
        uint256 supply = _lst().totalSupply();
        if (supply == 0) return WAD;
        return Math.mulDiv(WAD, _totalPooledEther(), supply);
    }

    /// @inheritdoc IDepositPool
    function getSharesByEth(uint256 amountOfEth) external view returns (uint256) {
        return _sharesForEth(amountOfEth, _totalPooledEther(), _lst().totalSupply());
    }

    /// @inheritdoc IDepositPool
    function getEthByShares(uint256 shares) public view returns (uint256) {
        uint256 supply = _lst().totalSupply();
        if (supply == 0) return shares;
        // Rounded down: a holder is never told (nor paid) more than the shares are worth.
        return Math.mulDiv(shares, _totalPooledEther(), supply);
    }

    /// @dev The LST whose supply is the total shares.
    function _lst() internal view virtual returns (ILiquidStakingToken);

    /// @dev Wei the pool accounts for its LST holders (Lido's `_getTotalPooledEther`).
    function _totalPooledEther() internal view virtual returns (uint256);

    /// @dev Shares that `amountOfEth` buys, rounded down (the pool keeps the dust). 1:1 while the
    /// pool has no shares; none at all if shares exist but back nothing (the pool lost everything).
    function _sharesForEth(
        uint256 amountOfEth,
        uint256 pooled,
        uint256 supply
    ) internal pure returns (uint256) {
        if (supply == 0) return amountOfEth;
        if (pooled == 0) return 0;
        return Math.mulDiv(amountOfEth, supply, pooled);
    }
}
