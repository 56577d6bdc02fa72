// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IDepositPool} from "./IDepositPool.sol";
import {IRestakingManager} from "./IRestakingManager.sol";

/// @title ILRTVault
/// @notice Liquid restaking in the manner of ether.fi (eETH/weETH), Kelp (rsETH), Renzo (ezETH) and
/// Puffer (pufETH): one deposit of ETH (or of the LST) gives a liquid restaking token (LRT, "slrETH")
/// that earns the consensus-layer rewards (through the LST's exchange rate) and the service rewards
/// paid by an AVS, and bears both consensus-layer and AVS slashing.
///
/// The vault is an ERC-4626 vault whose asset is the LST. A manager delegates the vault to one
/// operator and restakes the idle LST in the `RestakingManager`, keeping a liquidity buffer. Exits
/// are asynchronous (ERC-7540 style): `requestRedeem` escrows the LRT, `claimRedeem` pays the LST
/// after the restaking withdrawal delay, at min(value at request, value at claim).
///
/// Units: `assets` are LST wei (the vault's asset, 18 decimals); `shares` are LRT units (18 + 3
/// decimals: the vault's decimals offset); ETH amounts are wei; `...Bps` are basis points.
interface ILRTVault is IERC4626 {
    /// @notice An asynchronous redemption (ERC-7540's "redeem request").
    /// @param owner Who requested it, and who is paid at claim.
    /// @param readyAt First block timestamp at which it can be claimed (seconds).
    /// @param claimed Whether it was paid.
    /// @param withdrawalId The restaking manager's queued withdrawal for the part the buffer could not
    /// cover (0: served entirely from the buffer).
    /// @param shares LRT escrowed in the vault, burnt at claim.
    /// @param assets LST the shares were worth at request: the most the claim can pay.
    /// @param fromBuffer LST of the idle buffer reserved for it (not restaked until claimed): at request,
    /// plus what its withdrawal paid if `completeQueuedWithdrawals` completed it before the claim.
    /// @param scaledShares The manager withdrawal's scaled shares `s·k` while it is open (0 if none, or
    /// once completed).
    struct RedeemRequest {
        address owner;
        uint48 readyAt;
        bool claimed;
        uint40 withdrawalId;
        uint128 shares;
        uint128 assets;
        uint128 fromBuffer;
        uint128 scaledShares;
    }

    // ---------------------------------------------------------------- events

    /// @notice `sender` deposited `ethAmount` wei through the deposit pool, which minted `assets` LST,
    /// and `receiver` received `shares` LRT (a standard ERC-4626 `Deposit` is emitted as well).
    event DepositedETH(
        address indexed sender,
        address indexed receiver,
        uint256 ethAmount,
        uint256 assets,
        uint256 shares
    );
    /// @notice The vault delegated its restaked LST to `operator`.
    event OperatorDelegated(address indexed operator);
    /// @notice The vault left `operator`: all its restaked LST was queued as `withdrawalId` (0: none),
    /// completable at `readyAt`.
    event Undelegated(address indexed operator, uint256 withdrawalId, uint256 readyAt);
    /// @notice `amount` of `rewardToken`, a service reward in a token other than the LST, was claimed and
    /// sent to `treasury`.
    event RewardsForwarded(IERC20 indexed rewardToken, uint256 amount, address indexed treasury);
    /// @notice `assets` idle LST were restaked for `depositShares` strategy shares.
    event Restaked(uint256 assets, uint256 depositShares);
    /// @notice `rewards` LST of service rewards were claimed and compounded; `feeAssets` of them went to
    /// `treasury` as `feeShares` newly minted LRT.
    event RewardsHarvested(uint256 rewards, uint256 feeAssets, uint256 feeShares, address indexed treasury);
    /// @notice `owner` escrowed `shares` LRT worth `assets` LST now; `fromBuffer` LST of the buffer were
    /// reserved for it and the rest queued in the manager as `withdrawalId` (0: none).
    event RedeemRequested(
        uint256 indexed requestId,
        address indexed owner,
        uint256 shares,
        uint256 assets,
        uint256 fromBuffer,
        uint256 withdrawalId,
        uint256 readyAt
    );
    /// @notice A request was paid: `shares` LRT burnt, `assets` LST sent to `owner`.
    event RedeemClaimed(uint256 indexed requestId, address indexed owner, uint256 shares, uint256 assets);
    /// @notice The manager's queued withdrawal `withdrawalId` returned `assets` LST to the buffer.
    event RestakedWithdrawalCompleted(uint256 indexed withdrawalId, uint256 assets);
    /// @notice The liquidity buffer target changed.
    event BufferBpsChanged(uint256 oldBufferBps, uint256 newBufferBps);
    /// @notice The protocol fee on service rewards changed.
    event FeeChanged(uint256 oldFeeBps, uint256 newFeeBps);
    /// @notice The receiver of the fee shares changed.
    event TreasuryChanged(address oldTreasury, address newTreasury);

    // ---------------------------------------------------------------- errors

    /// @notice A deposit would mint `shares` LRT, fewer than the `minShares` the caller accepts.
    error SlippageExceeded(uint256 shares, uint256 minShares);
    /// @notice A mint would cost `assets` LST, more than the `maxAssets` the caller accepts.
    error MaxAssetsExceeded(uint256 assets, uint256 maxAssets);
    /// @notice Redeeming `shares` LRT would pay nothing (zero shares, or dust worth less than 1 wei).
    error ZeroAssets(uint256 shares);
    /// @notice An amount was zero where it must be positive.
    error ZeroAmount();
    /// @notice Restaking would leave `idleAfter` unreserved idle LST, below the `minIdle` buffer.
    error BufferTooLow(uint256 idleAfter, uint256 minIdle);
    /// @notice `assets` is more than the `available` idle LST: unreserved idle LST when restaking; all idle
    /// LST when a claim that nothing was queued for must wait for other claims to bring LST back.
    error NotEnoughIdle(uint256 assets, uint256 available);
    /// @notice The vault is not delegated: it must be before it restakes (undelegated stake earns nothing).
    error NotDelegated();
    /// @notice The vault is already delegated to `operator`: `undelegate` first to move it.
    error AlreadyDelegated(address operator);
    /// @notice `open` withdrawals from the previous operator are not back yet (`completeQueuedWithdrawals`).
    error WithdrawalsStillOpen(uint256 open);
    /// @notice The manager has no service rewards to claim for the vault, in any token.
    error NothingToHarvest();
    /// @notice No request has this id.
    error UnknownRequest(uint256 requestId);
    /// @notice Only the request's `owner` may claim it; `caller` is not.
    error NotRequestOwner(uint256 requestId, address caller, address owner);
    /// @notice The request was already paid.
    error AlreadyClaimed(uint256 requestId);
    /// @notice The request is slashable until `readyAt`; now is `nowTimestamp`.
    error RedeemNotReady(uint256 requestId, uint256 readyAt, uint256 nowTimestamp);
    /// @notice A parameter is out of range.
    error InvalidParameter(string name, uint256 value);
    /// @notice An address was zero.
    error ZeroAddress(string name);

    // ---------------------------------------------------------------- users

    /// @notice Stakes the ETH sent through the deposit pool, then deposits the LST it minted; the
    /// shares are priced with `totalAssets` before the deposit and rounded down (in the vault's favour).
    /// @param receiver Who receives the LRT.
    /// @param minShares Fewest LRT accepted (slippage bound: the LST rate and the vault rate may both move).
    /// @return shares LRT minted to `receiver`.
    function depositETH(address receiver, uint256 minShares) external payable returns (uint256 shares);

    /// @notice ERC-4626 `deposit` with a slippage bound (as ERC-4626 routers do).
    /// @param assets LST to deposit (needs an allowance).
    /// @param receiver Who receives the LRT.
    /// @param minShares Fewest LRT accepted.
    /// @return shares LRT minted, rounded down.
    function depositWithMinShares(
        uint256 assets,
        address receiver,
        uint256 minShares
    ) external returns (uint256 shares);

    /// @notice ERC-4626 `mint` with a slippage bound.
    /// @param shares LRT to mint.
    /// @param receiver Who receives them.
    /// @param maxAssets Most LST the caller pays (needs an allowance).
    /// @return assets LST taken, rounded up.
    function mintWithMaxAssets(
        uint256 shares,
        address receiver,
        uint256 maxAssets
    ) external returns (uint256 assets);

    /// @notice Starts an asynchronous redemption (ERC-7540 style): escrows `shares` LRT of the sender and
    /// records what they are worth now. The buffer's unreserved idle LST is reserved for it as far as it
    /// goes; the rest is queued in the restaking manager now. Claimable after the manager's withdrawal delay.
    /// @param shares LRT to redeem.
    /// @return requestId The request's id (from 1).
    function requestRedeem(uint256 shares) external returns (uint256 requestId);

    /// @notice Pays a request to its owner once its delay has passed: min(value at request, value now) in
    /// LST, rounded down; burns the escrowed shares and completes the manager's withdrawal if still open.
    /// If the idle LST falls short (the value counted rewards still in the manager), it compounds the
    /// vault's LST rewards first (`RewardsHarvested`), as `harvestRewards` would.
    /// @param requestId The request's id.
    /// @return assets LST paid.
    function claimRedeem(uint256 requestId) external returns (uint256 assets);

    /// @notice Completes up to `maxCount` of the vault's withdrawals in the manager whose delay has passed,
    /// oldest first, and books what they paid as idle LST (reserved for their requests' claims). Anyone may
    /// call it: it changes no value, and the manager role needs it before moving the vault to another
    /// operator (`delegateTo` refuses while withdrawals are open).
    /// @return completed Withdrawals completed.
    function completeQueuedWithdrawals(uint256 maxCount) external returns (uint256 completed);

    // ---------------------------------------------------------------- manager role

    /// @notice Delegates the vault to `operator` in the restaking manager (manager role): at first, or to
    /// move it after `undelegate` once its withdrawals are all back.
    /// @param operator A registered operator.
    function delegateTo(address operator) external;

    /// @notice Leaves the current operator (manager role), the first step of moving the vault: the manager
    /// queues all the restaked LST, slashable by the operator for the withdrawal delay (a vault that sees
    /// its operator announce a risky allocation leaves before it becomes slashable). Then
    /// `completeQueuedWithdrawals` after the delay, `delegateTo` the new operator, `restake`.
    /// @return withdrawalId The manager's withdrawal (0 if nothing was restaked).
    function undelegate() external returns (uint256 withdrawalId);

    /// @notice Restakes `assets` idle LST into the manager's LST strategy (manager role). The unreserved
    /// idle LST left must be at least `bufferBps` of `totalAssets`.
    /// @param assets LST to restake.
    /// @return depositShares Strategy shares received.
    function restake(uint256 assets) external returns (uint256 depositShares);

    /// @notice Claims the vault's service rewards from the manager (manager role): rewards in the LST are
    /// compounded into the buffer and the `feeBps` fee on them is minted as LRT to the treasury (the vault
    /// rate does not move: `totalAssets` already counted them net of the fee); rewards in any other token
    /// are sent to the treasury (`RewardsForwarded`).
    /// @return rewards LST claimed and compounded.
    function harvestRewards() external returns (uint256 rewards);

    // ---------------------------------------------------------------- admin and pauser

    /// @notice Sets the liquidity buffer target, at most 10,000 bps (admin).
    function setBufferBps(uint256 newBufferBps) external;

    /// @notice Sets the protocol fee on service rewards, at most `MAX_FEE_BPS` (admin). The LST rewards
    /// already earned are compounded first at the old fee (`RewardsHarvested`): the new fee applies to
    /// rewards earned after the change, and `totalAssets` does not jump with it.
    function setFeeBps(uint256 newFeeBps) external;

    /// @notice Sets where the fee shares are minted (admin).
    function setTreasury(address newTreasury) external;

    /// @notice Stops deposits, redemption requests and claims (pauser role).
    function pause() external;

    /// @notice Resumes them (pauser role).
    function unpause() external;

    // ---------------------------------------------------------------- views

    /// @notice The deposit pool that stakes ETH and mints the LST.
    function pool() external view returns (IDepositPool);

    /// @notice The restaking manager the vault restakes in.
    function manager() external view returns (IRestakingManager);

    /// @notice The operator the vault is delegated to (0 before `delegateTo` and after `undelegate`).
    function operator() external view returns (address);

    /// @notice Receiver of the fee shares and of service rewards in other tokens.
    function treasury() external view returns (address);

    /// @notice Share of `totalAssets` kept as unreserved idle LST when restaking, basis points.
    function bufferBps() external view returns (uint256);

    /// @notice Protocol fee on service rewards, basis points.
    function feeBps() external view returns (uint256);

    /// @notice LST the vault holds idle, accounted (never `balanceOf`: a donation is not counted);
    /// claimed rewards and completed withdrawals included.
    function idleAssets() external view returns (uint256);

    /// @notice Idle LST reserved for open redemption requests (cannot be restaked).
    function reservedAssets() external view returns (uint256);

    /// @notice LST restaked in the manager, after slashing (the manager's `withdrawableUnderlying`).
    function restakedAssets() external view returns (uint256);

    /// @notice LST in the vault's open queued withdrawals in the manager, at what the manager will pay for
    /// them (to `open + 1` wei, never above).
    function queuedAssets() external view returns (uint256);

    /// @notice LST service rewards the vault has earned and can claim in the manager, net of the fee that
    /// `harvestRewards` will take: part of `totalAssets` before the harvest.
    function earnedRewards() external view returns (uint256);

    /// @notice The withdrawal `undelegate` queued while it is open (0, 0 if none) and when it can be completed.
    function pendingUndelegation() external view returns (uint256 withdrawalId, uint256 readyAt);

    /// @notice Open queued withdrawals of the vault in the manager.
    function openWithdrawals() external view returns (uint256);

    /// @notice `s·k` of the vault's restaked position in the manager (deposit shares × deposit scaling
    /// factor): times the operator's max magnitude `m`, its withdrawable shares.
    function restakedScaledShares() external view returns (uint256);

    /// @notice Sum of the scaled shares `s·k` of those open withdrawals.
    function queuedScaledShares() external view returns (uint256);

    /// @notice Wei of ETH one LRT (10^decimals units) is worth: vault rate × LST rate, so consensus-layer
    /// and AVS losses compound.
    function lrtRateInEth() external view returns (uint256);

    /// @notice Wei of ETH `holder`'s LRT are worth now (its escrowed requests excluded).
    function ethValueOf(address holder) external view returns (uint256);

    /// @notice Number of the last redemption request.
    function redeemRequestCount() external view returns (uint256);

    /// @notice A redemption request.
    function getRedeemRequest(uint256 requestId) external view returns (RedeemRequest memory);

    /// @notice LST `claimRedeem(requestId)` would pay at the current rates (0 once claimed). It does not
    /// say whether the delay has passed (see `readyAt`).
    function previewClaimRedeem(uint256 requestId) external view returns (uint256);
}
