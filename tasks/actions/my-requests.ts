/**
 * `lab my-requests`: your own ids in the three queues — the pool's withdrawal requests, the
 * restaking manager's queued withdrawals and the LRT vault's redemptions — with what each pays
 * and when. Ids are shared by everyone in the class, so `--id 1` may be someone else's.
 * Read-only; it looks at the newest ids first (at most `SCAN_LIMIT` per queue).
 */
import { eth, formatAmount, formatWhen, labAction, labCommand, openLab, SLRETH } from "../lib.js";
import { printTable, printText } from "../../scripts/lib/table.js";

/** The newest ids read per queue; older ones are named in a note. */
const SCAN_LIMIT = 500n;
const BATCH = 25n;

/** Reads ids last…1 (newest first, in parallel batches) and keeps what `pick` returns. */
async function scan<T>(last: bigint, pick: (id: bigint) => Promise<T | undefined>): Promise<T[]> {
  const found: T[] = [];
  const stop = last > SCAN_LIMIT ? last - SCAN_LIMIT : 0n;
  for (let high = last; high > stop; high -= BATCH) {
    const ids: bigint[] = [];
    for (let id = high; id > stop && id > high - BATCH; id--) ids.push(id);
    for (const row of await Promise.all(ids.map(pick))) if (row !== undefined) found.push(row);
  }
  return found;
}

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const lab = await openLab(hre, account);
  const { pool, manager, vault, signer } = lab;
  const me = signer.address;
  const now = await lab.now();
  const rows: string[][] = [];

  const lastRequest = await pool.lastRequestId();
  const lastFinalized = await pool.lastFinalizedRequestId();
  for (const row of await scan(lastRequest, async (id) => {
    const request = await pool.getWithdrawalRequest(id);
    if (request.owner !== me || request.claimed) return undefined;
    const finalised = id <= lastFinalized;
    return [
      "liquid staking: withdrawal",
      `#${id}`,
      finalised ? `${eth(await pool.claimableEther(id))} to claim` : "waits for a report",
      finalised
        ? labCommand("claim-withdrawal", `--id ${id}`, { asMe: true })
        : labCommand("report"),
    ];
  }))
    rows.push(row);

  const native = await manager.beaconChainETHStrategy();
  for (const row of await scan(await manager.withdrawalCount(), async (id) => {
    const withdrawal = await manager.getWithdrawal(id);
    if (withdrawal.staker !== me || withdrawal.completed) return undefined;
    const [, amount] = await manager.previewWithdrawal(id);
    const at = await manager.completableAt(id);
    return [
      "restaking: queued withdrawal",
      `#${id}`,
      `${eth(amount, withdrawal.token === native ? "ETH" : "slETH")}, completable ${formatWhen(at, now)}`,
      labCommand("complete-withdrawal", `--id ${id}`, { asMe: true }),
    ];
  }))
    rows.push(row);

  for (const row of await scan(await vault.redeemRequestCount(), async (id) => {
    const request = await vault.getRedeemRequest(id);
    if (request.owner !== me || request.claimed) return undefined;
    return [
      "liquid restaking: redemption",
      `#${id}`,
      `${formatAmount(request.shares, SLRETH)} for at most ${eth(request.assets, "slETH")}, ` +
        `claimable ${formatWhen(request.readyAt, now)}`,
      labCommand("lrt-claim", `--id ${id}`, { asMe: true }),
    ];
  }))
    rows.push(row);

  printText(`Open requests of ${me} (ids are shared by everyone on this deployment):`);
  if (rows.length === 0) {
    console.log("none — nothing queued, or everything already claimed.");
    return;
  }
  printTable(["queue", "id", "pays", "next"], rows);
});
