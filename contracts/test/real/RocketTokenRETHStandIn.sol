// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {RocketDepositPoolStandIn} from "./RocketDepositPoolStandIn.sol";
import {RocketStorageStandIn} from "./RocketStorageStandIn.sol";

// Rocket Pool reverts with sentences; the stand-in reverts exactly as it does.
// solhint-disable gas-custom-errors

/// @title RocketTokenRETHStandIn
/// @notice TEST ONLY. Stands in for rETH (rocket-pool/rocketpool `contracts/contract/token/
/// RocketTokenRETH.sol`) at its Hoodi address: a non-rebasing LST whose rate is the network's total
/// ETH over the rETH supply, as the oracle DAO last submitted them; `burn` pays ETH at once from the
/// collateral (this contract's ETH plus the deposit pool's excess) or refuses. Not modelled: the
/// deposit delay before a transfer or burn. Storage set by `setUp` and `submitBalances`.
contract RocketTokenRETHStandIn is ERC20 {
    RocketStorageStandIn private rocketStorage;
    uint256 private totalEthBalance;
    uint256 private rethSupplyBalance;

    constructor() ERC20("", "") {}

    /// @notice Sets RocketStorage, once.
    function setUp(RocketStorageStandIn storage_) external {
        require(address(rocketStorage) == address(0), "Already set up");
        rocketStorage = storage_;
    }

    /// @notice "Rocket Pool ETH".
    function name() public pure override returns (string memory) {
        return "Rocket Pool ETH";
    }

    /// @notice "rETH".
    function symbol() public pure override returns (string memory) {
        return "rETH";
    }

    /// @notice Guardian (the oracle DAO's part): the network's total ETH and rETH supply, which set
    /// the rate (RocketNetworkBalances `submitBalances`).
    function submitBalances(uint256 _totalEth, uint256 _rethSupply) external {
        require(msg.sender == rocketStorage.getGuardian(), "Account is not a temporary guardian");
        totalEthBalance = _totalEth;
        rethSupplyBalance = _rethSupply;
    }

    /// @notice ETH for `_rethAmount` rETH at the submitted rate (1:1 before any), rounded down.
    function getEthValue(uint256 _rethAmount) public view returns (uint256) {
        if (rethSupplyBalance == 0) return _rethAmount;
        return (_rethAmount * totalEthBalance) / rethSupplyBalance;
    }

    /// @notice rETH for `_ethAmount` ETH at the submitted rate, rounded down.
    function getRethValue(uint256 _ethAmount) public view returns (uint256) {
        if (rethSupplyBalance == 0 || totalEthBalance == 0) return _ethAmount;
        return (_ethAmount * rethSupplyBalance) / totalEthBalance;
    }

    /// @notice ETH per rETH (18 decimals).
    function getExchangeRate() external view returns (uint256) {
        return getEthValue(1 ether);
    }

    /// @notice ETH available to pay burns now: this contract's plus the deposit pool's excess.
    function getTotalCollateral() public view returns (uint256) {
        return _depositPool().getExcessBalance() + address(this).balance;
    }

    /// @notice The deposit pool: mints rETH for `_ethAmount` ETH deposited to `_to`.
    function mint(uint256 _ethAmount, address _to) external {
        require(msg.sender == address(_depositPool()), "Invalid or outdated network contract");
        uint256 rethAmount = getRethValue(_ethAmount);
        require(rethAmount > 0, "Invalid token mint amount");
        _mint(_to, rethAmount);
    }

    /// @notice Burns `_rethAmount` rETH and pays the ETH it is worth at once, if the collateral covers it.
    function burn(uint256 _rethAmount) external {
        require(_rethAmount > 0, "Invalid token burn amount");
        require(balanceOf(msg.sender) >= _rethAmount, "Insufficient rETH balance");
        uint256 ethAmount = getEthValue(_rethAmount);
        require(getTotalCollateral() >= ethAmount, "Insufficient ETH balance for exchange");
        _burn(msg.sender, _rethAmount);
        if (address(this).balance < ethAmount) {
            _depositPool().withdrawExcessBalance(ethAmount - address(this).balance);
        }
        (bool sent, ) = msg.sender.call{value: ethAmount}("");
        require(sent, "Could not send ETH");
    }

    /// @notice The deposit pool returns excess ETH here.
    function depositExcess() external payable {
        require(msg.sender == address(_depositPool()), "Invalid or outdated network contract");
    }

    function _depositPool() private view returns (RocketDepositPoolStandIn) {
        return
            RocketDepositPoolStandIn(
                rocketStorage.getAddress(keccak256(abi.encodePacked("contract.address", "rocketDepositPool")))
            );
    }
}
