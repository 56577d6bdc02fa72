// Proves the lockfile is complete: every optional dependency of every locked package (Hardhat's
// EDR binaries for each platform, esbuild's, …) has an entry of its own. A lockfile generated
// under a Node that a platform package's `engines` rejects silently leaves some out, and
// `npm ci` on a student's machine then installs a Hardhat that cannot start (HHE27).
//
//   node .ci/check-lockfile.mjs [package-lock.json]
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "package-lock.json";
const { packages } = JSON.parse(readFileSync(file, "utf8"));

/** Where npm would find `name` from the package at `from` (its own node_modules, then upwards). */
function resolves(from, name) {
  let dir = from;
  for (;;) {
    const candidate = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (candidate in packages) return true;
    if (dir === "") return false;
    const cut = dir.lastIndexOf("/node_modules/");
    dir = cut === -1 ? "" : dir.slice(0, cut);
  }
}

const missing = [];
let checked = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    checked++;
    if (!resolves(path, name))
      missing.push(`${name} (optional dependency of ${path || "the project"})`);
  }
}
if (missing.length > 0) {
  console.error(`${file} lacks ${missing.length} optional package(s):\n  ${missing.join("\n  ")}`);
  console.error(
    "Regenerate it under Node >= 22.13: rm -rf node_modules package-lock.json && npm install",
  );
  process.exit(1);
}
console.log(
  `${file}: all ${checked} optional dependencies are locked (every platform's binaries).`,
);
