// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILRTVault} from "../interfaces/ILRTVault.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {LRTWithdrawalQueue} from "./LRTWithdrawalQueue.sol";

/// @title LRTVault ("Staking Lab Restaked ETH", slrETH)
/// @notice A liquid restaking token, as ether.fi (eETH/weETH), Kelp (rsETH), Renzo (ezETH) and Puffer
/// (pufETH) build it, simplified for teaching: an ERC-4626 vault over the LST that restakes its LST in
/// the `RestakingManager`, delegated to one operator. Its exits and the valuation of its queued
/// withdrawals are in `LRTWithdrawalQueue` (one deployed contract, two files).
///
/// Value of one LRT in ETH = vault rate (LST per LRT) × LST rate (ETH per LST):
/// - consensus-layer rewards and slashings move the LST rate (the deposit pool's oracle report);
/// - AVS rewards (counted as soon as earned, compounded by `harvestRewards`) and AVS slashings (the
///   manager's withdrawable shares fall) move the vault rate.
/// The two multiply: a CL loss of x and an AVS loss of y leave (1 − x)(1 − y) of the value.
///
/// Accounting (`totalAssets`, never a balance that a donation moves):
///   idle LST (accounted: deposits, claimed rewards, completed withdrawals, minus restaked and paid)
/// + restaked LST after slashing (the manager's `withdrawableUnderlying`, `a = s·k·m`)
/// + LST in the vault's open queued withdrawals, at exactly what the manager will pay for them
/// + LST service rewards earned and claimable in the manager, net of the fee (so a deposit between a
///   payment and its harvest buys in at a price that already includes it).
///
/// Exits are asynchronous, as ERC-7540 and every LRT (ether.fi's `WithdrawRequestNFT`, Kelp's
/// `LRTWithdrawalManager`, Renzo's `WithdrawQueue`): `requestRedeem` escrows the LRT and records its
/// value; `claimRedeem` pays after the restaking delay at min(value at request, value at claim), so a
/// requester stops earning and still bears any slashing inside the delay. The synchronous ERC-4626
/// `withdraw`/`redeem` are disabled (`maxWithdraw`/`maxRedeem` are 0, as ERC-4626 asks of a vault whose
/// withdrawals are disabled): an instant exit at the current rate would let a holder leave right
/// before a slashing that is already known.
///
/// Roles (OpenZeppelin AccessControl): `DEFAULT_ADMIN_ROLE` (parameters, roles), `MANAGER_ROLE`
/// (delegates and moves the vault, restakes, harvests: Kelp's LRTManager, ether.fi's admin),
/// `PAUSER_ROLE` (the guardian).
contract LRTVault is LRTWithdrawalQueue, ERC20Permit, AccessControl {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice Delegates and moves the vault, restakes idle LST and harvests service rewards.
    bytes32 public constant MANAGER_ROLE = keccak256("MANAGER_ROLE");
    /// @notice Pauses and unpauses deposits, redemption requests and claims.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Largest protocol fee on service rewards the admin may set: 50 %.
    uint256 public constant MAX_FEE_BPS = 5_000;

    /// @dev Decimals offset of the LRT against the LST: 10^3 virtual shares make the first-depositor
    /// inflation attack cost the attacker ~1,000 times what it could take (OpenZeppelin's ERC-4626
    /// defence; EigenLayer's strategies use the same 1e3).
    uint8 private constant DECIMALS_OFFSET = 3;

    /// @inheritdoc ILRTVault
    IDepositPool public immutable pool;

    /// @param admin Holds `DEFAULT_ADMIN_ROLE` (grants the manager and pauser roles).
    /// @param pool_ The deposit pool; the vault's asset is its LST (`pool_.token()`).
    /// @param manager_ The restaking manager; it must accept the LST as a strategy (and as a reward token
    /// for `harvestRewards`).
    /// @param treasury_ Receives the fee on service rewards, as LRT, and service rewards in other tokens.
    /// @param bufferBps_ Share of `totalAssets` kept idle when restaking (profile `lrtBufferBps`).
    /// @param feeBps_ Fee on service rewards (profile `lrtFeeBps`), at most `MAX_FEE_BPS`.
    constructor(
        address admin,
        IDepositPool pool_,
        IRestakingManager manager_,
        address treasury_,
        uint256 bufferBps_,
        uint256 feeBps_
    )
        ERC4626(IERC20(address(pool_.token())))
        ERC20("Staking Lab Restaked ETH", "slrETH")
        ERC20Permit("Staking Lab Restaked ETH")
        LRTWithdrawalQueue(manager_, IERC20(address(pool_.token())))
    {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(manager_) == address(0)) revert ZeroAddress("manager");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        if (bufferBps_ > BPS) revert InvalidParameter("bufferBps", bufferBps_);
        if (feeBps_ > MAX_FEE_BPS) revert InvalidParameter("feeBps", feeBps_);
        pool = pool_;
        _treasury = treasury_;
        _bufferBps = uint16(bufferBps_);
        _feeBps = uint16(feeBps_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // No `receive`: ETH only enters through `depositETH`, which forwards it to the pool.

    // ================================================================== deposits

    /// @inheritdoc ILRTVault
    function depositETH(
        address receiver,
        uint256 minShares
    ) external payable nonReentrant whenNotPaused returns (uint256 shares) {
        // Priced before the LST arrives: the pool's deposit does not touch the vault's accounting
        // (idle LST is accounted, not read from `balanceOf`), so `totalAssets` is the pre-deposit value.
        uint256 assets = pool.deposit{value: msg.value}();
        shares = previewDeposit(assets);
        if (shares < minShares) revert SlippageExceeded(shares, minShares);
        _idleAssets = (uint256(_idleAssets) + assets).toUint128();
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
        emit DepositedETH(msg.sender, receiver, msg.value, assets, shares);
    }

    /// @inheritdoc ILRTVault
    function depositWithMinShares(
        uint256 assets,
        address receiver,
        uint256 minShares
    ) external returns (uint256 shares) {
        shares = deposit(assets, receiver);
        if (shares < minShares) revert SlippageExceeded(shares, minShares);
    }

    /// @inheritdoc ILRTVault
    function mintWithMaxAssets(
        uint256 shares,
        address receiver,
        uint256 maxAssets
    ) external returns (uint256 assets) {
        assets = mint(shares, receiver);
        if (assets > maxAssets) revert MaxAssetsExceeded(assets, maxAssets);
    }

    /// @notice ERC-4626 `deposit`: LST in (needs an allowance), LRT out, rounded down.
    /// @dev Standard; paused with the rest of the deposits. No reentrancy guard, as OpenZeppelin's: the
    /// only calls out are views of the manager and `transferFrom` on the LST (no hooks), made before
    /// the mint; the guard would cost every depositor gas for nothing.
    function deposit(
        uint256 assets,
        address receiver
    ) public override(ERC4626, IERC4626) whenNotPaused returns (uint256) {
        return super.deposit(assets, receiver);
    }

    /// @notice ERC-4626 `mint`: exactly `shares` LRT out, LST in rounded up.
    /// @dev Standard; paused with the rest of the deposits (no guard needed, as `deposit`).
    function mint(
        uint256 shares,
        address receiver
    ) public override(ERC4626, IERC4626) whenNotPaused returns (uint256) {
        return super.mint(shares, receiver);
    }

    // ================================================================== manager role

    /// @inheritdoc ILRTVault
    function delegateTo(address operator_) external onlyRole(MANAGER_ROLE) {
        address current = _operator;
        if (current != address(0) && !_undelegated) revert AlreadyDelegated(current);
        if (operator_ == address(0)) revert ZeroAddress("operator");
        // Moving: every withdrawal from the previous operator must be back first (`completeQueuedWithdrawals`),
        // so that all the vault's stake in the manager is with one operator, valued at its magnitude.
        uint256 open = _openWithdrawals;
        if (open != 0) revert WithdrawalsStillOpen(open);
        // Moving: LST rewards from the previous operator may still be claimable; only a harvest clears them.
        if (current != address(0)) _rewardsClearedAt = 0;
        _operator = operator_;
        _undelegated = false;
        emit OperatorDelegated(operator_);
        // The manager checks the operator is registered (`NotOperator`).
        manager.delegateTo(operator_);
    }

    /// @inheritdoc ILRTVault
    function undelegate() external nonReentrant onlyRole(MANAGER_ROLE) returns (uint256 withdrawalId) {
        address operator_ = _operator;
        if (operator_ == address(0) || _undelegated) revert NotDelegated();
        _undelegated = true;
        // The manager queues all the vault's restaked LST (its only strategy) as one withdrawal, slashable
        // by the operator for the delay, as any staker's.
        uint256[] memory withdrawalIds = manager.undelegate();
        uint256 readyAt = block.timestamp + manager.withdrawalDelay();
        if (withdrawalIds.length != 0) {
            withdrawalId = withdrawalIds[0];
            uint256 scaledShares = manager.getWithdrawal(withdrawalId).scaledShares;
            if (scaledShares != 0) {
                _undelegationWithdrawalId = withdrawalId.toUint40();
                _undelegationReadyAt = readyAt.toUint48();
                _queuedScaledShares = (uint256(_queuedScaledShares) + scaledShares).toUint128();
                ++_openWithdrawals;
            }
            _syncManagerScaledShares();
        }
        emit Undelegated(operator_, withdrawalId, readyAt);
    }

    /// @inheritdoc ILRTVault
    function restake(
        uint256 assets
    ) external nonReentrant onlyRole(MANAGER_ROLE) returns (uint256 depositShares) {
        if (_operator == address(0) || _undelegated) revert NotDelegated();
        if (assets == 0) revert ZeroAmount();
        uint256 idle = _idleAssets;
        uint256 reserved = _reservedAssets;
        uint256 freeIdle = idle > reserved ? idle - reserved : 0;
        // Rounded up: the buffer is never a wei short (the holders' favour: more liquidity).
        uint256 minIdle = Math.mulDiv(totalAssets(), _bufferBps, BPS, Math.Rounding.Ceil);
        if (assets > freeIdle) revert NotEnoughIdle(assets, freeIdle);
        uint256 idleAfter = freeIdle - assets;
        if (idleAfter < minIdle) revert BufferTooLow(idleAfter, minIdle);
        _idleAssets = (idle - assets).toUint128();
        _lst.forceApprove(address(manager), assets);
        depositShares = manager.depositIntoStrategy(_lst, assets);
        _syncManagerScaledShares();
        emit Restaked(assets, depositShares);
    }

    /// @inheritdoc ILRTVault
    function harvestRewards() external nonReentrant onlyRole(MANAGER_ROLE) returns (uint256 rewards) {
        IRestakingManager manager_ = manager;
        IERC20 lst = _lst;
        address to = _treasury;
        bool harvested;
        // Rewards in other tokens are not the vault's asset: forwarded to the treasury, as LRTs sell or
        // distribute them (never left stuck in the manager).
        IERC20[] memory rewardTokens = manager_.rewardTokens();
        for (uint256 i = 0; i < rewardTokens.length; ++i) {
            IERC20 rewardToken = rewardTokens[i];
            // The vault restakes the LST only: its rewards are all in the LST strategy.
            if (rewardToken == lst || manager_.claimableRewardsIn(address(this), lst, rewardToken) == 0)
                continue;
            uint256 forwarded = manager_.claimRewards(rewardToken, to);
            harvested = true;
            emit RewardsForwarded(rewardToken, forwarded, to);
        }
        rewards = _compoundRewards(manager_, lst, to);
        if (!harvested && rewards == 0) revert NothingToHarvest();
    }

    // ================================================================== admin and pauser

    /// @inheritdoc ILRTVault
    function setBufferBps(uint256 newBufferBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newBufferBps > BPS) revert InvalidParameter("bufferBps", newBufferBps);
        emit BufferBpsChanged(_bufferBps, newBufferBps);
        _bufferBps = uint16(newBufferBps);
    }

    /// @inheritdoc ILRTVault
    /// @dev Rewards already earned are compounded at the old fee first: `totalAssets` counted them net
    /// of it, and a new fee applies to what is earned after the change (no jump for a deposit to catch).
    function setFeeBps(uint256 newFeeBps) external nonReentrant onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert InvalidParameter("feeBps", newFeeBps);
        if (_operator != address(0)) _compoundRewards(manager, _lst, _treasury);
        emit FeeChanged(_feeBps, newFeeBps);
        _feeBps = uint16(newFeeBps);
    }

    /// @inheritdoc ILRTVault
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert ZeroAddress("treasury");
        emit TreasuryChanged(_treasury, newTreasury);
        _treasury = newTreasury;
    }

    /// @inheritdoc ILRTVault
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ILRTVault
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ================================================================== ERC-4626 views

    /// @notice LST the vault's holders own: idle (accounted) + restaked after slashing + queued
    /// withdrawals at what the manager will pay + LST service rewards earned and claimable in the manager,
    /// net of the fee. Never `balanceOf`: a donation of LST changes nothing (INV-8: slashed stake is never
    /// counted, the manager's views already exclude it).
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        return _totalAssets();
    }

    /// @notice Most LST `deposit` accepts: unlimited, 0 while paused (ERC-4626).
    function maxDeposit(address) public view override(ERC4626, IERC4626) returns (uint256) {
        return paused() ? 0 : type(uint256).max;
    }

    /// @notice Most LRT `mint` accepts: unlimited, 0 while paused (ERC-4626).
    function maxMint(address) public view override(ERC4626, IERC4626) returns (uint256) {
        return paused() ? 0 : type(uint256).max;
    }

    /// @notice 0: synchronous withdrawals are disabled; exits go through `requestRedeem`/`claimRedeem`.
    function maxWithdraw(address) public pure override(ERC4626, IERC4626) returns (uint256) {
        return 0;
    }

    /// @notice 0: synchronous redemptions are disabled; exits go through `requestRedeem`/`claimRedeem`.
    function maxRedeem(address) public pure override(ERC4626, IERC4626) returns (uint256) {
        return 0;
    }

    /// @notice 18 (the LST's) + 3 (the decimals offset): one LRT is 10^21 units.
    function decimals() public view override(ERC4626, ERC20, IERC20Metadata) returns (uint8) {
        return super.decimals();
    }

    // ================================================================== views

    /// @inheritdoc ILRTVault
    function operator() external view returns (address) {
        return _undelegated ? address(0) : _operator;
    }

    /// @inheritdoc ILRTVault
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc ILRTVault
    function bufferBps() external view returns (uint256) {
        return _bufferBps;
    }

    /// @inheritdoc ILRTVault
    function feeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @inheritdoc ILRTVault
    function idleAssets() external view returns (uint256) {
        return _idleAssets;
    }

    /// @inheritdoc ILRTVault
    function reservedAssets() external view returns (uint256) {
        return _reservedAssets;
    }

    /// @inheritdoc ILRTVault
    function restakedAssets() public view returns (uint256) {
        address operator_ = _operator;
        uint256 restakedScaled = _managerScaledShares - _queuedScaledShares;
        if (operator_ == address(0) || restakedScaled == 0) return 0;
        uint256 magnitude = manager.maxMagnitude(operator_, _lst);
        return manager.sharesToUnderlying(_lst, Math.mulDiv(restakedScaled, magnitude, WAD));
    }

    /// @inheritdoc ILRTVault
    function queuedAssets() external view returns (uint256) {
        // What `totalAssets` counts in the manager beyond the restaked position.
        uint256 inManager = _managerAssets();
        uint256 restaked = restakedAssets();
        return inManager > restaked ? inManager - restaked : 0;
    }

    /// @inheritdoc ILRTVault
    function earnedRewards() external view returns (uint256) {
        address operator_ = _operator;
        // Never delegated: nothing earned (and no external call).
        if (operator_ == address(0)) return 0;
        (, , uint256 rewardsActiveUntil) = manager.operatorStrategyState(operator_, _lst);
        return _earnedRewards(rewardsActiveUntil);
    }

    /// @inheritdoc ILRTVault
    function openWithdrawals() external view returns (uint256) {
        return _openWithdrawals;
    }

    /// @inheritdoc ILRTVault
    function restakedScaledShares() external view returns (uint256) {
        return _managerScaledShares - _queuedScaledShares;
    }

    /// @inheritdoc ILRTVault
    function queuedScaledShares() external view returns (uint256) {
        return _queuedScaledShares;
    }

    /// @inheritdoc ILRTVault
    function lrtRateInEth() external view returns (uint256) {
        return pool.getEthByShares(convertToAssets(10 ** decimals()));
    }

    /// @inheritdoc ILRTVault
    function ethValueOf(address holder) external view returns (uint256) {
        return pool.getEthByShares(convertToAssets(balanceOf(holder)));
    }

    /// @inheritdoc ILRTVault
    function redeemRequestCount() external view returns (uint256) {
        return _requestCount;
    }

    // ================================================================== internal

    /// @dev Claims the vault's LST rewards, if any, into the idle LST and mints the fee to `to` as LRT
    /// worth it (Lido's formula, rounded down): fee × (supply + 10^offset) / (totalAssets − fee + 1).
    /// `totalAssets` counted the rewards net of the same fee: the vault rate does not move.
    function _compoundRewards(
        IRestakingManager manager_,
        IERC20 lst,
        address to
    ) internal override returns (uint256 rewards) {
        if (manager_.claimableRewardsIn(address(this), lst, lst) != 0) {
            rewards = manager_.claimRewards(lst, address(this));
        }
        // The vault holds no LST reward in the manager now (claimed, or there was none): `totalAssets`
        // below, and until the next payment to its operator, need not ask the manager.
        _rewardsClearedAt = block.timestamp.toUint32();
        if (rewards == 0) return 0;
        _idleAssets = (uint256(_idleAssets) + rewards).toUint128();
        uint256 fee = Math.mulDiv(rewards, _feeBps, BPS);
        uint256 feeShares;
        if (fee != 0) {
            feeShares = Math.mulDiv(fee, totalSupply() + 10 ** DECIMALS_OFFSET, totalAssets() - fee + 1);
            _mint(to, feeShares);
        }
        emit RewardsHarvested(rewards, fee, feeShares, to);
    }

    /// @dev 10^3 virtual shares against the first-depositor inflation attack (see `DECIMALS_OFFSET`).
    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    /// @dev ERC-4626 deposits (`deposit`, `mint`): LST in, then LRT out (OpenZeppelin's order), and the
    /// LST is accounted as idle.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        super._deposit(caller, receiver, assets, shares);
        _idleAssets = (uint256(_idleAssets) + assets).toUint128();
    }
}
