// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IStableSwapPool} from "../interfaces/IStableSwapPool.sol";

/// @title PoolViewReader
/// @notice TEST ONLY. The read-only reentrancy attacker of Curve's ETH pools (2022): a contract that
/// receives ETH from the pool and, in its `receive`, reads the pool's price views, as a lending market
/// pricing the LP token or the coin would. It records what each read returned or the revert data, so
/// a test can show that every view reverts while the pool's call is in progress.
contract PoolViewReader {
    IStableSwapPool public immutable pool;
    /// @notice Number of view reads in `receive` that returned a value instead of reverting.
    uint256 public successfulReads;
    /// @notice Revert data of each view read in `receive` (empty if the read succeeded).
    bytes public spotPriceError;
    bytes public lastPriceError;
    bytes public priceOracleError;
    bytes public virtualPriceError;
    bytes public getDyError;
    uint256 public received;
    /// @notice When set, `receive` calls `exchange` again (a reentrant trade) instead of reading views.
    bool public reenter;

    constructor(IStableSwapPool pool_) {
        pool = pool_;
    }

    /// @notice Sets whether `receive` reenters `exchange`.
    function setReenter(bool reenter_) external {
        reenter = reenter_;
    }

    /// @notice Sells `amount` of coin 1 (held by this contract) for ETH paid to this contract.
    function sellToken(uint256 amount) external {
        IERC20(pool.coin1()).approve(address(pool), amount);
        pool.exchange(1, 0, amount, 0, address(this));
    }

    /// @notice Burns `burn` LP (held by this contract) for both coins, ETH paid here last.
    function removeLiquidity(uint256 burn) external {
        pool.removeLiquidity(burn, [uint256(0), uint256(0)], address(this));
    }

    /// @notice Adds liquidity with ETH and coin 1 held by this contract.
    function addLiquidity(uint256 eth, uint256 tokens) external {
        IERC20(pool.coin1()).approve(address(pool), tokens);
        pool.addLiquidity{value: eth}([eth, tokens], 0, address(this));
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (reenter) {
            // Not caught: the pool's guard reverts this, and the pool's payment with it.
            pool.exchange{value: msg.value}(0, 1, msg.value, 0, address(this));
        }
        received += msg.value;
        try pool.spotPrice() returns (uint256) {
            ++successfulReads;
        } catch (bytes memory reason) {
            spotPriceError = reason;
        }
        try pool.lastPrice() returns (uint256) {
            ++successfulReads;
        } catch (bytes memory reason) {
            lastPriceError = reason;
        }
        try pool.priceOracle() returns (uint256) {
            ++successfulReads;
        } catch (bytes memory reason) {
            priceOracleError = reason;
        }
        try pool.getVirtualPrice() returns (uint256) {
            ++successfulReads;
        } catch (bytes memory reason) {
            virtualPriceError = reason;
        }
        try pool.getDy(0, 1, 1 ether) returns (uint256) {
            ++successfulReads;
        } catch (bytes memory reason) {
            getDyError = reason;
        }
    }
}
