/**
 * `lab lrt-manage --delegate <operator>` / `--restake 0.01` / `--harvest` (the vault's manager
 * role): delegate the vault to an operator (once), restake idle slETH above the liquidity
 * buffer, or claim and compound the services' rewards (a fee is minted to the treasury).
 */
import {
  eth,
  labAction,
  labErrors,
  openLab,
  parseAddress,
  parseAmount,
  send,
  UserError,
} from "../lib.js";

export default labAction<{ delegate: string; restake: string; harvest: boolean; account: string }>(
  async ({ delegate, restake, harvest, account }, hre) => {
    const lab = await openLab(hre, account);
    const { vault } = lab;
    const errors = labErrors(lab);
    if (delegate === "" && restake === "" && !harvest) {
      throw new UserError("Say what to do: --delegate <operator>, --restake <slETH> or --harvest");
    }
    if (delegate !== "") {
      const operator = await parseAddress(lab, delegate, "delegate");
      const hash = await send("Delegating the vault refused", errors, () =>
        vault.delegateTo(operator),
      );
      console.log(`The vault is delegated to ${operator} — ${hash}`);
    }
    if (restake !== "") {
      const assets = parseAmount(restake, "restake");
      const hash = await send("Restaking refused", errors, () => vault.restake(assets));
      console.log(
        `Restaked ${eth(assets, "slETH")}; idle now ${eth(await vault.idleAssets(), "slETH")} — ${hash}`,
      );
    }
    if (harvest) {
      const hash = await send("Harvest refused", errors, () => vault.harvestRewards());
      console.log(
        `Rewards compounded; the vault now holds ${eth(await vault.totalAssets(), "slETH")} — ${hash}`,
      );
    }
  },
);
