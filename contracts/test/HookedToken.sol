// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Implemented by a receiver that wants to run code when it receives a `HookedToken`.
interface ITokenReceivedHook {
    /// @notice Called by the token after `amount` reached the receiver.
    function onTokenReceived(address from, uint256 amount) external;
}

/// @title HookedToken
/// @notice TEST ONLY. An ERC-20 that calls the receiver after each transfer, as ERC-777's
/// `tokensReceived` or ERC-1363's `onTransferReceived` do, if the receiver asked for it. The hook
/// gives the receiver control in the middle of the sender's function: the reentrancy door.
contract HookedToken is ERC20 {
    mapping(address account => bool) public wantsHook;

    constructor() ERC20("Hooked Token", "HOOK") {}

    /// @notice Mints `amount` to `to`, for anyone (test only).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The sender asks to be called back whenever it receives tokens.
    function setWantsHook(bool enabled) external {
        wantsHook[msg.sender] = enabled;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (wantsHook[to]) ITokenReceivedHook(to).onTokenReceived(from, value);
    }
}
