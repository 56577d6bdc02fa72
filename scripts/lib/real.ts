/**
 * Opening the real protocols on Hoodi for `lab real …`: the chain is checked to be Hoodi, every
 * fixed address to hold code, and everything that moves is looked up on chain (LidoLocator,
 * RocketStorage, `underlyingToken()`) and checked against the typed file. Any mismatch is one
 * line: what does not match, where the address comes from, and how to refresh it.
 *
 * Then `sendReal`: the estimated cost before sending, the balance checked, and the transaction
 * sent through the lab's own `send` (one decoded line on a revert, an explorer link on Hoodi).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { Contract, getAddress, solidityPackedKeccak256, ZeroAddress, type Signer } from "ethers";

import {
  HOODI_CHAIN_ID,
  LAST_CHECKED,
  REAL_ABIS,
  REAL_ADDRESSES,
  REAL_AMOUNT_CAP_WEI,
  ROCKET_POOL_NAMES,
  type RealAddress,
  type RealContractName,
} from "../../config/real-protocols.js";
import { setChainContext } from "./boundary.js";
import { setCommandContext } from "./commands.js";
import { UserError } from "./errors.js";
import { formatEth } from "./format.js";
import { connect } from "./network.js";

const CONFIG = "config/real-protocols.ts";
const REFRESH = "README › The real protocols on Hoodi says how to refresh it";
/** How a student places the stand-ins on a local node with Hoodi's chain id (the rehearsal does). */
export const PLACE_STAND_INS =
  "`npx hardhat run scripts/real/place-stand-ins.ts --network localhost` on a node started with `--chain-id 560048`";

/** The RocketStorage key of a contract: keccak256("contract.address" ++ name). */
export function rocketKey(name: string): string {
  return solidityPackedKeccak256(["string", "string"], ["contract.address", name]);
}

/** "Lido stETH 0x3508… (docs.lido.fi …, 2026-07-22)": an address and where it comes from. */
function origin(label: string, entry: RealAddress): string {
  return `${label} ${entry.address} (from ${entry.source}, ${entry.sourceDate})`;
}

const same = (a: string, b: string) => getAddress(a) === getAddress(b);

/** The real contracts, bound to the acting account, with the lookups done and checked. */
export async function openReal(hre: HardhatRuntimeEnvironment, account = "0") {
  const connected = await connect(hre);
  const { ethers, networkName, chainId } = connected;
  setCommandContext({ networkName, account });
  const now = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  setChainContext({ now });
  if (chainId !== HOODI_CHAIN_ID) {
    throw new UserError(
      `Chain ${chainId} is not Hoodi (${HOODI_CHAIN_ID}): the addresses in ${CONFIG} (last checked ${LAST_CHECKED}) ` +
        `are Hoodi's; run with --network hoodi, or on a local node place the stand-ins with ${PLACE_STAND_INS}.`,
    );
  }
  const signers = await ethers.getSigners();
  if (!/^\d+$/.test(account))
    throw new UserError(`--account must be a whole number, not "${account}"`);
  const signer = signers[Number(account)];
  if (signer === undefined) {
    throw new UserError(
      `--account ${account}: ${networkName} has ${signers.length} account(s) (0 to ${signers.length - 1}).`,
    );
  }
  setChainContext({ me: signer.address, accounts: signers.map((s) => s.address) });

  const { lido, rocketPool, eigenLayer } = REAL_ADDRESSES;
  const fixed: [string, RealAddress][] = [
    ["LidoLocator", lido.locator],
    ["Lido stETH", lido.stETH],
    ["Lido wstETH", lido.wstETH],
    ["Lido WithdrawalQueueERC721", lido.withdrawalQueue],
    ["Lido AccountingOracle", lido.accountingOracle],
    ["RocketStorage", rocketPool.storage],
    ["Rocket Pool rETH", rocketPool.rETH],
    ["EigenLayer StrategyManager", eigenLayer.strategyManager],
    ["EigenLayer DelegationManager", eigenLayer.delegationManager],
    ["EigenLayer stETH strategy", eigenLayer.stETHStrategy],
  ];
  const codes = await Promise.all(fixed.map(([, e]) => ethers.provider.getCode(e.address)));
  const missing = fixed.find((_, i) => codes[i] === "0x");
  if (missing !== undefined) {
    throw new UserError(
      `No contract at ${origin(...missing)} on chain ${chainId}: if it moved, change it in ${CONFIG} (${REFRESH}).`,
    );
  }

  const at = (name: RealContractName, address: string, runner: Signer = signer) =>
    new Contract(address, REAL_ABIS[name], runner);
  const locator = at("LidoLocator", lido.locator.address);
  const storage = at("RocketStorage", rocketPool.storage.address);
  const strategy = at("StrategyBase", eigenLayer.stETHStrategy.address);
  const [
    lidoAt,
    wstETHAt,
    queueAt,
    oracleAt,
    depositPoolAt,
    rETHAt,
    depositSettingsAt,
    underlyingAt,
  ] = (await Promise.all([
    locator.lido(),
    locator.wstETH(),
    locator.withdrawalQueue(),
    locator.accountingOracle(),
    storage.getFunction("getAddress")(rocketKey(ROCKET_POOL_NAMES.depositPool)),
    storage.getFunction("getAddress")(rocketKey(ROCKET_POOL_NAMES.rETH)),
    storage.getFunction("getAddress")(rocketKey(ROCKET_POOL_NAMES.depositSettings)),
    strategy.underlyingToken(),
  ])) as string[];

  // What the registries say against the typed file: a disagreement means one of them moved.
  const expected: [string, string, string, RealAddress][] = [
    ["LidoLocator.lido()", "Lido stETH", lidoAt, lido.stETH],
    ["LidoLocator.wstETH()", "Lido wstETH", wstETHAt, lido.wstETH],
    ["LidoLocator.withdrawalQueue()", "Lido WithdrawalQueueERC721", queueAt, lido.withdrawalQueue],
    ["LidoLocator.accountingOracle()", "Lido AccountingOracle", oracleAt, lido.accountingOracle],
    [`RocketStorage "${ROCKET_POOL_NAMES.rETH}"`, "Rocket Pool rETH", rETHAt, rocketPool.rETH],
    ["the stETH strategy's underlyingToken()", "Lido stETH", underlyingAt, lido.stETH],
  ];
  for (const [lookup, label, found, entry] of expected) {
    if (!same(found, entry.address)) {
      throw new UserError(
        `${lookup} is ${found}, but ${CONFIG} has ${origin(label, entry)}: one of them moved; ` +
          `check the source and update ${CONFIG} (${REFRESH}).`,
      );
    }
  }
  const oracle = at("AccountingOracle", oracleAt);
  const consensusAt = (await oracle.getConsensusContract()) as string;
  // Looked up, never written down: each must be set and hold code.
  const lookedUp: [string, string][] = [
    [`RocketStorage "${ROCKET_POOL_NAMES.depositPool}"`, depositPoolAt],
    [`RocketStorage "${ROCKET_POOL_NAMES.depositSettings}"`, depositSettingsAt],
    ["AccountingOracle.getConsensusContract()", consensusAt],
  ];
  const lookedUpCodes = await Promise.all(
    lookedUp.map(([, address]) =>
      address === ZeroAddress ? Promise.resolve("0x") : ethers.provider.getCode(address),
    ),
  );
  const empty = lookedUp.find((_, i) => lookedUpCodes[i] === "0x");
  if (empty !== undefined) {
    const where =
      empty[1] === ZeroAddress ? "is not set" : `points to ${empty[1]}, which holds no contract`;
    throw new UserError(
      `${empty[0]} ${where} on chain ${chainId}: the registry in ${CONFIG} is not the protocol's ` +
        `(${REFRESH}).`,
    );
  }

  return {
    ...connected,
    signer,
    now,
    lido: at("Lido", lidoAt),
    wstETH: at("WstETH", wstETHAt),
    queue: at("WithdrawalQueueERC721", queueAt),
    oracle,
    consensus: at("HashConsensus", consensusAt),
    rocketStorage: storage,
    depositPool: at("RocketDepositPool", depositPoolAt),
    depositSettings: at("RocketDAOProtocolSettingsDeposit", depositSettingsAt),
    rETH: at("RocketTokenRETH", rETHAt),
    strategyManager: at("StrategyManager", eigenLayer.strategyManager.address),
    delegationManager: at("DelegationManager", eigenLayer.delegationManager.address),
    strategy,
  };
}

export type Real = Awaited<ReturnType<typeof openReal>>;

/**
 * Refuses an amount above the cap (`REAL_AMOUNT_CAP_WEI`) unless the student says `--i-know`:
 * test ETH is scarce and a typo (`--amount 10`) should cost nothing.
 */
export function requireWithinCap(amount: bigint, option: string, iKnow: boolean | undefined) {
  if (amount <= REAL_AMOUNT_CAP_WEI || iKnow === true) return;
  throw new UserError(
    `--${option} ${formatEth(amount)} is more than the ${formatEth(REAL_AMOUNT_CAP_WEI)} a lesson needs: ` +
      `send less, or add --i-know to move it anyway.`,
  );
}

/**
 * Estimates a transaction's gas cost (the estimate itself runs the call: a refusal shows here,
 * before anything is sent), prints it, and refuses when the account cannot pay `value` + gas.
 */
export async function estimateAndCheck(
  real: Real,
  estimate: () => Promise<bigint>,
  value = 0n,
  label = "",
): Promise<bigint> {
  const [gas, fees, balance] = await Promise.all([
    estimate(),
    real.ethers.provider.getFeeData(),
    real.ethers.provider.getBalance(real.signer.address),
  ]);
  const price = fees.maxFeePerGas ?? fees.gasPrice ?? 0n;
  const cost = gas * price;
  const gwei = Number((price * 100n) / 10n ** 9n) / 100;
  console.log(
    `Estimated cost${label === "" ? "" : ` (${label})`}: ${formatEth(cost)} of gas (${gas} gas at up to ${gwei} gwei)` +
      (value > 0n ? ` + ${formatEth(value)} sent` : "") +
      `; you hold ${formatEth(balance)}.`,
  );
  if (balance < cost + value) {
    throw new UserError(
      `You hold ${formatEth(balance)}, less than the ${formatEth(cost + value)} this needs with its gas: ` +
        "get Hoodi ETH from a faucet (README › Deploy to Hoodi), or send less.",
    );
  }
  return cost;
}
