/**
 * `lab report [--confirm]` (oracle role): read the consensus layer and the pool as Lido's
 * accounting oracle does, show what the report will do, and submit it. A loss above the budget
 * needs the loss-confirmer role first (`--confirm` does both when you hold both roles).
 */
import { buildOracleReport, reportHash } from "../../scripts/lib/oracle.js";
import { printPairs } from "../../scripts/lib/table.js";
import { formatEth, labAction, labCommand, openLab, send, UserError } from "../lib.js";

const LOSS_CONFIRMER_ROLE = "LOSS_CONFIRMER_ROLE";

/** The report's sanity check in words (scripts/lib/oracle.ts names the outcome). */
const BOUNDS = {
  ok: "within bounds",
  "reward-above-bound": "rewards above the APR bound",
  "loss-needs-confirmation": "above the loss budget",
} as const;

export default labAction<{ confirm: boolean; account: string }>(
  async ({ confirm, account }, hre) => {
    const { pool, simulator, signer } = await openLab(hre, account);
    const { report, outcome } = await buildOracleReport(pool, simulator);
    const delta = outcome.postClBalance - outcome.preClBalance;
    const rateBefore = await pool.getExchangeRate();
    const bunker = await pool.isBunkerMode();
    printPairs("The oracle's report", [
      ["simulated time", `day ${(Number(report.timestamp) / 86_400).toFixed(2)}`],
      ["validators seen", String(report.clValidators)],
      ["balance on the consensus layer", formatEth(report.clBalance)],
      ["withdrawn from the consensus layer", formatEth(report.withdrawnFromCl)],
      [delta >= 0n ? "rewards" : "loss", formatEth(delta >= 0n ? delta : -delta)],
      ["fee to the treasury", formatEth(outcome.feeEth)],
      [
        "finalise requests up to",
        report.finalizeUpToRequestId === 0n ? "none waiting" : `#${report.finalizeUpToRequestId}`,
      ],
      ["sanity bounds", BOUNDS[outcome.bounds]],
      [
        "bunker mode",
        bunker ? "yes: a slashed validator is not swept yet, so nothing is finalised" : "no",
      ],
    ]);
    const errors = [{ name: "DepositPool" }];
    if (outcome.bounds === "reward-above-bound") {
      throw new UserError(
        `The consensus-layer balance grew by more than the APR bound allows (${formatEth(outcome.maxRewardIncrease)}): ` +
          "check the reward APR, or wait and report later.",
      );
    }
    if (outcome.bounds === "loss-needs-confirmation") {
      const hash = reportHash(report);
      const role = await pool[LOSS_CONFIRMER_ROLE]();
      if (!confirm) {
        throw new UserError(
          `The loss of ${formatEth(-delta)} exceeds the budget of ${formatEth(outcome.lossBudget)}: the loss confirmer ` +
            `must approve it (a second opinion, as Lido's). If you hold that role: ${labCommand("report", "--confirm")}.`,
        );
      }
      if (!(await pool.hasRole(role, signer.address))) {
        throw new UserError(
          `--confirm needs the loss-confirmer role, which ${signer.address} does not hold: ask whoever deployed.`,
        );
      }
      const link = await send("Confirming the loss refused", errors, () =>
        pool.confirmLossReport(hash),
      );
      console.log(`Loss report ${hash} confirmed (second opinion) — ${link}`);
    }
    const link = await send("Report refused", errors, () => pool.submitReport(report));
    const rateAfter = await pool.getExchangeRate();
    const change = rateAfter - rateBefore;
    const finalized = await pool.lastFinalizedRequestId();
    console.log(
      `Report submitted — ${link}\n` +
        `Exchange rate: ${formatEth(rateBefore, { significant: 8 })} → ${formatEth(rateAfter, { significant: 8 })} per slETH ` +
        `(${change === 0n ? "unchanged" : change > 0n ? "rose" : "fell"}); ` +
        (finalized === 0n
          ? "no request finalised yet."
          : `requests finalised up to #${finalized}.`),
    );
  },
);
