// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {StrategyBaseStandIn} from "./StrategyBaseStandIn.sol";
import {StrategyManagerStandIn} from "./StrategyManagerStandIn.sol";

/// @title DelegationManagerStandIn
/// @notice TEST ONLY. Stands in for EigenLayer's DelegationManager (Layr-Labs/eigenlayer-contracts
/// `src/contracts/core/DelegationManager.sol`) at its Hoodi address: operators register, stakers
/// delegate to one, and withdrawals are queued as EigenLayer's `Withdrawal` struct (its root the
/// struct's hash) and complete only after `minWithdrawalDelayBlocks` blocks. The real signatures and
/// custom errors. Not modelled: slashing (scaled shares equal deposit shares), approver signatures,
/// operator shares. Storage set by `setUp`.
contract DelegationManagerStandIn {
    /// @notice An approver's signature and its expiry (empty when the operator has no approver).
    struct SignatureWithExpiry {
        bytes signature;
        uint256 expiry;
    }

    /// @notice What a staker asks to withdraw. The withdrawer field is ignored (it is the staker).
    struct QueuedWithdrawalParams {
        StrategyBaseStandIn[] strategies;
        uint256[] depositShares;
        address __deprecated_withdrawer; // solhint-disable-line var-name-mixedcase
    }

    /// @notice A queued withdrawal, as EigenLayer records and hashes it.
    struct Withdrawal {
        address staker;
        address delegatedTo;
        address withdrawer;
        uint256 nonce;
        uint32 startBlock;
        StrategyBaseStandIn[] strategies;
        uint256[] scaledShares;
    }

    error ActivelyDelegated();
    error OperatorNotRegistered();
    error NotActivelyDelegated();
    error InputArrayLengthMismatch();
    error InputArrayLengthZero();
    error WithdrawalNotQueued();
    error WithdrawerNotCaller();
    error WithdrawalDelayNotElapsed();
    error AlreadySetUp();

    StrategyManagerStandIn private strategyManager;
    uint32 private minWithdrawalDelay;
    mapping(address operator => bool) private operators;
    mapping(address staker => address operator) private delegation;
    mapping(address staker => uint256) private cumulativeWithdrawalsQueued;
    mapping(bytes32 root => bool) private pendingWithdrawals;
    mapping(bytes32 root => Withdrawal) private queuedWithdrawals;
    mapping(address staker => bytes32[]) private stakerRoots;

    /// @notice Sets the StrategyManager and the delay in blocks, once.
    function setUp(StrategyManagerStandIn manager, uint32 delayBlocks) external {
        if (address(strategyManager) != address(0)) revert AlreadySetUp();
        strategyManager = manager;
        minWithdrawalDelay = delayBlocks;
    }

    /// @notice Blocks a queued withdrawal waits before it can complete (EigenLayer: 50 on testnets).
    function minWithdrawalDelayBlocks() external view returns (uint32) {
        return minWithdrawalDelay;
    }

    /// @notice Registers the sender as an operator, delegated to itself.
    function registerAsOperator(
        address /* initDelegationApprover */,
        uint32 /* allocationDelay */,
        string calldata /* metadataURI */
    ) external {
        if (delegation[msg.sender] != address(0)) revert ActivelyDelegated();
        operators[msg.sender] = true;
        delegation[msg.sender] = msg.sender;
    }

    /// @notice Whether `operator` is registered.
    function isOperator(address operator) external view returns (bool) {
        return operators[operator];
    }

    /// @notice The operator `staker` is delegated to (zero when none).
    function delegatedTo(address staker) external view returns (address) {
        return delegation[staker];
    }

    /// @notice Delegates the sender's restaked shares to `operator`.
    function delegateTo(
        address operator,
        SignatureWithExpiry calldata /* approverSignatureAndExpiry */,
        bytes32 /* approverSalt */
    ) external {
        if (delegation[msg.sender] != address(0)) revert ActivelyDelegated();
        if (!operators[operator]) revert OperatorNotRegistered();
        delegation[msg.sender] = operator;
    }

    /// @notice Queues withdrawals of the sender's deposit shares; each completes after the delay.
    /// @return roots Each withdrawal's root (the hash of its `Withdrawal`).
    function queueWithdrawals(
        QueuedWithdrawalParams[] calldata params
    ) external returns (bytes32[] memory roots) {
        roots = new bytes32[](params.length);
        for (uint256 i = 0; i < params.length; ++i) {
            StrategyBaseStandIn[] calldata strategies = params[i].strategies;
            if (strategies.length == 0) revert InputArrayLengthZero();
            if (strategies.length != params[i].depositShares.length) revert InputArrayLengthMismatch();
            for (uint256 j = 0; j < strategies.length; ++j) {
                strategyManager.removeDepositShares(msg.sender, strategies[j], params[i].depositShares[j]);
            }
            Withdrawal memory withdrawal = Withdrawal({
                staker: msg.sender,
                delegatedTo: delegation[msg.sender],
                withdrawer: msg.sender,
                nonce: cumulativeWithdrawalsQueued[msg.sender]++,
                startBlock: uint32(block.number),
                strategies: strategies,
                scaledShares: params[i].depositShares
            });
            bytes32 root = keccak256(abi.encode(withdrawal));
            pendingWithdrawals[root] = true;
            queuedWithdrawals[root] = withdrawal;
            stakerRoots[msg.sender].push(root);
            roots[i] = root;
        }
    }

    /// @notice Completes a queued withdrawal after the delay: as `tokens` (`receiveAsTokens`) or back
    /// as deposit shares.
    function completeQueuedWithdrawal(
        Withdrawal calldata withdrawal,
        IERC20[] calldata tokens,
        bool receiveAsTokens
    ) external {
        bytes32 root = keccak256(abi.encode(withdrawal));
        if (!pendingWithdrawals[root]) revert WithdrawalNotQueued();
        if (msg.sender != withdrawal.withdrawer) revert WithdrawerNotCaller();
        if (uint256(withdrawal.startBlock) + minWithdrawalDelay >= block.number)
            revert WithdrawalDelayNotElapsed();
        if (tokens.length != withdrawal.strategies.length) revert InputArrayLengthMismatch();
        delete pendingWithdrawals[root];
        delete queuedWithdrawals[root];
        for (uint256 j = 0; j < withdrawal.strategies.length; ++j) {
            if (receiveAsTokens) {
                strategyManager.withdrawSharesAsTokens(
                    withdrawal.staker,
                    withdrawal.strategies[j],
                    tokens[j],
                    withdrawal.scaledShares[j]
                );
            } else {
                strategyManager.addShares(
                    withdrawal.staker,
                    withdrawal.strategies[j],
                    withdrawal.scaledShares[j]
                );
            }
        }
    }

    /// @notice The staker's withdrawals still queued, with the shares each will pay.
    function getQueuedWithdrawals(
        address staker
    ) external view returns (Withdrawal[] memory withdrawals, uint256[][] memory shares) {
        bytes32[] storage roots = stakerRoots[staker];
        uint256 count = 0;
        for (uint256 i = 0; i < roots.length; ++i) if (pendingWithdrawals[roots[i]]) ++count;
        withdrawals = new Withdrawal[](count);
        shares = new uint256[][](count);
        count = 0;
        for (uint256 i = 0; i < roots.length; ++i) {
            if (!pendingWithdrawals[roots[i]]) continue;
            withdrawals[count] = queuedWithdrawals[roots[i]];
            shares[count] = queuedWithdrawals[roots[i]].scaledShares;
            ++count;
        }
    }

    /// @notice What `staker` could withdraw now per strategy (equal to the deposit shares: no slashing here).
    function getWithdrawableShares(
        address staker,
        StrategyBaseStandIn[] calldata strategies
    ) external view returns (uint256[] memory withdrawableShares, uint256[] memory depositShares) {
        withdrawableShares = new uint256[](strategies.length);
        depositShares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; ++i) {
            depositShares[i] = strategyManager.stakerDepositShares(staker, address(strategies[i]));
            withdrawableShares[i] = depositShares[i];
        }
    }
}
