// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IBeaconChainSimulator} from "../interfaces/IBeaconChainSimulator.sol";
import {IDepositPool} from "../interfaces/IDepositPool.sol";
import {ILiquidStakingToken} from "../interfaces/ILiquidStakingToken.sol";
import {LiquidStakingToken} from "./LiquidStakingToken.sol";
import {OracleReportSanityChecker} from "./OracleReportSanityChecker.sol";
import {ShareRate} from "./ShareRate.sol";
import {ValidatorsExitBus} from "./ValidatorsExitBus.sol";
import {WithdrawalQueue} from "./WithdrawalQueue.sol";

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
/// Bunker mode (Lido's, simplified): no request is finalised while a slashed validator of the pool
/// waits for its correlation penalty (`isBunkerMode`, `_finalizeOutsideBunkerMode`).
///
/// Source layout (one deployed contract, split by Lido's boundaries): this file is `Lido.sol`'s
/// part (buffer, accounting, deposits, staking, the report's effects, bunker mode);
/// `ShareRate.sol` the share maths of Lido's `StETH.sol` (the exchange rate and conversions);
/// `WithdrawalQueue.sol` is Lido's `WithdrawalQueue` (requests, finalisation, claims);
/// `OracleReportSanityChecker.sol` Lido's `OracleReportSanityChecker` (the report's bounds), and
/// `ValidatorsExitBus.sol` Lido's `ValidatorsExitBusOracle` (which validators exit for the queue).
///
/// Roles (OpenZeppelin AccessControl): `DEFAULT_ADMIN_ROLE` (parameters, roles), `ORACLE_ROLE`
/// (reports), `OPERATOR_ROLE` (stakes validators), `PAUSER_ROLE` (the guardian), and
/// `LOSS_CONFIRMER_ROLE` (Lido's second-opinion oracle for large losses).
contract DepositPool is
    IDepositPool,
    AccessControl,
    ReentrancyGuard,
    ShareRate,
    OracleReportSanityChecker,
    WithdrawalQueue,
    ValidatorsExitBus,
    Pausable
{
    using SafeCast for uint256;

    /// @notice Submits oracle reports.
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice Stakes validators from the buffer.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice Pauses and unpauses deposits, requests and claims (the guardian).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Largest protocol fee the admin may set: 50 % of rewards.
    uint256 public constant MAX_FEE_BPS = 5_000;

    uint256 private constant BPS = 10_000;

    /// @inheritdoc IDepositPool
    ILiquidStakingToken public immutable token;
    /// @inheritdoc IDepositPool
    IBeaconChainSimulator public immutable simulator;
    /// @inheritdoc IDepositPool
    uint256 public immutable validatorDeposit;

    // ------------------------------------------------------------------ storage
    // Deposit is the hot path: everything it reads sits in three slots. The first slot is shared
    // with Pausable's `_paused` flag (state variables are packed across inheritance, and `Pausable`
    // is the last base, right before this contract), so the pause check and the buffer are one cold
    // read. 2^128 wei and 2^48 validators are far beyond any supply.

    uint128 private _bufferedEther;
    uint48 private _depositedValidators;
    uint48 private _clValidators;

    uint128 private _clBalance;
    uint128 private _depositCap;

    uint96 private _minDeposit;
    /// @inheritdoc IDepositPool
    address public treasury;

    /// Both read and written by every report (one slot); a simulated time fits 128 bits.
    uint128 private _unaccountedClWithdrawals;
    uint128 private _lastReportTimestamp;

    /// @inheritdoc IDepositPool
    uint256 public feeBps;

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
        _lastReportTimestamp = simulator_.simulatedTime().toUint128();
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
        return _claimWithdrawal(requestId);
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
        _recordValidator(validatorIndex);
        emit ValidatorStaked(validatorIndex, pubkeyHash, amount);
    }

    /// @inheritdoc IDepositPool
    /// @dev As Lido's `handleOracleReport`: sanity checks, then the CL balance and the withdrawn
    /// ETH enter the accounts, the fee is minted, the withdrawal queue is finalised at the new share
    /// rate, and exits are requested if the buffer cannot cover the queue.
    function submitReport(OracleReport calldata report) external onlyRole(ORACLE_ROLE) nonReentrant {
        uint256 unaccounted = _unaccountedClWithdrawals;
        (uint256 preClBalance, uint256 postClBalance) = _checkReport(
            report,
            ReportBaseline({
                lastTimestamp: _lastReportTimestamp,
                simulatedNow: simulator.simulatedTime(),
                lastClValidators: _clValidators,
                depositedValidators: _depositedValidators,
                unaccountedClWithdrawals: unaccounted,
                lastClBalance: _clBalance,
                validatorDeposit: validatorDeposit
            })
        );

        // Effects: the report's figures enter the accounts.
        _clBalance = report.clBalance.toUint128();
        _clValidators = report.clValidators.toUint48();
        uint256 withdrawn = report.withdrawnFromCl;
        // Checked by `_checkReport`: withdrawn ≤ unaccounted, and the timestamp ≤ simulated now.
        _unaccountedClWithdrawals = uint128(unaccounted - withdrawn);
        _lastReportTimestamp = report.timestamp.toUint128();
        _bufferedEther = (uint256(_bufferedEther) + withdrawn).toUint128();
        // A new report period begins: the next request opens a new group in the queue.
        _openReportPeriod();

        uint256 pooled = _totalPooledEther();
        uint256 shares = token.totalSupply();
        if (postClBalance > preClBalance) shares += _mintFee(postClBalance - preClBalance, pooled, shares);

        // The queue is finalised at the rate after rewards, losses and fee: `pooled / shares`.
        if (_isNewFinalization(report.finalizeUpToRequestId)) {
            _finalizeOutsideBunkerMode(report.finalizeUpToRequestId, pooled, shares);
        }

        emit ReportSubmitted(
            report.timestamp,
            preClBalance,
            postClBalance,
            _totalPooledEther(),
            token.totalSupply()
        );

        _requestExitsIfNeeded(
            simulator,
            unfinalizedEther(),
            uint256(_bufferedEther) + _unaccountedClWithdrawals,
            validatorDeposit
        );
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

    // ================================================================== views

    /// @inheritdoc IDepositPool
    function bufferedEther() external view returns (uint256) {
        return _bufferedEther;
    }

    /// @inheritdoc IDepositPool
    function depositableEther() public view returns (uint256) {
        uint256 buffered = _bufferedEther;
        return buffered - Math.min(buffered, unfinalizedEther());
    }

    /// @inheritdoc IDepositPool
    function unaccountedClWithdrawals() external view returns (uint256) {
        return _unaccountedClWithdrawals;
    }

    /// @inheritdoc IDepositPool
    function isBunkerMode() external view returns (bool) {
        return simulator.pendingSlashingsOf(address(this)) != 0;
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
    function minDeposit() external view returns (uint256) {
        return _minDeposit;
    }

    /// @inheritdoc IDepositPool
    function depositCap() external view returns (uint256) {
        return _depositCap;
    }

    // ================================================================== internals: accounting

    /// @dev Buffered + reported CL balance + deposits the CL has not reported yet (in transit).
    function _totalPooledEther() internal view override returns (uint256) {
        // A report never sees more validators than were deposited (`ValidatorCountTooHigh`).
        return
            uint256(_bufferedEther) +
            _clBalance +
            (uint256(_depositedValidators) - _clValidators) * validatorDeposit;
    }

    // ================================================================== internals: report

    /// @dev Mints the fee on `rewards` to the treasury as new shares, so that the treasury's shares
    /// are worth exactly the fee: `feeShares = fee × supply / (pooled − fee)` (Lido's formula).
    /// Rounded down: holders keep the dust.
    function _mintFee(uint256 rewards, uint256 pooled, uint256 supply) private returns (uint256 feeShares) {
        uint256 fee = (rewards * feeBps) / BPS;
        // The fee is at most half the rewards (`MAX_FEE_BPS`), and the rewards are part of
        // `pooled`, so `pooled − fee` is positive.
        if (fee == 0 || supply == 0) return 0;
        feeShares = Math.mulDiv(fee, supply, pooled - fee);
        address to = treasury;
        token.mint(to, feeShares);
        emit FeeMinted(to, fee, feeShares);
    }

    /// @dev Finalises the queue up to `upTo` out of the buffer, unless the pool is in bunker mode
    /// (Lido's, simplified): a slashed validator of the pool has not been swept, so its correlation
    /// penalty, a loss everyone can see coming, is not yet in the rate. Finalising now would pay the
    /// requests made after the slashing at the pre-penalty rate and leave the loss to the holders
    /// who stayed. So nothing is finalised until the penalty has landed and a report has accounted
    /// it; every request queued meanwhile then bears its share of the loss through
    /// min(value at request, value at finalisation).
    function _finalizeOutsideBunkerMode(uint256 upTo, uint256 pooled, uint256 shares) private {
        uint256 pendingSlashings = simulator.pendingSlashingsOf(address(this));
        if (pendingSlashings != 0) revert FinalizationPausedBySlashing(pendingSlashings);
        uint256 buffered = _bufferedEther;
        uint256 ethToLock = _finalize(upTo, pooled, shares, buffered);
        _bufferedEther = (buffered - ethToLock).toUint128(); // ≤ buffered, checked by `_finalize`
    }

    // ================================================================== hooks of the parts

    /// @dev The queue escrows and burns this pool's token; its supply is the total shares.
    function _lst() internal view override(ShareRate, WithdrawalQueue) returns (ILiquidStakingToken) {
        return token;
    }

    /// @dev The queue values a request at the current rate, rounded down.
    function _ethValueOfShares(uint256 shares) internal view override returns (uint256) {
        return getEthByShares(shares);
    }

    /// @dev A report may lose at most one validator deposit per validator unconfirmed.
    function _maxLossBudgetPerValidator() internal view override returns (uint256) {
        return validatorDeposit;
    }

    /// @dev The pool's validators the simulator has fully withdrawn.
    function _withdrawnValidatorCount() internal view override returns (uint256) {
        return simulator.withdrawnValidatorCountOf(address(this));
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
        address oldTreasury = treasury;
        treasury = newTreasury;
        emit TreasuryChanged(oldTreasury, newTreasury);
    }

    function _setFeeBps(uint256 newFeeBps) private {
        if (newFeeBps > MAX_FEE_BPS) revert InvalidParameter("feeBps", newFeeBps);
        uint256 oldFeeBps = feeBps;
        feeBps = newFeeBps;
        emit FeeChanged(oldFeeBps, newFeeBps);
    }
}
