/**
 * The typed file of the real deployments (config/real-protocols.ts) against the research that
 * found them, and every stand-in against the typed file: a signature that drifts fails here.
 */
import { expect } from "chai";
import hre from "hardhat";
import { FunctionFragment, Interface } from "ethers";

import { REAL_ABIS, type RealContractName } from "../../config/real-protocols.js";

/**
 * The specification: the function signatures as the project's research copied them from each
 * protocol's interfaces (research-hoodi-real-protocols.md, tables "Functions a student calls":
 * lidofinance/docs `docs/contracts/*.md`; rocket-pool/rocketpool `contracts/interface/…`;
 * Layr-Labs/eigenlayer-contracts `src/contracts/interfaces/*.sol`), written as they are there.
 * LidoLocator's getters are named in the research's checks (§7); the ERC-20 ones are EIP-20's.
 */
const SPEC: Record<RealContractName, string[]> = {
  LidoLocator: ["lido()", "wstETH()", "withdrawalQueue()", "accountingOracle()"],
  Lido: [
    "submit(address _referral) payable returns (uint256)",
    "getTotalPooledEther() view returns (uint256)",
    "getTotalShares() view returns (uint256)",
    "getPooledEthByShares(uint256)",
    "getSharesByPooledEth(uint256)",
    "sharesOf(address)",
    "isStakingPaused()",
    "getCurrentStakeLimit()",
    "getStakeLimitFullInfo() returns (bool isStakingPaused, bool isStakingLimitSet, uint256 currentStakeLimit, uint256 maxStakeLimit, uint256 maxStakeLimitGrowthBlocks, uint256 prevStakeLimit, uint256 prevStakeBlockNumber)",
    // EIP-20
    "balanceOf(address) view returns (uint256)",
    "approve(address, uint256) returns (bool)",
    "allowance(address, address) view returns (uint256)",
  ],
  WstETH: [
    "wrap(uint256 _stETHAmount) returns (uint256)",
    "unwrap(uint256 _wstETHAmount) returns (uint256)",
    "stEthPerToken()",
    "tokensPerStEth()",
    "getStETHByWstETH(uint256)",
    "getWstETHByStETH(uint256)",
    // EIP-20
    "balanceOf(address) view returns (uint256)",
    "approve(address, uint256) returns (bool)",
    "allowance(address, address) view returns (uint256)",
  ],
  WithdrawalQueueERC721: [
    "requestWithdrawals(uint256[] _amounts, address _owner) returns (uint256[] requestIds)",
    "getWithdrawalStatus(uint256[] _requestIds) view returns (WithdrawalRequestStatus[])",
    "getWithdrawalRequests(address _owner)",
    "claimWithdrawal(uint256 _requestId)",
    "getLastRequestId()",
    "getLastFinalizedRequestId()",
    "unfinalizedStETH()",
    "unfinalizedRequestNumber()",
    "isBunkerModeActive()",
    "finalize(uint256 _lastRequestIdToBeFinalized, uint256 _maxShareRate) payable",
    "MIN_STETH_WITHDRAWAL_AMOUNT()",
    "MAX_STETH_WITHDRAWAL_AMOUNT()",
  ],
  AccountingOracle: ["getLastProcessingRefSlot()", "getConsensusContract()"],
  HashConsensus: [
    "getFrameConfig() returns (initialEpoch, epochsPerFrame, fastLaneLengthSlots)",
    "getCurrentFrame() returns (refSlot, reportProcessingDeadlineSlot)",
    "getChainConfig()",
  ],
  RocketStorage: ["getAddress(bytes32 key)"],
  RocketDepositPool: ["deposit() payable", "getMaximumDepositAmount() view", "getBalance() view"],
  RocketDAOProtocolSettingsDeposit: [
    "getDepositEnabled()",
    "getMinimumDeposit()",
    "getMaximumDepositPoolSize()",
    "getDepositFee()",
  ],
  RocketTokenRETH: [
    "getExchangeRate() view returns (uint256)",
    "getEthValue(uint256 _rethAmount)",
    "getRethValue(uint256 _ethAmount)",
    "getTotalCollateral()",
    "burn(uint256 _rethAmount)",
    // EIP-20
    "balanceOf(address) view returns (uint256)",
  ],
  StrategyManager: [
    "depositIntoStrategy(IStrategy strategy, IERC20 token, uint256 amount) returns (uint256 depositShares)",
    "stakerDepositShares(address, IStrategy)",
    "strategyIsWhitelistedForDeposit(IStrategy)",
  ],
  StrategyBase: [
    "underlyingToken()",
    "totalShares()",
    "sharesToUnderlyingView(uint256)",
    "underlyingToSharesView(uint256)",
    "userUnderlyingView(address)",
  ],
  DelegationManager: [
    "delegateTo(address operator, SignatureWithExpiry approverSignatureAndExpiry, bytes32 approverSalt)",
    "registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)",
    "isOperator(address)",
    "delegatedTo(address)",
    "queueWithdrawals(QueuedWithdrawalParams[] params) returns (bytes32[])",
    "completeQueuedWithdrawal(Withdrawal withdrawal, IERC20[] tokens, bool receiveAsTokens)",
    "getQueuedWithdrawals(address) returns (Withdrawal[], uint256[][])",
    "getWithdrawableShares(address staker, IStrategy[] strategies) returns (uint256[] withdrawableShares, uint256[] depositShares)",
    "minWithdrawalDelayBlocks() returns (uint32)",
  ],
};

/** The research's struct and interface names, as the ABI encodes them (from the same sources). */
const TYPES: [RegExp, string][] = [
  [/\bIStrategy\b/g, "address"],
  [/\bIERC20\b/g, "address"],
  [/\bSignatureWithExpiry\b/g, "(bytes,uint256)"],
  [/\bQueuedWithdrawalParams\b/g, "(address[],uint256[],address)"],
  [/\bWithdrawalRequestStatus\b/g, "(uint256,uint256,address,uint256,bool,bool)"],
  [/\bWithdrawal\b/g, "(address,address,address,uint256,uint32,address[],uint256[])"],
];

/** A spec line as a fragment: its selector, and its output types when the research gives them. */
function specFragment(line: string): { sighash: string; outputs?: string[] } {
  let text = line;
  for (const [pattern, type] of TYPES) text = text.replace(pattern, type);
  const [inputs, outputs] = text.split(/\sreturns\s/);
  const sighash = FunctionFragment.from(
    `function ${inputs.replace(/\s(view|payable)\b/g, "")}`,
  ).format("sighash");
  if (outputs === undefined) return { sighash };
  // Outputs named without types (HashConsensus' getters) are uint256 in the research's source.
  const types = outputs
    .replace(/^\(|\)$/g, "")
    .split(/,(?![^(]*\))/)
    .map((part) => part.trim().split(/\s+/))
    .map((words) =>
      words.length === 1 && !/^[a-z0-9(),[\]]+$/.test(words[0]) ? "uint256" : words[0],
    );
  const normalised = FunctionFragment.from(
    `function f() returns (${types.join(", ")})`,
  ).outputs.map((output) => output.format("sighash"));
  return { sighash, outputs: normalised };
}

/** The stand-in of each real contract (contracts/test/real). */
const STAND_INS: Record<RealContractName, string> = {
  LidoLocator: "LidoLocatorStandIn",
  Lido: "LidoStandIn",
  WstETH: "WstETHStandIn",
  WithdrawalQueueERC721: "WithdrawalQueueERC721StandIn",
  AccountingOracle: "AccountingOracleStandIn",
  HashConsensus: "HashConsensusStandIn",
  RocketStorage: "RocketStorageStandIn",
  RocketDepositPool: "RocketDepositPoolStandIn",
  RocketDAOProtocolSettingsDeposit: "RocketDAOProtocolSettingsDepositStandIn",
  RocketTokenRETH: "RocketTokenRETHStandIn",
  StrategyManager: "StrategyManagerStandIn",
  StrategyBase: "StrategyBaseStandIn",
  DelegationManager: "DelegationManagerStandIn",
};

const entries = Object.entries(REAL_ABIS) as [RealContractName, readonly string[]][];

describe("config/real-protocols.ts", function () {
  describe("REAL_ABIS", function () {
    for (const [contract, abi] of entries) {
      it(`gives ${contract} the research's signatures`, function () {
        const spec = SPEC[contract].map(specFragment);
        for (const fragment of new Interface(abi).fragments) {
          if (!(fragment instanceof FunctionFragment)) continue;
          const sighash = fragment.format("sighash");
          const match = spec.find((entry) => entry.sighash === sighash);
          expect(match, `${contract}.${sighash} is in the research`).to.not.equal(undefined);
          if (match?.outputs !== undefined) {
            const outputs = fragment.outputs.map((output) => output.format("sighash"));
            expect(outputs, `${contract}.${sighash} returns`).to.deep.equal(match.outputs);
          }
        }
      });
    }

    it("fails on a signature that differs from the research's", function () {
      const spec = SPEC.Lido.map(specFragment);
      const drifted = FunctionFragment.from(
        "function submit(address _referral, uint256 x) payable",
      );
      expect(spec.some((entry) => entry.sighash === drifted.format("sighash"))).to.equal(false);
    });
  });

  describe("the stand-ins (contracts/test/real)", function () {
    for (const [contract, abi] of entries) {
      it(`${STAND_INS[contract]} implements each ${contract} function exactly`, async function () {
        const artifact = await hre.artifacts.readArtifact(STAND_INS[contract]);
        const standIn = new Interface(artifact.abi);
        for (const fragment of new Interface(abi).fragments) {
          if (!(fragment instanceof FunctionFragment)) continue;
          const sighash = fragment.format("sighash");
          const implemented = standIn.getFunction(sighash);
          expect(implemented, `${STAND_INS[contract]}.${sighash}`).to.not.equal(null);
          expect(
            implemented!.outputs.map((o) => o.format("sighash")),
            sighash,
          ).to.deep.equal(fragment.outputs.map((o) => o.format("sighash")));
          expect(
            implemented!.stateMutability === "view" || implemented!.stateMutability === "pure",
            sighash,
          ).to.equal(fragment.stateMutability === "view");
          expect(implemented!.payable, sighash).to.equal(fragment.payable);
        }
      });
    }
  });
});
