// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";

/// @title MaliciousClaimer
/// @notice TEST ONLY. A withdrawal requester whose `receive` misbehaves when the pool pays it:
/// it reenters `claimWithdrawal` (to be paid twice) or simply refuses the ETH.
contract MaliciousClaimer {
    /// @notice What `receive` does when the pool pays.
    enum Mode {
        /// Accept the ETH.
        Accept,
        /// Reenter `claimWithdrawal`; a failure bubbles up, so the whole claim fails.
        Reenter,
        /// Reenter `claimWithdrawal`, catch the failure and keep the first payment.
        ReenterAndCatch,
        /// Revert: a contract that cannot receive ETH.
        Refuse
    }

    IDepositPool public immutable pool;
    Mode public mode;
    uint256 public targetRequestId;
    uint256 public reentryAttempts;
    /// @notice Revert data of the caught reentrant call (mode `ReenterAndCatch`).
    bytes public reentryError;

    error RefusedEther(uint256 amount);

    constructor(IDepositPool pool_) {
        pool = pool_;
    }

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    /// @notice Deposits the ETH sent into the pool.
    function depositIntoPool() external payable {
        pool.deposit{value: msg.value}();
    }

    /// @notice Requests a withdrawal of `shares` LST held by this contract; remembers its id.
    function requestWithdrawal(uint256 shares) external returns (uint256 requestId) {
        IERC20(address(pool.token())).approve(address(pool), shares);
        requestId = pool.requestWithdrawal(shares);
        targetRequestId = requestId;
    }

    /// @notice Claims the remembered request.
    function claim() external returns (uint256) {
        return pool.claimWithdrawal(targetRequestId);
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (mode == Mode.Refuse) revert RefusedEther(msg.value);
        if (mode == Mode.Reenter) {
            ++reentryAttempts;
            pool.claimWithdrawal(targetRequestId);
        } else if (mode == Mode.ReenterAndCatch) {
            ++reentryAttempts;
            try pool.claimWithdrawal(targetRequestId) returns (uint256) {
                reentryError = "";
            } catch (bytes memory reason) {
                reentryError = reason;
            }
        }
    }
}
