/**
 * Places the stand-ins for Lido, Rocket Pool and EigenLayer at their real Hoodi addresses on a
 * local node started with Hoodi's chain id, so that `lab real …` runs offline (the rehearsal
 * does this). Never on Hoodi itself: there the real contracts answer.
 *
 *   npx hardhat node --hostname 127.0.0.1 --chain-id 560048
 *   npx hardhat run scripts/real/place-stand-ins.ts --network localhost
 *
 * With `--finalize` (env STAND_IN_ACTION=finalize) it plays Lido's oracle report instead:
 * finalises every waiting withdrawal request and records the report.
 */
import hre from "hardhat";

import { HOODI_CHAIN_ID } from "../../config/real-protocols.js";
import { runMain } from "../lib/boundary.js";
import { UserError } from "../lib/errors.js";
import { connect } from "../lib/network.js";
import { placeStandIns } from "../lib/real-stand-ins.js";
import { REAL_ADDRESSES } from "../../config/real-protocols.js";

await runMain(async () => {
  const { ethers, networkName, chainId } = await connect(hre);
  if (networkName === "hoodi" || chainId !== HOODI_CHAIN_ID) {
    throw new UserError(
      `Stand-ins go on a local node with Hoodi's chain id (560048), not on ${networkName} (chain ${chainId}): ` +
        "start one with `npx hardhat node --hostname 127.0.0.1 --chain-id 560048` and use --network localhost.",
    );
  }
  const [admin] = await ethers.getSigners();
  if (process.env.STAND_IN_ACTION === "finalize") {
    const L = REAL_ADDRESSES.lido;
    const queue = await ethers.getContractAt(
      "WithdrawalQueueERC721StandIn",
      L.withdrawalQueue.address,
      admin,
    );
    const oracle = await ethers.getContractAt(
      "AccountingOracleStandIn",
      L.accountingOracle.address,
      admin,
    );
    const consensus = await ethers.getContractAt(
      "HashConsensusStandIn",
      await oracle.getConsensusContract(),
      admin,
    );
    const last = await queue.getLastRequestId();
    if (last > (await queue.getLastFinalizedRequestId())) {
      await (await queue.finalize(last, 10n ** 36n)).wait();
    }
    const [refSlot] = await consensus.getCurrentFrame();
    await (await oracle.recordReport(refSlot)).wait();
    console.log(`Lido's stand-in oracle report: requests finalised up to #${last}.`);
    return;
  }
  if ((await ethers.provider.getCode(REAL_ADDRESSES.lido.locator.address)) !== "0x") {
    console.log("The stand-ins are in place already.");
    return;
  }
  await placeStandIns({ ethers }, hre.artifacts, admin);
  console.log(
    "Stand-ins for Lido, Rocket Pool and EigenLayer placed at their Hoodi addresses: " +
      "`npx hardhat lab real status --network localhost`.",
  );
});
