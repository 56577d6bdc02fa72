/**
 * What the demo's chapters share: the deployed system on the embedded chain, named actors, time
 * travel, the oracle, and a table printer.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { formatEther, id } from "ethers";

import { realistic } from "../../config/profiles.js";
import { StakingLabCoreModule } from "../../ignition/modules/StakingLab.js";
import { addressesOf, attachLab } from "../lib/contracts.js";
import { buildOracleReport, reportHash } from "../lib/oracle.js";
import { moduleParameters } from "../lib/parameters.js";

export const WAD = 10n ** 18n;
export const DAY = 86_400n;
export const YEAR = 365n * DAY;

/** Deploys everything with the realistic profile on a fresh embedded chain. */
export async function setUpDemo(hre: HardhatRuntimeEnvironment) {
  const connection = await hre.network.create();
  const { ethers, networkHelpers } = connection;
  const [teacher, alice, bob, carol] = await ethers.getSigners();
  const profile = realistic;
  const asked = process.env.STAKING_LAB_PROFILE;
  if (asked !== undefined && asked !== "" && asked !== profile.name) {
    // The demo's story is told in mainnet numbers (deposits of 100 ETH, 32 ETH validators, a
    // year by time travel); in the classroom profile's 10 ETH cap and 0.032 ETH validators it
    // would not fit. The classroom profile is for the lesson on Hoodi or a local node.
    console.log(
      `STAKING_LAB_PROFILE=${asked} is not used by the demo: its story is told in mainnet numbers ` +
        `(100 ETH deposits, 32 ETH validators), so it runs the "${profile.name}" profile. ` +
        "The classroom profile is for the lesson on Hoodi or a local node: see docs/lesson.md.",
    );
  }
  // The staking stack alone: the depeg chapter deploys the market on a chain of its own.
  const deployed = await connection.ignition.deploy(StakingLabCoreModule, {
    parameters: moduleParameters(profile),
    displayUi: false,
  });
  // Typechain-typed handles on what Ignition deployed.
  const { simulator, pool, token, manager, vault } = await attachLab(
    ethers,
    await addressesOf(deployed),
  );

  /** The oracle's report, built from the simulator as the real oracle reads the beacon chain. */
  async function report(): Promise<string> {
    const { report: data, outcome } = await buildOracleReport(pool, simulator);
    let note = "";
    if (outcome.bounds === "loss-needs-confirmation") {
      // Lido's second opinion: a loss above the budget needs another role's approval.
      await (await pool.confirmLossReport(reportHash(data))).wait();
      note = "; above the loss budget: a second role confirmed";
    }
    await (await pool.submitReport(data)).wait();
    return note;
  }

  /** Pays whatever the consensus layer owes the pool: skimmed rewards, withdrawn balances. */
  async function sweepAll(): Promise<void> {
    const now = BigInt(await networkHelpers.time.latest());
    const deposit = profile.validatorDepositWei;
    for (let i = 0n; i < (await simulator.validatorCount()); i++) {
      const v = await simulator.getValidator(i);
      const skimmable = v.status === 1n && (await simulator.validatorBalance(i)) > deposit;
      const withdrawable = v.status === 2n && v.withdrawableAt <= now;
      if (skimmable || withdrawable) await (await simulator.sweep(i)).wait();
    }
  }

  const actors = { teacher, alice, bob, carol };
  const rows: Record<string, string>[] = [];

  /** Records the state after a step, as one row of the chapter's table. */
  async function snapshot(step: string, extra: Record<string, string> = {}): Promise<void> {
    const rate = await pool.getExchangeRate();
    const valueOf = async (address: string) => fmt(((await token.balanceOf(address)) * rate) / WAD);
    rows.push({
      step,
      "slETH rate": fmt(rate, 6),
      "pooled ETH": fmt(await pool.totalPooledEther(), 4),
      "slETH supply": fmt(await token.totalSupply(), 4),
      buffer: fmt(await pool.bufferedEther(), 4),
      "alice (ETH)": await valueOf(alice.address),
      "bob (ETH)": await valueOf(bob.address),
      "treasury (ETH)": await valueOf(teacher.address),
      ...extra,
    });
  }

  /** Prints the rows recorded since the last table (by `snapshot` or pushed to `snapshotRows`). */
  function printRows(title: string): void {
    console.log(`\n${title}`);
    console.table(rows.splice(0));
  }

  return {
    connection,
    ethers,
    networkHelpers,
    profile,
    deployed: { simulator, pool, token, manager, vault },
    actors,
    report,
    sweepAll,
    snapshot,
    printRows,
    snapshotRows: rows,
    roles: { consensus: id("CONSENSUS_ROLE") },
  };
}

export type Demo = Awaited<ReturnType<typeof setUpDemo>>;

/** Wei as ETH, rounded to at most `decimals` decimals (a few wei of rounding do not show). */
export function fmt(wei: bigint, decimals = 4): string {
  const unit = 10n ** BigInt(18 - decimals);
  const rounded = ((wei + unit / 2n) / unit) * unit;
  const [whole, fraction = ""] = formatEther(rounded).split(".");
  const trimmed = fraction.slice(0, decimals).replace(/0+$/, "");
  return trimmed === "" ? whole : `${whole}.${trimmed}`;
}

/** Prints a chapter's opening lines. */
export function say(...lines: string[]): void {
  for (const line of lines) console.log(line);
}
