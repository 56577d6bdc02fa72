/**
 * The teacher's controls of the demo (`--step`, `--chapter`, `--lang`, `--report`): set once by
 * the demo task, read by every chapter. Chapters call `pause()` after each table: with `--step`
 * it waits for Enter, otherwise it returns at once (the demo never waits on anything else).
 */
import { createInterface } from "node:readline";

import type { Language } from "../i18n/index.js";
import { t } from "../i18n/index.js";

export interface Controls {
  /** Wait for Enter after each step (a table and its sentence). */
  step: boolean;
  /** The one chapter to run (`--chapter`), or every chapter when undefined. */
  chapter?: string;
  /** The language of every line (`--lang`). */
  language: Language;
  /** Where to write the HTML report (`--report <dir>`), or no report when undefined. */
  reportDir?: string;
}

let controls: Controls = { step: false, language: "en" };

/** Sets the controls for the rest of the run. */
export function setControls(next: Controls): void {
  controls = next;
}

/** The controls of this run. */
export function getControls(): Readonly<Controls> {
  return controls;
}

/** Whether `pause()` can wait here: `--step` asked for, and stdin a terminal still open. */
export function canPause(): boolean {
  return controls.step && process.stdin.isTTY === true && !process.stdin.readableEnded;
}

/**
 * With `--step`, waits for Enter; otherwise returns at once. Only a terminal is waited on: when
 * stdin is a pipe, a file or closed (CI, a test, `npm run demo < /dev/null`), it never blocks.
 */
export async function pause(): Promise<void> {
  if (!canPause()) return;
  const lines = createInterface({ input: process.stdin, output: process.stdout });
  await new Promise<void>((resolve) => {
    lines.once("line", () => resolve());
    lines.once("close", () => resolve());
    lines.setPrompt(t("demo:pressEnter"));
    lines.prompt();
  });
  lines.close();
}
