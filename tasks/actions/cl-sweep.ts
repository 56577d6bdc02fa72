/**
 * `lab cl-sweep` (anyone): pay the pool what the consensus layer owes it — skimmed rewards of
 * active validators and the whole balance of withdrawable ones. `--index N` sweeps one validator.
 */
import {
  eth,
  formatWait,
  labAction,
  labCommand,
  openLab,
  parseIndex,
  requireValidator,
  send,
} from "../lib.js";

const ACTIVE = 1n;
const EXITING = 2n;

export default labAction<{ index: string; account: string }>(async ({ index, account }, hre) => {
  const validator = index === "" ? undefined : parseIndex(index, "index");
  const lab = await openLab(hre, account);
  const { simulator, pool, ethers } = lab;
  const errors = [{ name: "BeaconChainSimulator" }];
  if (validator !== undefined) {
    await requireValidator(lab, validator);
    const hash = await send(`Sweep of validator #${validator} refused`, errors, () =>
      simulator.sweep(validator),
    );
    console.log(`Validator #${validator} swept — ${hash}`);
    return;
  }
  const poolAddress = await pool.getAddress();
  const deposit = await simulator.validatorDeposit();
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const before = await pool.unaccountedClWithdrawals();
  let swept = 0;
  const waiting: string[] = [];
  for (let i = 0n; i < (await simulator.validatorCount()); i++) {
    const v = await simulator.getValidator(i);
    if (v.withdrawalAddress !== poolAddress) continue;
    const status = BigInt(v.status);
    const skimmable = status === ACTIVE && (await simulator.validatorBalance(i)) > deposit;
    const withdrawable = status === EXITING && v.withdrawableAt <= now;
    if (status === EXITING && v.withdrawableAt > now) {
      waiting.push(`#${i} (${formatWait(v.withdrawableAt, now)})`);
    }
    if (!skimmable && !withdrawable) continue;
    await send(`Sweep of validator #${i} refused`, errors, () => simulator.sweep(i));
    swept++;
  }
  const received = (await pool.unaccountedClWithdrawals()) - before;
  console.log(
    `Swept ${swept} validator(s); the pool received ${eth(received)} (accounted at the next report: ${labCommand("report")}).` +
      (waiting.length > 0
        ? `\nNot withdrawable yet, sweep again later: validator ${waiting.join(", ")}.`
        : ""),
  );
});
