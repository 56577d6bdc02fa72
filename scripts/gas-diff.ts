/**
 * `npm run gas:diff`: compares the gas of a fresh test run (`gas/current.json`) with the committed
 * baseline (`gas/baseline.json`) and prints every function whose median moved by more than 0.5 %.
 * `npm run gas` rewrites the baseline; commit it with the change that moved it.
 */
import { existsSync, readFileSync } from "node:fs";

interface Stats {
  median: number;
}
interface GasStats {
  contracts: Record<string, { deployment?: Stats | null; functions: Record<string, Stats> }>;
}

const THRESHOLD = 0.005;

function load(file: string): Map<string, number> {
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: run \`npm run gas\` (baseline) or \`npm run gas:diff\` (current).`,
    );
  }
  const stats = JSON.parse(readFileSync(file, "utf8")) as GasStats;
  const medians = new Map<string, number>();
  for (const [id, contract] of Object.entries(stats.contracts)) {
    if (id.includes("contracts/test/")) continue; // test mocks are not the product
    const name = id.split(":")[1];
    if (contract.deployment) medians.set(`${name} (deployment)`, contract.deployment.median);
    for (const [fn, s] of Object.entries(contract.functions))
      medians.set(`${name}.${fn}`, s.median);
  }
  return medians;
}

const baseline = load("gas/baseline.json");
const current = load("gas/current.json");
const rows = [];
for (const [key, now] of current) {
  const before = baseline.get(key);
  if (before === undefined)
    rows.push({ function: key, baseline: "—", current: now, change: "new" });
  else if (Math.abs(now - before) > before * THRESHOLD) {
    const pct = (((now - before) / before) * 100).toFixed(2);
    rows.push({
      function: key,
      baseline: before,
      current: now,
      change: `${now > before ? "+" : ""}${pct} %`,
    });
  }
}
for (const key of baseline.keys()) {
  if (!current.has(key))
    rows.push({ function: key, baseline: baseline.get(key), current: "—", change: "gone" });
}
if (rows.length === 0) console.log("Gas: every median is within 0.5 % of gas/baseline.json.");
else {
  console.log("Gas medians that moved against gas/baseline.json:");
  console.table(rows);
}
