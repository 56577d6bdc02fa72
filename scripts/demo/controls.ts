/**
 * The teacher's controls of the demo (`--step`, `--chapter`, `--lang`, `--report`): set once by
 * the demo task, read by every chapter. Chapters call `pause()` after each table: with `--step`
 * it waits for Enter, otherwise it returns at once (the demo never waits on anything else).
 */
export interface Controls {
  /** Wait for Enter after each step (a table and its sentence). */
  step: boolean;
}

let controls: Controls = { step: false };

/** Sets the controls for the rest of the run. */
export function setControls(next: Controls): void {
  controls = next;
}

/** With `--step`, waits for Enter; otherwise returns at once. */
export async function pause(): Promise<void> {
  if (!controls.step) return;
  // Implemented with the demo task (issue 10): reads one line from stdin.
}
