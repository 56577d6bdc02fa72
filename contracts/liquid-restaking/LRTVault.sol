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
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILRTVault} from "../interfaces/ILRTVault.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";

/// @title LRTVault ("Staking Lab Restaked ETH", slrETH)
/// @notice A liquid restaking token, as ether.fi (eETH/weETH), Kelp (rsETH), Renzo (ezETH) and Puffer
/// (pufETH) build it, simplified for teaching: an ERC-4626 vault over the LST that restakes its LST in
/// the `RestakingManager`, delegated to one operator.
///
/// Value of one LRT in ETH = vault rate (LST per LRT) × LST rate (ETH per LST):
/// - consensus-layer rewards and slashings move the LST rate (the deposit pool's oracle report);
/// - AVS rewards (claimed and compounded by `harvestRewards`) and AVS slashings (the manager's
///   withdrawable shares fall) move the vault rate.
/// The two multiply: a CL loss of x and an AVS loss of y leave (1 − x)(1 − y) of the value.
///
/// Accounting (`totalAssets`, never a balance that a donation moves):
///   idle LST (accounted: deposits, claimed rewards, completed withdrawals, minus restaked and paid)
/// + restaked LST after slashing (the manager's `withdrawableUnderlying`, `a = s·k·m`)
/// + LST in the vault's open queued withdrawals after slashing (`Σ s·k × m`, what `previewWithdrawal`
///   computes while they are slashable, summed in O(1)).
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
/// (delegates, restakes, harvests: Kelp's LRTManager, ether.fi's admin), `PAUSER_ROLE` (the guardian).
contract LRTVault is ILRTVault, ERC4626, ERC20Permit, AccessControl, ReentrancyGuard, Pausable {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice Delegates the vault, restakes idle LST and harvests service rewards.
    bytes32 public constant MANAGER_ROLE = keccak256("MANAGER_ROLE");
    /// @notice Pauses and unpauses deposits, redemption requests and claims.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Largest protocol fee on service rewards the admin may set: 50 %.
    uint256 public constant MAX_FEE_BPS = 5_000;

    uint256 private constant BPS = 10_000;
    uint256 private constant WAD = 1e18;
    /// @dev Decimals offset of the LRT against the LST: 10^3 virtual shares make the first-depositor
    /// inflation attack cost the attacker ~1,000 times what it could take (OpenZeppelin's ERC-4626
    /// defence; EigenLayer's strategies use the same 1e3).
    uint8 private constant DECIMALS_OFFSET = 3;

    /// @inheritdoc ILRTVault
    IDepositPool public immutable pool;
    /// @inheritdoc ILRTVault
    IRestakingManager public immutable manager;
    /// @dev The LST, as an `IERC20` (ERC-4626's `asset()`), cached to avoid re-reading it.
    IERC20 private immutable _lst;

    // ------------------------------------------------------------------ storage
    // Every deposit reads `totalAssets`: its terms sit in two slots. The first is shared with
    // Pausable's `_paused` flag (state variables pack across inheritance), so the pause check, the
    // operator and the open-withdrawal count are one cold read; the second holds the idle LST and the
    // scaled shares the vault has in the manager. 2^128 wei is far beyond any supply.

    address private _operator;
    uint32 private _openWithdrawals;
    uint16 private _bufferBps;
    uint16 private _feeBps;

    uint128 private _idleAssets;
    /// @dev Scaled shares (EigenLayer's `s·k`: deposit shares times deposit scaling factor) the vault has
    /// in the manager: its restaked position plus its open queued withdrawals. Times the operator's max
    /// magnitude `m` they give strategy shares (`a = s·k·m`). Only the vault's own deposits, queueing
    /// and completions change them, so they are refreshed then; slashing changes `m` only, read live.
    uint128 private _managerScaledShares;

    /// @dev The part of `_managerScaledShares` in open queued withdrawals.
    uint128 private _queuedScaledShares;
    uint128 private _reservedAssets;

    uint64 private _requestCount;
    address private _treasury;

    mapping(uint256 requestId => RedeemRequest) private _requests;

    /// @param admin Holds `DEFAULT_ADMIN_ROLE` (grants the manager and pauser roles).
    /// @param pool_ The deposit pool; the vault's asset is its LST (`pool_.token()`).
    /// @param manager_ The restaking manager; it must accept the LST as a strategy (and as a reward token
    /// for `harvestRewards`).
    /// @param treasury_ Receives the fee on service rewards, as LRT.
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
    {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(manager_) == address(0)) revert ZeroAddress("manager");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        if (bufferBps_ > BPS) revert InvalidParameter("bufferBps", bufferBps_);
        if (feeBps_ > MAX_FEE_BPS) revert InvalidParameter("feeBps", feeBps_);
        pool = pool_;
        manager = manager_;
        _lst = IERC20(address(pool_.token()));
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

    // ================================================================== redemptions

    /// @inheritdoc ILRTVault
    function requestRedeem(uint256 shares) external nonReentrant whenNotPaused returns (uint256 requestId) {
        // Value now, rounded down (the vault's favour): the most this request can ever pay.
        uint256 assets = previewRedeem(shares);
        if (assets == 0) revert ZeroAssets(shares);

        // The buffer's unreserved idle LST serves the request as far as it goes; it stays in the vault
        // (and in `totalAssets`) but can no longer be restaked.
        uint256 idle = _idleAssets;
        uint256 reserved = _reservedAssets;
        uint256 freeIdle = idle > reserved ? idle - reserved : 0;
        uint256 fromBuffer = Math.min(assets, freeIdle);
        uint256 readyAt = block.timestamp + manager.withdrawalDelay();

        // Effects: escrow the shares (they stay in the supply, so the request keeps bearing losses until
        // it is claimed), reserve the buffer, record the request.
        _transfer(msg.sender, address(this), shares);
        _reservedAssets = (reserved + fromBuffer).toUint128();
        requestId = ++_requestCount;
        RedeemRequest storage request = _requests[requestId];
        request.owner = msg.sender;
        request.readyAt = readyAt.toUint48();
        request.shares = shares.toUint128();
        request.assets = assets.toUint128();
        request.fromBuffer = fromBuffer.toUint128();

        // Interaction with the (trusted) manager: queue the part the buffer cannot cover now, so its delay
        // runs alongside the request's. It stays slashable in the queue, as the request does. If the vault
        // has nothing left in the manager (a slash took it, or it is all queued already), the rest is paid
        // from the idle LST at the claim, as the other requests' claims release it.
        uint256 withdrawalId;
        if (assets > fromBuffer && manager.depositShares(address(this), _lst) != 0) {
            uint256 scaledShares;
            (withdrawalId, scaledShares) = _queueFromManager(assets - fromBuffer);
            request.withdrawalId = withdrawalId.toUint40();
            request.scaledShares = scaledShares.toUint128();
            _queuedScaledShares = (uint256(_queuedScaledShares) + scaledShares).toUint128();
            ++_openWithdrawals;
            _syncManagerScaledShares();
        }
        emit RedeemRequested(requestId, msg.sender, shares, assets, fromBuffer, withdrawalId, readyAt);
    }

    /// @inheritdoc ILRTVault
    function claimRedeem(uint256 requestId) external nonReentrant whenNotPaused returns (uint256 assets) {
        if (requestId == 0 || requestId > _requestCount) revert UnknownRequest(requestId);
        RedeemRequest storage request = _requests[requestId];
        address owner = request.owner;
        if (msg.sender != owner) revert NotRequestOwner(requestId, msg.sender, owner);
        if (request.claimed) revert AlreadyClaimed(requestId);
        uint256 readyAt = request.readyAt;
        if (block.timestamp < readyAt) revert RedeemNotReady(requestId, readyAt, block.timestamp);

        // Effects first: a second call, reentrant or not, finds the request claimed.
        request.claimed = true;

        // The manager's part comes back into the buffer (a trusted call; the guard blocks any reentry).
        // It is booked at what the manager actually paid, which is at least what `totalAssets` counted.
        uint256 withdrawalId = request.withdrawalId;
        if (withdrawalId != 0) {
            uint256 received = manager.completeQueuedWithdrawal(withdrawalId);
            _idleAssets = (uint256(_idleAssets) + received).toUint128();
            uint128 scaledShares = request.scaledShares;
            _queuedScaledShares -= scaledShares;
            _managerScaledShares -= scaledShares;
            --_openWithdrawals;
            emit RestakedWithdrawalCompleted(withdrawalId, received);
        }

        // min(value at request, value now), rounded down: a requester stops earning at request and still
        // bears every loss until the claim (as Lido's withdrawal queue and ERC-7540 vaults). What it gives
        // up stays with the remaining holders.
        uint256 shares = request.shares;
        assets = Math.min(request.assets, previewRedeem(shares));

        // Burn before paying out (OpenZeppelin's ERC-4626 order). The payout fits in the idle LST: the
        // request's reserved buffer and its completed withdrawal cover it, up to the loss it shares with
        // the whole vault, which the unreserved buffer absorbs.
        uint256 idle = _idleAssets;
        if (assets > idle) revert NotEnoughIdle(assets, idle);
        _reservedAssets -= request.fromBuffer;
        _idleAssets = (idle - assets).toUint128();
        _burn(address(this), shares);
        emit RedeemClaimed(requestId, owner, shares, assets);
        emit Withdraw(msg.sender, owner, owner, assets, shares);
        _lst.safeTransfer(owner, assets);
    }

    // ================================================================== manager role

    /// @inheritdoc ILRTVault
    function delegateTo(address operator_) external onlyRole(MANAGER_ROLE) {
        address current = _operator;
        if (current != address(0)) revert AlreadyDelegated(current);
        if (operator_ == address(0)) revert ZeroAddress("operator");
        _operator = operator_;
        emit OperatorDelegated(operator_);
        // The manager checks the operator is registered (`NotOperator`).
        manager.delegateTo(operator_);
    }

    /// @inheritdoc ILRTVault
    function restake(
        uint256 assets
    ) external nonReentrant onlyRole(MANAGER_ROLE) returns (uint256 depositShares) {
        if (_operator == address(0)) revert NotDelegated();
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
        if (manager.claimableRewards(address(this), _lst) == 0) revert NothingToHarvest();
        rewards = manager.claimRewards(_lst, address(this));
        _idleAssets = (uint256(_idleAssets) + rewards).toUint128();

        // The fee is minted as new LRT worth exactly `fee` after the rewards are in, as the deposit pool's
        // (Lido's) fee: feeShares = fee × (supply + 10^offset) / (totalAssets − fee + 1), with the vault's
        // virtual shares and asset, rounded down (the holders keep the dust).
        uint256 fee = Math.mulDiv(rewards, _feeBps, BPS);
        uint256 feeShares;
        address to = _treasury;
        if (fee != 0) {
            feeShares = Math.mulDiv(fee, totalSupply() + 10 ** DECIMALS_OFFSET, totalAssets() - fee + 1);
            _mint(to, feeShares);
        }
        emit RewardsHarvested(rewards, fee, feeShares, to);
    }

    // ================================================================== admin and pauser

    /// @inheritdoc ILRTVault
    function setBufferBps(uint256 newBufferBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newBufferBps > BPS) revert InvalidParameter("bufferBps", newBufferBps);
        emit BufferBpsChanged(_bufferBps, newBufferBps);
        _bufferBps = uint16(newBufferBps);
    }

    /// @inheritdoc ILRTVault
    function setFeeBps(uint256 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert InvalidParameter("feeBps", newFeeBps);
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
    /// withdrawals after slashing. Never `balanceOf`: a donation of LST changes nothing (INV-8: slashed
    /// stake is never counted, the manager's views already exclude it).
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        return _idleAssets + _managerAssets();
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
        return _operator;
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

    /// @inheritdoc ILRTVault
    function getRedeemRequest(uint256 requestId) external view returns (RedeemRequest memory) {
        if (requestId == 0 || requestId > _requestCount) revert UnknownRequest(requestId);
        return _requests[requestId];
    }

    /// @inheritdoc ILRTVault
    function previewClaimRedeem(uint256 requestId) external view returns (uint256) {
        if (requestId == 0 || requestId > _requestCount) revert UnknownRequest(requestId);
        RedeemRequest storage request = _requests[requestId];
        if (request.claimed) return 0;
        return Math.min(request.assets, previewRedeem(request.shares));
    }

    // ================================================================== internal

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

    /// @dev Queues in the manager enough of the vault's restaked LST to be worth at least `assets` now.
    /// Each conversion rounds down, so one unit is added at each step (round up: the vault's favour,
    /// the queue never comes back a wei short), capped at what the vault holds.
    function _queueFromManager(uint256 assets) private returns (uint256 withdrawalId, uint256 scaledShares) {
        IRestakingManager manager_ = manager;
        IERC20 lst = _lst;
        uint256 strategyShares = manager_.underlyingToShares(lst, assets) + 1;
        uint256 depositShares = manager_.convertToDepositShares(address(this), lst, strategyShares) + 1;
        depositShares = Math.min(depositShares, manager_.depositShares(address(this), lst));
        withdrawalId = manager_.queueWithdrawal(lst, depositShares);
        scaledShares = manager_.getWithdrawal(withdrawalId).scaledShares;
    }

    /// @dev The LST the vault has in the manager after slashing, restaked and queued, in O(1) with one
    /// conversion (every deposit reads it: two cheap calls instead of the six reads of
    /// `withdrawableUnderlying` plus one `previewWithdrawal` per queued withdrawal).
    ///
    /// - Restaked: withdrawable shares `a = (s·k)·m`, each product rounded down exactly as the manager's
    ///   `withdrawableShares`; with no open withdrawal this is exactly its `withdrawableUnderlying`.
    /// - Queued: the manager pays each withdrawal `scaledShares × m` (the operator's max magnitude at the
    ///   end of its delay) in shares, converted to LST, as `previewWithdrawal` shows. While the delay runs
    ///   that is `m` now, so the sum is `Σ scaledShares × m`. Once a withdrawal's delay is over its `m` is
    ///   frozen at a value ≥ `m` now: the sum is then a lower bound, and the difference is booked when the
    ///   withdrawal is completed.
    /// - Rounding: the manager rounds the position and each withdrawal down (shares, then LST); rounding
    ///   the sum once could count up to one share and one wei more per term. So with `open` withdrawals,
    ///   `open + 1` shares and `open + 1` wei are taken off: the vault never counts more than the manager
    ///   will pay (INV-8, rounding in the vault's favour).
    function _managerAssets() private view returns (uint256) {
        address operator_ = _operator;
        uint256 scaledShares = _managerScaledShares;
        // Restaking needs a delegation: an undelegated vault, or one that never restaked, has nothing in
        // the manager (and makes no external call).
        if (operator_ == address(0) || scaledShares == 0) return 0;
        IRestakingManager manager_ = manager;
        uint256 shares = Math.mulDiv(scaledShares, manager_.maxMagnitude(operator_, _lst), WAD);
        uint256 open = _openWithdrawals;
        if (open == 0) return manager_.sharesToUnderlying(_lst, shares);
        uint256 margin = open + 1;
        uint256 amount = manager_.sharesToUnderlying(_lst, shares > margin ? shares - margin : 0);
        return amount > margin ? amount - margin : 0;
    }

    /// @dev Re-reads the vault's deposit shares `s` and scaling factor `k` after it deposited or queued:
    /// the scaled shares in the manager are those of the position plus those queued.
    function _syncManagerScaledShares() private {
        uint256 depositShares = manager.depositShares(address(this), _lst);
        uint256 scalingFactor = manager.depositScalingFactor(address(this), _lst);
        uint256 positionScaled = Math.mulDiv(depositShares, scalingFactor, WAD);
        _managerScaledShares = (positionScaled + _queuedScaledShares).toUint128();
    }
}
