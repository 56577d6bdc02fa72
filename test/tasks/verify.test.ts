/**
 * `lab verify` tries every recorded contract on every explorer and goes on past failures
 * (tasks/actions/verify.ts). No explorer is reachable here, so the verification call is a
 * stand-in that fails as Etherscan without a key and an unreachable explorer fail.
 */
import { expect } from "chai";

import type { ContractRecord } from "../../scripts/lib/deployment.js";
import { EXPLORERS, verifyEverywhere, type Explorer } from "../../tasks/actions/verify.js";
import { deployedForTasksFixture, networkHelpers, runLab } from "./harness.js";

const record = (address: string): ContractRecord => ({
  address,
  transactionHash: null,
  blockNumber: null,
  constructorArgs: [],
});
const CONTRACTS = {
  BeaconChainSimulator: record("0x0000000000000000000000000000000000000001"),
  DepositPool: record("0x0000000000000000000000000000000000000002"),
  LRTVault: record("0x0000000000000000000000000000000000000003"),
};

/** Etherscan has no key, Blockscout cannot be reached for the pool, Sourcify verifies all. */
async function standIn(explorer: Explorer, name: string): Promise<void> {
  if (explorer === "etherscan") {
    throw Object.assign(new Error("HHE7: Configuration Variable not found"), {
      errorCode: "HHE7",
      messageArguments: { name: "ETHERSCAN_API_KEY" },
    });
  }
  if (explorer === "blockscout" && name === "DepositPool") {
    throw Object.assign(new Error("Failed to make POST request"), {
      cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), {
        code: "ENOTFOUND",
        hostname: "eth-hoodi.blockscout.com",
      }),
    });
  }
}

describe("lab verify", function () {
  describe("verifyEverywhere", function () {
    it("tries every contract on every explorer, whatever fails", async function () {
      const tried: string[] = [];
      const { rows, verified } = await verifyEverywhere(
        CONTRACTS,
        async (explorer, name) => {
          tried.push(`${name}@${explorer}`);
          await standIn(explorer, name);
        },
        () => {},
      );
      expect(tried).to.have.length(Object.keys(CONTRACTS).length * EXPLORERS.length);
      expect(verified, "Blockscout twice, Sourcify thrice").to.equal(5);
      expect(rows).to.deep.equal([
        ["BeaconChainSimulator", "failed [1]", "verified", "verified"],
        ["DepositPool", "failed [1]", "failed [2]", "verified"],
        ["LRTVault", "failed [1]", "verified", "verified"],
      ]);
    });

    it("explains each distinct failure once, in one line with its remedy", async function () {
      const { notes } = await verifyEverywhere(CONTRACTS, standIn, () => {});
      expect(notes).to.have.length(2);
      expect(notes[0]).to.equal(
        "etherscan: ETHERSCAN_API_KEY is not set: run `npx hardhat keystore set ETHERSCAN_API_KEY` " +
          "(or export ETHERSCAN_API_KEY in this shell), then run the command again.",
      );
      expect(notes[1]).to.match(
        /^blockscout: Cannot reach eth-hoodi\.blockscout\.com \(ENOTFOUND\): .* retry later\.$/,
      );
    });
  });

  describe("the task", function () {
    it("refuses a network without public explorers in one line", async function () {
      await networkHelpers.loadFixture(deployedForTasksFixture);
      const run = await runLab("verify");
      expect(run.failed).to.equal(true);
      expect(run.error).to.equal(
        "Error: Verification needs a public explorer: run it with --network hoodi, not default.",
      );
    });
  });
});
