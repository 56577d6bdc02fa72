/**
 * `lab report [--confirm]` (oracle role): read the consensus layer and the pool as Lido's
 * accounting oracle does, show what the report will do, and submit it. A loss above the budget
 * needs the loss-confirmer role first (`--confirm` does both when you hold both roles).
 */
import { formatEther } from "ethers";

import { buildOracleReport, reportHash } from "../../scripts/lib/oracle.js";
import { labAction, openLab, send, UserError } from "../lib.js";

const LOSS_CONFIRMER_ROLE = "LOSS_CONFIRMER_ROLE";

export default labAction<{ confirm: boolean; account: string }>(
  async ({ confirm, account }, hre) => {
    const { pool, simulator, signer } = await openLab(hre, account);
    const { report, outcome } = await buildOracleReport(pool, simulator);
    const delta = outcome.postClBalance - outcome.preClBalance;
    console.table([
      { item: "simulated time", value: `day ${(Number(report.timestamp) / 86_400).toFixed(2)}` },
      { item: "validators seen", value: String(report.clValidators) },
      { item: "CL balance", value: `${formatEther(report.clBalance)} ETH` },
      { item: "withdrawn from CL", value: `${formatEther(report.withdrawnFromCl)} ETH` },
      {
        item: delta >= 0n ? "rewards" : "loss",
        value: `${formatEther(delta >= 0n ? delta : -delta)} ETH`,
      },
      { item: "fee to treasury", value: `${formatEther(outcome.feeEth)} ETH` },
      { item: "finalise requests up to", value: `#${report.finalizeUpToRequestId}` },
      { item: "bounds", value: outcome.bounds },
      {
        item: "bunker mode",
        value: (await pool.isBunkerMode())
          ? "yes: a slashed validator is not swept yet, so nothing is finalised"
          : "no",
      },
    ]);
    const errors = [{ name: "DepositPool", iface: pool.interface }];
    if (outcome.bounds === "reward-above-bound") {
      throw new UserError(
        `The CL balance grew faster than ${formatEther(outcome.maxRewardIncrease)} ETH allows (the APR bound): ` +
          "check the reward APR, or wait and report later.",
      );
    }
    if (outcome.bounds === "loss-needs-confirmation") {
      const hash = reportHash(report);
      const role = await pool[LOSS_CONFIRMER_ROLE]();
      if (!confirm) {
        throw new UserError(
          `The loss exceeds the budget of ${formatEther(outcome.lossBudget)} ETH: the loss confirmer must approve ` +
            `report ${hash} — rerun with --confirm if you hold that role.`,
        );
      }
      if (!(await pool.hasRole(role, signer.address))) {
        throw new UserError(
          `--confirm needs the loss-confirmer role, which ${signer.address} does not hold.`,
        );
      }
      await send("Confirming the loss refused", errors, () => pool.confirmLossReport(hash));
      console.log(`Loss report ${hash} confirmed (second opinion).`);
    }
    const hash = await send("Report refused", errors, () => pool.submitReport(report));
    console.log(
      `Report submitted — tx ${hash}\nExchange rate: ${formatEther(await pool.getExchangeRate())} ETH per slETH; ` +
        `requests finalised up to #${await pool.lastFinalizedRequestId()}.`,
    );
  },
);
