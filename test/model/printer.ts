/**
 * Prints a failing (shrunk) sequence as a scenario ready to paste into
 * `test/model/regressions.test.ts`: fast-check's seed and path (to replay the whole search), the
 * error, and the commands as TypeScript lines using the project's helpers (`ether("…")`).
 */
import type { ModelCommand } from "./command.js";

export interface Failure {
  seed: number;
  path?: string;
  commands: ModelCommand[];
  error: string;
}

/** The commands fast-check actually ran (its counterexample wraps each one, with `hasRan`). */
export function ranCommands(counterexample: Iterable<unknown>): ModelCommand[] {
  const ran: ModelCommand[] = [];
  for (const entry of counterexample) {
    const wrapper = entry as { cmd?: ModelCommand; hasRan?: boolean };
    if (wrapper.cmd === undefined) ran.push(entry as ModelCommand);
    else if (wrapper.hasRan) ran.push(wrapper.cmd);
  }
  return ran;
}

/** The scenario, as text. */
export function printScenario({ seed, path, commands, error }: Failure): string {
  const firstLine = error.split("\n")[0];
  const replayEnv = `FUZZ_SEED=${seed}${path === undefined ? "" : ` FUZZ_PATH="${path}"`}`;
  return [
    `// A random sequence broke the system: ${firstLine}`,
    `// fast-check seed ${seed}${path === undefined ? "" : `, path "${path}"`}; replay the search with`,
    `// ${replayEnv} npm run fuzz, or paste this into test/model/regressions.test.ts:`,
    `it("keeps every invariant when ${commands.length} steps run in this order", async () => {`,
    `  await replay(connection, [`,
    ...commands.map((c) => `    ${c.toCode()},`),
    `  ]);`,
    `});`,
  ].join("\n");
}
