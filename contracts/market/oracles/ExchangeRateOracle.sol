// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IRateProvider} from "../../interfaces/IRateProvider.sol";

/// @title ExchangeRateOracle
/// @notice Prices the collateral at its NAV: the rate provider's ETH per whole token, whatever the market
/// pays for it. Aave's and Morpho's choice for redeemable LSTs (Aave prices wstETH with stETH = 1 ETH
/// times Lido's rate; Morpho's `WstEthStEthExchangeRateChainlinkAdapter`): a holder can always redeem
/// at the NAV through the withdrawal queue, so a market discount is temporary and liquidating on it
/// would be a loss to the borrower with no gain in safety. A backing loss (slashing) lowers the rate
/// and passes through at once. Its risk: a token that cannot be redeemed (an LRT with withdrawals
/// closed) can trade far below its NAV for long, while this oracle still says NAV.
///
///     price = rate × 10^(36 − decimals)      (1e36 scale per smallest unit, as Morpho's `IOracle`)
contract ExchangeRateOracle is IPriceOracle {
    /// @notice Where the NAV is read.
    IRateProvider public immutable rateProvider;
    /// @notice 10^(36 − collateral decimals): 1e18 for the LST (18), 1e15 for the LRT (21).
    uint256 public immutable scaleFactor;

    /// @notice A zero address was given.
    error ZeroAddress();
    /// @notice The collateral's `decimals` is above 36.
    error InvalidDecimals(uint8 decimals);

    /// @param rateProvider_ The token's NAV in ETH per whole token (WAD).
    /// @param collateralDecimals The collateral token's decimals (18 LST, 21 LRT).
    constructor(IRateProvider rateProvider_, uint8 collateralDecimals) {
        if (address(rateProvider_) == address(0)) revert ZeroAddress();
        if (collateralDecimals > 36) revert InvalidDecimals(collateralDecimals);
        rateProvider = rateProvider_;
        scaleFactor = 10 ** (36 - uint256(collateralDecimals));
    }

    /// @inheritdoc IPriceOracle
    function price() external view returns (uint256) {
        return rateProvider.getRate() * scaleFactor;
    }
}
