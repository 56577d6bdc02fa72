/**
 * `lab allocate --avs <address|account> --percent 50` (operator): opt in to a service if needed,
 * and allocate that share of your stake to it (a magnitude). Lowering it takes effect after the
 * deallocation delay and stays slashable until then.
 */
import { labAction, labErrors, openLab, parseAddress, parsePercentWad, send } from "../lib.js";

export default labAction<{ avs: string; percent: string; account: string }>(
  async ({ avs, percent, account }, hre) => {
    const lab = await openLab(hre, account);
    const { manager, token, signer } = lab;
    const service = await parseAddress(lab, avs, "avs");
    const magnitude = parsePercentWad(percent, "percent");
    if (!(await manager.isOptedIn(signer.address, service))) {
      await send("Opting in refused", labErrors(lab), () => manager.optInToAVS(service));
      console.log(`Opted in to ${service}.`);
    }
    const hash = await send("Allocation refused", labErrors(lab), () =>
      manager.modifyAllocation(service, token, magnitude),
    );
    const allocation = await manager.getAllocation(signer.address, service, token);
    console.log(
      `Allocation to ${service}: ${percent} % of your LST stake requested; now ${Number(allocation.currentMagnitude) / 1e16} %` +
        (allocation.pendingDiff !== 0n
          ? `, the change applies at ${new Date(Number(allocation.effectTimestamp) * 1000).toISOString()}`
          : "") +
        ` — tx ${hash}`,
    );
  },
);
