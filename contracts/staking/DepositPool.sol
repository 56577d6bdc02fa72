// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILiquidStakingToken} from "../interfaces/ILiquidStakingToken.sol";
import {LiquidStakingToken} from "./LiquidStakingToken.sol";

/// @title DepositPool
/// @notice Liquid staking, as Lido (`Lido.sol`, `AccountingOracle`, `WithdrawalQueue`) and Rocket Pool
/// do it, simplified for teaching. Users deposit ETH and receive slETH at the current exchange rate;
/// an operator stakes 32-ETH validators on the consensus layer (the `BeaconChainSimulator`); an
/// oracle reports what those validators are worth, which moves the rate; a FIFO withdrawal queue
/// pays ETH back, and asks validators to exit when the buffer runs short.
///
/// Accounting: `totalPooledEther = bufferedEther + clBalance + (depositedValidators − clValidators)
/// × validatorDeposit`. Every term is accounted by the pool itself, never read from
/// `address(this).balance`: ETH forced into the contract (a donation) does not move the rate.
///
/// The exchange rate only changes in `submitReport` (rewards, losses, fee, finalisation). Deposits
/// round in the pool's favour (a few wei up), requests and claims do not touch it (INV-2).
///
/// Bunker mode (Lido's, simplified): while a slashed validator of the pool waits for its correlation
/// penalty (`simulator.pendingSlashingsOf(pool) > 0`), reports finalise no withdrawal request, so
/// no one can leave at the pre-penalty rate right after a public slashing (`isBunkerMode`).
///
/// Roles (OpenZeppelin AccessControl): `DEFAULT_ADMIN_ROLE` (parameters, roles), `ORACLE_ROLE`
/// (reports), `OPERATOR_ROLE` (stakes validators), `PAUSER_ROLE` (the guardian), and
/// `LOSS_CONFIRMER_ROLE` (Lido's second-opinion oracle for large losses).
// solhint-disable-next-line max-states-count
contract DepositPool is IDepositPool, AccessControl, ReentrancyGuard, Pausable {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice Submits oracle reports.
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice Stakes validators from the buffer.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice Pauses and unpauses deposits, requests and claims (the guardian).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Confirms reports whose loss exceeds the budget (second opinion).
    bytes32 public constant LOSS_CONFIRMER_ROLE = keccak256("LOSS_CONFIRMER_ROLE");

    /// @notice Largest protocol fee the admin may set: 50 % of rewards.
    uint256 public constant MAX_FEE_BPS = 5_000;
    /// @notice Smallest withdrawal request, in LST wei (Lido: 100 wei of stETH).
    uint256 public constant MIN_WITHDRAWAL_SHARES = 100;
    /// @notice Most validator exits one report may request (Lido bounds its exit requests per report too).
    uint256 public constant MAX_EXITS_PER_REPORT = 16;
    /// @notice Most validators one report inspects while looking for active ones to exit.
    uint256 public constant MAX_EXIT_CANDIDATES_PER_REPORT = 64;

    uint256 private constant BPS = 10_000;
    uint256 private constant SECONDS_PER_YEAR = 365 days;
    uint256 private constant WAD = 1e18;

    /// @inheritdoc IDepositPool
    ILiquidStakingToken public immutable token;
    /// @inheritdoc IDepositPool
    IBeaconChainSimulator public immutable simulator;
    /// @inheritdoc IDepositPool
    uint256 public immutable validatorDeposit;

    // ------------------------------------------------------------------ storage
    // Deposit is the hot path: everything it reads sits in three slots. The first slot is shared
    // with Pausable's `_paused` flag (state variables are packed across inheritance), so the pause
    // check and the buffer are one cold read. 2^128 wei and 2^48 validators are far beyond any supply.

    uint128 private _bufferedEther;
    uint48 private _depositedValidators;
    uint48 private _clValidators;

    uint128 private _clBalance;
    uint128 private _depositCap;

    uint96 private _minDeposit;
    address private _treasury;

    uint128 private _lockedEther;
    uint128 private _unaccountedClWithdrawals;

    // Queue counters, packed: a request reads and writes one slot.
    uint64 private _lastRequestId;
    uint64 private _lastFinalizedRequestId;
    uint64 private _reportCount;
    /// Value of `_reportCount` when the last request was made: a different value opens a new period.
    uint64 private _lastRequestReportCount;

    uint256 private _lastReportTimestamp;
    uint256 private _feeBps;
    uint256 private _maxAprBps;
    uint256 private _lossBudgetPerValidator;

    /// Request 0 is an empty sentinel, so `_requests[id - 1]` always holds the sums before `id`.
    mapping(uint256 requestId => StoredRequest) private _requests;

    /// First request id of each report period. Only reports move the rate, so all requests of one
    /// period were valued at the same rate: a batch is priced period by period, never holder by holder.
    uint256[] private _periodFirstRequestIds;
    /// Index in `_periodFirstRequestIds` of the period holding `_lastFinalizedRequestId + 1`.
    uint256 private _periodCursor;

    /// First request id of each finalised batch, and the share rate it was finalised at: a claim
    /// finds its batch by binary search, O(log batches).
    uint256[] private _checkpointFirstIds;
    FinalizationRate[] private _checkpointRates;

    /// Simulator indices of the pool's validators, in staking order (oldest first, for exits).
    uint256[] private _validatorIndices;
    uint256 private _nextExitCandidate;

    mapping(bytes32 reportHash => bool confirmed) private _confirmedLossReports;

    /// @dev A `WithdrawalRequest` as stored: the same fields in two slots instead of three
    /// ([owner, requestedAt, claimed] [cumulativeShares, cumulativeEth]), which saves a new slot
    /// (22,100 gas) on every request. `getWithdrawalRequest` returns it in the interface's order.
    struct StoredRequest {
        address owner;
        uint64 requestedAt;
        bool claimed;
        uint128 cumulativeShares;
        uint128 cumulativeEth;
    }

    /// @dev The share rate of a finalised batch, kept as a fraction so a claim loses no precision.
    struct FinalizationRate {
        uint128 pooledEther;
        uint128 totalShares;
    }

    /// @param admin Holder of `DEFAULT_ADMIN_ROLE`; grants the other roles.
    /// @param simulator_ The consensus layer to stake on.
    /// @param treasury_ Receiver of the fee shares.
    /// @param feeBps_ Protocol fee on positive rewards, basis points (at most `MAX_FEE_BPS`).
    /// @param maxAprBps_ Oracle bound: largest annualised CL balance increase, basis points (1 to 10,000).
    /// @param lossBudgetPerValidator_ Oracle bound: wei a report may lose per validator unconfirmed.
    /// @param minDeposit_ Smallest deposit, wei (at least 1).
    /// @param depositCap_ Largest `totalPooledEther` after a deposit, wei (at least `minDeposit_`).
    constructor(
        address admin,
        IBeaconChainSimulator simulator_,
        address treasury_,
        uint256 feeBps_,
        uint256 maxAprBps_,
        uint256 lossBudgetPerValidator_,
        uint256 minDeposit_,
        uint256 depositCap_
    ) {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(simulator_) == address(0)) revert ZeroAddress("simulator");
        simulator = simulator_;
        validatorDeposit = simulator_.validatorDeposit();
        // Reward bounds count from now, not from the simulator's genesis.
        _lastReportTimestamp = simulator_.simulatedTime();
        _setTreasury(treasury_);
        _setFeeBps(feeBps_);
        _setReportBounds(maxAprBps_, lossBudgetPerValidator_);
        _setDepositLimits(minDeposit_, depositCap_);
        // The pool creates its token, so the token's only minter is fixed forever.
        token = new LiquidStakingToken(address(this));
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Accepts ETH from the consensus layer only (sweeps of skimmed rewards and exited
    /// validators). It waits in `unaccountedClWithdrawals` until a report moves it into the buffer.
    /// @dev Any other sender is refused, so a plain transfer cannot be mistaken for a withdrawal.
    /// ETH forced in without a call (SELFDESTRUCT) still arrives, but no accounted figure moves.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (msg.sender != address(simulator)) revert UnexpectedEtherSender(msg.sender);
        _unaccountedClWithdrawals = (_unaccountedClWithdrawals + msg.value).toUint128();
        emit ClWithdrawalReceived(msg.value);
    }

    // ================================================================== users

    /// @inheritdoc IDepositPool
    function deposit() external payable whenNotPaused returns (uint256 shares) {
        uint256 minimum = _minDeposit;
        if (msg.value < minimum) revert DepositBelowMinimum(msg.value, minimum);
        uint256 pooled = _totalPooledEther();
        uint256 totalAfter = pooled + msg.value;
        uint256 cap = _depositCap;
        if (totalAfter > cap) revert DepositCapExceeded(totalAfter, cap);
        // Rounded down: the depositor receives at most what the ETH buys, the pool keeps the dust.
        shares = _sharesForEth(msg.value, pooled, token.totalSupply());
        if (shares == 0) revert ZeroShares(msg.value);
        // `totalAfter` ≤ cap < 2^128, so the buffer fits its slot (SafeCast checks it anyway).
        _bufferedEther = (uint256(_bufferedEther) + msg.value).toUint128();
        token.mint(msg.sender, shares);
        emit Deposited(msg.sender, msg.value, shares);
    }

    /// @inheritdoc IDepositPool
    function requestWithdrawal(uint256 shares) external whenNotPaused returns (uint256 requestId) {
        return _requestWithdrawal(shares);
    }

    /// @inheritdoc IDepositPool
    /// @dev CAUTION: a permit seen in the mempool can be submitted by anyone first, which would make
    /// a second `permit` revert and grief the request. So the permit is only used when the allowance
    /// is missing: if someone already submitted it, the allowance it set is used as is.
    function requestWithdrawalWithPermit(
        uint256 shares,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused returns (uint256 requestId) {
        if (token.allowance(msg.sender, address(this)) < shares) {
            token.permit(msg.sender, address(this), shares, deadline, v, r, s);
        }
        return _requestWithdrawal(shares);
    }

    /// @inheritdoc IDepositPool
    function claimWithdrawal(
        uint256 requestId
    ) external whenNotPaused nonReentrant returns (uint256 amountOfEth) {
        // Checks.
        if (requestId == 0 || requestId > _lastRequestId) revert UnknownRequest(requestId);
        StoredRequest storage request = _requests[requestId];
        address owner = request.owner;
        if (owner != msg.sender) revert NotRequestOwner(requestId, msg.sender, owner);
        uint256 lastFinalized = _lastFinalizedRequestId;
        if (requestId > lastFinalized) revert RequestNotFinalized(requestId, lastFinalized);
        if (request.claimed) revert AlreadyClaimed(requestId);
        amountOfEth = _payoutOf(requestId);
        // Effects: marked claimed and unreserved before any ETH leaves (checks-effects-interactions).
        request.claimed = true;
        _lockedEther -= amountOfEth.toUint128();
        emit WithdrawalClaimed(requestId, owner, amountOfEth);
        // Interaction.
        (bool sent, ) = owner.call{value: amountOfEth}("");
        if (!sent) revert EthTransferFailed(owner, amountOfEth);
    }

    // ================================================================== roles

    /// @inheritdoc IDepositPool
    function stakeValidator(
        bytes32 pubkeyHash
    ) external onlyRole(OPERATOR_ROLE) nonReentrant returns (uint256 validatorIndex) {
        uint256 amount = validatorDeposit;
        uint256 available = depositableEther();
        if (available < amount) revert NotEnoughDepositableEther(available, amount);
        // The ETH moves from the buffer to "in transit" (deposited, not yet reported): the total
        // pooled ether, hence the rate, does not change.
        _bufferedEther -= amount.toUint128();
        ++_depositedValidators;
        validatorIndex = simulator.deposit{value: amount}(pubkeyHash, address(this));
        _validatorIndices.push(validatorIndex);
        emit ValidatorStaked(validatorIndex, pubkeyHash, amount);
    }

    /// @inheritdoc IDepositPool
    /// @dev As Lido's `handleOracleReport`: sanity checks, then the CL balance and the withdrawn
    /// ETH enter the accounts, the fee is minted, the withdrawal queue is finalised at the new share
    /// rate, and exits are requested if the buffer cannot cover the queue.
    function submitReport(OracleReport calldata report) external onlyRole(ORACLE_ROLE) nonReentrant {
        (uint256 preClBalance, uint256 postClBalance) = _checkReport(report);

        // Effects: the report's figures enter the accounts.
        _clBalance = report.clBalance.toUint128();
        _clValidators = report.clValidators.toUint48();
        uint256 withdrawn = report.withdrawnFromCl;
        // Checked by `_checkReport`: withdrawn ≤ unaccounted.
        _unaccountedClWithdrawals -= withdrawn.toUint128();
        _bufferedEther = (uint256(_bufferedEther) + withdrawn).toUint128();
        _lastReportTimestamp = report.timestamp;
        // A new report period begins: the next request opens a new group in the queue.
        ++_reportCount;

        uint256 pooled = _totalPooledEther();
        uint256 shares = token.totalSupply();
        if (postClBalance > preClBalance) shares += _mintFee(postClBalance - preClBalance, pooled, shares);

        // The queue is finalised at the rate after rewards, losses and fee: `pooled / shares`.
        _finalize(report.finalizeUpToRequestId, pooled, shares);

        emit ReportSubmitted(
            report.timestamp,
            preClBalance,
            postClBalance,
            _totalPooledEther(),
            token.totalSupply()
        );

        _requestExitsIfNeeded();
    }

    /// @inheritdoc IDepositPool
    function confirmLossReport(bytes32 reportHash) external onlyRole(LOSS_CONFIRMER_ROLE) {
        _confirmedLossReports[reportHash] = true;
        emit LossReportConfirmed(reportHash, msg.sender);
    }

    /// @inheritdoc IDepositPool
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IDepositPool
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /// @inheritdoc IDepositPool
    function setDepositLimits(
        uint256 newMinDeposit,
        uint256 newDepositCap
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDepositLimits(newMinDeposit, newDepositCap);
    }

    /// @inheritdoc IDepositPool
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(newTreasury);
    }

    /// @inheritdoc IDepositPool
    function setFeeBps(uint256 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFeeBps(newFeeBps);
    }

    /// @inheritdoc IDepositPool
    function setReportBounds(
        uint256 newMaxAprBps,
        uint256 newLossBudgetPerValidator
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReportBounds(newMaxAprBps, newLossBudgetPerValidator);
    }

    // ================================================================== views

    /// @inheritdoc IDepositPool
    function totalPooledEther() external view returns (uint256) {
        return _totalPooledEther();
    }

    /// @inheritdoc IDepositPool
    function totalShares() external view returns (uint256) {
        return token.totalSupply();
    }

    /// @inheritdoc IDepositPool
    function getExchangeRate() external view returns (uint256) {
        uint256 supply = token.totalSupply();
        if (supply == 0) return WAD;
        return Math.mulDiv(WAD, _totalPooledEther(), supply);
    }

    /// @inheritdoc IDepositPool
    function getSharesByEth(uint256 amountOfEth) external view returns (uint256) {
        return _sharesForEth(amountOfEth, _totalPooledEther(), token.totalSupply());
    }

    /// @inheritdoc IDepositPool
    function getEthByShares(uint256 shares) public view returns (uint256) {
        uint256 supply = token.totalSupply();
        if (supply == 0) return shares;
        // Rounded down: a holder is never told (nor paid) more than the shares are worth.
        return Math.mulDiv(shares, _totalPooledEther(), supply);
    }

    /// @inheritdoc IDepositPool
    function bufferedEther() external view returns (uint256) {
        return _bufferedEther;
    }

    /// @inheritdoc IDepositPool
    function lockedEther() external view returns (uint256) {
        return _lockedEther;
    }

    /// @inheritdoc IDepositPool
    function depositableEther() public view returns (uint256) {
        uint256 buffered = _bufferedEther;
        return buffered - Math.min(buffered, unfinalizedEther());
    }

    /// @inheritdoc IDepositPool
    function unfinalizedEther() public view returns (uint256) {
        return _requests[_lastRequestId].cumulativeEth - _requests[_lastFinalizedRequestId].cumulativeEth;
    }

    /// @inheritdoc IDepositPool
    function unaccountedClWithdrawals() external view returns (uint256) {
        return _unaccountedClWithdrawals;
    }

    /// @inheritdoc IDepositPool
    function lastRequestId() external view returns (uint256) {
        return _lastRequestId;
    }

    /// @inheritdoc IDepositPool
    function lastFinalizedRequestId() external view returns (uint256) {
        return _lastFinalizedRequestId;
    }

    /// @inheritdoc IDepositPool
    function isBunkerMode() external view returns (bool) {
        return simulator.pendingSlashingsOf(address(this)) != 0;
    }

    /// @inheritdoc IDepositPool
    function getWithdrawalRequest(uint256 requestId) external view returns (WithdrawalRequest memory) {
        if (requestId == 0 || requestId > _lastRequestId) revert UnknownRequest(requestId);
        StoredRequest storage request = _requests[requestId];
        return
            WithdrawalRequest({
                owner: request.owner,
                cumulativeShares: request.cumulativeShares,
                cumulativeEth: request.cumulativeEth,
                requestedAt: request.requestedAt,
                claimed: request.claimed
            });
    }

    /// @inheritdoc IDepositPool
    function claimableEther(uint256 requestId) external view returns (uint256) {
        if (requestId == 0 || requestId > _lastFinalizedRequestId || _requests[requestId].claimed) return 0;
        return _payoutOf(requestId);
    }

    /// @inheritdoc IDepositPool
    function prefinalize(
        uint256 upToRequestId,
        uint256 pooledEther,
        uint256 totalShares_
    ) external view returns (uint256 ethToLock, uint256 sharesToBurn) {
        uint256 lastFinalized = _lastFinalizedRequestId;
        _checkFinalizationRange(upToRequestId, lastFinalized);
        (ethToLock, sharesToBurn, ) = _calculateFinalization(
            lastFinalized,
            upToRequestId,
            pooledEther,
            totalShares_
        );
    }

    /// @inheritdoc IDepositPool
    function clBalance() external view returns (uint256) {
        return _clBalance;
    }

    /// @inheritdoc IDepositPool
    function clValidators() external view returns (uint256) {
        return _clValidators;
    }

    /// @inheritdoc IDepositPool
    function depositedValidators() external view returns (uint256) {
        return _depositedValidators;
    }

    /// @inheritdoc IDepositPool
    function lastReportTimestamp() external view returns (uint256) {
        return _lastReportTimestamp;
    }

    /// @inheritdoc IDepositPool
    function reportCount() external view returns (uint256) {
        return _reportCount;
    }

    /// @inheritdoc IDepositPool
    function validatorIndexAt(uint256 n) external view returns (uint256) {
        return _validatorIndices[n];
    }

    /// @inheritdoc IDepositPool
    function nextExitCandidate() external view returns (uint256) {
        return _nextExitCandidate;
    }

    /// @inheritdoc IDepositPool
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IDepositPool
    function feeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @inheritdoc IDepositPool
    function maxAprBps() external view returns (uint256) {
        return _maxAprBps;
    }

    /// @inheritdoc IDepositPool
    function lossBudgetPerValidator() external view returns (uint256) {
        return _lossBudgetPerValidator;
    }

    /// @inheritdoc IDepositPool
    function minDeposit() external view returns (uint256) {
        return _minDeposit;
    }

    /// @inheritdoc IDepositPool
    function depositCap() external view returns (uint256) {
        return _depositCap;
    }

    /// @inheritdoc IDepositPool
    function isLossReportConfirmed(bytes32 reportHash) external view returns (bool) {
        return _confirmedLossReports[reportHash];
    }

    // ================================================================== internals: accounting

    /// @dev Buffered + reported CL balance + deposits the CL has not reported yet (in transit).
    function _totalPooledEther() private view returns (uint256) {
        // A report never sees more validators than were deposited (`ValidatorCountTooHigh`).
        return
            uint256(_bufferedEther) +
            _clBalance +
            (uint256(_depositedValidators) - _clValidators) * validatorDeposit;
    }

    /// @dev Shares that `amountOfEth` buys, rounded down (the pool keeps the dust). 1:1 while the
    /// pool has no shares; none at all if shares exist but back nothing (the pool lost everything).
    function _sharesForEth(
        uint256 amountOfEth,
        uint256 pooled,
        uint256 supply
    ) private pure returns (uint256) {
        if (supply == 0) return amountOfEth;
        if (pooled == 0) return 0;
        return Math.mulDiv(amountOfEth, supply, pooled);
    }

    // ================================================================== internals: report

    /// @dev Lido's sanity checker, simplified: time and counts move forward, the withdrawn ETH was
    /// received, and the balance change is within the APR bound or the loss budget.
    function _checkReport(
        OracleReport calldata report
    ) private returns (uint256 preClBalance, uint256 postClBalance) {
        uint256 lastTimestamp = _lastReportTimestamp;
        if (report.timestamp <= lastTimestamp) revert ReportNotNewer(report.timestamp, lastTimestamp);
        uint256 simulatedNow = simulator.simulatedTime();
        if (report.timestamp > simulatedNow) revert ReportInFuture(report.timestamp, simulatedNow);
        uint256 lastValidators = _clValidators;
        if (report.clValidators < lastValidators)
            revert ValidatorCountDecreased(report.clValidators, lastValidators);
        uint256 deposited = _depositedValidators;
        if (report.clValidators > deposited) revert ValidatorCountTooHigh(report.clValidators, deposited);
        uint256 received = _unaccountedClWithdrawals;
        if (report.withdrawnFromCl > received)
            revert WithdrawnExceedsReceived(report.withdrawnFromCl, received);

        // Newly seen validators enter at their deposit: only what they earned or lost since counts.
        preClBalance = uint256(_clBalance) + (report.clValidators - lastValidators) * validatorDeposit;
        postClBalance = report.clBalance + report.withdrawnFromCl;

        if (postClBalance > preClBalance) {
            // Rounded down: the bound is never looser than the APR allows.
            uint256 increase = postClBalance - preClBalance;
            uint256 maxIncrease = Math.mulDiv(
                preClBalance,
                _maxAprBps * (report.timestamp - lastTimestamp),
                BPS * SECONDS_PER_YEAR
            );
            if (increase > maxIncrease) revert RewardAboveBound(increase, maxIncrease);
        } else if (postClBalance < preClBalance) {
            uint256 loss = preClBalance - postClBalance;
            // Budgeted per validator still on the consensus layer, as Lido's sanity checker counts
            // its validators less the exited ones: a withdrawn validator can lose nothing more.
            uint256 budget = _validatorsOnCl(report.clValidators) * _lossBudgetPerValidator;
            if (loss > budget) {
                bytes32 reportHash = keccak256(abi.encode(report));
                if (!_confirmedLossReports[reportHash]) revert LossAboveBudget(loss, budget, reportHash);
                // One confirmation, one report: the approval is consumed.
                delete _confirmedLossReports[reportHash];
            }
        }
    }

    /// @dev Validators of the report still on the consensus layer: `clValidators` less the pool's
    /// validators already withdrawn (fully swept), read from the simulator when a report shows a loss.
    /// A validator someone else deposited with the pool's address and that was withdrawn counts
    /// among the withdrawn too: it can only make the budget smaller, never looser.
    function _validatorsOnCl(uint256 clValidators_) private view returns (uint256) {
        uint256 withdrawn = simulator.withdrawnValidatorCountOf(address(this));
        return clValidators_ - Math.min(withdrawn, clValidators_);
    }

    /// @dev Mints the fee on `rewards` to the treasury as new shares, so that the treasury's shares
    /// are worth exactly the fee: `feeShares = fee × supply / (pooled − fee)` (Lido's formula).
    /// Rounded down: holders keep the dust.
    function _mintFee(uint256 rewards, uint256 pooled, uint256 supply) private returns (uint256 feeShares) {
        uint256 fee = (rewards * _feeBps) / BPS;
        // The fee is at most half the rewards (`MAX_FEE_BPS`), and the rewards are part of
        // `pooled`, so `pooled − fee` is positive.
        if (fee == 0 || supply == 0) return 0;
        feeShares = Math.mulDiv(fee, supply, pooled - fee);
        address to = _treasury;
        token.mint(to, feeShares);
        emit FeeMinted(to, fee, feeShares);
    }

    /// @dev Finalises the requests up to `upTo` at the rate `pooled / shares`, as Lido's
    /// `WithdrawalQueue.finalize`: the escrowed shares are burnt and the ETH they will be paid
    /// leaves the buffer for `lockedEther`. A request pays `min(value at request, shares × rate)`,
    /// so its holder stops earning at request and still bears losses. What a request gives up
    /// (rewards since it was made) stays in the pool for the remaining holders, as in Lido.
    function _finalize(uint256 upTo, uint256 pooled, uint256 shares) private {
        uint256 lastFinalized = _lastFinalizedRequestId;
        // 0 (or the last finalised id) means nothing new to finalise.
        if (upTo == 0 || upTo == lastFinalized) return;
        // Bunker mode (Lido's, simplified): a slashed validator of the pool has not been swept, so
        // its correlation penalty, a loss everyone can see coming, is not yet in the rate. Finalising
        // now would pay the requests made after the slashing at the pre-penalty rate and leave the
        // loss to the holders who stayed. So nothing is finalised until the penalty has landed and a
        // report has accounted it; every request queued meanwhile then bears its share of the loss
        // through min(value at request, value at finalisation).
        uint256 pendingSlashings = simulator.pendingSlashingsOf(address(this));
        if (pendingSlashings != 0) revert FinalizationPausedBySlashing(pendingSlashings);
        _checkFinalizationRange(upTo, lastFinalized);
        // Only requests made before this block: a request in the report's own block could see the
        // report coming (a sandwich) and is left for the next one.
        uint256 requestedAt = _requests[upTo].requestedAt;
        if (requestedAt >= block.timestamp) revert RequestTooRecent(upTo, requestedAt, block.timestamp);

        (uint256 ethToLock, uint256 sharesToBurn, uint256 cursor) = _calculateFinalization(
            lastFinalized,
            upTo,
            pooled,
            shares
        );
        uint256 buffered = _bufferedEther;
        if (ethToLock > buffered) revert NotEnoughEtherToFinalize(buffered, ethToLock);

        _bufferedEther = (buffered - ethToLock).toUint128();
        _lockedEther = (uint256(_lockedEther) + ethToLock).toUint128();
        _lastFinalizedRequestId = upTo.toUint64();
        _periodCursor = cursor;
        _checkpointFirstIds.push(lastFinalized + 1);
        _checkpointRates.push(FinalizationRate(pooled.toUint128(), shares.toUint128()));
        token.burn(address(this), sharesToBurn);
        emit WithdrawalsFinalized(
            lastFinalized + 1,
            upTo,
            ethToLock,
            sharesToBurn,
            Math.mulDiv(WAD, pooled, shares)
        );
    }

    /// @dev Reverts unless `lastFinalized < upTo ≤ lastRequestId`.
    function _checkFinalizationRange(uint256 upTo, uint256 lastFinalized) private view {
        uint256 lastRequest = _lastRequestId;
        if (upTo <= lastFinalized || upTo > lastRequest)
            revert InvalidFinalization(upTo, lastFinalized, lastRequest);
    }

    /// @dev ETH to lock and shares to burn for requests `lastFinalized + 1 … upTo` at `pooled / shares`.
    /// The batch is walked period by period (the requests made between two reports), not request by
    /// request: within a period every request was valued at the same rate, so either all of them
    /// gained since (pay the value at request: the cumulative ETH difference) or all lost (pay
    /// shares × rate: the cumulative share difference at the new rate). The cost grows with the
    /// number of report periods the batch spans, never with the number of requests or holders.
    /// @return ethToLock Wei the batch will be paid in total.
    /// @return sharesToBurn Escrowed shares of the batch.
    /// @return cursor The period holding `upTo + 1`.
    function _calculateFinalization(
        uint256 lastFinalized,
        uint256 upTo,
        uint256 pooled,
        uint256 shares
    ) private view returns (uint256 ethToLock, uint256 sharesToBurn, uint256 cursor) {
        cursor = _periodCursor;
        StoredRequest storage previous = _requests[lastFinalized];
        uint256 end = lastFinalized;
        while (end < upTo) {
            bool periodCompleted;
            (end, periodCompleted) = _periodEnd(cursor, upTo);
            StoredRequest storage last = _requests[end];
            uint256 periodShares = last.cumulativeShares - previous.cumulativeShares;
            // Rounded down: what the period is paid never exceeds either value.
            ethToLock += Math.min(
                last.cumulativeEth - previous.cumulativeEth,
                Math.mulDiv(periodShares, pooled, shares)
            );
            sharesToBurn += periodShares;
            previous = last;
            if (periodCompleted) ++cursor;
        }
    }

    /// @dev Last request of period `cursor` that is at most `upTo`, and whether it ends the period.
    function _periodEnd(
        uint256 cursor,
        uint256 upTo
    ) private view returns (uint256 end, bool periodCompleted) {
        if (cursor + 1 == _periodFirstRequestIds.length) return (upTo, false); // the open period
        uint256 periodLastId = _periodFirstRequestIds[cursor + 1] - 1;
        if (upTo < periodLastId) return (upTo, false);
        return (periodLastId, true);
    }

    /// @dev Payout of one finalised request: `min(value at request, shares × rate of its batch)`,
    /// rounded down. Summed over a period it never exceeds what `_calculateFinalization` locked.
    function _payoutOf(uint256 requestId) private view returns (uint256) {
        StoredRequest storage request = _requests[requestId];
        StoredRequest storage previous = _requests[requestId - 1];
        uint256 requestShares = request.cumulativeShares - previous.cumulativeShares;
        uint256 requestEth = request.cumulativeEth - previous.cumulativeEth;
        // The batch holding `requestId` is the last one starting at or before it.
        uint256 batch = Arrays.upperBound(_checkpointFirstIds, requestId) - 1;
        FinalizationRate memory rate = _checkpointRates[batch];
        return Math.min(requestEth, Math.mulDiv(requestShares, rate.pooledEther, rate.totalShares));
    }

    /// @dev Lido's Validator Exit Bus, simplified: if the queue asks for more ETH than the buffer,
    /// the swept-but-unreported ETH and the validators already exiting will bring, ask the oldest
    /// active validators to exit (EIP-7002 style, as their withdrawal address). Bounded per report.
    /// An exiting validator counts one deposit, a slashed one nothing until it is swept.
    function _requestExitsIfNeeded() private {
        uint256 demand = unfinalizedEther();
        uint256 available = uint256(_bufferedEther) + _unaccountedClWithdrawals;
        // Most reports stop here, without calling the simulator.
        if (demand <= available) return;
        // A slashed validator counts nothing until it is swept: its correlation penalty, fixed only
        // at the midpoint, may take its whole balance (a third of the stake slashed together).
        uint256 exiting =
            simulator.validatorCountOf(address(this)) -
                simulator.activeValidatorCountOf(address(this)) -
                simulator.withdrawnValidatorCountOf(address(this)) -
                simulator.pendingSlashingsOf(address(this));
        uint256 amount = validatorDeposit;
        available += exiting * amount;
        if (demand <= available) return;

        uint256 exitsNeeded = Math.min(Math.ceilDiv(demand - available, amount), MAX_EXITS_PER_REPORT);
        uint256 candidate = _nextExitCandidate;
        uint256 end = Math.min(_validatorIndices.length, candidate + MAX_EXIT_CANDIDATES_PER_REPORT);
        while (exitsNeeded > 0 && candidate < end) {
            uint256 index = _validatorIndices[candidate];
            ++candidate;
            // Slashed or already exiting validators are skipped: they are on their way out.
            if (simulator.getValidator(index).status == IBeaconChainSimulator.Status.Active) {
                simulator.requestExit(index);
                --exitsNeeded;
                emit ValidatorExitRequested(index);
            }
        }
        _nextExitCandidate = candidate;
    }

    // ================================================================== internals: queue

    /// @dev Escrows `shares` and appends a request with the cumulative sums (Lido's WithdrawalQueue).
    function _requestWithdrawal(uint256 shares) private returns (uint256 requestId) {
        if (shares < MIN_WITHDRAWAL_SHARES) revert WithdrawalBelowMinimum(shares, MIN_WITHDRAWAL_SHARES);
        // Rounded down: the request is promised no more than its shares are worth now (INV-4).
        uint256 amountOfEth = getEthByShares(shares);
        // Escrow first. The escrowed shares stay in the supply until finalisation burns them, so the
        // rate does not move (INV-2).
        IERC20(address(token)).safeTransferFrom(msg.sender, address(this), shares);

        requestId = uint256(_lastRequestId) + 1;
        StoredRequest storage previous = _requests[requestId - 1];
        _requests[requestId] = StoredRequest({
            owner: msg.sender,
            requestedAt: uint64(block.timestamp),
            claimed: false,
            cumulativeShares: (uint256(previous.cumulativeShares) + shares).toUint128(),
            cumulativeEth: (uint256(previous.cumulativeEth) + amountOfEth).toUint128()
        });
        _lastRequestId = requestId.toUint64();
        // The first request after a report opens a new period: its requests share one rate.
        uint64 reports = _reportCount;
        if (_periodFirstRequestIds.length == 0 || _lastRequestReportCount != reports) {
            _periodFirstRequestIds.push(requestId);
            _lastRequestReportCount = reports;
        }
        emit WithdrawalRequested(requestId, msg.sender, shares, amountOfEth);
    }

    // ================================================================== internals: parameters

    function _setDepositLimits(uint256 newMinDeposit, uint256 newDepositCap) private {
        if (newMinDeposit == 0 || newMinDeposit > type(uint96).max) {
            revert InvalidParameter("minDeposit", newMinDeposit);
        }
        if (newDepositCap < newMinDeposit || newDepositCap > type(uint128).max) {
            revert InvalidParameter("depositCap", newDepositCap);
        }
        _minDeposit = uint96(newMinDeposit);
        _depositCap = uint128(newDepositCap);
        emit DepositLimitsChanged(newMinDeposit, newDepositCap);
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert ZeroAddress("treasury");
        address oldTreasury = _treasury;
        _treasury = newTreasury;
        emit TreasuryChanged(oldTreasury, newTreasury);
    }

    function _setFeeBps(uint256 newFeeBps) private {
        if (newFeeBps > MAX_FEE_BPS) revert InvalidParameter("feeBps", newFeeBps);
        uint256 oldFeeBps = _feeBps;
        _feeBps = newFeeBps;
        emit FeeChanged(oldFeeBps, newFeeBps);
    }

    function _setReportBounds(uint256 newMaxAprBps, uint256 newLossBudgetPerValidator) private {
        if (newMaxAprBps == 0 || newMaxAprBps > BPS) revert InvalidParameter("maxAprBps", newMaxAprBps);
        if (newLossBudgetPerValidator > validatorDeposit) {
            revert InvalidParameter("lossBudgetPerValidator", newLossBudgetPerValidator);
        }
        _maxAprBps = newMaxAprBps;
        _lossBudgetPerValidator = newLossBudgetPerValidator;
        emit ReportBoundsChanged(newMaxAprBps, newLossBudgetPerValidator);
    }
}
