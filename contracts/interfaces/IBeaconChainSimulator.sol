// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IBeaconChainSimulator
/// @notice A contract that plays Ethereum's consensus layer (the beacon chain) for teaching:
/// it holds validator deposits, accrues rewards at a fixed APR, applies slashing and offline
/// penalties, processes exits, and sweeps balances to each validator's withdrawal address.
/// @dev Time: rewards accrue on *simulated* time, `(block.timestamp - genesis) * timeScale`, so a
/// classroom can compress a year into a lesson; delays (exit, correlation window) are in real
/// seconds of block time.
interface IBeaconChainSimulator {
    /// @notice Life cycle of a validator. `Exiting` covers voluntary exits and slashed validators
    /// waiting to become withdrawable; `Withdrawn` means its whole balance has been swept.
    enum Status {
        None,
        Active,
        Exiting,
        Withdrawn
    }

    /// @notice What the simulator knows about one validator.
    /// @dev Packed into four storage slots: [pubkeyHash] [withdrawalAddress, status, slashed,
    /// correlationProcessed, depositReturned, slashedAt] [withdrawableAt, paid, activeStakeAtSlashGwei]
    /// [storedBalance, rewardIndexSnapshot]. `uint128` wei holds 3.4e20 ETH and `uint64` seconds
    /// outlast the Sun: neither can overflow here. The stake snapshot is in gwei, the beacon chain's
    /// own unit for balances (`Gwei = uint64`): 1.8e10 ETH fit, and any stake that is a whole number
    /// of gwei (every real one) is kept exactly.
    /// @param pubkeyHash Stand-in for the BLS public key (must be unique).
    /// @param withdrawalAddress Where sweeps pay (the 0x01 withdrawal credentials).
    /// @param status Life-cycle stage.
    /// @param slashed Whether the validator was slashed (it is then also exiting).
    /// @param correlationProcessed Whether the correlation penalty was applied.
    /// @param depositReturned Whether a sweep already paid back its deposit while the reward reserve
    /// was short of its rewards (which a later sweep pays, from the reserve).
    /// @param slashedAt Block timestamp of the slashing (0 if never slashed).
    /// @param withdrawableAt Block timestamp from which the whole balance can be swept (0 while active).
    /// @param paid Wei swept to the withdrawal address so far (skims and the full withdrawal).
    /// @param activeStakeAtSlashGwei Total active stake of the network (`activeValidatorCount() ×
    /// validatorDeposit() + externalActiveBalance()`) right after the slashing, in gwei, rounded down
    /// (0 if never slashed). The correlation penalty divides by it, so exits and deposits made between
    /// the slashing and the sweep cannot move the penalty.
    /// @param storedBalance Balance in wei at the last settlement (rewards since then come from the accumulator).
    /// @param rewardIndexSnapshot Value of `rewardPerValidator()` at the last settlement.
    struct Validator {
        bytes32 pubkeyHash;
        address withdrawalAddress;
        Status status;
        bool slashed;
        bool correlationProcessed;
        bool depositReturned;
        uint64 slashedAt;
        uint64 withdrawableAt;
        uint128 paid;
        uint64 activeStakeAtSlashGwei;
        uint128 storedBalance;
        uint128 rewardIndexSnapshot;
    }

    // ---------------------------------------------------------------- events

    /// @notice A validator was created with a deposit of `amount` wei.
    event ValidatorDeposited(
        uint256 indexed index,
        bytes32 indexed pubkeyHash,
        address indexed withdrawalAddress,
        uint256 amount
    );
    /// @notice A validator was slashed: it lost `initialPenalty` wei at once and is exiting.
    event ValidatorSlashed(uint256 indexed index, uint256 initialPenalty, uint256 withdrawableAt);
    /// @notice The correlation penalty of a slashed validator was applied.
    event CorrelationPenaltyApplied(uint256 indexed index, uint256 penalty, uint256 slashedInWindow);
    /// @notice An offline (inactivity) penalty of `amount` wei was applied.
    event ValidatorPenalized(uint256 indexed index, uint256 amount);
    /// @notice An exit was requested by `requester`; the validator stops earning now.
    event ExitRequested(uint256 indexed index, address indexed requester, uint256 withdrawableAt);
    /// @notice `amount` wei was paid to the withdrawal address; `fullWithdrawal` after an exit.
    event Swept(
        uint256 indexed index,
        address indexed withdrawalAddress,
        uint256 amount,
        bool fullWithdrawal
    );
    /// @notice A full withdrawal paid back the deposit only: the reserve (`available` wei) was short of
    /// the `owed` wei of rewards, which stay in the validator's balance until a sweep can pay them.
    event RewardPaymentDeferred(uint256 indexed index, uint256 owed, uint256 available);
    /// @notice The reward reserve received `amount` wei from `funder`.
    event RewardsFunded(address indexed funder, uint256 amount);
    /// @notice The reward APR changed (rewards accrued before the change are kept).
    event RewardAprChanged(uint256 oldAprBps, uint256 newAprBps);
    /// @notice The initial-slashing quotient changed (4096 after Pectra, 32 before).
    event SlashingPenaltyQuotientChanged(uint256 oldQuotient, uint256 newQuotient);
    /// @notice The stake of the rest of the network (used by the correlation penalty) changed.
    event ExternalActiveBalanceChanged(uint256 oldBalance, uint256 newBalance);

    // ---------------------------------------------------------------- errors

    /// @notice The deposit was not exactly the validator deposit.
    error WrongDepositAmount(uint256 sent, uint256 required);
    /// @notice A validator with this public key hash already exists.
    error DuplicatePubkey(bytes32 pubkeyHash);
    /// @notice The withdrawal address was the zero address.
    error ZeroWithdrawalAddress();
    /// @notice No validator has this index.
    error UnknownValidator(uint256 index, uint256 validatorCount);
    /// @notice The operation needs an active validator (or, for `slash` and `penalize`, an exiting one).
    error ValidatorNotActive(uint256 index, Status status);
    /// @notice The validator was already slashed at `slashedAt`: a validator is slashed at most once.
    error AlreadySlashed(uint256 index, uint256 slashedAt);
    /// @notice The validator is already withdrawable (since `withdrawableAt`): it can no longer be
    /// slashed nor penalized.
    error AlreadyWithdrawable(uint256 index, uint256 withdrawableAt);
    /// @notice Only the validator's withdrawal address or the consensus role may request its exit.
    error NotWithdrawalAddress(address caller, address withdrawalAddress);
    /// @notice The validator cannot be fully withdrawn before `withdrawableAt`.
    error NotYetWithdrawable(uint256 index, uint256 withdrawableAt, uint256 nowTimestamp);
    /// @notice There is nothing to pay for this validator now.
    error NothingToSweep(uint256 index);
    /// @notice The reward reserve cannot pay the rewards owed; the teacher must fund it.
    error RewardReserveShort(uint256 needed, uint256 available);
    /// @notice Sending ETH to the withdrawal address failed.
    error PaymentFailed(address to, uint256 amount);
    /// @notice A parameter was out of range.
    error InvalidParameter(string name, uint256 value);

    // ---------------------------------------------------------------- validators

    /// @notice Creates a validator with exactly `validatorDeposit()` wei, as the deposit contract does.
    /// @param pubkeyHash Unique stand-in for the validator's public key.
    /// @param withdrawalAddress Address that sweeps will pay (the 0x01 withdrawal credentials).
    /// @return index The new validator's index.
    function deposit(bytes32 pubkeyHash, address withdrawalAddress) external payable returns (uint256 index);

    /// @notice Slashes an active validator (consensus role): initial penalty = deposit / quotient,
    /// it stops earning, exits, and becomes withdrawable `correlationWindow()` seconds later (~36 days,
    /// EPOCHS_PER_SLASHINGS_VECTOR). Its correlation penalty is fixed at the midpoint, half a window
    /// after the slashing, by the deposits slashed in the window ending there (half a window before
    /// its own slashing and half a window after), measured against the total active stake recorded
    /// now (`activeStakeAtSlashGwei`); it is applied at the full withdrawal and does not depend on
    /// when that comes. Until then the validator counts in `pendingSlashingsOf(withdrawalAddress)`.
    /// @param index The validator's index.
    function slash(uint256 index) external;

    /// @notice Applies an offline (inactivity) penalty of up to `amount` wei (consensus role), to an
    /// active validator or an exiting one not yet withdrawable (`AlreadyWithdrawable` after).
    /// @param index The validator's index.
    /// @param amount Penalty in wei; a penalty larger than the balance takes the whole balance.
    function penalize(uint256 index, uint256 amount) external;

    /// @notice Requests a voluntary exit, as the withdrawal address (EIP-7002) or the consensus role.
    /// The validator stops earning now and becomes withdrawable after `exitDelay()` seconds.
    /// @param index The validator's index.
    function requestExit(uint256 index) external;

    /// @notice Pays the withdrawal address: the balance above the deposit of an active validator
    /// (a partial withdrawal, "skimming"), or the whole balance of a withdrawable one (a full
    /// withdrawal, after applying any correlation penalty). Anyone may call it.
    /// Payments beyond the validator's deposit (its rewards) are drawn from `rewardReserve()`; when the
    /// reserve is short of a full withdrawal's rewards, the deposit is paid now and the rewards by a
    /// later sweep (`RewardPaymentDeferred`): a short reserve never holds back a principal.
    /// Reverts with `NothingToSweep` (active at or below its deposit, or already withdrawn),
    /// `NotYetWithdrawable`, `RewardReserveShort` or `PaymentFailed` (the address rejected the ETH).
    /// @param index The validator's index.
    /// @return paid Wei sent to the withdrawal address.
    function sweep(uint256 index) external returns (uint256 paid);

    /// @notice Adds the ETH sent to the reserve that pays consensus-layer rewards (anyone may fund it;
    /// zero reverts). On mainnet rewards are newly issued ETH; here someone must provide them.
    function fundRewards() external payable;

    // ---------------------------------------------------------------- parameters (admin)

    /// @notice Sets the reward APR in basis points; rewards accrued so far are kept.
    function setRewardAprBps(uint256 newAprBps) external;

    /// @notice Sets the initial-slashing quotient (4096 after Pectra, 32 before).
    function setSlashingPenaltyQuotient(uint256 newQuotient) external;

    /// @notice Sets the active stake of the rest of the network, in wei, for the correlation penalty.
    function setExternalActiveBalance(uint256 newBalance) external;

    // ---------------------------------------------------------------- views

    /// @notice Exact deposit of one validator, in wei.
    function validatorDeposit() external view returns (uint256);

    /// @notice Reward rate per simulated year, in basis points.
    function rewardAprBps() external view returns (uint256);

    /// @notice Simulated seconds per real second.
    function timeScale() external view returns (uint256);

    /// @notice Real seconds from a voluntary exit to withdrawability (a slashing: `correlationWindow()`).
    function exitDelay() external view returns (uint256);

    /// @notice Current initial-slashing quotient.
    function slashingPenaltyQuotient() external view returns (uint256);

    /// @notice Real seconds over which slashings count together for the correlation penalty, and from
    /// a slashing to withdrawability (EPOCHS_PER_SLASHINGS_VECTOR: ~36 days on mainnet).
    function correlationWindow() external view returns (uint256);

    /// @notice Active stake of the rest of the network counted by the correlation penalty, in wei.
    function externalActiveBalance() external view returns (uint256);

    /// @notice Block timestamp of the deployment, the origin of simulated time.
    function genesisTimestamp() external view returns (uint256);

    /// @notice Real seconds covered by one of the correlation window's buckets (`correlationWindow() / 16`).
    function correlationBucketSeconds() external view returns (uint256);

    /// @notice Seconds of simulated time since the simulator was deployed.
    function simulatedTime() external view returns (uint256);

    /// @notice The global reward accumulator: wei earned so far by one validator active since genesis.
    function rewardPerValidator() external view returns (uint256);

    /// @notice Wei available to pay rewards.
    function rewardReserve() external view returns (uint256);

    /// @notice Wei of deposits never paid back to withdrawn validators (their net penalties), kept
    /// in this contract for good. On mainnet penalties are burnt: this ETH stands for that.
    function totalPenaltiesBurnt() external view returns (uint256);

    /// @notice Number of validators ever created.
    function validatorCount() external view returns (uint256);

    /// @notice Number of validators currently active.
    function activeValidatorCount() external view returns (uint256);

    /// @notice Deposits of validators slashed within the correlation window, in wei, counted in 16
    /// buckets of `correlationBucketSeconds()`: the last full window, to within one bucket.
    function slashedInWindow() external view returns (uint256);

    /// @notice Everything known about one validator.
    function getValidator(uint256 index) external view returns (Validator memory);

    /// @notice Current balance of one validator, in wei (0 once withdrawn).
    function validatorBalance(uint256 index) external view returns (uint256);

    /// @notice Total current balance of the validators of `withdrawalAddress` not yet withdrawn, in wei. O(1).
    function totalBalanceOf(address withdrawalAddress) external view returns (uint256);

    /// @notice Number of validators ever created for `withdrawalAddress`.
    function validatorCountOf(address withdrawalAddress) external view returns (uint256);

    /// @notice Number of active validators of `withdrawalAddress`.
    function activeValidatorCountOf(address withdrawalAddress) external view returns (uint256);

    /// @notice Number of validators of `withdrawalAddress` whose whole balance has been swept.
    function withdrawnValidatorCountOf(address withdrawalAddress) external view returns (uint256);

    /// @notice Number of validators of `withdrawalAddress` that were slashed and not yet swept after
    /// their withdrawability: their correlation penalty is still to come. O(1). A staking pool reads it to know
    /// that a known loss is pending (Lido's oracle enters "bunker mode" on such a signal).
    /// @dev Incremented by `slash`, decremented when the sweep applies the correlation penalty.
    function pendingSlashingsOf(address withdrawalAddress) external view returns (uint256);
}
