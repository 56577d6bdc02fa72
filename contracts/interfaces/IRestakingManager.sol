// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IBeaconChainSimulator} from "./IBeaconChainSimulator.sol";

/// @title IRestakingManager
/// @notice EigenLayer's core in one contract, for teaching: strategies (StrategyManager), operators
/// and delegation (DelegationManager), services with allocations and slashing (AllocationManager),
/// service rewards (RewardsCoordinator, here an on-chain accumulator) and native restaking through
/// one `RestakingPod` per staker (EigenPodManager).
///
/// Terminology (EigenLayer's `SharesAccounting.md`):
/// - *deposit shares* `s`: what a staker holds in a strategy; they change only on deposit and withdrawal.
/// - *deposit scaling factor* `k` (WAD): set on deposit and delegation so that earlier slashes do not
///   reach new stake.
/// - *max magnitude* `m` (WAD, starts at 1e18): what is left of an operator's stake in a strategy
///   after every slash; a slash lowers it, which lowers all its delegators at once (O(1)).
/// - *beacon chain slashing factor* `l` (WAD, native ETH only): what is left of a pod owner's
///   restaked ETH after consensus-layer losses.
/// - *weight* `w = s·k·l`: a delegator's part of its operator's stake, unchanged by the operator's slashes.
/// - *withdrawable shares* `a = s·k·l·m = w·m`: what the staker can take out now.
/// - *scaled shares* `s·k`: stored in a queued withdrawal; at completion multiplied by the operator's
///   `m` at the end of the delay, so queued stake stays slashable until then.
/// - *magnitude* of an allocation (WAD): the part of `m` an operator makes slashable by one AVS;
///   the sum over AVSs never exceeds `m` (unique stake).
///
/// @dev Times are block timestamps in seconds. Amounts are in the strategy token's units (wei for ETH).
interface IRestakingManager {
    /// @notice A strategy: the accounted holdings of one accepted token (EigenLayer's `StrategyBase`).
    /// @param exists Whether the admin added it.
    /// @param totalShares Strategy shares in existence (deposited, delegated or queued).
    /// @param totalAssets Tokens the strategy accounts for (never `balanceOf`: donations do not count).
    struct Strategy {
        bool exists;
        uint256 totalShares;
        uint256 totalAssets;
    }

    /// @notice An operator's allocation to one AVS in one strategy (EigenLayer's `Allocation`).
    /// @param currentMagnitude Slashable magnitude now, in WAD of the operator's initial stake.
    /// @param pendingDiff Positive while an increase waits for `allocationDelay` (encumbered, not yet
    /// slashable); negative while a deallocation waits for `deallocationDelay` (still slashable).
    /// @param effectTimestamp When the pending change takes effect (0 if none).
    struct Allocation {
        uint64 currentMagnitude;
        int128 pendingDiff;
        uint48 effectTimestamp;
    }

    /// @notice A queued withdrawal (EigenLayer's `Withdrawal`).
    /// @param staker Owner of the stake, who completes it and receives the tokens.
    /// @param delegatedTo Operator the stake was delegated to when queued (its slashes still apply).
    /// @param token Strategy token (`beaconChainETHStrategy()` for native ETH).
    /// @param startTimestamp When it was queued; slashable until `startTimestamp + withdrawalDelay - 1`.
    /// @param completed Whether it was paid.
    /// @param scaledShares `s·k` of the shares withdrawn: the operator's magnitude is applied at completion.
    struct Withdrawal {
        address staker;
        address delegatedTo;
        IERC20 token;
        uint48 startTimestamp;
        bool completed;
        uint256 scaledShares;
    }

    /// @notice What is left to stream of the reward payments to an operator's delegators in one strategy
    /// and one reward token (payments while one runs join it: O(1) per payment and per stake change).
    /// @param lastUpdateTimestamp When the stream last released tokens to the delegated stake.
    /// @param endTimestamp When all of `remaining` will have been released (moves on while nobody is delegated).
    /// @param remaining Reward tokens paid but not yet released, in the reward token's units.
    struct RewardStream {
        uint48 lastUpdateTimestamp;
        uint48 endTimestamp;
        uint160 remaining;
    }

    // ---------------------------------------------------------------- events

    /// @notice The admin accepted `token` as a strategy.
    event StrategyAdded(IERC20 indexed token);
    /// @notice The admin accepted `token` as a reward token.
    event RewardTokenAdded(IERC20 indexed token);
    /// @notice `staker` deposited `amount` of `token` and received `shares` deposit shares.
    event Deposited(address indexed staker, IERC20 indexed token, uint256 amount, uint256 shares);
    /// @notice `staker`'s deposit scaling factor in `token` became `newFactorWad`.
    event DepositScalingFactorUpdated(address indexed staker, IERC20 indexed token, uint256 newFactorWad);
    /// @notice `operator` registered; it is delegated to itself.
    event OperatorRegistered(address indexed operator, uint256 splitBps, string metadataURI);
    /// @notice `operator`'s share of service rewards becomes `newSplitBps` at `activatedAt`.
    event OperatorSplitSet(
        address indexed operator,
        uint256 oldSplitBps,
        uint256 newSplitBps,
        uint256 activatedAt
    );
    /// @notice `staker` delegated all its shares to `operator`.
    event StakerDelegated(address indexed staker, address indexed operator);
    /// @notice `staker` left `operator`; all its shares were queued for withdrawal.
    event StakerUndelegated(address indexed staker, address indexed operator);
    /// @notice `operator`'s delegated withdrawable shares in `token` rose by `shares` (from `staker`).
    event OperatorSharesIncreased(
        address indexed operator,
        address staker,
        IERC20 indexed token,
        uint256 shares
    );
    /// @notice `operator`'s delegated withdrawable shares in `token` fell by `shares` (`staker` 0: a slash).
    event OperatorSharesDecreased(
        address indexed operator,
        address staker,
        IERC20 indexed token,
        uint256 shares
    );
    /// @notice `avs` registered; slashed tokens go to `slashedFundsRecipient` (`burnAddress()`: burnt).
    event AVSRegistered(address indexed avs, address slashedFundsRecipient, string metadataURI);
    /// @notice `operator` opted in to be secured for (and slashable by) `avs`.
    event OperatorOptedIn(address indexed operator, address indexed avs);
    /// @notice `operator`'s allocation to `avs` in `token` becomes `magnitude` at `effectTimestamp`.
    event AllocationUpdated(
        address indexed operator,
        address indexed avs,
        IERC20 indexed token,
        uint256 magnitude,
        uint256 effectTimestamp
    );
    /// @notice `operator`'s encumbered (allocated) magnitude in `token` is now `encumberedMagnitude`.
    event EncumberedMagnitudeUpdated(
        address indexed operator,
        IERC20 indexed token,
        uint256 encumberedMagnitude
    );
    /// @notice `operator`'s max magnitude in `token` fell to `maxMagnitude` (a slash).
    event MaxMagnitudeUpdated(address indexed operator, IERC20 indexed token, uint256 maxMagnitude);
    /// @notice `avs` slashed `wadToSlash` of `operator`'s allocations to it.
    event OperatorSlashed(
        address indexed operator,
        address indexed avs,
        uint256 wadToSlash,
        string description
    );
    /// @notice What a slash took in one strategy: magnitude, strategy shares (delegated and queued) and
    /// tokens sent to `recipient` (native ETH stays locked in the pods: `amount` 0, as in EigenLayer).
    event StakeSlashed(
        address indexed operator,
        address indexed avs,
        IERC20 indexed token,
        uint256 slashedMagnitude,
        uint256 sharesSlashed,
        uint256 amount,
        address recipient
    );
    /// @notice A withdrawal was queued; `withdrawableShares` is what it is worth now, before later slashes.
    event WithdrawalQueued(
        uint256 indexed withdrawalId,
        address indexed staker,
        address indexed delegatedTo,
        IERC20 token,
        uint256 depositShares,
        uint256 scaledShares,
        uint256 withdrawableShares
    );
    /// @notice A withdrawal was paid: `shares` strategy shares redeemed for `amount` tokens (or wei).
    event WithdrawalCompleted(
        uint256 indexed withdrawalId,
        address indexed staker,
        IERC20 indexed token,
        uint256 shares,
        uint256 amount
    );
    /// @notice `avs` paid `amount` of `rewardToken` to `operator`'s delegators in `token` over `duration`
    /// seconds; `operatorCut` of it went to the operator at once, the rest streams until `endTimestamp`.
    event RewardsPaid(
        address indexed avs,
        address indexed operator,
        IERC20 indexed token,
        IERC20 rewardToken,
        uint256 amount,
        uint256 operatorCut,
        uint256 duration,
        uint256 endTimestamp
    );
    /// @notice `earner` claimed `amount` of `rewardToken`, sent to `recipient`.
    event RewardsClaimed(
        address indexed earner,
        IERC20 indexed rewardToken,
        address recipient,
        uint256 amount
    );
    /// @notice `owner` created its restaking pod at `pod`.
    event PodDeployed(address indexed owner, address indexed pod);
    /// @notice A consensus-layer loss lowered `podOwner`'s beacon chain slashing factor.
    event BeaconChainSlashingFactorDecreased(
        address indexed podOwner,
        uint256 prevFactorWad,
        uint256 newFactorWad
    );

    // ---------------------------------------------------------------- errors

    /// @notice `token` is not a strategy.
    error StrategyNotFound(IERC20 token);
    /// @notice `token` is already a strategy (or reward token).
    error AlreadyAdded(IERC20 token);
    /// @notice At most `max` strategies (or reward tokens) can exist: loops over them stay bounded.
    error TooMany(uint256 max);
    /// @notice Native ETH enters through a `RestakingPod`, not `depositIntoStrategy`.
    error UseAPodForNativeETH();
    /// @notice `amount` buys zero shares (or the amount was zero).
    error ZeroShares(uint256 amount);
    /// @notice An amount was zero where it must be positive.
    error ZeroAmount();
    /// @notice An address was zero.
    error ZeroAddress(string name);
    /// @notice `operator`'s stake in `token` was slashed to nothing: no new stake can join it.
    error FullySlashed(address operator, IERC20 token);
    /// @notice `account` is already a registered operator.
    error AlreadyOperator(address account);
    /// @notice `account` is not a registered operator.
    error NotOperator(address account);
    /// @notice `staker` is already delegated to `operator`.
    error AlreadyDelegated(address staker, address operator);
    /// @notice `staker` is not delegated.
    error NotDelegated(address staker);
    /// @notice Operators are delegated to themselves and cannot undelegate.
    error OperatorCannotUndelegate(address operator);
    /// @notice A basis-point value was above 10,000.
    error BpsTooHigh(uint256 bps);
    /// @notice `account` is already a registered AVS.
    error AlreadyAVS(address account);
    /// @notice `account` is not a registered AVS.
    error NotAVS(address account);
    /// @notice `operator` already opted in to `avs`.
    error AlreadyOptedIn(address operator, address avs);
    /// @notice `operator` has not opted in to `avs`.
    error NotOptedIn(address operator, address avs);
    /// @notice The allocation already has this magnitude.
    error SameMagnitude(uint256 magnitude);
    /// @notice A deallocation is pending until `effectTimestamp`: one change at a time.
    error ModificationPending(uint256 effectTimestamp);
    /// @notice Allocating `requested` more magnitude needs more than the `available` unallocated magnitude.
    error InsufficientMagnitude(uint256 requested, uint256 available);
    /// @notice Nothing to clear: no deallocation pending, or pending until `effectTimestamp`.
    error NoDeallocationToClear(uint256 effectTimestamp);
    /// @notice The allocation delay must exceed the withdrawal delay, so delegators can always leave
    /// before a new allocation becomes slashable.
    error AllocationDelayTooShort(uint256 allocationDelay, uint256 withdrawalDelay);
    /// @notice `wadToSlash` must be in (0, 1e18].
    error InvalidWadToSlash(uint256 wadToSlash);
    /// @notice `operator` has nothing allocated to `avs`: there is nothing it may slash.
    error OperatorNotAllocated(address operator, address avs);
    /// @notice `requested` deposit shares exceed the `available` ones.
    error InsufficientShares(uint256 requested, uint256 available);
    /// @notice No withdrawal has this id.
    error WithdrawalNotFound(uint256 withdrawalId);
    /// @notice Only the withdrawal's staker may complete it.
    error NotWithdrawalStaker(address caller, address staker);
    /// @notice The withdrawal was already paid.
    error WithdrawalAlreadyCompleted(uint256 withdrawalId);
    /// @notice The withdrawal is slashable until `completableAt`; now is `nowTimestamp`.
    error WithdrawalDelayNotElapsed(uint256 withdrawalId, uint256 completableAt, uint256 nowTimestamp);
    /// @notice `token` is not an accepted reward token.
    error RewardTokenNotAllowed(IERC20 token);
    /// @notice `operator` has no delegated stake in `token` to reward.
    error NoDelegatedStake(address operator, IERC20 token);
    /// @notice A reward payment's `duration` must be in (0, `max`] seconds.
    error InvalidRewardsDuration(uint256 duration, uint256 max);
    /// @notice `earner` has no `rewardToken` to claim.
    error NothingToClaim(address earner, IERC20 rewardToken);
    /// @notice `owner` already has a pod.
    error PodAlreadyExists(address owner, address pod);
    /// @notice `owner` has no pod.
    error NoPod(address owner);
    /// @notice Only a pod created by this manager may call.
    error NotPod(address caller);

    // ---------------------------------------------------------------- admin

    /// @notice Accepts `token` as a strategy (admin role). At most 8 strategies, native ETH included.
    function addStrategy(IERC20 token) external;

    /// @notice Accepts `token` as a service-reward token (admin role). At most 4.
    function addRewardToken(IERC20 token) external;

    /// @notice Stops deposits, withdrawal queueing and completion, and reward claims (pauser role).
    function pause() external;

    /// @notice Resumes them (pauser role).
    function unpause() external;

    // ---------------------------------------------------------------- stakers

    /// @notice Deposits `amount` of `token` (needs an allowance) into its strategy, as EigenLayer's
    /// `StrategyManager.depositIntoStrategy`. If the sender is delegated, the new shares are delegated too.
    /// @param token The strategy token (not native ETH: use a pod).
    /// @param amount Tokens to deposit.
    /// @return shares Deposit shares received, rounded down (in the strategy's favour).
    function depositIntoStrategy(IERC20 token, uint256 amount) external returns (uint256 shares);

    /// @notice Delegates all the sender's shares, in every strategy, to `operator`. Earlier slashes of
    /// the operator do not reach them: the deposit scaling factor is set so withdrawable shares do not change.
    /// @param operator A registered operator.
    function delegateTo(address operator) external;

    /// @notice Leaves the current operator: every strategy's shares are queued for withdrawal
    /// (they stay slashable by the operator for `withdrawalDelay`).
    /// @return withdrawalIds The queued withdrawals, one per strategy with shares.
    function undelegate() external returns (uint256[] memory withdrawalIds);

    /// @notice Queues a withdrawal of `depositShares` deposit shares of `token`. It can be completed after
    /// `withdrawalDelay` seconds and is slashable until then (the operator's magnitude is read at the end
    /// of the delay).
    /// @param token The strategy token (`beaconChainETHStrategy()` for native ETH).
    /// @param depositShares Deposit shares to withdraw (see `convertToDepositShares`).
    /// @return withdrawalId The withdrawal's id (from 1).
    function queueWithdrawal(IERC20 token, uint256 depositShares) external returns (uint256 withdrawalId);

    /// @notice Pays a queued withdrawal to its staker after `withdrawalDelay`: the strategy's tokens, or
    /// ETH from the staker's pod for native ETH (the validator must have exited and been swept).
    /// @param withdrawalId The withdrawal's id.
    /// @return amount Tokens (or wei) paid.
    function completeQueuedWithdrawal(uint256 withdrawalId) external returns (uint256 amount);

    /// @notice Sends the sender's accrued `rewardToken` rewards (as a delegator and as an operator) to `recipient`.
    /// @return amount Reward tokens sent.
    function claimRewards(IERC20 rewardToken, address recipient) external returns (uint256 amount);

    // ---------------------------------------------------------------- operators

    /// @notice Registers the sender as an operator with the default rewards split; it is delegated to itself.
    /// @param metadataURI Where the operator describes itself.
    function registerAsOperator(string calldata metadataURI) external;

    /// @notice Sets the operator's share of service rewards; it applies after `withdrawalDelay` so that
    /// delegators can leave first (EigenLayer: `setOperatorAVSSplit` with an activation delay).
    /// @param newSplitBps Basis points of each reward payment kept by the operator (≤ 10,000).
    function setOperatorSplit(uint256 newSplitBps) external;

    /// @notice Opts the sending operator in to `avs`: it may then allocate to it and be slashed by it.
    function optInToAVS(address avs) external;

    /// @notice Sets the sending operator's allocation to `avs` in `token` to `newMagnitude` (WAD of its
    /// initial stake), as EigenLayer's `AllocationManager.modifyAllocations`. An increase must be covered
    /// by unallocated magnitude; it is encumbered at once but slashable only after `allocationDelay`
    /// (longer than `withdrawalDelay`: delegators who see it coming can leave before it exists). A
    /// decrease applies after `deallocationDelay` and stays slashable until then. One change at a time.
    function modifyAllocation(address avs, IERC20 token, uint64 newMagnitude) external;

    /// @notice Applies an allocation change whose delay has passed (an increase becomes slashable, a
    /// deallocation frees its magnitude). Anyone may call it; slashes and new changes apply it anyway.
    function clearDeallocation(address operator, address avs, IERC20 token) external;

    // ---------------------------------------------------------------- AVSs

    /// @notice Registers the sender as an AVS (a service that operators secure).
    /// @param slashedFundsRecipient Who receives slashed tokens; `burnAddress()` to burn them.
    /// @param metadataURI Where the AVS describes itself.
    function registerAVS(address slashedFundsRecipient, string calldata metadataURI) external;

    /// @notice Slashes `wadToSlash` of each of `operator`'s allocations to the sending AVS, in every strategy,
    /// as EigenLayer's `AllocationManager.slashOperator`. The slashed magnitude is rounded up (never less
    /// than asked); the operator's delegators and withdrawals queued within the delay lose that fraction of
    /// the operator's stake, in O(1) whatever their number. Slashed tokens go to the AVS's recipient.
    /// @param operator The operator to slash (must have opted in and have an allocation).
    /// @param wadToSlash Fraction of the allocation to slash, in WAD (8 % = 8e16; 1e18 = all of it).
    /// @param description Why (logged).
    function slashOperator(address operator, uint256 wadToSlash, string calldata description) external;

    /// @notice Pays `amount` of `rewardToken` (needs an allowance) to `operator`'s delegators in `token` over
    /// the next `duration` seconds, as EigenLayer's `RewardsSubmission` (a start and a duration): the
    /// operator's split at once, the rest streamed pro rata to delegated stake × time (a Synthetix-style
    /// reward-per-weight accumulator, O(1)), so a staker who delegates just before the payment earns only
    /// for the time it stays. A payment while one is streaming joins it; both stream until the later end,
    /// but no later than keeps the running stream's rate (a small payment over a long period cannot
    /// stretch a large one).
    /// EigenLayer computes the same off-chain and posts Merkle roots (`RewardsCoordinator`).
    /// @param operator An operator opted in to the sending AVS, with stake delegated in `token`.
    /// @param token The strategy whose delegators earn it.
    /// @param rewardToken An accepted reward token.
    /// @param amount Reward tokens paid, in the reward token's units.
    /// @param duration Seconds to stream it over, in (0, `MAX_REWARDS_DURATION`].
    function payRewards(
        address operator,
        IERC20 token,
        IERC20 rewardToken,
        uint256 amount,
        uint256 duration
    ) external;

    // ---------------------------------------------------------------- native restaking

    /// @notice Creates the sender's `RestakingPod`, the withdrawal address of its validators.
    /// @return pod The pod's address.
    function createPod() external returns (address pod);

    /// @notice Called by a pod after reading the simulator: a positive `balanceDeltaWei` adds native-ETH
    /// shares; a negative one lowers the owner's beacon chain slashing factor by
    /// `(prevRestakedBalanceWei + balanceDeltaWei) / prevRestakedBalanceWei`.
    function recordBeaconChainETHBalanceUpdate(
        address podOwner,
        uint256 prevRestakedBalanceWei,
        int256 balanceDeltaWei
    ) external;

    // ---------------------------------------------------------------- views

    /// @notice Sentinel standing for native ETH as a strategy (EigenLayer's `beaconChainETHStrategy`).
    function beaconChainETHStrategy() external pure returns (IERC20);

    /// @notice Address slashed tokens are sent to when an AVS chose to burn them (0x…dEaD).
    function burnAddress() external pure returns (address);

    /// @notice The consensus layer that pods stake on and read.
    function simulator() external view returns (IBeaconChainSimulator);

    /// @notice Seconds a queued withdrawal stays slashable before it can be completed.
    function withdrawalDelay() external view returns (uint256);

    /// @notice Seconds a lowered allocation stays slashable before it takes effect.
    function deallocationDelay() external view returns (uint256);

    /// @notice Seconds before a raised allocation becomes slashable; always more than `withdrawalDelay`.
    function allocationDelay() external view returns (uint256);

    /// @notice Operator split applied to newly registered operators, in basis points.
    function defaultOperatorSplitBps() external view returns (uint256);

    /// @notice Strategy tokens, native ETH first.
    function strategyTokens() external view returns (IERC20[] memory);

    /// @notice Accepted reward tokens.
    function rewardTokens() external view returns (IERC20[] memory);

    /// @notice Shares, accounted tokens and existence of `token`'s strategy.
    function getStrategy(IERC20 token) external view returns (Strategy memory);

    /// @notice Tokens that `shares` strategy shares redeem for now (rounded down), with 1e3 virtual shares
    /// and tokens against inflation (EigenLayer's `StrategyBase.sharesToUnderlyingView`). 1:1 for native ETH.
    function sharesToUnderlying(IERC20 token, uint256 shares) external view returns (uint256);

    /// @notice Strategy shares that `amount` tokens buy now (rounded down).
    function underlyingToShares(IERC20 token, uint256 amount) external view returns (uint256);

    /// @notice `staker`'s deposit shares `s` in `token`.
    function depositShares(address staker, IERC20 token) external view returns (uint256);

    /// @notice `staker`'s deposit scaling factor `k` in `token`, WAD (1e18 while it holds no shares).
    function depositScalingFactor(address staker, IERC20 token) external view returns (uint256);

    /// @notice `podOwner`'s beacon chain slashing factor `l`, WAD (1e18 before any consensus-layer loss).
    function beaconChainSlashingFactor(address podOwner) external view returns (uint256);

    /// @notice `staker`'s withdrawable shares `a = s·k·l·m` in `token`: what it could queue now, after slashes.
    function withdrawableShares(address staker, IERC20 token) external view returns (uint256);

    /// @notice `withdrawableShares` converted to tokens (wei for native ETH).
    function withdrawableUnderlying(address staker, IERC20 token) external view returns (uint256);

    /// @notice Deposit shares to queue to withdraw `withdrawableShareAmount` withdrawable shares (rounded down).
    function convertToDepositShares(
        address staker,
        IERC20 token,
        uint256 withdrawableShareAmount
    ) external view returns (uint256);

    /// @notice The operator `staker` is delegated to (itself for an operator, 0 if none).
    function delegatedTo(address staker) external view returns (address);

    /// @notice Whether `account` is a registered operator.
    function isOperator(address account) external view returns (bool);

    /// @notice Withdrawable shares delegated to `operator` in `token` (queued ones excluded): `⌊W·m⌋`, with
    /// `W` the exact sum of its delegators' weights, so never less than the sum of their withdrawable shares.
    function operatorShares(address operator, IERC20 token) external view returns (uint256);

    /// @notice `operator`'s current share of service rewards, in basis points.
    function operatorSplitBps(address operator) external view returns (uint256);

    /// @notice Whether `account` is a registered AVS.
    function isAVS(address account) external view returns (bool);

    /// @notice Where `avs`'s slashed tokens go.
    function slashedFundsRecipient(address avs) external view returns (address);

    /// @notice Whether `operator` opted in to `avs`.
    function isOptedIn(address operator, address avs) external view returns (bool);

    /// @notice `operator`'s max magnitude `m` in `token` now, WAD (1e18 until slashed).
    function maxMagnitude(address operator, IERC20 token) external view returns (uint256);

    /// @notice `operator`'s max magnitude in `token` now and the block timestamp of its last change (its
    /// last slash), or (1e18, 0) if it was never slashed: one read for a caller that must know both.
    function latestMaxMagnitude(
        address operator,
        IERC20 token
    ) external view returns (uint256 magnitude, uint256 timestamp);

    /// @notice One slot's read for a staker valuing its position (the LRT vault on every deposit):
    /// `operator`'s max magnitude in `token` now (WAD), the timestamp of its last slash (0 if never), and
    /// the latest end of its reward streams in `token`, any reward token (0 if never paid). No delegator
    /// of `operator` in `token` has earned anything since `rewardsActiveUntil`: a staker that claimed
    /// all its rewards at or after that moment has nothing claimable from this operator and strategy.
    function operatorStrategyState(
        address operator,
        IERC20 token
    ) external view returns (uint256 magnitude, uint256 slashedAt, uint256 rewardsActiveUntil);

    /// @notice `operator`'s max magnitude in `token` at block timestamp `timestamp`.
    function maxMagnitudeAt(
        address operator,
        IERC20 token,
        uint256 timestamp
    ) external view returns (uint256);

    /// @notice Magnitude `operator` has allocated in `token`, pending deallocations included.
    function encumberedMagnitude(address operator, IERC20 token) external view returns (uint256);

    /// @notice `operator`'s allocation to `avs` in `token`, with a deallocation whose delay passed applied.
    function getAllocation(
        address operator,
        address avs,
        IERC20 token
    ) external view returns (Allocation memory);

    /// @notice Scaled shares queued from `operator` in `token` within the last `withdrawalDelay`: still slashable.
    function slashableSharesInQueue(address operator, IERC20 token) external view returns (uint256);

    /// @notice Number of withdrawals ever queued (the last id).
    function withdrawalCount() external view returns (uint256);

    /// @notice A queued withdrawal.
    function getWithdrawal(uint256 withdrawalId) external view returns (Withdrawal memory);

    /// @notice First block timestamp at which `withdrawalId` can be completed.
    function completableAt(uint256 withdrawalId) external view returns (uint256);

    /// @notice What `withdrawalId` is worth with the slashes so far: strategy shares and tokens (or wei).
    function previewWithdrawal(uint256 withdrawalId) external view returns (uint256 shares, uint256 amount);

    /// @notice The reward stream of `operator`'s delegators in `token`, paid in `rewardToken`, as last updated.
    function getRewardStream(
        address operator,
        IERC20 token,
        IERC20 rewardToken
    ) external view returns (RewardStream memory);

    /// @notice `earner`'s claimable `rewardToken` rewards counting, of what accrued since its last
    /// settlement, only its stake in `token` (rounded down): the whole of it for an earner restaked in one
    /// strategy (the LRT vault), for fewer reads than `claimableRewards`.
    function claimableRewardsIn(
        address earner,
        IERC20 token,
        IERC20 rewardToken
    ) external view returns (uint256);

    /// @notice `earner`'s claimable `rewardToken` rewards, including what its stake earned from the streams
    /// since its last settlement (rounded down).
    function claimableRewards(address earner, IERC20 rewardToken) external view returns (uint256);

    /// @notice The code every pod runs: `createPod` makes minimal clones (EIP-1167) of it.
    function podImplementation() external view returns (address);

    /// @notice `owner`'s pod (0 if none).
    function podOf(address owner) external view returns (address);
}
