/**
 * `lab time --seconds 86400` (local nodes only): move the chain's clock forward. On Hoodi time
 * passes by itself; the classroom profile makes a simulated year last 30 real minutes.
 */
import { formatDuration, labAction, openLab, parseIndex, UserError } from "../lib.js";

/** The longest jump: ten years (a block's timestamp must stay a sane moment). */
const MAX_SECONDS = 10n * 365n * 86_400n;

export default labAction<{ seconds: string; account: string }>(
  async ({ seconds, account }, hre) => {
    const delta = parseIndex(seconds, "seconds", {
      min: 1n,
      max: MAX_SECONDS,
      describe: formatDuration,
    });
    const { connection, networkName, simulator } = await openLab(hre, account);
    if (networkName === "hoodi") {
      throw new UserError(
        "Time cannot be moved on Hoodi: wait (a simulated year is 30 minutes in the classroom profile).",
      );
    }
    await connection.networkHelpers.time.increase(delta);
    const days = Number(await simulator.simulatedTime()) / 86_400;
    console.log(
      `Moved ${formatDuration(delta)} forward; simulated time is now day ${days.toFixed(2)}.`,
    );
  },
);
