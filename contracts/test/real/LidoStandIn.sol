// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Lido (Solidity 0.4.24, Aragon) reverts with short strings ("STAKE_LIMIT"); the stand-in reverts
// exactly as it does, so the tasks meet the same reasons on the stand-in and on Hoodi.
// solhint-disable gas-custom-errors

/// @title LidoStandIn
/// @notice TEST ONLY. Stands in for Lido's stETH (lidofinance/core `contracts/0.4.24/Lido.sol`,
/// `StETH.sol`) at its Hoodi address, placed with `hardhat_setCode`: the real function signatures,
/// stETH as shares of the pooled ether (balances rebase, shares do not), the stake limit that refills
/// per block (`StakeLimitUtils`), and the buffer the withdrawal queue is paid from. Not modelled: the
/// staking modules, the oracle's accounting, fees. Storage is set by `setUp` after the code is placed.
contract LidoStandIn {
    /// @notice The withdrawal queue: the only account that may burn its own shares for ETH.
    address public withdrawalQueue;
    /// @notice Who plays Lido's governance and oracle on the local chain (limits, rewards).
    address public admin;

    mapping(address account => uint256) private shares;
    mapping(address owner => mapping(address spender => uint256)) private allowances;
    uint256 private totalShares;
    uint256 private pooledEther;

    bool private stakingPaused;
    uint256 private maxStakeLimit;
    uint256 private maxStakeLimitGrowthBlocks;
    uint256 private prevStakeLimit;
    uint256 private prevStakeBlockNumber;

    /// @notice ERC-20 transfer, in stETH (18 decimals).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice ERC-20 approval, in stETH.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Sets the queue and the admin once; `msg.value` becomes the pool's first ether, its
    /// shares held by 0x…dEaD (as Lido's bootstrap deposit), 1 share per wei.
    function setUp(address queue, address admin_) external payable {
        require(admin == address(0), "ALREADY_SET_UP");
        withdrawalQueue = queue;
        admin = admin_;
        _mintShares(address(0xdEaD), msg.value);
        pooledEther = msg.value;
    }

    /// @notice Stakes `msg.value` ETH and mints stETH to the sender (Lido `submit`).
    /// @dev Reverts "ZERO_DEPOSIT", "STAKING_PAUSED" or "STAKE_LIMIT" as Lido does. Shares round down.
    /// @return The shares minted.
    function submit(address /* _referral */) external payable returns (uint256) {
        require(msg.value != 0, "ZERO_DEPOSIT");
        require(!stakingPaused, "STAKING_PAUSED");
        if (maxStakeLimit != 0) {
            uint256 limit = getCurrentStakeLimit();
            require(msg.value <= limit, "STAKE_LIMIT");
            prevStakeLimit = limit - msg.value;
            prevStakeBlockNumber = block.number;
        }
        uint256 minted = getSharesByPooledEth(msg.value);
        require(minted != 0, "ZERO_SHARES");
        _mintShares(msg.sender, minted);
        pooledEther += msg.value;
        return minted;
    }

    /// @notice ETH under management (wei): what the shares are worth together.
    function getTotalPooledEther() external view returns (uint256) {
        return pooledEther;
    }

    /// @notice All shares in existence.
    function getTotalShares() external view returns (uint256) {
        return totalShares;
    }

    /// @notice The ETH (wei) `_sharesAmount` shares are worth now, rounded down.
    function getPooledEthByShares(uint256 _sharesAmount) public view returns (uint256) {
        return (_sharesAmount * pooledEther) / totalShares;
    }

    /// @notice The shares `_ethAmount` wei buys now, rounded down.
    function getSharesByPooledEth(uint256 _ethAmount) public view returns (uint256) {
        return (_ethAmount * totalShares) / pooledEther;
    }

    /// @notice Shares held by `_account`.
    function sharesOf(address _account) external view returns (uint256) {
        return shares[_account];
    }

    /// @notice stETH held by `_account` (its shares at today's rate, rounded down).
    function balanceOf(address _account) external view returns (uint256) {
        return getPooledEthByShares(shares[_account]);
    }

    /// @notice All stETH: the pooled ether.
    function totalSupply() external view returns (uint256) {
        return pooledEther;
    }

    /// @notice "Liquid staked Ether 2.0", as Lido names it.
    function name() external pure returns (string memory) {
        return "Liquid staked Ether 2.0";
    }

    /// @notice "stETH".
    function symbol() external pure returns (string memory) {
        return "stETH";
    }

    /// @notice 18.
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice Allows `_spender` to move `_amount` stETH of the sender.
    function approve(address _spender, uint256 _amount) external returns (bool) {
        allowances[msg.sender][_spender] = _amount;
        emit Approval(msg.sender, _spender, _amount);
        return true;
    }

    /// @notice What `_spender` may still move of `_owner`'s stETH.
    function allowance(address _owner, address _spender) external view returns (uint256) {
        return allowances[_owner][_spender];
    }

    /// @notice Moves `_amount` stETH: the shares it is worth, rounded down (1–2 wei may stay behind).
    function transfer(address _recipient, uint256 _amount) external returns (bool) {
        _transfer(msg.sender, _recipient, _amount);
        return true;
    }

    /// @notice Moves `_amount` stETH of `_sender` within the caller's allowance.
    /// @dev Reverts "ALLOWANCE_EXCEEDED" as Lido does.
    function transferFrom(address _sender, address _recipient, uint256 _amount) external returns (bool) {
        uint256 allowed = allowances[_sender][msg.sender];
        require(allowed >= _amount, "ALLOWANCE_EXCEEDED");
        if (allowed != type(uint256).max) allowances[_sender][msg.sender] = allowed - _amount;
        _transfer(_sender, _recipient, _amount);
        return true;
    }

    /// @notice Whether staking is paused.
    function isStakingPaused() external view returns (bool) {
        return stakingPaused;
    }

    /// @notice How much ETH may be staked now: 2^256−1 without a limit, 0 when paused; else the
    /// limit left after the last stake plus its refill since: whole blocks times the per-block
    /// increase `max / growth blocks`, rounded down first (Lido `StakeLimitUtils`).
    function getCurrentStakeLimit() public view returns (uint256) {
        if (stakingPaused) return 0;
        if (maxStakeLimit == 0) return type(uint256).max;
        uint256 increasePerBlock = maxStakeLimit / maxStakeLimitGrowthBlocks;
        uint256 refill = (block.number - prevStakeBlockNumber) * increasePerBlock;
        uint256 limit = prevStakeLimit + refill;
        return limit > maxStakeLimit ? maxStakeLimit : limit;
    }

    /// @notice The stake limit's whole state, as Lido returns it.
    function getStakeLimitFullInfo()
        external
        view
        returns (
            bool isStakingPaused_,
            bool isStakingLimitSet,
            uint256 currentStakeLimit,
            uint256 maxStakeLimit_,
            uint256 maxStakeLimitGrowthBlocks_,
            uint256 prevStakeLimit_,
            uint256 prevStakeBlockNumber_
        )
    {
        return (
            stakingPaused,
            maxStakeLimit != 0,
            getCurrentStakeLimit(),
            maxStakeLimit,
            maxStakeLimitGrowthBlocks,
            prevStakeLimit,
            prevStakeBlockNumber
        );
    }

    /// @notice Admin: sets the limit to `_maxStakeLimit` wei, refilling `_stakeLimitIncreasePerBlock`
    /// wei per block (Lido `setStakingLimit`); the limit starts full.
    function setStakingLimit(uint256 _maxStakeLimit, uint256 _stakeLimitIncreasePerBlock) external {
        _onlyAdmin();
        require(_maxStakeLimit != 0 && _stakeLimitIncreasePerBlock != 0, "ZERO_LIMIT");
        maxStakeLimit = _maxStakeLimit;
        maxStakeLimitGrowthBlocks = _maxStakeLimit / _stakeLimitIncreasePerBlock;
        prevStakeLimit = _maxStakeLimit;
        prevStakeBlockNumber = block.number;
    }

    /// @notice Admin: no limit any more (Lido `removeStakingLimit`).
    function removeStakingLimit() external {
        _onlyAdmin();
        maxStakeLimit = 0;
    }

    /// @notice Admin: pauses (`true`) or resumes staking (Lido `pauseStaking` / `resumeStaking`).
    function setStakingPaused(bool paused) external {
        _onlyAdmin();
        stakingPaused = paused;
    }

    /// @notice Admin: the consensus layer's rewards arrive (as an oracle report adds them): the
    /// pooled ether grows by `msg.value` and every share is worth more.
    function receiveRewards() external payable {
        _onlyAdmin();
        pooledEther += msg.value;
    }

    /// @notice The withdrawal queue, at finalisation: burns `sharesToBurn` of its own shares and
    /// receives `etherToLock` wei from the buffer (at most what they are worth; the rest stays in
    /// the pool, as a discounted request leaves it in Lido).
    function withdrawToQueue(uint256 sharesToBurn, uint256 etherToLock) external {
        require(msg.sender == withdrawalQueue, "APP_AUTH_FAILED");
        require(etherToLock <= getPooledEthByShares(sharesToBurn), "TOO_MUCH_ETHER");
        shares[msg.sender] -= sharesToBurn;
        totalShares -= sharesToBurn;
        pooledEther -= etherToLock;
        (bool sent, ) = msg.sender.call{value: etherToLock}("");
        require(sent, "ETHER_NOT_SENT");
    }

    function _onlyAdmin() private view {
        require(msg.sender == admin, "APP_AUTH_FAILED");
    }

    function _mintShares(address to, uint256 amount) private {
        shares[to] += amount;
        totalShares += amount;
    }

    function _transfer(address from, address to, uint256 amount) private {
        require(to != address(0), "TRANSFER_TO_ZERO_ADDR");
        uint256 moved = getSharesByPooledEth(amount);
        require(shares[from] >= moved, "BALANCE_EXCEEDED");
        shares[from] -= moved;
        shares[to] += moved;
        emit Transfer(from, to, amount);
    }
}
