/** `lab real lido-wrap --amount 0.005`: wrap stETH into wstETH (approve, then `wrap`). */
import { formatAmount } from "../../scripts/lib/format.js";
import { openReal, requireWithinCap } from "../../scripts/lib/real.js";
import { labAction, parseAmount } from "../lib.js";
import { approveStEth, requireStEth, sendReal, STETH, WSTETH } from "./shared.js";

export default labAction<{ amount: string; iKnow: boolean; account: string }>(
  async ({ amount, iKnow, account }, hre) => {
    const value = parseAmount(amount, "amount", STETH);
    requireWithinCap(value, "amount", iKnow);
    const real = await openReal(hre, account);
    const { lido, wstETH, signer } = real;
    const me = signer.address;
    const held = (await lido.balanceOf(me)) as bigint;
    requireStEth(held, value);
    await approveStEth(real, await wstETH.getAddress(), value);
    const quoted = (await wstETH.getWstETHByStETH(value)) as bigint;
    const before = (await wstETH.balanceOf(me)) as bigint;
    const link = await sendReal(
      real,
      "Wrap refused",
      ["Lido wstETH", "Lido"],
      () => wstETH.wrap.estimateGas(value),
      () => wstETH.wrap(value),
    );
    const got = ((await wstETH.balanceOf(me)) as bigint) - before;
    console.log(
      `Wrapped ${formatAmount(value, STETH)} into ${formatAmount(got, WSTETH)} (quoted ${formatAmount(quoted, WSTETH)}): ` +
        `its count stays, its rate grows — ${link}`,
    );
  },
);
