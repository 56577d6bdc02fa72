/**
 * The real protocols on Hoodi (chain 560048) that `npx hardhat lab real …` reads and acts on:
 * Lido, Rocket Pool and EigenLayer. Each fixed address carries where it was read and the date of
 * that source; each function a task calls is written once here as a human-readable ABI fragment.
 *
 * Only the entry points are written down. Anything that moves is looked up on chain at run time,
 * never copied here (see scripts/lib/real.ts):
 *   - Lido's stETH, wstETH, withdrawal queue and accounting oracle: from the LidoLocator (and
 *     checked against the addresses below, which the Lido docs publish);
 *   - Lido's HashConsensus (the report clock): `AccountingOracle.getConsensusContract()`;
 *   - Rocket Pool's deposit pool and deposit settings: `RocketStorage.getAddress(
 *     keccak256("contract.address" ++ name))` (they were redeployed in 2026; rETH is checked too);
 *   - EigenLayer's stETH strategy's token: `underlyingToken()`.
 *
 * To refresh (README › The real protocols on Hoodi): open each `source`, compare the address, and
 * change it and `sourceDate` here; then set `LAST_CHECKED`. `npx hardhat lab real status
 * --network hoodi` checks every address has code and that the lookups agree.
 */

/** Hoodi's chain id (eth-clients/hoodi README). Addresses collide across chains: always checked. */
export const HOODI_CHAIN_ID = 560048n;

/** The day these addresses and signatures were copied into the project from the sources below. */
export const LAST_CHECKED = "2026-11-29";

/** Hoodi's explorer, for transactions and addresses (eth-clients/hoodi README). */
export const HOODI_EXPLORER = "https://hoodi.etherscan.io";

export interface RealAddress {
  /** Checksummed address on Hoodi. */
  readonly address: string;
  /** Where the address is published. */
  readonly source: string;
  /** The date of that source's version that was read (the page's last change). */
  readonly sourceDate: string;
}

const LIDO_DOCS = "https://docs.lido.fi/deployed-contracts/hoodi (lidofinance/docs, hoodi.md)";
const ROCKET_DOCS =
  "https://docs.rocketpool.net/protocol/contracts-integrations (rocket-pool/docs.rocketpool.net)";
const EIGEN_README =
  "https://github.com/Layr-Labs/eigenlayer-contracts#deployments (README, Hoodi rows)";

/** The fixed addresses, by protocol. Everything else is looked up from these at run time. */
export const REAL_ADDRESSES = {
  lido: {
    /** Lido's registry of its own components (the Lido equivalent of RocketStorage). */
    locator: {
      address: "0xe2EF9536DAAAEBFf5b1c130957AB3E80056b06D8",
      source: LIDO_DOCS,
      sourceDate: "2026-07-22",
    },
    /** Lido = stETH (an Aragon proxy; the same since 2025-03-18). Checked against the locator. */
    stETH: {
      address: "0x3508A952176b3c15387C97BE809eaffB1982176a",
      source: LIDO_DOCS,
      sourceDate: "2026-07-22",
    },
    wstETH: {
      address: "0x7E99eE3C66636DE415D2d7C880938F2f40f94De4",
      source: LIDO_DOCS,
      sourceDate: "2026-07-22",
    },
    /** WithdrawalQueueERC721 (each request an unstETH NFT). */
    withdrawalQueue: {
      address: "0xfe56573178f1bcdf53F01A6E9977670dcBBD9186",
      source: LIDO_DOCS,
      sourceDate: "2026-07-22",
    },
    accountingOracle: {
      address: "0xcb883B1bD0a41512b42D2dB267F2A2cd919FB216",
      source: LIDO_DOCS,
      sourceDate: "2026-07-22",
    },
  },
  rocketPool: {
    /** Rocket Pool's registry: every other contract is found through it. Never changes by design. */
    storage: {
      address: "0x594Fb75D3dc2DFa0150Ad03F99F97817747dd4E1",
      source: ROCKET_DOCS,
      sourceDate: "2026-02-03",
    },
    /** rETH (`rocketTokenRETH`), not upgradeable. Checked against RocketStorage. */
    rETH: {
      address: "0x7322c24752f79c05FFD1E2a6FCB97020C1C264F1",
      source: ROCKET_DOCS,
      sourceDate: "2026-02-03",
    },
  },
  eigenLayer: {
    strategyManager: {
      address: "0xeE45e76ddbEDdA2918b8C7E3035cd37Eab3b5D41",
      source: EIGEN_README,
      sourceDate: "2026-03-16",
    },
    delegationManager: {
      address: "0x867837a9722C512e0862d8c2E15b8bE220E8b87d",
      source: EIGEN_README,
      sourceDate: "2026-03-16",
    },
    /** The stETH strategy (since 2025-07-18, eigenlayer-contracts #1556); its token is read on chain. */
    stETHStrategy: {
      address: "0xF8a1a66130D614c7360e868576D5E59203475FE0",
      source: EIGEN_README,
      sourceDate: "2026-03-16",
    },
  },
} as const satisfies Record<string, Record<string, RealAddress>>;

/** Rocket Pool contract names looked up in RocketStorage (`"contract.address" ++ name`). */
export const ROCKET_POOL_NAMES = {
  depositPool: "rocketDepositPool",
  rETH: "rocketTokenRETH",
  depositSettings: "rocketDAOProtocolSettingsDeposit",
} as const;

/**
 * Every function a `lab real` task calls, by contract, as ethers human-readable fragments. The
 * signatures are the protocols' own (interfaces in lidofinance/core, rocket-pool/rocketpool,
 * Layr-Labs/eigenlayer-contracts); test/real/signatures.test.ts checks them against the research
 * and that each stand-in implements them exactly.
 */
export const REAL_ABIS = {
  LidoLocator: [
    "function lido() view returns (address)",
    "function wstETH() view returns (address)",
    "function withdrawalQueue() view returns (address)",
    "function accountingOracle() view returns (address)",
  ],
  Lido: [
    "function submit(address _referral) payable returns (uint256)",
    "function getTotalPooledEther() view returns (uint256)",
    "function getTotalShares() view returns (uint256)",
    "function getPooledEthByShares(uint256 _sharesAmount) view returns (uint256)",
    "function getSharesByPooledEth(uint256 _ethAmount) view returns (uint256)",
    "function sharesOf(address _account) view returns (uint256)",
    "function balanceOf(address _account) view returns (uint256)",
    "function approve(address _spender, uint256 _amount) returns (bool)",
    "function allowance(address _owner, address _spender) view returns (uint256)",
    "function isStakingPaused() view returns (bool)",
    "function getCurrentStakeLimit() view returns (uint256)",
    "function getStakeLimitFullInfo() view returns (bool isStakingPaused, bool isStakingLimitSet, uint256 currentStakeLimit, uint256 maxStakeLimit, uint256 maxStakeLimitGrowthBlocks, uint256 prevStakeLimit, uint256 prevStakeBlockNumber)",
  ],
  WstETH: [
    "function wrap(uint256 _stETHAmount) returns (uint256)",
    "function unwrap(uint256 _wstETHAmount) returns (uint256)",
    "function stEthPerToken() view returns (uint256)",
    "function tokensPerStEth() view returns (uint256)",
    "function getStETHByWstETH(uint256 _wstETHAmount) view returns (uint256)",
    "function getWstETHByStETH(uint256 _stETHAmount) view returns (uint256)",
    "function balanceOf(address _account) view returns (uint256)",
    "function approve(address _spender, uint256 _amount) returns (bool)",
    "function allowance(address _owner, address _spender) view returns (uint256)",
  ],
  WithdrawalQueueERC721: [
    "function requestWithdrawals(uint256[] _amounts, address _owner) returns (uint256[] requestIds)",
    "function getWithdrawalStatus(uint256[] _requestIds) view returns (tuple(uint256 amountOfStETH, uint256 amountOfShares, address owner, uint256 timestamp, bool isFinalized, bool isClaimed)[] statuses)",
    "function getWithdrawalRequests(address _owner) view returns (uint256[] requestsIds)",
    "function claimWithdrawal(uint256 _requestId)",
    "function getLastRequestId() view returns (uint256)",
    "function getLastFinalizedRequestId() view returns (uint256)",
    "function unfinalizedStETH() view returns (uint256)",
    "function unfinalizedRequestNumber() view returns (uint256)",
    "function isBunkerModeActive() view returns (bool)",
    "function finalize(uint256 _lastRequestIdToBeFinalized, uint256 _maxShareRate) payable",
    "function MIN_STETH_WITHDRAWAL_AMOUNT() view returns (uint256)",
    "function MAX_STETH_WITHDRAWAL_AMOUNT() view returns (uint256)",
  ],
  AccountingOracle: [
    "function getLastProcessingRefSlot() view returns (uint256)",
    "function getConsensusContract() view returns (address)",
  ],
  HashConsensus: [
    "function getFrameConfig() view returns (uint256 initialEpoch, uint256 epochsPerFrame, uint256 fastLaneLengthSlots)",
    "function getCurrentFrame() view returns (uint256 refSlot, uint256 reportProcessingDeadlineSlot)",
    "function getChainConfig() view returns (uint256 slotsPerEpoch, uint256 secondsPerSlot, uint256 genesisTime)",
  ],
  RocketStorage: ["function getAddress(bytes32 _key) view returns (address)"],
  RocketDepositPool: [
    "function deposit() payable",
    "function getBalance() view returns (uint256)",
    "function getMaximumDepositAmount() view returns (uint256)",
  ],
  RocketDAOProtocolSettingsDeposit: [
    "function getDepositEnabled() view returns (bool)",
    "function getMinimumDeposit() view returns (uint256)",
    "function getMaximumDepositPoolSize() view returns (uint256)",
    "function getDepositFee() view returns (uint256)",
  ],
  RocketTokenRETH: [
    "function getExchangeRate() view returns (uint256)",
    "function getEthValue(uint256 _rethAmount) view returns (uint256)",
    "function getRethValue(uint256 _ethAmount) view returns (uint256)",
    "function getTotalCollateral() view returns (uint256)",
    "function burn(uint256 _rethAmount)",
    "function balanceOf(address _account) view returns (uint256)",
  ],
  StrategyManager: [
    "function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256 depositShares)",
    "function stakerDepositShares(address staker, address strategy) view returns (uint256)",
    "function strategyIsWhitelistedForDeposit(address strategy) view returns (bool)",
  ],
  StrategyBase: [
    "function underlyingToken() view returns (address)",
    "function totalShares() view returns (uint256)",
    "function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)",
    "function underlyingToSharesView(uint256 amountUnderlying) view returns (uint256)",
    "function userUnderlyingView(address user) view returns (uint256)",
  ],
  DelegationManager: [
    "function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)",
    "function isOperator(address operator) view returns (bool)",
    "function delegatedTo(address staker) view returns (address)",
    "function delegateTo(address operator, tuple(bytes signature, uint256 expiry) approverSignatureAndExpiry, bytes32 approverSalt)",
    "function queueWithdrawals(tuple(address[] strategies, uint256[] depositShares, address __deprecated_withdrawer)[] params) returns (bytes32[])",
    "function completeQueuedWithdrawal(tuple(address staker, address delegatedTo, address withdrawer, uint256 nonce, uint32 startBlock, address[] strategies, uint256[] scaledShares) withdrawal, address[] tokens, bool receiveAsTokens)",
    "function getQueuedWithdrawals(address staker) view returns (tuple(address staker, address delegatedTo, address withdrawer, uint256 nonce, uint32 startBlock, address[] strategies, uint256[] scaledShares)[] withdrawals, uint256[][] shares)",
    "function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)",
    "function minWithdrawalDelayBlocks() view returns (uint32)",
  ],
} as const satisfies Record<string, readonly string[]>;

export type RealContractName = keyof typeof REAL_ABIS;

/** What a student may move with one `lab real` task without `--i-know` (test ETH is scarce). */
export const REAL_AMOUNT_CAP_WEI = 5n * 10n ** 16n; // 0.05 ETH
