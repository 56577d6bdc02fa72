/**
 * The model-based random test of the whole system (issue 11 §1): random but valid sequences of every
 * user and role action across the layers, each step checked against DESIGN §10's invariants, the
 * reference model and ETH conservation (`checks.ts`).
 *
 * `npm test` runs a few sequences from a fixed seed (the same every time: a failure is reproducible);
 * `npm run fuzz` runs thousands from fresh seeds with a progress line. Environment:
 * - `FUZZ_KNOWN` (fuzz only): a regular expression of failures already reported, counted and not
 *   shrunk, so a long run goes on looking for new ones.
 * - `FUZZ_ONLY` (fuzz only): a comma-separated list of commands (class names) to aim at one layer.
 * - `FUZZ_RUNS` sequences (default 12, or 400 under `npm run fuzz`: ≈ 40 min, as 2,000 short ones took), `FUZZ_STEPS` commands at most
 *   generated per sequence (default 30, or 150: fast-check skips the invalid ones, and about a
 *   quarter are valid, so 40 gave ~7 steps and chains such as pod → verify or restake → delegate →
 *   pay → claim never ran), `FUZZ_SEED` and `FUZZ_PATH` to replay a printed failure.
 */
import { network } from "hardhat";

import { commandCounts } from "./command.js";
import { printScenario, ranCommands } from "./printer.js";
import { checkModel } from "./run.js";

const connection = await network.create();

/** The seed `npm test` uses (fixed: the same sequences every run). */
const TEST_SEED = 20_261_129;
const fuzzing = process.env.FUZZ === "1";
const numRuns = Number(process.env.FUZZ_RUNS ?? (fuzzing ? 400 : 12));
const maxCommands = Number(process.env.FUZZ_STEPS ?? (fuzzing ? 150 : 30));
const seed = Number(process.env.FUZZ_SEED ?? (fuzzing ? Date.now() % 2 ** 31 : TEST_SEED));
const path = process.env.FUZZ_PATH;
const only =
  fuzzing && process.env.FUZZ_ONLY ? new Set(process.env.FUZZ_ONLY.split(",")) : undefined;
const known = fuzzing && process.env.FUZZ_KNOWN ? new RegExp(process.env.FUZZ_KNOWN) : undefined;

describe("The whole system", function () {
  this.timeout(fuzzing ? 0 : 120_000);

  it("keeps INV-1 … INV-10, the model's balances and rates, and ETH conservation after every step of random valid sequences", async function () {
    const started = Date.now();
    const { details, totals } = await checkModel(connection, {
      numRuns,
      maxCommands,
      seed,
      path,
      known,
      only,
      onSequence: fuzzing
        ? ({ sequences, steps }) =>
            process.stderr.write(
              `\r      fuzz seed ${seed}: ${sequences} sequences (of ${numRuns}, then shrinking), ${steps} steps, ${Math.round((Date.now() - started) / 1000)} s`,
            )
        : undefined,
    });
    if (fuzzing) process.stderr.write("\n");
    if (details.failed) {
      const error = String(
        (details.errorInstance as Error | undefined)?.message ?? details.errorInstance,
      );
      throw new Error(
        printScenario({
          seed: details.seed,
          path: details.counterexamplePath ?? undefined,
          commands: ranCommands(details.counterexample![0] as Iterable<unknown>),
          error,
        }) + `\n\n${error}`,
      );
    }
    if (fuzzing || process.env.FUZZ_STATS === "1") {
      console.log(
        `      ${totals.sequences} sequences, ${totals.steps} steps in ${Date.now() - started} ms`,
      );
      for (const [message, count] of totals.known) {
        console.log(`      known failure ×${count}: ${message}`);
      }
      const counts = [...commandCounts].sort(([a], [b]) => a.localeCompare(b));
      console.log(`      commands run: ${counts.map(([name, n]) => `${name} ${n}`).join(", ")}`);
    }
  });
});
