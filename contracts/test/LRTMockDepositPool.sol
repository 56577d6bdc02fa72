// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title LRTMockDepositPool
/// @notice TEST ONLY. The two views of a deposit pool that an `LRTVault` reads when it is used through
/// ERC-4626 alone (`token`, `getEthByShares`), over any token: it lets a test put a vault over a
/// token with transfer hooks (ERC-777 style), which the real LST does not have, to show that the
/// vault's claim resists reentrancy even then.
contract LRTMockDepositPool {
    /// @notice The vault's asset.
    IERC20 public immutable token;

    constructor(IERC20 token_) {
        token = token_;
    }

    /// @notice One token is worth one wei.
    function getEthByShares(uint256 shares) external pure returns (uint256) {
        return shares;
    }
}
