// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

import {LidoStandIn} from "./LidoStandIn.sol";

/// @title WithdrawalQueueERC721StandIn
/// @notice TEST ONLY. Stands in for Lido's withdrawal queue (lidofinance/core
/// `contracts/0.8.9/WithdrawalQueue*.sol`) at its Hoodi address: each request locks stETH and is an
/// NFT (unstETH); an oracle report finalises requests up to an id, paying each the lower of the
/// stETH it asked for and what its shares are worth then; the owner claims the ETH. The real
/// signatures and custom errors. Not modelled: checkpoints and hints, permits, the bunker's effect.
contract WithdrawalQueueERC721StandIn is ERC721, AccessControl {
    /// @notice The role that finalises (Lido itself, during an oracle report).
    bytes32 public constant FINALIZE_ROLE = keccak256("FINALIZE_ROLE");
    /// @notice The role that reports the bunker mode (the accounting oracle).
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice The smallest request, in stETH wei (as Lido).
    uint256 public constant MIN_STETH_WITHDRAWAL_AMOUNT = 100;
    /// @notice The largest request (as Lido).
    uint256 public constant MAX_STETH_WITHDRAWAL_AMOUNT = 1000 ether;

    /// @notice One request as `getWithdrawalStatus` returns it.
    struct WithdrawalRequestStatus {
        uint256 amountOfStETH;
        uint256 amountOfShares;
        address owner;
        uint256 timestamp;
        bool isFinalized;
        bool isClaimed;
    }

    struct Request {
        uint256 amountOfStETH;
        uint256 amountOfShares;
        uint256 timestamp;
        uint256 claimableEther;
        bool isClaimed;
        /// @dev The owner who claimed it (Lido keeps a claimed request's owner; its NFT is burnt).
        address claimedBy;
    }

    error RequestAmountTooSmall(uint256 _amountOfStETH);
    error RequestAmountTooLarge(uint256 _amountOfStETH);
    error InvalidRequestId(uint256 _requestId);
    error RequestNotFoundOrNotFinalized(uint256 _requestId);
    error RequestAlreadyClaimed(uint256 _requestId);
    error NotOwner(address _sender, address _owner);
    error AlreadySetUp();
    error UnexpectedEther();

    LidoStandIn private stETH;
    mapping(uint256 id => Request) private requests;
    uint256 private lastRequestId;
    uint256 private lastFinalizedRequestId;
    uint256 private lockedStETH;
    bool private bunkerMode;

    constructor() ERC721("", "") {}

    /// @notice Sets stETH and grants the finaliser and oracle roles to `admin`, once.
    function setUp(LidoStandIn stETH_, address admin) external {
        if (address(stETH) != address(0)) revert AlreadySetUp();
        stETH = stETH_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(FINALIZE_ROLE, admin);
        _grantRole(ORACLE_ROLE, admin);
    }

    /// @notice "Lido: stETH Withdrawal NFT".
    function name() public pure override returns (string memory) {
        return "Lido: stETH Withdrawal NFT";
    }

    /// @notice "unstETH".
    function symbol() public pure override returns (string memory) {
        return "unstETH";
    }

    /// @notice Locks each of `_amounts` stETH (approve first) in a request owned by `_owner` (the
    /// sender when zero). Each is 100 wei to 1000 ETH.
    /// @return requestIds The new requests' ids, in order.
    function requestWithdrawals(
        uint256[] calldata _amounts,
        address _owner
    ) external returns (uint256[] memory requestIds) {
        address owner = _owner == address(0) ? msg.sender : _owner;
        requestIds = new uint256[](_amounts.length);
        for (uint256 i = 0; i < _amounts.length; ++i) {
            uint256 amount = _amounts[i];
            if (amount < MIN_STETH_WITHDRAWAL_AMOUNT) revert RequestAmountTooSmall(amount);
            if (amount > MAX_STETH_WITHDRAWAL_AMOUNT) revert RequestAmountTooLarge(amount);
            uint256 sharesBefore = stETH.sharesOf(address(this));
            stETH.transferFrom(msg.sender, address(this), amount);
            uint256 id = ++lastRequestId;
            requests[id] = Request({
                amountOfStETH: amount,
                amountOfShares: stETH.sharesOf(address(this)) - sharesBefore,
                timestamp: block.timestamp,
                claimableEther: 0,
                isClaimed: false,
                claimedBy: address(0)
            });
            lockedStETH += amount;
            _mint(owner, id);
            requestIds[i] = id;
        }
    }

    /// @notice Each request's amounts, owner, time, and whether it is finalised and claimed.
    function getWithdrawalStatus(
        uint256[] calldata _requestIds
    ) external view returns (WithdrawalRequestStatus[] memory statuses) {
        statuses = new WithdrawalRequestStatus[](_requestIds.length);
        for (uint256 i = 0; i < _requestIds.length; ++i) {
            uint256 id = _requestIds[i];
            if (id == 0 || id > lastRequestId) revert InvalidRequestId(id);
            Request storage r = requests[id];
            statuses[i] = WithdrawalRequestStatus({
                amountOfStETH: r.amountOfStETH,
                amountOfShares: r.amountOfShares,
                owner: r.isClaimed ? r.claimedBy : ownerOf(id),
                timestamp: r.timestamp,
                isFinalized: id <= lastFinalizedRequestId,
                isClaimed: r.isClaimed
            });
        }
    }

    /// @notice The unclaimed requests `_owner` holds (O(requests): a stand-in's few).
    function getWithdrawalRequests(address _owner) external view returns (uint256[] memory requestsIds) {
        uint256 count = 0;
        for (uint256 id = 1; id <= lastRequestId; ++id) {
            if (!requests[id].isClaimed && ownerOf(id) == _owner) ++count;
        }
        requestsIds = new uint256[](count);
        count = 0;
        for (uint256 id = 1; id <= lastRequestId; ++id) {
            if (!requests[id].isClaimed && ownerOf(id) == _owner) requestsIds[count++] = id;
        }
    }

    /// @notice Pays the owner the ETH of a finalised request and burns its NFT.
    /// @dev Reverts NotOwner, RequestNotFoundOrNotFinalized or RequestAlreadyClaimed as Lido does.
    function claimWithdrawal(uint256 _requestId) external {
        if (_requestId == 0 || _requestId > lastFinalizedRequestId) {
            revert RequestNotFoundOrNotFinalized(_requestId);
        }
        Request storage r = requests[_requestId];
        if (r.isClaimed) revert RequestAlreadyClaimed(_requestId);
        address owner = ownerOf(_requestId);
        if (owner != msg.sender) revert NotOwner(msg.sender, owner);
        r.isClaimed = true;
        r.claimedBy = owner;
        _burn(_requestId);
        (bool sent, ) = msg.sender.call{value: r.claimableEther}("");
        require(sent, "ETHER_NOT_SENT"); // solhint-disable-line gas-custom-errors
    }

    /// @notice The last request's id (0 before any).
    function getLastRequestId() external view returns (uint256) {
        return lastRequestId;
    }

    /// @notice The last finalised request's id.
    function getLastFinalizedRequestId() external view returns (uint256) {
        return lastFinalizedRequestId;
    }

    /// @notice stETH waiting in unfinalised requests.
    function unfinalizedStETH() external view returns (uint256) {
        return lockedStETH;
    }

    /// @notice Requests waiting for finalisation.
    function unfinalizedRequestNumber() external view returns (uint256) {
        return lastRequestId - lastFinalizedRequestId;
    }

    /// @notice Whether the oracle reported the bunker mode (a mass slashing being accounted).
    function isBunkerModeActive() external view returns (bool) {
        return bunkerMode;
    }

    /// @notice Oracle: reports the bunker mode (Lido `onOracleReport`).
    function onOracleReport(
        bool _isBunkerModeNow,
        uint256 /* _bunkerStartTimestamp */,
        uint256 /* _currentReportTimestamp */
    ) external onlyRole(ORACLE_ROLE) {
        bunkerMode = _isBunkerModeNow;
    }

    /// @notice Finaliser: finalises requests up to `_lastRequestIdToBeFinalized`, each paid the lower
    /// of its stETH and its shares at `_maxShareRate` (ETH per share, 27 decimals) or today's rate.
    /// The ETH comes from Lido's buffer (the stand-in's stETH burns the queue's shares for it).
    function finalize(
        uint256 _lastRequestIdToBeFinalized,
        uint256 _maxShareRate
    ) external payable onlyRole(FINALIZE_ROLE) {
        if (msg.value != 0) revert UnexpectedEther();
        uint256 last = _lastRequestIdToBeFinalized;
        if (last <= lastFinalizedRequestId || last > lastRequestId) revert InvalidRequestId(last);
        uint256 rate =
            (stETH.getPooledEthByShares(1e27) < _maxShareRate)
                ? stETH.getPooledEthByShares(1e27)
                : _maxShareRate;
        uint256 sharesToBurn = 0;
        uint256 etherToLock = 0;
        for (uint256 id = lastFinalizedRequestId + 1; id <= last; ++id) {
            Request storage r = requests[id];
            uint256 worth = (r.amountOfShares * rate) / 1e27;
            r.claimableEther = worth < r.amountOfStETH ? worth : r.amountOfStETH;
            sharesToBurn += r.amountOfShares;
            etherToLock += r.claimableEther;
            lockedStETH -= r.amountOfStETH;
        }
        lastFinalizedRequestId = last;
        stETH.withdrawToQueue(sharesToBurn, etherToLock);
    }

    /// @notice Receives the buffer's ETH at finalisation.
    receive() external payable {}

    /// @inheritdoc ERC721
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC721, AccessControl) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}
