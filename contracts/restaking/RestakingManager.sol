// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {IRestakingPod} from "../interfaces/IRestakingPod.sol";
import {RestakingPod} from "./RestakingPod.sol";

/// @title RestakingManager
/// @notice EigenLayer's StrategyManager, DelegationManager, AllocationManager, RewardsCoordinator and
/// EigenPodManager, simplified into one contract for teaching. See `docs/restaking-manager.md`.
/// @dev The accounting is EigenLayer's (`docs/core/accounting/SharesAccounting.md`): a staker's
/// withdrawable shares are `a = s·k·l·m` (deposit shares × deposit scaling factor × beacon chain
/// slashing factor × operator max magnitude), so a slash changes one number per operator and
/// strategy (`m`) and reaches every delegator in O(1). One difference, for exactness: the
/// operator's delegated shares are not a stored running total (EigenLayer's `operatorShares`,
/// which drifts by rounding dust) but `⌊W·m⌋`, with `W` the exact sum of its delegators' scaled
/// weights `w = ⌊⌊s·k⌋·l⌋`; each delegator's `a = ⌊w·m⌋`, so Σ a ≤ ⌊W·m⌋ always, and every
/// share anyone can withdraw is backed (INV-5). Rounding always favours the protocol: shares are
/// minted and paid down, the slashed magnitude is rounded up.
// One manager stands for five EigenLayer contracts, hence more state than solhint's default.
// solhint-disable-next-line max-states-count
contract RestakingManager is IRestakingManager, AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice May pause and unpause deposits, withdrawals and reward claims.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Bound on strategies (native ETH included): slashing and delegation loop over them.
    uint256 public constant MAX_STRATEGIES = 8;
    /// @notice Bound on reward tokens: a staker's rewards are settled in each of them when its shares change.
    uint256 public constant MAX_REWARD_TOKENS = 4;
    /// @notice Longest period a reward payment may be streamed over (EigenLayer bounds a submission's
    /// duration too: `MAX_REWARDS_DURATION`).
    uint256 public constant MAX_REWARDS_DURATION = 365 days;

    /// @dev EigenLayer's `beaconChainETHStrategy` sentinel: native ETH as a strategy.
    IERC20 internal constant BEACON_CHAIN_ETH = IERC20(0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0);
    /// @dev Where burnt slashed tokens go: nobody holds its key.
    address internal constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;
    /// @dev EigenLayer's `StrategyBase` SHARES_OFFSET and BALANCE_OFFSET: 1e3 virtual shares and tokens.
    uint256 internal constant VIRTUAL_OFFSET = 1e3;
    /// @dev Fixed-point unit of the reward-per-weight accumulators (1e27 keeps dust below one wei per payment).
    uint256 internal constant REWARD_PRECISION = 1e27;

    /// @dev One staker's position in one strategy.
    /// @param depositShares `s`.
    /// @param scalingFactor `k` in WAD, set whenever `s` rises from zero (meaningless while `s` is 0).
    /// @param delegatedWeight `w = ⌊⌊s·k⌋·l⌋` while delegated (0 otherwise): its part of the operator's
    /// weight, for slashing and for rewards.
    struct StakerPosition {
        uint256 depositShares;
        uint256 scalingFactor;
        uint256 delegatedWeight;
    }

    /// @dev One operator in one strategy.
    /// @param delegatedWeight `W`, the exact Σ of its delegators' `delegatedWeight`: its delegated shares
    /// are `⌊W·m⌋` (EigenLayer's `operatorShares`), and a reward payment is divided by `W`.
    /// @param encumberedMagnitude Σ of its allocations, pending deallocations included (≤ max magnitude).
    /// @param maxMagnitudeHistory `m` by block timestamp; no checkpoint reads as 1e18.
    /// @param cumulativeScaledShares Σ scaled shares ever queued from it, by block timestamp.
    struct OperatorStrategy {
        uint256 delegatedWeight;
        uint64 encumberedMagnitude;
        Checkpoints.Trace208 maxMagnitudeHistory;
        Checkpoints.Trace208 cumulativeScaledShares;
    }

    /// @dev An operator's registration and rewards split (EigenLayer's `OperatorSplit`).
    struct OperatorInfo {
        bool registered;
        uint16 oldSplitBps;
        uint16 newSplitBps;
        uint48 splitActivatedAt;
    }

    /// @dev An AVS's registration.
    struct AVSInfo {
        bool registered;
        address slashedFundsRecipient;
    }

    /// @dev A staker's delegation and EigenLayer's `BeaconChainSlashingFactor` (unset reads as 1e18),
    /// packed in one slot.
    struct StakerInfo {
        address delegatedTo;
        bool beaconFactorSet;
        uint64 beaconFactorWad;
    }

    /// @inheritdoc IRestakingManager
    IBeaconChainSimulator public immutable simulator;
    /// @inheritdoc IRestakingManager
    uint256 public immutable withdrawalDelay;
    /// @inheritdoc IRestakingManager
    uint256 public immutable deallocationDelay;
    /// @inheritdoc IRestakingManager
    uint256 public immutable allocationDelay;
    /// @inheritdoc IRestakingManager
    uint256 public immutable defaultOperatorSplitBps;
    /// @inheritdoc IRestakingManager
    address public immutable podImplementation;

    mapping(IERC20 token => Strategy) private _strategies;
    IERC20[] private _strategyTokens;
    mapping(IERC20 token => bool) private _isRewardToken;
    IERC20[] private _rewardTokens;

    mapping(address staker => mapping(IERC20 token => StakerPosition)) private _positions;
    mapping(address staker => StakerInfo) private _stakers;

    mapping(address operator => OperatorInfo) private _operators;
    mapping(address operator => mapping(IERC20 token => OperatorStrategy)) private _operatorStrategies;

    mapping(address avs => AVSInfo) private _avss;
    mapping(address operator => mapping(address avs => bool)) private _optedIn;
    mapping(address operator => mapping(address avs => mapping(IERC20 token => Allocation)))
        private _allocations;

    /// @inheritdoc IRestakingManager
    uint256 public withdrawalCount;
    mapping(uint256 withdrawalId => Withdrawal) private _withdrawals;

    /// @dev Reward token paid per unit of reward weight, × REWARD_PRECISION, per operator and strategy.
    mapping(address operator => mapping(IERC20 token => mapping(IERC20 rewardToken => uint256)))
        private _rewardPerWeight;
    /// @dev What is left to stream of the payments to an operator's delegators in a strategy, per reward token.
    mapping(address operator => mapping(IERC20 token => mapping(IERC20 rewardToken => RewardStream)))
        private _rewardStreams;
    /// @dev The accumulator value at a staker's last settlement (its "reward debt").
    mapping(address staker => mapping(IERC20 token => mapping(IERC20 rewardToken => uint256)))
        private _rewardDebt;
    mapping(address earner => mapping(IERC20 rewardToken => uint256)) private _accruedRewards;

    /// @inheritdoc IRestakingManager
    mapping(address owner => address pod) public podOf;
    mapping(address pod => address owner) private _podOwners;

    /// @param admin Holds the admin and pauser roles.
    /// @param simulator_ The consensus layer the pods stake on.
    /// @param withdrawalDelay_ Seconds a queued withdrawal stays slashable (EigenLayer mainnet: ~14 days).
    /// @param deallocationDelay_ Seconds a lowered allocation stays slashable (EigenLayer mainnet: ~14 days).
    /// @param allocationDelay_ Seconds before a raised allocation becomes slashable; must exceed
    /// `withdrawalDelay_` so delegators can leave first (EigenLayer: `ALLOCATION_CONFIGURATION_DELAY`,
    /// ~17.5 days against a 14-day withdrawal delay).
    /// @param defaultOperatorSplitBps_ Operators' share of service rewards at registration (EigenLayer: 10 %).
    constructor(
        address admin,
        IBeaconChainSimulator simulator_,
        uint256 withdrawalDelay_,
        uint256 deallocationDelay_,
        uint256 allocationDelay_,
        uint256 defaultOperatorSplitBps_
    ) {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(simulator_) == address(0)) revert ZeroAddress("simulator");
        if (defaultOperatorSplitBps_ > BPS) revert BpsTooHigh(defaultOperatorSplitBps_);
        if (allocationDelay_ <= withdrawalDelay_)
            revert AllocationDelayTooShort(allocationDelay_, withdrawalDelay_);
        simulator = simulator_;
        withdrawalDelay = withdrawalDelay_;
        deallocationDelay = deallocationDelay_;
        allocationDelay = allocationDelay_;
        defaultOperatorSplitBps = defaultOperatorSplitBps_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _addStrategy(BEACON_CHAIN_ETH);
        // Deployed from the constructor so its code is not part of the manager's runtime code.
        podImplementation = address(new RestakingPod(simulator_));
    }

    // ================================================================ admin

    /// @inheritdoc IRestakingManager
    function addStrategy(IERC20 token) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(token) == address(0)) revert ZeroAddress("token");
        if (_strategies[token].exists) revert AlreadyAdded(token);
        if (_strategyTokens.length == MAX_STRATEGIES) revert TooMany(MAX_STRATEGIES);
        _addStrategy(token);
    }

    /// @inheritdoc IRestakingManager
    function addRewardToken(IERC20 token) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(token) == address(0)) revert ZeroAddress("token");
        if (_isRewardToken[token]) revert AlreadyAdded(token);
        if (_rewardTokens.length == MAX_REWARD_TOKENS) revert TooMany(MAX_REWARD_TOKENS);
        _isRewardToken[token] = true;
        _rewardTokens.push(token);
        emit RewardTokenAdded(token);
    }

    /// @inheritdoc IRestakingManager
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IRestakingManager
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ================================================================ stakers

    /// @inheritdoc IRestakingManager
    function depositIntoStrategy(
        IERC20 token,
        uint256 amount
    ) external nonReentrant whenNotPaused returns (uint256 shares) {
        if (token == BEACON_CHAIN_ETH) revert UseAPodForNativeETH();
        Strategy storage strategy = _requireStrategy(token);
        // Shares from accounted holdings plus the virtual offset, rounded down (the strategy's favour):
        // a donation does not move the rate, and an inflation attack would need to beat 1e3 virtual
        // shares (EigenLayer's StrategyBase).
        shares = Math.mulDiv(
            amount,
            strategy.totalShares + VIRTUAL_OFFSET,
            strategy.totalAssets + VIRTUAL_OFFSET
        );
        if (shares == 0) revert ZeroShares(amount);
        // Tokens in before shares out: a reentrant hook finds no shares to use.
        token.safeTransferFrom(msg.sender, address(this), amount);
        strategy.totalShares += shares;
        strategy.totalAssets += amount;
        emit Deposited(msg.sender, token, amount, shares);
        _addShares(msg.sender, token, shares);
    }

    /// @inheritdoc IRestakingManager
    function delegateTo(address operator) external {
        address current = _stakers[msg.sender].delegatedTo;
        if (current != address(0)) revert AlreadyDelegated(msg.sender, current);
        if (!_operators[operator].registered) revert NotOperator(operator);
        _delegate(msg.sender, operator);
    }

    /// @inheritdoc IRestakingManager
    function undelegate() external nonReentrant whenNotPaused returns (uint256[] memory withdrawalIds) {
        address staker = msg.sender;
        address operator = _stakers[staker].delegatedTo;
        if (operator == address(0)) revert NotDelegated(staker);
        if (operator == staker) revert OperatorCannotUndelegate(staker);
        uint256 count = _strategyTokens.length;
        uint256[] memory ids = new uint256[](count);
        uint256 queued;
        for (uint256 i = 0; i < count; ++i) {
            IERC20 token = _strategyTokens[i];
            uint256 shares = _positions[staker][token].depositShares;
            if (shares != 0) ids[queued++] = _queueWithdrawal(staker, operator, token, shares);
        }
        _stakers[staker].delegatedTo = address(0);
        emit StakerUndelegated(staker, operator);
        withdrawalIds = new uint256[](queued);
        for (uint256 i = 0; i < queued; ++i) withdrawalIds[i] = ids[i];
    }

    /// @inheritdoc IRestakingManager
    function queueWithdrawal(
        IERC20 token,
        uint256 depositShares_
    ) external nonReentrant whenNotPaused returns (uint256 withdrawalId) {
        _requireStrategy(token);
        if (depositShares_ == 0) revert ZeroAmount();
        uint256 available = _positions[msg.sender][token].depositShares;
        if (depositShares_ > available) revert InsufficientShares(depositShares_, available);
        withdrawalId = _queueWithdrawal(msg.sender, _stakers[msg.sender].delegatedTo, token, depositShares_);
    }

    /// @inheritdoc IRestakingManager
    function completeQueuedWithdrawal(
        uint256 withdrawalId
    ) external nonReentrant whenNotPaused returns (uint256 amount) {
        Withdrawal storage withdrawal = _withdrawals[withdrawalId];
        address staker = withdrawal.staker;
        if (staker == address(0)) revert WithdrawalNotFound(withdrawalId);
        if (msg.sender != staker) revert NotWithdrawalStaker(msg.sender, staker);
        if (withdrawal.completed) revert WithdrawalAlreadyCompleted(withdrawalId);
        uint256 readyAt = withdrawal.startTimestamp + withdrawalDelay;
        if (block.timestamp < readyAt)
            revert WithdrawalDelayNotElapsed(withdrawalId, readyAt, block.timestamp);
        // Effects before any transfer: a second call, reentrant or not, finds it completed.
        withdrawal.completed = true;
        IERC20 token = withdrawal.token;
        uint256 shares;
        (shares, amount) = _previewWithdrawal(withdrawal);
        if (token == BEACON_CHAIN_ETH) {
            // The ETH sits in the staker's pod once its validators have exited and been swept.
            IRestakingPod(podOf[staker]).withdrawRestakedBeaconChainETH(staker, amount);
        } else {
            Strategy storage strategy = _strategies[token];
            // INV-5 (claims ≤ holdings, to the wei) makes these `min`s no-ops; they stay as a guard so that
            // no accounting slip could ever lock the last withdrawal behind an underflow.
            shares = Math.min(shares, strategy.totalShares);
            amount = Math.min(amount, strategy.totalAssets);
            strategy.totalShares -= shares;
            strategy.totalAssets -= amount;
            token.safeTransfer(staker, amount);
        }
        emit WithdrawalCompleted(withdrawalId, staker, token, shares, amount);
    }

    /// @inheritdoc IRestakingManager
    function claimRewards(
        IERC20 rewardToken,
        address recipient
    ) external nonReentrant whenNotPaused returns (uint256 amount) {
        if (recipient == address(0)) revert ZeroAddress("recipient");
        address operator = _stakers[msg.sender].delegatedTo;
        if (operator != address(0)) {
            uint256 count = _strategyTokens.length;
            for (uint256 i = 0; i < count; ++i) {
                _settleReward(msg.sender, operator, _strategyTokens[i], rewardToken);
            }
        }
        amount = _accruedRewards[msg.sender][rewardToken];
        if (amount == 0) revert NothingToClaim(msg.sender, rewardToken);
        _accruedRewards[msg.sender][rewardToken] = 0;
        rewardToken.safeTransfer(recipient, amount);
        emit RewardsClaimed(msg.sender, rewardToken, recipient, amount);
    }

    // ================================================================ operators

    /// @inheritdoc IRestakingManager
    function registerAsOperator(string calldata metadataURI) external {
        if (_operators[msg.sender].registered) revert AlreadyOperator(msg.sender);
        address current = _stakers[msg.sender].delegatedTo;
        if (current != address(0)) revert AlreadyDelegated(msg.sender, current);
        uint16 split = uint16(defaultOperatorSplitBps);
        _operators[msg.sender] = OperatorInfo({
            registered: true,
            oldSplitBps: split,
            newSplitBps: split,
            splitActivatedAt: uint48(block.timestamp)
        });
        emit OperatorRegistered(msg.sender, split, metadataURI);
        // An operator is delegated to itself (EigenLayer's DelegationManager does the same).
        _delegate(msg.sender, msg.sender);
    }

    /// @inheritdoc IRestakingManager
    function setOperatorSplit(uint256 newSplitBps) external {
        OperatorInfo storage info = _requireOperator(msg.sender);
        if (newSplitBps > BPS) revert BpsTooHigh(newSplitBps);
        uint16 current = _currentSplit(info);
        uint256 activatedAt = block.timestamp + withdrawalDelay;
        info.oldSplitBps = current;
        info.newSplitBps = uint16(newSplitBps);
        info.splitActivatedAt = activatedAt.toUint48();
        emit OperatorSplitSet(msg.sender, current, newSplitBps, activatedAt);
    }

    /// @inheritdoc IRestakingManager
    function optInToAVS(address avs) external {
        _requireOperator(msg.sender);
        if (!_avss[avs].registered) revert NotAVS(avs);
        if (_optedIn[msg.sender][avs]) revert AlreadyOptedIn(msg.sender, avs);
        _optedIn[msg.sender][avs] = true;
        emit OperatorOptedIn(msg.sender, avs);
    }

    /// @inheritdoc IRestakingManager
    function modifyAllocation(address avs, IERC20 token, uint64 newMagnitude) external {
        address operator = msg.sender;
        _requireOperator(operator);
        if (!_optedIn[operator][avs]) revert NotOptedIn(operator, avs);
        _requireStrategy(token);
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        Allocation storage allocation = _allocations[operator][avs][token];
        _applyPendingModification(operator, token, os, allocation);
        if (allocation.pendingDiff != 0) revert ModificationPending(allocation.effectTimestamp);
        uint64 current = allocation.currentMagnitude;
        if (newMagnitude == current) revert SameMagnitude(newMagnitude);
        int128 diff;
        uint256 effectTimestamp;
        if (newMagnitude > current) {
            // An increase is encumbered at once (no other AVS can take the same stake) but becomes
            // slashable only after `allocationDelay` > `withdrawalDelay`: a delegator who sees it coming
            // can queue a withdrawal that is complete before the new exposure exists (EigenLayer's
            // allocation delay). Without it an operator could register its own AVS, allocate and slash
            // its delegators in one block.
            uint64 increase = newMagnitude - current;
            uint256 available = _maxMagnitude(os) - os.encumberedMagnitude;
            if (increase > available) revert InsufficientMagnitude(increase, available);
            diff = int128(uint128(increase));
            effectTimestamp = block.timestamp + allocationDelay;
            os.encumberedMagnitude += increase;
            emit EncumberedMagnitudeUpdated(operator, token, os.encumberedMagnitude);
        } else {
            // A decrease waits `deallocationDelay`: the magnitude stays allocated and slashable until then.
            diff = -int128(uint128(current - newMagnitude));
            effectTimestamp = block.timestamp + deallocationDelay;
        }
        allocation.pendingDiff = diff;
        allocation.effectTimestamp = effectTimestamp.toUint48();
        emit AllocationUpdated(operator, avs, token, newMagnitude, effectTimestamp);
    }

    /// @inheritdoc IRestakingManager
    function clearDeallocation(address operator, address avs, IERC20 token) external {
        Allocation storage allocation = _allocations[operator][avs][token];
        if (!_applyPendingModification(operator, token, _operatorStrategies[operator][token], allocation)) {
            revert NoDeallocationToClear(allocation.effectTimestamp);
        }
    }

    // ================================================================ AVSs

    /// @inheritdoc IRestakingManager
    function registerAVS(address slashedFundsRecipient_, string calldata metadataURI) external {
        if (_avss[msg.sender].registered) revert AlreadyAVS(msg.sender);
        if (slashedFundsRecipient_ == address(0)) revert ZeroAddress("slashedFundsRecipient");
        _avss[msg.sender] = AVSInfo({registered: true, slashedFundsRecipient: slashedFundsRecipient_});
        emit AVSRegistered(msg.sender, slashedFundsRecipient_, metadataURI);
    }

    /// @inheritdoc IRestakingManager
    function slashOperator(
        address operator,
        uint256 wadToSlash,
        string calldata description
    ) external nonReentrant {
        address avs = msg.sender;
        if (!_avss[avs].registered) revert NotAVS(avs);
        if (!_optedIn[operator][avs]) revert NotOptedIn(operator, avs);
        if (wadToSlash == 0 || wadToSlash > WAD) revert InvalidWadToSlash(wadToSlash);
        bool slashedAny;
        uint256 count = _strategyTokens.length;
        // Bounded by MAX_STRATEGIES; nothing here depends on the number of stakers.
        for (uint256 i = 0; i < count; ++i) {
            if (_slashStrategy(operator, avs, _strategyTokens[i], wadToSlash)) slashedAny = true;
        }
        if (!slashedAny) revert OperatorNotAllocated(operator, avs);
        emit OperatorSlashed(operator, avs, wadToSlash, description);
    }

    /// @inheritdoc IRestakingManager
    function payRewards(
        address operator,
        IERC20 token,
        IERC20 rewardToken,
        uint256 amount,
        uint256 duration
    ) external nonReentrant {
        if (!_avss[msg.sender].registered) revert NotAVS(msg.sender);
        if (!_optedIn[operator][msg.sender]) revert NotOptedIn(operator, msg.sender);
        if (!_isRewardToken[rewardToken]) revert RewardTokenNotAllowed(rewardToken);
        if (amount == 0) revert ZeroAmount();
        if (duration == 0 || duration > MAX_REWARDS_DURATION)
            revert InvalidRewardsDuration(duration, MAX_REWARDS_DURATION);
        if (_operatorStrategies[operator][token].delegatedWeight == 0) revert NoDelegatedStake(operator, token);
        rewardToken.safeTransferFrom(msg.sender, address(this), amount);
        // The operator's cut is credited at once, rounded down; the rest is streamed to the delegators by
        // stake × time (a staker who delegates just before the payment earns only while it stays).
        uint256 operatorCut = (amount * _currentSplit(_operators[operator])) / BPS;
        _accruedRewards[operator][rewardToken] += operatorCut;
        // What the running stream owed so far goes to the stake that earned it, before this payment joins.
        _updateStream(operator, token, rewardToken);
        RewardStream storage stream = _rewardStreams[operator][token][rewardToken];
        uint256 remaining = stream.remaining;
        // One stream per operator, strategy and reward token (O(1)): a new payment joins what is left of the
        // running one and both stream until the later end, never faster than either payer asked.
        uint256 endTimestamp = block.timestamp + duration;
        if (remaining != 0 && stream.endTimestamp > endTimestamp) endTimestamp = stream.endTimestamp;
        stream.remaining = (remaining + amount - operatorCut).toUint160();
        stream.lastUpdateTimestamp = uint48(block.timestamp);
        stream.endTimestamp = endTimestamp.toUint48();
        emit RewardsPaid(msg.sender, operator, token, rewardToken, amount, operatorCut, duration, endTimestamp);
    }

    // ================================================================ native restaking

    /// @inheritdoc IRestakingManager
    function createPod() external returns (address pod) {
        address existing = podOf[msg.sender];
        if (existing != address(0)) revert PodAlreadyExists(msg.sender, existing);
        pod = Clones.clone(podImplementation);
        podOf[msg.sender] = pod;
        _podOwners[pod] = msg.sender;
        IRestakingPod(pod).initialize(msg.sender);
        emit PodDeployed(msg.sender, pod);
    }

    /// @inheritdoc IRestakingManager
    function recordBeaconChainETHBalanceUpdate(
        address podOwner,
        uint256 prevRestakedBalanceWei,
        int256 balanceDeltaWei
    ) external nonReentrant {
        if (podOwner == address(0) || _podOwners[msg.sender] != podOwner) revert NotPod(msg.sender);
        if (balanceDeltaWei > 0) {
            // Native ETH shares are wei, 1:1 (EigenLayer's beacon chain ETH strategy has no exchange rate).
            uint256 added = uint256(balanceDeltaWei);
            emit Deposited(podOwner, BEACON_CHAIN_ETH, added, added);
            _addShares(podOwner, BEACON_CHAIN_ETH, added);
        } else if (balanceDeltaWei < 0) {
            _decreaseBeaconFactor(podOwner, prevRestakedBalanceWei, uint256(-balanceDeltaWei));
        }
    }

    // ================================================================ views

    /// @inheritdoc IRestakingManager
    function beaconChainETHStrategy() external pure returns (IERC20) {
        return BEACON_CHAIN_ETH;
    }

    /// @inheritdoc IRestakingManager
    function burnAddress() external pure returns (address) {
        return BURN_ADDRESS;
    }

    /// @inheritdoc IRestakingManager
    function strategyTokens() external view returns (IERC20[] memory) {
        return _strategyTokens;
    }

    /// @inheritdoc IRestakingManager
    function rewardTokens() external view returns (IERC20[] memory) {
        return _rewardTokens;
    }

    /// @inheritdoc IRestakingManager
    function getStrategy(IERC20 token) external view returns (Strategy memory) {
        return _strategies[token];
    }

    /// @inheritdoc IRestakingManager
    function sharesToUnderlying(IERC20 token, uint256 shares) public view returns (uint256) {
        if (token == BEACON_CHAIN_ETH) return shares;
        Strategy storage strategy = _strategies[token];
        return
            Math.mulDiv(shares, strategy.totalAssets + VIRTUAL_OFFSET, strategy.totalShares + VIRTUAL_OFFSET);
    }

    /// @inheritdoc IRestakingManager
    function underlyingToShares(IERC20 token, uint256 amount) external view returns (uint256) {
        if (token == BEACON_CHAIN_ETH) return amount;
        Strategy storage strategy = _strategies[token];
        return
            Math.mulDiv(amount, strategy.totalShares + VIRTUAL_OFFSET, strategy.totalAssets + VIRTUAL_OFFSET);
    }

    /// @inheritdoc IRestakingManager
    function depositShares(address staker, IERC20 token) external view returns (uint256) {
        return _positions[staker][token].depositShares;
    }

    /// @inheritdoc IRestakingManager
    function depositScalingFactor(address staker, IERC20 token) public view returns (uint256) {
        StakerPosition storage position = _positions[staker][token];
        return position.depositShares == 0 ? WAD : position.scalingFactor;
    }

    /// @inheritdoc IRestakingManager
    function beaconChainSlashingFactor(address podOwner) public view returns (uint256) {
        StakerInfo storage info = _stakers[podOwner];
        return info.beaconFactorSet ? info.beaconFactorWad : WAD;
    }

    /// @inheritdoc IRestakingManager
    function withdrawableShares(address staker, IERC20 token) public view returns (uint256) {
        uint256 weight = _weight(staker, token, _positions[staker][token].depositShares);
        return Math.mulDiv(weight, _magnitudeOf(_stakers[staker].delegatedTo, token), WAD);
    }

    /// @inheritdoc IRestakingManager
    function withdrawableUnderlying(address staker, IERC20 token) external view returns (uint256) {
        return sharesToUnderlying(token, withdrawableShares(staker, token));
    }

    /// @inheritdoc IRestakingManager
    function convertToDepositShares(
        address staker,
        IERC20 token,
        uint256 withdrawableShareAmount
    ) external view returns (uint256) {
        uint256 magnitude = _magnitudeOf(_stakers[staker].delegatedTo, token);
        uint256 beaconFactor = _beaconFactorFor(staker, token);
        uint256 k = depositScalingFactor(staker, token);
        if (magnitude == 0 || beaconFactor == 0 || k == 0) return 0;
        // Rounded down at each step: queueing the result never withdraws more than asked.
        uint256 weight = Math.mulDiv(withdrawableShareAmount, WAD, magnitude);
        return Math.mulDiv(Math.mulDiv(weight, WAD, beaconFactor), WAD, k);
    }

    /// @inheritdoc IRestakingManager
    function delegatedTo(address staker) external view returns (address) {
        return _stakers[staker].delegatedTo;
    }

    /// @inheritdoc IRestakingManager
    function isOperator(address account) external view returns (bool) {
        return _operators[account].registered;
    }

    /// @inheritdoc IRestakingManager
    function operatorShares(address operator, IERC20 token) public view returns (uint256) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        return Math.mulDiv(os.delegatedWeight, _maxMagnitude(os), WAD);
    }

    /// @inheritdoc IRestakingManager
    function operatorSplitBps(address operator) external view returns (uint256) {
        return _currentSplit(_operators[operator]);
    }

    /// @inheritdoc IRestakingManager
    function isAVS(address account) external view returns (bool) {
        return _avss[account].registered;
    }

    /// @inheritdoc IRestakingManager
    function slashedFundsRecipient(address avs) external view returns (address) {
        return _avss[avs].slashedFundsRecipient;
    }

    /// @inheritdoc IRestakingManager
    function isOptedIn(address operator, address avs) external view returns (bool) {
        return _optedIn[operator][avs];
    }

    /// @inheritdoc IRestakingManager
    function maxMagnitude(address operator, IERC20 token) external view returns (uint256) {
        return _maxMagnitude(_operatorStrategies[operator][token]);
    }

    /// @inheritdoc IRestakingManager
    function latestMaxMagnitude(
        address operator,
        IERC20 token
    ) external view returns (uint256 magnitude, uint256 timestamp) {
        (bool exists, uint48 key, uint208 value) = _operatorStrategies[operator][token]
            .maxMagnitudeHistory
            .latestCheckpoint();
        return exists ? (uint256(value), uint256(key)) : (WAD, 0);
    }

    /// @inheritdoc IRestakingManager
    function maxMagnitudeAt(
        address operator,
        IERC20 token,
        uint256 timestamp
    ) external view returns (uint256) {
        return _maxMagnitudeAt(_operatorStrategies[operator][token], timestamp);
    }

    /// @inheritdoc IRestakingManager
    function encumberedMagnitude(address operator, IERC20 token) external view returns (uint256) {
        return _operatorStrategies[operator][token].encumberedMagnitude;
    }

    /// @inheritdoc IRestakingManager
    function getAllocation(
        address operator,
        address avs,
        IERC20 token
    ) external view returns (Allocation memory allocation) {
        allocation = _allocations[operator][avs][token];
        int128 pendingDiff = allocation.pendingDiff;
        if (pendingDiff != 0 && block.timestamp >= allocation.effectTimestamp) {
            if (pendingDiff > 0) allocation.currentMagnitude += uint64(uint128(pendingDiff));
            else allocation.currentMagnitude -= uint64(uint128(-pendingDiff));
            allocation.pendingDiff = 0;
            allocation.effectTimestamp = 0;
        }
    }

    /// @inheritdoc IRestakingManager
    function slashableSharesInQueue(address operator, IERC20 token) external view returns (uint256) {
        return _slashableSharesInQueue(_operatorStrategies[operator][token]);
    }

    /// @inheritdoc IRestakingManager
    function getWithdrawal(uint256 withdrawalId) external view returns (Withdrawal memory) {
        return _withdrawals[withdrawalId];
    }

    /// @inheritdoc IRestakingManager
    function completableAt(uint256 withdrawalId) external view returns (uint256) {
        Withdrawal storage withdrawal = _withdrawals[withdrawalId];
        if (withdrawal.staker == address(0)) revert WithdrawalNotFound(withdrawalId);
        return withdrawal.startTimestamp + withdrawalDelay;
    }

    /// @inheritdoc IRestakingManager
    function previewWithdrawal(uint256 withdrawalId) external view returns (uint256 shares, uint256 amount) {
        Withdrawal storage withdrawal = _withdrawals[withdrawalId];
        if (withdrawal.staker == address(0)) revert WithdrawalNotFound(withdrawalId);
        return _previewWithdrawal(withdrawal);
    }

    /// @inheritdoc IRestakingManager
    function getRewardStream(
        address operator,
        IERC20 token,
        IERC20 rewardToken
    ) external view returns (RewardStream memory) {
        return _rewardStreams[operator][token][rewardToken];
    }

    /// @inheritdoc IRestakingManager
    function claimableRewardsIn(
        address earner,
        IERC20 token,
        IERC20 rewardToken
    ) external view returns (uint256 amount) {
        amount = _accruedRewards[earner][rewardToken];
        address operator = _stakers[earner].delegatedTo;
        if (operator != address(0)) amount += _pendingReward(earner, operator, token, rewardToken);
    }

    /// @inheritdoc IRestakingManager
    function claimableRewards(address earner, IERC20 rewardToken) external view returns (uint256 amount) {
        amount = _accruedRewards[earner][rewardToken];
        address operator = _stakers[earner].delegatedTo;
        if (operator == address(0)) return amount;
        uint256 count = _strategyTokens.length;
        for (uint256 i = 0; i < count; ++i) {
            IERC20 token = _strategyTokens[i];
            amount += _pendingReward(earner, operator, token, rewardToken);
        }
    }

    // ================================================================ internal: strategies and shares

    function _addStrategy(IERC20 token) private {
        _strategies[token].exists = true;
        _strategyTokens.push(token);
        emit StrategyAdded(token);
    }

    function _requireStrategy(IERC20 token) private view returns (Strategy storage strategy) {
        strategy = _strategies[token];
        if (!strategy.exists) revert StrategyNotFound(token);
    }

    function _requireOperator(address operator) private view returns (OperatorInfo storage info) {
        info = _operators[operator];
        if (!info.registered) revert NotOperator(operator);
    }

    /// @dev Credits `shares` new deposit shares and sets `k` so that the withdrawable shares rise by at
    /// most `shares`: the new weight is at most `w + shares / m` (EigenLayer's `DepositScalingFactor.update`,
    /// `k' = (a + shares) / ((s + shares)·m·l)`, written on the weight so that it is exact). On a first
    /// deposit `k = 1 / (m·l)`: slashes before this deposit do not reach it.
    function _addShares(address staker, IERC20 token, uint256 shares) private {
        address operator = _stakers[staker].delegatedTo;
        uint256 magnitude = _magnitudeOf(operator, token);
        if (magnitude == 0 || _beaconFactorFor(staker, token) == 0) revert FullySlashed(operator, token);
        if (operator != address(0)) _settleRewards(staker, operator, token);
        StakerPosition storage position = _positions[staker][token];
        uint256 targetWeight =
            _weight(staker, token, position.depositShares) + Math.mulDiv(shares, WAD, magnitude);
        position.depositShares += shares;
        _setScalingFactor(staker, token, position, targetWeight);
        if (operator != address(0)) _updateWeight(staker, operator, token);
    }

    /// @dev Moves all of `staker`'s shares to `operator`. The weight is divided by the operator's `m`
    /// (`k ← k / m`) so that `a = w·m` does not grow: slashes before the delegation do not reach the staker.
    function _delegate(address staker, address operator) private {
        _stakers[staker].delegatedTo = operator;
        emit StakerDelegated(staker, operator);
        uint256 count = _strategyTokens.length;
        for (uint256 i = 0; i < count; ++i) {
            IERC20 token = _strategyTokens[i];
            StakerPosition storage position = _positions[staker][token];
            if (position.depositShares == 0) continue;
            uint256 magnitude = _maxMagnitude(_operatorStrategies[operator][token]);
            if (magnitude == 0) revert FullySlashed(operator, token);
            uint256 targetWeight = Math.mulDiv(
                _weight(staker, token, position.depositShares),
                WAD,
                magnitude
            );
            _setScalingFactor(staker, token, position, targetWeight);
            // The staker starts earning from the operator's accumulator as it is now.
            uint256 rewardCount = _rewardTokens.length;
            for (uint256 j = 0; j < rewardCount; ++j) {
                IERC20 rewardToken = _rewardTokens[j];
                _updateStream(operator, token, rewardToken);
                _rewardDebt[staker][token][rewardToken] = _rewardPerWeight[operator][token][rewardToken];
            }
            _updateWeight(staker, operator, token);
        }
    }

    /// @dev Sets `k` to the largest value whose weight `⌊⌊s·k⌋·l⌋` does not exceed `targetWeight`
    /// (rounded down at each step, against the staker).
    function _setScalingFactor(
        address staker,
        IERC20 token,
        StakerPosition storage position,
        uint256 targetWeight
    ) private {
        uint256 beaconFactor = _beaconFactorFor(staker, token);
        uint256 targetScaled = beaconFactor == 0 ? 0 : Math.mulDiv(targetWeight, WAD, beaconFactor);
        uint256 newFactor = Math.mulDiv(targetScaled, WAD, position.depositShares);
        position.scalingFactor = newFactor;
        emit DepositScalingFactorUpdated(staker, token, newFactor);
    }

    /// @dev Removes deposit shares from the staker and records a withdrawal of their scaled shares `s·k`,
    /// computed as the exact fall of `⌊s·k⌋` so that the operator's weight stays an exact sum. The
    /// operator's cumulative history lets a slash within the delay take its part.
    function _queueWithdrawal(
        address staker,
        address operator,
        IERC20 token,
        uint256 shares
    ) private returns (uint256 withdrawalId) {
        StakerPosition storage position = _positions[staker][token];
        uint256 k = position.scalingFactor;
        uint256 before = withdrawableShares(staker, token);
        uint256 scaledShares =
            Math.mulDiv(position.depositShares, k, WAD) -
                Math.mulDiv(position.depositShares - shares, k, WAD);
        if (operator != address(0)) _settleRewards(staker, operator, token);
        position.depositShares -= shares;
        if (operator != address(0)) {
            OperatorStrategy storage os = _operatorStrategies[operator][token];
            os.cumulativeScaledShares.push(
                uint48(block.timestamp),
                (os.cumulativeScaledShares.latest() + scaledShares).toUint208()
            );
            _updateWeight(staker, operator, token);
        }
        withdrawalId = ++withdrawalCount;
        _withdrawals[withdrawalId] = Withdrawal({
            staker: staker,
            delegatedTo: operator,
            token: token,
            startTimestamp: uint48(block.timestamp),
            completed: false,
            scaledShares: scaledShares
        });
        uint256 withdrawable = before - withdrawableShares(staker, token);
        emit WithdrawalQueued(withdrawalId, staker, operator, token, shares, scaledShares, withdrawable);
    }

    /// @dev A withdrawal's value: `⌊⌊scaled·l⌋·m⌋`, with the owner's beacon chain factor now (native ETH)
    /// and the operator's magnitude at the last slashable second (or now, if still slashable).
    function _previewWithdrawal(
        Withdrawal storage withdrawal
    ) private view returns (uint256 shares, uint256 amount) {
        uint256 magnitude = WAD;
        if (withdrawal.delegatedTo != address(0)) {
            uint256 lastSlashable = withdrawal.startTimestamp + withdrawalDelay;
            if (withdrawalDelay != 0) lastSlashable -= 1;
            magnitude = _maxMagnitudeAt(
                _operatorStrategies[withdrawal.delegatedTo][withdrawal.token],
                Math.min(lastSlashable, block.timestamp)
            );
        }
        IERC20 token = withdrawal.token;
        uint256 weight = Math.mulDiv(
            withdrawal.scaledShares,
            _beaconFactorFor(withdrawal.staker, token),
            WAD
        );
        shares = Math.mulDiv(weight, magnitude, WAD);
        amount = sharesToUnderlying(token, shares);
    }

    /// @dev The staker's weight for `shares` deposit shares: `⌊⌊s·k⌋·l⌋`, each product rounded down.
    function _weight(address staker, IERC20 token, uint256 shares) private view returns (uint256) {
        uint256 scaled = Math.mulDiv(shares, depositScalingFactor(staker, token), WAD);
        if (token != BEACON_CHAIN_ETH) return scaled;
        return Math.mulDiv(scaled, beaconChainSlashingFactor(staker), WAD);
    }

    /// @dev The operator's max magnitude `m` (1e18 for undelegated stake).
    function _magnitudeOf(address operator, IERC20 token) private view returns (uint256) {
        return operator == address(0) ? WAD : _maxMagnitude(_operatorStrategies[operator][token]);
    }

    /// @dev `l`: the beacon chain slashing factor for native ETH, 1e18 for tokens.
    function _beaconFactorFor(address staker, IERC20 token) private view returns (uint256) {
        return token == BEACON_CHAIN_ETH ? beaconChainSlashingFactor(staker) : WAD;
    }

    /// @dev A consensus-layer loss: `l` falls by the fraction of the pod's restaked balance lost (rounded
    /// down, against the owner); the owner's shares stay, its withdrawable shares fall with `l`.
    function _decreaseBeaconFactor(address podOwner, uint256 prevBalance, uint256 loss) private {
        address operator = _stakers[podOwner].delegatedTo;
        if (operator != address(0)) _settleRewards(podOwner, operator, BEACON_CHAIN_ETH);
        uint256 prevFactor = beaconChainSlashingFactor(podOwner);
        uint256 remaining = loss >= prevBalance ? 0 : prevBalance - loss;
        uint256 newFactor = Math.mulDiv(prevFactor, remaining, prevBalance);
        StakerInfo storage info = _stakers[podOwner];
        info.beaconFactorSet = true;
        info.beaconFactorWad = newFactor.toUint64();
        emit BeaconChainSlashingFactorDecreased(podOwner, prevFactor, newFactor);
        if (operator != address(0)) _updateWeight(podOwner, operator, BEACON_CHAIN_ETH);
    }

    // ================================================================ internal: allocations and slashing

    function _maxMagnitude(OperatorStrategy storage os) private view returns (uint256) {
        (bool exists, , uint208 value) = os.maxMagnitudeHistory.latestCheckpoint();
        return exists ? value : WAD;
    }

    function _maxMagnitudeAt(OperatorStrategy storage os, uint256 timestamp) private view returns (uint256) {
        Checkpoints.Trace208 storage history = os.maxMagnitudeHistory;
        // Before the first slash the operator had all of its magnitude.
        if (history.length() == 0 || timestamp < history.at(0)._key) return WAD;
        return history.upperLookupRecent(timestamp.toUint48());
    }

    /// @dev Scaled shares queued from the operator at a timestamp > now − withdrawalDelay: still slashable.
    function _slashableSharesInQueue(OperatorStrategy storage os) private view returns (uint256) {
        uint256 total = os.cumulativeScaledShares.latest();
        if (block.timestamp < withdrawalDelay) return total;
        return total - os.cumulativeScaledShares.upperLookupRecent(uint48(block.timestamp - withdrawalDelay));
    }

    /// @dev Applies an allocation change whose delay has passed; returns whether it did. An increase was
    /// encumbered when requested and now becomes slashable; a deallocation frees its magnitude.
    function _applyPendingModification(
        address operator,
        IERC20 token,
        OperatorStrategy storage os,
        Allocation storage allocation
    ) private returns (bool) {
        int128 pendingDiff = allocation.pendingDiff;
        if (pendingDiff == 0 || block.timestamp < allocation.effectTimestamp) return false;
        allocation.pendingDiff = 0;
        allocation.effectTimestamp = 0;
        if (pendingDiff > 0) {
            allocation.currentMagnitude += uint64(uint128(pendingDiff));
        } else {
            uint64 freed = uint64(uint128(-pendingDiff));
            allocation.currentMagnitude -= freed;
            os.encumberedMagnitude -= freed;
            emit EncumberedMagnitudeUpdated(operator, token, os.encumberedMagnitude);
        }
        return true;
    }

    /// @dev One strategy of a slash (EigenLayer's `AllocationManager._slashOperator`): lower the allocation
    /// and `m` by the slashed magnitude, rounded up, then burn the shares that lost. Returns false if the
    /// operator has nothing allocated to the AVS in this strategy.
    function _slashStrategy(
        address operator,
        address avs,
        IERC20 token,
        uint256 wadToSlash
    ) private returns (bool) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        Allocation storage allocation = _allocations[operator][avs][token];
        _applyPendingModification(operator, token, os, allocation);
        // A pending increase is not slashable yet: only the current magnitude is.
        if (allocation.currentMagnitude == 0) return false;
        uint256 prevMax = _maxMagnitude(os);
        // Rounded up: the AVS never slashes less than it asked (≤ the allocation since wadToSlash ≤ 1e18).
        uint64 slashedMagnitude = uint64(
            Math.mulDiv(allocation.currentMagnitude, wadToSlash, WAD, Math.Rounding.Ceil)
        );
        allocation.currentMagnitude -= slashedMagnitude;
        if (allocation.pendingDiff < 0) {
            // A pending deallocation is slashed in the same proportion: what will be freed shrinks too.
            uint256 pending = uint128(-allocation.pendingDiff);
            pending -= Math.mulDiv(pending, wadToSlash, WAD, Math.Rounding.Ceil);
            allocation.pendingDiff = -int128(uint128(pending));
        }
        os.encumberedMagnitude -= slashedMagnitude;
        uint256 newMax = prevMax - slashedMagnitude;
        os.maxMagnitudeHistory.push(uint48(block.timestamp), uint208(newMax));
        emit MaxMagnitudeUpdated(operator, token, newMax);
        (uint256 sharesSlashed, uint256 amount, address recipient) = _burnSlashedShares(
            operator,
            avs,
            token,
            prevMax,
            newMax
        );
        emit StakeSlashed(operator, avs, token, slashedMagnitude, sharesSlashed, amount, recipient);
        return true;
    }

    /// @dev EigenLayer's `DelegationManager.slashOperatorShares`: the delegated weight and the scaled
    /// shares queued within the delay were worth `⌊(W + queued)·m⌋`; they are now worth the same at the new
    /// `m`; the difference is burnt and its tokens go to the AVS's recipient. (For native ETH the queued
    /// part is counted before the beacon chain factor.) Native ETH: as in EigenLayer, the slashed wei stay
    /// locked in the pods (nobody can withdraw them), so `amount` is 0.
    function _burnSlashedShares(
        address operator,
        address avs,
        IERC20 token,
        uint256 prevMax,
        uint256 newMax
    ) private returns (uint256 sharesSlashed, uint256 amount, address recipient) {
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        uint256 delegatedWeight = os.delegatedWeight;
        emit OperatorSharesDecreased(
            operator,
            address(0),
            token,
            Math.mulDiv(delegatedWeight, prevMax, WAD) - Math.mulDiv(delegatedWeight, newMax, WAD)
        );
        uint256 slashable = delegatedWeight + _slashableSharesInQueue(os);
        sharesSlashed = Math.mulDiv(slashable, prevMax, WAD) - Math.mulDiv(slashable, newMax, WAD);
        recipient = _avss[avs].slashedFundsRecipient;
        if (token != BEACON_CHAIN_ETH) {
            Strategy storage strategy = _strategies[token];
            sharesSlashed = Math.min(sharesSlashed, strategy.totalShares); // a guard: INV-5 makes it a no-op
            amount = sharesToUnderlying(token, sharesSlashed);
            strategy.totalShares -= sharesSlashed;
            strategy.totalAssets -= amount;
            token.safeTransfer(recipient, amount);
        }
    }

    // ================================================================ internal: rewards

    function _currentSplit(OperatorInfo storage info) private view returns (uint16) {
        return block.timestamp >= info.splitActivatedAt ? info.newSplitBps : info.oldSplitBps;
    }

    /// @dev Reward tokens the stream has released since its last update: all of it once the end has passed,
    /// else the elapsed share of what remains (rounded down: the rest streams on, nothing is lost).
    function _releasedSinceUpdate(RewardStream storage stream) private view returns (uint256 released) {
        uint256 remaining = stream.remaining;
        uint256 last = stream.lastUpdateTimestamp;
        if (remaining == 0 || block.timestamp <= last) return 0;
        uint256 end = stream.endTimestamp;
        if (block.timestamp >= end) return remaining;
        return Math.mulDiv(remaining, block.timestamp - last, end - last);
    }

    /// @dev The operator's reward-per-weight accumulator as it would be after `_updateStream` now.
    function _currentRewardPerWeight(
        address operator,
        IERC20 token,
        IERC20 rewardToken
    ) private view returns (uint256 rewardPerWeight) {
        rewardPerWeight = _rewardPerWeight[operator][token][rewardToken];
        uint256 totalWeight = _operatorStrategies[operator][token].delegatedWeight;
        if (totalWeight == 0) return rewardPerWeight;
        uint256 released = _releasedSinceUpdate(_rewardStreams[operator][token][rewardToken]);
        if (released != 0) rewardPerWeight += Math.mulDiv(released, REWARD_PRECISION, totalWeight);
    }

    /// @dev Moves what the stream released since its last update into the accumulator, pro rata to the
    /// weight delegated during that time (Synthetix's `updateReward`). Called before any weight changes.
    /// While nobody is delegated the stream pauses (its end moves on): no one earned that time's share.
    function _updateStream(address operator, IERC20 token, IERC20 rewardToken) private {
        RewardStream storage stream = _rewardStreams[operator][token][rewardToken];
        uint256 remaining = stream.remaining;
        if (remaining == 0 || block.timestamp <= stream.lastUpdateTimestamp) return;
        uint256 totalWeight = _operatorStrategies[operator][token].delegatedWeight;
        if (totalWeight == 0) {
            stream.endTimestamp += uint48(block.timestamp) - stream.lastUpdateTimestamp;
        } else {
            uint256 released = _releasedSinceUpdate(stream);
            stream.remaining = uint160(remaining - released);
            // Rounded down: the delegators never claim more than was released (dust stays in the manager).
            _rewardPerWeight[operator][token][rewardToken] += Math.mulDiv(
                released,
                REWARD_PRECISION,
                totalWeight
            );
        }
        stream.lastUpdateTimestamp = uint48(block.timestamp);
    }

    function _pendingReward(
        address staker,
        address operator,
        IERC20 token,
        IERC20 rewardToken
    ) private view returns (uint256) {
        // A zero weight has earned nothing since its last settlement, and its debt may still hold another
        // operator's accumulator (the staker moved while holding nothing here): do not read it.
        uint256 weight = _positions[staker][token].delegatedWeight;
        if (weight == 0) return 0;
        // A positive weight was set right after a settlement against this operator: debt ≤ accumulated.
        uint256 debt = _rewardDebt[staker][token][rewardToken];
        // Rounded down: a staker never claims more than its share.
        return
            Math.mulDiv(
                weight,
                _currentRewardPerWeight(operator, token, rewardToken) - debt,
                REWARD_PRECISION
            );
    }

    /// @dev Moves what the staker earned in `rewardToken` since its last settlement into its accrued rewards.
    function _settleReward(address staker, address operator, IERC20 token, IERC20 rewardToken) private {
        _updateStream(operator, token, rewardToken);
        uint256 pending = _pendingReward(staker, operator, token, rewardToken);
        if (pending != 0) _accruedRewards[staker][rewardToken] += pending;
        _rewardDebt[staker][token][rewardToken] = _rewardPerWeight[operator][token][rewardToken];
    }

    /// @dev Settles every reward token: called before the staker's reward weight in `token` changes.
    function _settleRewards(address staker, address operator, IERC20 token) private {
        uint256 count = _rewardTokens.length;
        for (uint256 i = 0; i < count; ++i) _settleReward(staker, operator, token, _rewardTokens[i]);
    }

    /// @dev Sets the staker's delegated weight to `⌊⌊s·k⌋·l⌋` and keeps the operator's sum `W` exact; emits
    /// the change of the operator's delegated shares `⌊W·m⌋`. `m` is left out of the weight: it is the same
    /// for every delegator of the operator, so the pro-rata shares of a reward do not depend on it.
    function _updateWeight(address staker, address operator, IERC20 token) private {
        StakerPosition storage position = _positions[staker][token];
        OperatorStrategy storage os = _operatorStrategies[operator][token];
        uint256 sharesBefore = operatorShares(operator, token);
        uint256 newWeight = _weight(staker, token, position.depositShares);
        os.delegatedWeight = os.delegatedWeight - position.delegatedWeight + newWeight;
        position.delegatedWeight = newWeight;
        uint256 sharesAfter = operatorShares(operator, token);
        if (sharesAfter > sharesBefore) {
            emit OperatorSharesIncreased(operator, staker, token, sharesAfter - sharesBefore);
        } else if (sharesAfter < sharesBefore) {
            emit OperatorSharesDecreased(operator, staker, token, sharesBefore - sharesAfter);
        }
    }
}
