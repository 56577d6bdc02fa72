/** `lab cl-fund --amount 0.01` (anyone, usually the teacher): top up the CL reward reserve. */
import { eth, labAction, openLab, parseAmount, send } from "../lib.js";

export default labAction<{ amount: string; account: string }>(async ({ amount, account }, hre) => {
  const value = parseAmount(amount, "amount");
  const { simulator } = await openLab(hre, account);
  const hash = await send("Funding refused", [{ name: "BeaconChainSimulator" }], () =>
    simulator.fundRewards({ value }),
  );
  console.log(`Reward reserve is now ${eth(await simulator.rewardReserve())} — ${hash}`);
});
