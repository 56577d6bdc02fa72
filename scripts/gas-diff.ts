/**
 * `npm run gas:diff`: compares the gas of a fresh test run (`gas/current.json`) with the committed
 * baseline (`gas/baseline.json`) and prints every function whose median moved by more than 0.5 %.
 * `npm run gas` rewrites the baseline; commit it with the change that moved it.
 */
import { existsSync, readFileSync } from "node:fs";

import { printTable } from "./lib/table.js";

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
/** Gas as a whole number with thousands separators ("—" when absent). */
const gas = (value: number | undefined) =>
  value === undefined ? "—" : value.toLocaleString("en-US");
const rows: string[][] = [];
for (const [key, now] of current) {
  const before = baseline.get(key);
  if (before === undefined) rows.push([key, "—", gas(now), "new"]);
  else if (Math.abs(now - before) > before * THRESHOLD) {
    const pct = (((now - before) / before) * 100).toFixed(2);
    rows.push([key, gas(before), gas(now), `${now > before ? "+" : ""}${pct} %`]);
  }
}
for (const key of baseline.keys()) {
  if (!current.has(key)) rows.push([key, gas(baseline.get(key)), "—", "gone"]);
}
if (rows.length === 0) console.log("Gas: every median is within 0.5 % of gas/baseline.json.");
else {
  console.log("Gas medians that moved against gas/baseline.json:");
  printTable(["function", "baseline (gas)", "current (gas)", "change"], rows);
}
