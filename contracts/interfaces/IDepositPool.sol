// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBeaconChainSimulator} from "./IBeaconChainSimulator.sol";
import {ILiquidStakingToken} from "./ILiquidStakingToken.sol";

/// @title IDepositPool
/// @notice Liquid staking in the manner of Lido and Rocket Pool: users deposit ETH and receive the
/// LST at the current exchange rate; operators stake 32-ETH validators on the consensus layer; an
/// oracle reports the consensus-layer balance, which moves the rate; a withdrawal queue returns ETH.
interface IDepositPool {
    /// @notice An oracle report, as Lido's accounting oracle sends it.
    /// @param timestamp Simulated time of the snapshot (`BeaconChainSimulator.simulatedTime()`), seconds.
    /// @param clValidators Pool validators the consensus layer has seen, ever (exited ones included).
    /// @param clBalance Wei: consensus-layer balance of those validators not yet withdrawn.
    /// @param withdrawnFromCl Wei the pool received from sweeps since the last report (not yet accounted).
    /// @param finalizeUpToRequestId Last withdrawal request to finalise with this report (0: none new).
    struct OracleReport {
        uint256 timestamp;
        uint256 clValidators;
        uint256 clBalance;
        uint256 withdrawnFromCl;
        uint256 finalizeUpToRequestId;
    }

    /// @notice A withdrawal request. Cumulative sums let a batch be finalised in O(1).
    /// @param owner Who may claim it.
    /// @param cumulativeShares LST escrowed by all requests up to and including this one.
    /// @param cumulativeEth Wei those requests were worth when made, summed.
    /// @param requestedAt Block timestamp of the request.
    /// @param claimed Whether it was claimed.
    struct WithdrawalRequest {
        address owner;
        uint128 cumulativeShares;
        uint128 cumulativeEth;
        uint64 requestedAt;
        bool claimed;
    }

    // ---------------------------------------------------------------- events

    /// @notice `sender` deposited `amount` wei and received `shares` LST.
    event Deposited(address indexed sender, uint256 amount, uint256 shares);
    /// @notice A validator was staked on the consensus layer from the buffer.
    event ValidatorStaked(uint256 indexed validatorIndex, bytes32 indexed pubkeyHash, uint256 amount);
    /// @notice An oracle report was applied.
    event ReportSubmitted(
        uint256 indexed timestamp,
        uint256 preClBalance,
        uint256 postClBalance,
        uint256 totalPooledEtherAfter,
        uint256 totalSharesAfter
    );
    /// @notice The fee on positive rewards was minted to the treasury.
    event FeeMinted(address indexed treasury, uint256 feeEth, uint256 feeShares);
    /// @notice The loss-confirmer role approved a report whose loss exceeds the budget.
    event LossReportConfirmed(bytes32 indexed reportHash, address indexed confirmer);
    /// @notice `owner` queued `shares` LST worth `amountOfEth` wei now.
    event WithdrawalRequested(
        uint256 indexed requestId,
        address indexed owner,
        uint256 shares,
        uint256 amountOfEth
    );
    /// @notice Requests up to `toRequestId` were finalised at `shareRate` (wei per 1e18 LST).
    event WithdrawalsFinalized(
        uint256 indexed fromRequestId,
        uint256 indexed toRequestId,
        uint256 ethLocked,
        uint256 sharesBurnt,
        uint256 shareRate
    );
    /// @notice A finalised request was paid.
    event WithdrawalClaimed(uint256 indexed requestId, address indexed owner, uint256 amountOfEth);
    /// @notice The pool asked the consensus layer to exit a validator to refill the buffer.
    event ValidatorExitRequested(uint256 indexed validatorIndex);
    /// @notice ETH arrived from the consensus layer (a sweep).
    event ClWithdrawalReceived(uint256 amount);
    /// @notice Deposit limits changed.
    event DepositLimitsChanged(uint256 minDeposit, uint256 depositCap);
    /// @notice The treasury changed.
    event TreasuryChanged(address oldTreasury, address newTreasury);
    /// @notice The protocol fee on rewards changed.
    event FeeChanged(uint256 oldFeeBps, uint256 newFeeBps);
    /// @notice The oracle sanity bounds changed.
    event ReportBoundsChanged(uint256 maxAprBps, uint256 lossBudgetPerValidator);

    // ---------------------------------------------------------------- errors

    error DepositBelowMinimum(uint256 sent, uint256 minimum);
    error DepositCapExceeded(uint256 totalAfter, uint256 cap);
    error ZeroShares(uint256 amount);
    error NotEnoughDepositableEther(uint256 available, uint256 required);
    error ReportNotNewer(uint256 timestamp, uint256 lastTimestamp);
    error ReportInFuture(uint256 timestamp, uint256 simulatedNow);
    error ValidatorCountDecreased(uint256 reported, uint256 last);
    error ValidatorCountTooHigh(uint256 reported, uint256 deposited);
    error WithdrawnExceedsReceived(uint256 reported, uint256 received);
    error RewardAboveBound(uint256 increase, uint256 maxIncrease);
    /// @notice The report, with the reports of the loss window still open (`recentLoss`), loses `loss`
    /// wei, more than `budget` (validators still on the consensus layer × `lossBudgetPerValidator()`):
    /// the loss confirmer must approve `reportHash` first.
    error LossAboveBudget(uint256 loss, uint256 budget, bytes32 reportHash);
    error InvalidFinalization(uint256 requestId, uint256 lastFinalized, uint256 lastRequest);
    error RequestTooRecent(uint256 requestId, uint256 requestedAt, uint256 reportBlockTimestamp);
    error NotEnoughEtherToFinalize(uint256 available, uint256 required);
    /// @notice Finalisation is paused: `pendingSlashings` validators of the pool were slashed and not
    /// yet swept, so their correlation penalty has not landed (bunker mode, see `isBunkerMode`).
    error FinalizationPausedBySlashing(uint256 pendingSlashings);
    error WithdrawalBelowMinimum(uint256 shares, uint256 minimum);
    error UnknownRequest(uint256 requestId);
    error NotRequestOwner(uint256 requestId, address caller, address owner);
    error RequestNotFinalized(uint256 requestId, uint256 lastFinalized);
    error AlreadyClaimed(uint256 requestId);
    error UnexpectedEtherSender(address sender);
    error EthTransferFailed(address to, uint256 amount);
    error InvalidParameter(string name, uint256 value);
    error ZeroAddress(string name);

    // ---------------------------------------------------------------- user functions

    /// @notice Deposits the ETH sent and mints LST at the current rate, rounded down (in the pool's favour).
    /// In bunker mode (`isBunkerMode()`) it is accepted all the same, as Lido accepts it: the rate does
    /// not yet hold the pending correlation penalty, and the depositor bears its share when it lands.
    /// @return shares LST minted to the sender.
    function deposit() external payable returns (uint256 shares);

    /// @notice Queues a withdrawal: escrows `shares` LST (needs an allowance) and records their ETH value now.
    /// @param shares LST to withdraw.
    /// @return requestId The request's id (FIFO, from 1).
    function requestWithdrawal(uint256 shares) external returns (uint256 requestId);

    /// @notice `requestWithdrawal` with an EIP-2612 permit instead of a prior approval.
    function requestWithdrawalWithPermit(
        uint256 shares,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 requestId);

    /// @notice Pays a finalised request to its owner: min(value at request, value at finalisation).
    /// @return amountOfEth Wei paid.
    function claimWithdrawal(uint256 requestId) external returns (uint256 amountOfEth);

    // ---------------------------------------------------------------- roles

    /// @notice Stakes one validator from the buffer, with this pool as withdrawal address (operator role).
    /// @return validatorIndex The simulator's index of the new validator.
    function stakeValidator(bytes32 pubkeyHash) external returns (uint256 validatorIndex);

    /// @notice Applies an oracle report (oracle role): rewards, losses, fee, finalisation, exits.
    /// In bunker mode (`isBunkerMode()`) the report must finalise nothing new
    /// (`finalizeUpToRequestId` 0 or `lastFinalizedRequestId()`), else it reverts with
    /// `FinalizationPausedBySlashing`; its rewards, losses, fee and exit requests still apply.
    function submitReport(OracleReport calldata report) external;

    /// @notice Approves one report whose loss exceeds the budget (loss-confirmer role, Lido's second opinion).
    /// @param reportHash `keccak256(abi.encode(report))`.
    function confirmLossReport(bytes32 reportHash) external;

    /// @notice Stops deposits, withdrawal requests and claims (pauser role).
    function pause() external;

    /// @notice Resumes them (pauser role).
    function unpause() external;

    /// @notice Sets the smallest deposit and the cap on `totalPooledEther` (admin).
    /// @param newMinDeposit Wei, at least 1.
    /// @param newDepositCap Wei, at least `newMinDeposit`.
    function setDepositLimits(uint256 newMinDeposit, uint256 newDepositCap) external;

    /// @notice Sets where the fee shares are minted (admin).
    function setTreasury(address newTreasury) external;

    /// @notice Sets the protocol fee on positive rewards, in basis points, at most `MAX_FEE_BPS` (admin).
    function setFeeBps(uint256 newFeeBps) external;

    /// @notice Sets the oracle sanity bounds (admin).
    /// @param newMaxAprBps Largest annualised increase of the CL balance a report may show, basis points.
    /// @param newLossBudgetPerValidator Wei a report may lose per validator without the loss confirmer.
    function setReportBounds(uint256 newMaxAprBps, uint256 newLossBudgetPerValidator) external;

    // ---------------------------------------------------------------- views

    /// @notice The LST this pool mints.
    function token() external view returns (ILiquidStakingToken);

    /// @notice The consensus layer this pool stakes on.
    function simulator() external view returns (IBeaconChainSimulator);

    /// @notice Wei this pool accounts for its LST holders: buffered + reported CL balance + deposits in transit.
    function totalPooledEther() external view returns (uint256);

    /// @notice Wei of ETH per 1e18 LST (1e18 while the pool is empty).
    function getExchangeRate() external view returns (uint256);

    /// @notice LST that `amountOfEth` wei buys now (rounded down).
    function getSharesByEth(uint256 amountOfEth) external view returns (uint256);

    /// @notice Wei that `shares` LST are worth now (rounded down).
    function getEthByShares(uint256 shares) external view returns (uint256);

    /// @notice Deposited ETH held by the pool and not reserved for finalised withdrawals.
    function bufferedEther() external view returns (uint256);

    /// @notice Wei reserved for finalised, unclaimed withdrawal requests.
    function lockedEther() external view returns (uint256);

    /// @notice Wei of buffered ETH that may be staked: the buffer less unfinalised withdrawal demand.
    function depositableEther() external view returns (uint256);

    /// @notice ETH received from the consensus layer that no report has accounted yet.
    function unaccountedClWithdrawals() external view returns (uint256);

    /// @notice Number of the last withdrawal request.
    function lastRequestId() external view returns (uint256);

    /// @notice Number of the last finalised withdrawal request.
    function lastFinalizedRequestId() external view returns (uint256);

    /// @notice Whether the pool is in bunker mode: some of its validators were slashed and their
    /// correlation penalty, applied when they are swept (at the earliest a correlation window, ~36
    /// days, after the slashing), has not landed, so a known loss is not yet in the rate and the
    /// withdrawal queue is not finalised until it lands. A simplified Lido "bunker mode".
    /// @dev `simulator.pendingSlashingsOf(pool) > 0`.
    function isBunkerMode() external view returns (bool);

    /// @notice A withdrawal request.
    function getWithdrawalRequest(uint256 requestId) external view returns (WithdrawalRequest memory);

    /// @notice Wei `claimWithdrawal(requestId)` would pay now (0 if not finalised or already claimed).
    function claimableEther(uint256 requestId) external view returns (uint256);

    /// @notice What finalising the requests up to `upToRequestId` at the rate `pooledEther / totalShares`
    /// would lock and burn, as Lido's `WithdrawalQueue.prefinalize`: the oracle calls it to choose
    /// `finalizeUpToRequestId` (the largest batch the buffer covers).
    /// @param upToRequestId Last request of the batch (after `lastFinalizedRequestId`, at most `lastRequestId`).
    /// @param pooledEther Wei, numerator of the share rate after the report.
    /// @param totalShares LST, denominator of that rate.
    /// @return ethToLock Wei the batch would reserve.
    /// @return sharesToBurn Escrowed LST the batch would burn.
    function prefinalize(
        uint256 upToRequestId,
        uint256 pooledEther,
        uint256 totalShares
    ) external view returns (uint256 ethToLock, uint256 sharesToBurn);

    /// @notice Wei requested and not yet finalised, valued at request (an upper bound of what it will pay).
    function unfinalizedEther() external view returns (uint256);

    /// @notice LST supply, escrowed requests included (Lido's `getTotalShares`).
    function totalShares() external view returns (uint256);

    /// @notice Wei of CL balance in the last report.
    function clBalance() external view returns (uint256);

    /// @notice Pool validators the last report saw.
    function clValidators() external view returns (uint256);

    /// @notice Validators the pool ever staked.
    function depositedValidators() external view returns (uint256);

    /// @notice Simulated timestamp of the last report, seconds (the pool's deployment time before the first).
    function lastReportTimestamp() external view returns (uint256);

    /// @notice Number of reports applied.
    function reportCount() external view returns (uint256);

    /// @notice Wei of one validator deposit (read from the simulator at deployment).
    function validatorDeposit() external view returns (uint256);

    /// @notice Simulator index of the pool's `n`-th validator (0-based, in staking order).
    function validatorIndexAt(uint256 n) external view returns (uint256);

    /// @notice Position in the pool's validator list where the next exit search starts (oldest first).
    function nextExitCandidate() external view returns (uint256);

    /// @notice Receiver of the fee shares.
    function treasury() external view returns (address);

    /// @notice Protocol fee on positive rewards, basis points.
    function feeBps() external view returns (uint256);

    /// @notice Oracle bound: largest annualised increase of the CL balance, basis points.
    function maxAprBps() external view returns (uint256);

    /// @notice Oracle bound: wei a report may lose per validator still on the consensus layer (the
    /// report's `clValidators` less the pool's validators already withdrawn) without the loss confirmer.
    function lossBudgetPerValidator() external view returns (uint256);

    /// @notice Smallest deposit accepted, wei.
    function minDeposit() external view returns (uint256);

    /// @notice Largest `totalPooledEther` a deposit may lead to, wei.
    function depositCap() external view returns (uint256);

    /// @notice Wei lost by the reports of the loss window still open (it opened at `windowStart`, report
    /// time, and closes `LOSS_WINDOW` later): a report's loss is added to it before the budget check.
    /// A confirmed loss opens a new, empty window.
    function recentLoss() external view returns (uint256 loss, uint256 windowStart);

    /// @notice Whether the loss confirmer approved the report with this hash (and it was not used yet).
    function isLossReportConfirmed(bytes32 reportHash) external view returns (bool);
}
