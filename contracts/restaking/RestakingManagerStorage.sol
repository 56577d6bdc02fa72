// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {IRestakingManager} from "../interfaces/IRestakingManager.sol";
import {RestakingPod} from "./RestakingPod.sol";
import {SlashingLib} from "./SlashingLib.sol";

/// @title RestakingManagerStorage
/// @notice The state of the `RestakingManager` and the reads every part of it shares, as EigenLayer keeps
/// each core contract's state in a `*Storage` contract (`StrategyManagerStorage`,
/// `DelegationManagerStorage`, `AllocationManagerStorage`, `RewardsCoordinatorStorage`,
/// `EigenPodManagerStorage`). Here one deployed manager holds the state of all five; each abstract part
/// (`StrategyManager`, `RewardsCoordinator`, `AllocationManager`, `DelegationManager`,
/// `RestakingPodManager`) reads and writes its own variables below.
/// @dev The accounting is EigenLayer's (`docs/core/accounting/SharesAccounting.md`, maths in
/// `SlashingLib`): a staker's withdrawable shares are `a = s·k·l·m` (deposit shares × deposit scaling
/// factor × beacon chain slashing factor × operator max magnitude), so a slash changes one number per
/// operator and strategy (`m`) and reaches every delegator in O(1). One difference, for exactness: the
/// operator's delegated shares are not a stored running total (EigenLayer's `operatorShares`, which
/// drifts by rounding dust) but `⌊W·m⌋`, with `W` the exact sum of its delegators' scaled weights
/// `w = ⌊⌊s·k⌋·l⌋`; each delegator's `a = ⌊w·m⌋`, so Σ a ≤ ⌊W·m⌋ always, and every share anyone can
/// withdraw is backed (INV-5). Rounding always favours the protocol: shares are minted and paid down,
/// the slashed magnitude is rounded up.
// One manager stands for five EigenLayer contracts, hence more state than solhint's default.
// solhint-disable-next-line max-states-count
abstract contract RestakingManagerStorage is IRestakingManager, AccessControl, Pausable, ReentrancyGuard {
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
    uint256 internal constant WAD = SlashingLib.WAD;
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
    /// @param maxMagnitude `m` now, meaningful once `lastSlashedAt` is set (the latest entry of
    /// `maxMagnitudeHistory`, kept beside it so that one slot gives `m`, its time and `rewardsActiveUntil`).
    /// @param lastSlashedAt Block timestamp of its last slash in this strategy (0: never; `m` is 1e18).
    /// @param rewardsActiveUntil The latest end of its reward streams in this strategy, any reward token
    /// (0: never paid): after it no delegator's rewards grow until the next payment.
    /// @param maxMagnitudeHistory `m` by block timestamp; no checkpoint reads as 1e18.
    /// @param cumulativeScaledShares Σ scaled shares ever queued from it, by block timestamp.
    struct OperatorStrategy {
        uint256 delegatedWeight;
        uint64 encumberedMagnitude;
        uint64 maxMagnitude;
        uint48 lastSlashedAt;
        uint48 rewardsActiveUntil;
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

    mapping(IERC20 token => Strategy) internal _strategies;
    IERC20[] internal _strategyTokens;
    mapping(IERC20 token => bool) internal _isRewardToken;
    IERC20[] internal _rewardTokens;

    mapping(address staker => mapping(IERC20 token => StakerPosition)) internal _positions;
    mapping(address staker => StakerInfo) internal _stakers;

    mapping(address operator => OperatorInfo) internal _operators;
    mapping(address operator => mapping(IERC20 token => OperatorStrategy)) internal _operatorStrategies;

    mapping(address avs => AVSInfo) internal _avss;
    mapping(address operator => mapping(address avs => bool)) internal _optedIn;
    mapping(address operator => mapping(address avs => mapping(IERC20 token => Allocation)))
        internal _allocations;

    /// @inheritdoc IRestakingManager
    uint256 public withdrawalCount;
    mapping(uint256 withdrawalId => Withdrawal) internal _withdrawals;

    /// @dev Reward token paid per unit of reward weight, × REWARD_PRECISION, per operator and strategy.
    mapping(address operator => mapping(IERC20 token => mapping(IERC20 rewardToken => uint256)))
        internal _rewardPerWeight;
    /// @dev What is left to stream of the payments to an operator's delegators in a strategy, per reward token.
    mapping(address operator => mapping(IERC20 token => mapping(IERC20 rewardToken => RewardStream)))
        internal _rewardStreams;
    /// @dev The accumulator value at a staker's last settlement (its "reward debt").
    mapping(address staker => mapping(IERC20 token => mapping(IERC20 rewardToken => uint256)))
        internal _rewardDebt;
    mapping(address earner => mapping(IERC20 rewardToken => uint256)) internal _accruedRewards;

    /// @inheritdoc IRestakingManager
    mapping(address owner => address pod) public podOf;
    mapping(address pod => address owner) internal _podOwners;

    /// @param admin Holds the admin and pauser roles (granted by `RestakingManager`; checked here).
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
        // Deployed from the constructor so its code is not part of the manager's runtime code.
        podImplementation = address(new RestakingPod(simulator_));
    }

    // ================================================================ shared reads

    /// @inheritdoc IRestakingManager
    function beaconChainETHStrategy() external pure returns (IERC20) {
        return BEACON_CHAIN_ETH;
    }

    /// @inheritdoc IRestakingManager
    function burnAddress() external pure returns (address) {
        return BURN_ADDRESS;
    }

    /// @inheritdoc IRestakingManager
    function beaconChainSlashingFactor(address podOwner) public view returns (uint256) {
        StakerInfo storage info = _stakers[podOwner];
        return info.beaconFactorSet ? info.beaconFactorWad : WAD;
    }

    function _requireStrategy(IERC20 token) internal view returns (Strategy storage strategy) {
        strategy = _strategies[token];
        if (!strategy.exists) revert StrategyNotFound(token);
    }

    function _requireOperator(address operator) internal view returns (OperatorInfo storage info) {
        info = _operators[operator];
        if (!info.registered) revert NotOperator(operator);
    }

    function _maxMagnitude(OperatorStrategy storage os) internal view returns (uint256) {
        return os.lastSlashedAt == 0 ? WAD : os.maxMagnitude;
    }

    function _maxMagnitudeAt(OperatorStrategy storage os, uint256 timestamp) internal view returns (uint256) {
        Checkpoints.Trace208 storage history = os.maxMagnitudeHistory;
        // Before the first slash the operator had all of its magnitude.
        if (history.length() == 0 || timestamp < history.at(0)._key) return WAD;
        return history.upperLookupRecent(timestamp.toUint48());
    }

    /// @dev The operator's max magnitude `m` (1e18 for undelegated stake).
    function _magnitudeOf(address operator, IERC20 token) internal view returns (uint256) {
        return operator == address(0) ? WAD : _maxMagnitude(_operatorStrategies[operator][token]);
    }

    /// @dev `l`: the beacon chain slashing factor for native ETH, 1e18 for tokens.
    function _beaconFactorFor(address staker, IERC20 token) internal view returns (uint256) {
        return token == BEACON_CHAIN_ETH ? beaconChainSlashingFactor(staker) : WAD;
    }
}
