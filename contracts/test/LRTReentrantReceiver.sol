// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILRTVault} from "../interfaces/ILRTVault.sol";
import {HookedToken, ITokenReceivedHook} from "./HookedToken.sol";

/// @title LRTReentrantReceiver
/// @notice TEST ONLY. An LRT holder whose token hook misbehaves when the vault pays its claim: it
/// reenters `claimRedeem` for the same request, hoping to be paid twice.
contract LRTReentrantReceiver is ITokenReceivedHook {
    /// @notice What the hook does when the vault pays.
    enum Mode {
        /// Accept the tokens.
        Accept,
        /// Reenter `claimRedeem`; a failure bubbles up, so the whole claim fails.
        Reenter,
        /// Reenter `claimRedeem`, catch the failure and keep the first payment.
        ReenterAndCatch
    }

    ILRTVault public immutable vault;
    HookedToken public immutable token;
    Mode public mode;
    uint256 public requestId;
    uint256 public reentryAttempts;
    /// @notice Revert data of the caught reentrant call (mode `ReenterAndCatch`).
    bytes public reentryError;

    constructor(ILRTVault vault_, HookedToken token_) {
        vault = vault_;
        token = token_;
        token_.setWantsHook(true);
    }

    /// @notice Sets what the hook does.
    function setMode(Mode newMode) external {
        mode = newMode;
    }

    /// @notice Deposits `assets` tokens held by this contract and requests the redemption of all the
    /// shares received; remembers the request.
    function depositAndRequest(uint256 assets) external {
        IERC20(address(token)).approve(address(vault), assets);
        uint256 shares = vault.deposit(assets, address(this));
        requestId = vault.requestRedeem(shares);
    }

    /// @notice Claims the remembered request.
    function claim() external returns (uint256) {
        return vault.claimRedeem(requestId);
    }

    /// @inheritdoc ITokenReceivedHook
    function onTokenReceived(address from, uint256) external {
        if (from != address(vault)) return;
        if (mode == Mode.Reenter) {
            ++reentryAttempts;
            vault.claimRedeem(requestId);
        } else if (mode == Mode.ReenterAndCatch) {
            ++reentryAttempts;
            try vault.claimRedeem(requestId) returns (uint256) {
                reentryError = "";
            } catch (bytes memory reason) {
                reentryError = reason;
            }
        }
    }
}
