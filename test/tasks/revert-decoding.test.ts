/**
 * Every custom error of every compiled contract prints as one line a student can act on: the
 * contract, the error, its values in ETH, percentages and durations (never wei or Unix time),
 * and a hint. Generic over the artifacts, so errors added later are covered too.
 */
import { readFileSync, readdirSync } from "node:fs";

import { expect } from "chai";
import hre from "hardhat";
import { AbiCoder, type ErrorFragment, type ParamType } from "ethers";

import { setCommandContext } from "../../scripts/lib/commands.js";
import { ether } from "../helpers/index.js";
import {
  addAbi,
  catalogEntries,
  decodeRevert,
  describeRevert,
  hasOwnHint,
  kindOf,
  loadErrorCatalog,
} from "../../scripts/lib/revert.js";

const NOW = 1_800_000_000n;
/** A sample value per argument: amounts 0.0123 ETH, moments 100 s ahead, small ids. */
function sample(contract: string, error: string, param: ParamType): unknown {
  if (param.type === "address") return "0x00000000000000000000000000000000000000a1";
  if (param.type === "bool") return true;
  if (param.type === "string") return "delay";
  if (param.type.startsWith("bytes")) return `0x${"00".repeat(Number(param.type.slice(5)) || 32)}`;
  if (param.type !== "uint256") return 1n;
  if (param.name === "nowTimestamp") return NOW;
  switch (kindOf(contract, error, param.name, param.type)) {
    case "time":
      return NOW + 100n;
    case "plain":
    case "simulated-time":
    case "duration":
    case "bps":
      return 7n;
    default:
      return 12_300_000_000_000_000n;
  }
}

function encode(contract: string, fragment: ErrorFragment): string {
  const args = AbiCoder.defaultAbiCoder().encode(
    fragment.inputs,
    fragment.inputs.map((input) => sample(contract, fragment.name, input)),
  );
  return fragment.selector + args.slice(2);
}

/** Errors declared in the lab's own sources (not inherited from OpenZeppelin). */
const DECLARED = new Set(
  ["consensus", "staking", "restaking", "liquid-restaking"]
    .flatMap((dir) => readdirSync(`contracts/${dir}`).map((file) => `contracts/${dir}/${file}`))
    .concat(readdirSync("contracts/interfaces").map((file) => `contracts/interfaces/${file}`))
    .flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\berror (\w+)\(/g)].map((m) => m[1]),
    ),
);

/** The contracts a student's tasks call: each of their errors has a hint of its own. */
const LAB_CONTRACTS = [
  "BeaconChainSimulator",
  "DepositPool",
  "LiquidStakingToken",
  "RestakingManager",
  "RestakingPod",
  "LRTVault",
];

describe("Revert decoding (scripts/lib/revert.ts)", function () {
  before(async function () {
    await loadErrorCatalog(hre.artifacts);
    setCommandContext({ networkName: "localhost", account: "0" });
  });
  after(function () {
    setCommandContext({ networkName: "default", account: "0" });
  });

  it("knows the custom errors of every compiled contract", function () {
    const contracts = new Set(catalogEntries().map((entry) => entry.contract));
    for (const name of LAB_CONTRACTS) expect(contracts.has(name), name).to.equal(true);
  });

  it("prints every error with its values in ETH or durations, never in wei or Unix time", function () {
    for (const { contract, fragment } of catalogEntries()) {
      const decoded = decodeRevert(encode(contract, fragment), [contract]);
      expect(decoded, `${contract}.${fragment.name} decodes`).to.not.equal(undefined);
      const line = describeRevert(decoded!, { now: NOW });
      const where = `${contract}.${fragment.name}: ${line}`;
      expect(line, where).to.contain(`${contract} refused with ${fragment.name}`);
      expect(line, where).to.not.match(/12300000000000000|1800000100/);
      expect(line.split("\n"), where).to.have.length(1);
      for (const input of fragment.inputs) {
        if (input.name === "nowTimestamp") continue;
        expect(line, where).to.contain(input.name);
        if (
          input.type === "uint256" &&
          kindOf(contract, fragment.name, input.name, input.type) === "time"
        ) {
          expect(line, where).to.contain("in 1 min 40 s");
        }
      }
      expect(line, where).to.match(/\.\s.+[.)`]$/);
    }
  });

  it("gives every error the staking stack declares a hint of its own", function () {
    expect(DECLARED.size, "errors found in the sources").to.be.greaterThan(50);
    const missing = catalogEntries()
      .filter((entry) => LAB_CONTRACTS.includes(entry.contract))
      .filter((entry) => DECLARED.has(entry.fragment.name))
      .filter((entry) => !hasOwnHint(entry.contract, entry.fragment.name))
      .map((entry) => `${entry.contract}.${entry.fragment.name}`);
    expect([...new Set(missing)], "errors without a hint in error-hints.ts").to.deep.equal([]);
  });

  it("names the next command on the student's network", function () {
    const requestNotFinalized = catalogEntries().find(
      (entry) => entry.contract === "DepositPool" && entry.fragment.name === "RequestNotFinalized",
    )!;
    const line = describeRevert(
      decodeRevert(encode("DepositPool", requestNotFinalized.fragment), ["DepositPool"])!,
      {
        now: NOW,
      },
    );
    expect(line).to.contain("`npx hardhat lab report --network localhost`");
  });

  it("picks the meaning of the contract called when two declare the same error", function () {
    const unknown = catalogEntries().find((entry) => entry.fragment.name === "UnknownRequest")!;
    const data = encode("DepositPool", unknown.fragment);
    expect(describeRevert(decodeRevert(data, ["DepositPool"])!, {})).to.contain(
      "DepositPool refused with UnknownRequest (requestId 7). No request has that id",
    );
    expect(describeRevert(decodeRevert(data, ["LRTVault"])!, {})).to.contain(
      "LRTVault refused with UnknownRequest (requestId 7). No redemption has that id",
    );
  });

  it("dates a refusal from the error's own nowTimestamp when it carries one", function () {
    const entry = catalogEntries().find((e) => e.fragment.name === "WithdrawalDelayNotElapsed")!;
    const data =
      entry.fragment.selector +
      AbiCoder.defaultAbiCoder()
        .encode(["uint256", "uint256", "uint256"], [4n, 1_000_300n, 1_000_000n])
        .slice(2);
    expect(describeRevert(decodeRevert(data, ["RestakingManager"])!, {})).to.equal(
      "RestakingManager refused with WithdrawalDelayNotElapsed (withdrawalId 4, completableAt in 5 min). " +
        "Restaked stake stays slashable through the delay: wait 5 min, then complete it again.",
    );
  });

  it("decodes an error of a contract added later, with units from its names and the default hint", function () {
    // A market contract another layer adds: its errors need no code here to print readably.
    addAbi("FutureMarket", [
      "error SlippageBelowMinimum(uint256 dy, uint256 minDy)",
      "error Unhealthy(address borrower, uint256 healthFactor, uint256 price)",
    ]);
    const [slippage, unhealthy] = ["SlippageBelowMinimum", "Unhealthy"].map((name) =>
      catalogEntries().find((e) => e.contract === "FutureMarket" && e.fragment.name === name)!,
    );
    const coder = AbiCoder.defaultAbiCoder();
    const slippageData =
      slippage.fragment.selector +
      coder.encode(["uint256", "uint256"], [ether("0.0099"), ether("0.01")]).slice(2);
    expect(describeRevert(decodeRevert(slippageData)!, {})).to.equal(
      "FutureMarket refused with SlippageBelowMinimum (dy 0.0099 ETH, minDy 0.01 ETH). " +
        "`npx hardhat lab status --network localhost` shows the state; docs/ explains each contract's rules (run with --verbose for the raw error).",
    );
    const unhealthyData =
      unhealthy.fragment.selector +
      coder
        .encode(["address", "uint256", "uint256"], [`0x${"00".repeat(19)}b2`, ether("0.95"), 7n])
        .slice(2);
    expect(describeRevert(decodeRevert(unhealthyData)!, {})).to.contain(
      "(borrower 0x00000000000000000000000000000000000000b2, healthFactor 0.95, price 7)",
    );
  });
});
