/**
 * `lab allocate --avs <address|account> --percent 50` (operator): opt in to a service if needed,
 * and allocate that share of your stake to it (a magnitude). Lowering it takes effect after the
 * deallocation delay and stays slashable until then.
 */
import {
  formatWadPercent,
  formatWhen,
  labAction,
  labErrors,
  openLab,
  parseAddress,
  parsePercentWad,
  send,
} from "../lib.js";

export default labAction<{ avs: string; percent: string; account: string }>(
  async ({ avs, percent, account }, hre) => {
    const magnitude = parsePercentWad(percent, "percent");
    const lab = await openLab(hre, account);
    const { manager, token, signer } = lab;
    const service = await parseAddress(lab, avs, "avs");
    if (!(await manager.isOptedIn(signer.address, service))) {
      const hash = await send("Opting in refused", labErrors(lab), () =>
        manager.optInToAVS(service),
      );
      console.log(`Opted in to ${service} — ${hash}`);
    }
    const hash = await send("Allocation refused", labErrors(lab), () =>
      manager.modifyAllocation(service, token, magnitude),
    );
    const allocation = await manager.getAllocation(signer.address, service, token);
    console.log(
      `Allocation to ${service}: ${formatWadPercent(magnitude)} of your LST stake requested; now ` +
        `${formatWadPercent(allocation.currentMagnitude)}` +
        (allocation.pendingDiff > 0n
          ? `; the increase becomes slashable ${formatWhen(allocation.effectTimestamp, await lab.now())} ` +
            "(the allocation delay, longer than the withdrawal delay, lets delegators leave first)"
          : allocation.pendingDiff < 0n
            ? `; the decrease applies ${formatWhen(allocation.effectTimestamp, await lab.now())} (slashable until then)`
            : "") +
        ` — ${hash}`,
    );
  },
);
