/**
 * `lab lrt-manage` (the vault's manager role): `--delegate <operator>` delegates the vault,
 * `--restake 0.01` restakes idle slETH above the liquidity buffer, `--harvest` claims and
 * compounds the services' rewards (a fee is minted to the treasury).
 *
 * Moving the vault to another operator (docs/lrt-vault.md, `undelegate`):
 *   `--undelegate`  queue all the vault's restaked slETH as one withdrawal (slashable by the old
 *                   operator for the restaking withdrawal delay);
 *   `--complete`    once the delay has passed, bring the vault's matured withdrawals back as idle
 *                   slETH (anyone may run it);
 *   then `--delegate <new operator>` and `--restake <slETH>`.
 *
 * Several actions in one command run in the order complete → delegate → restake → harvest;
 * `--undelegate` stands alone (leaving contradicts joining, restaking or harvesting).
 */
import {
  eth,
  formatDuration,
  formatWait,
  labAction,
  labCommand,
  labErrors,
  openLab,
  parseAddress,
  parseAmount,
  refuseConflict,
  send,
  SLETH,
  UserError,
} from "../lib.js";

interface Args {
  delegate: string;
  restake: string;
  harvest: boolean;
  undelegate: boolean;
  complete: boolean;
  account: string;
}

export default labAction<Args>(
  async ({ delegate, restake, harvest, undelegate, complete, account }, hre) => {
    if (delegate === "" && restake === "" && !harvest && !undelegate && !complete) {
      throw new UserError(
        "Say what to do: --delegate <operator>, --restake <slETH>, --harvest, " +
          "or to move the vault --undelegate, then (after the restaking delay) --complete",
      );
    }
    if (undelegate) {
      refuseConflict(
        { undelegate, complete, delegate: delegate !== "", restake: restake !== "", harvest },
        "--undelegate alone, then --complete after the restaking delay",
      );
    }
    const assets = restake === "" ? 0n : parseAmount(restake, "restake", SLETH);
    const lab = await openLab(hre, account);
    const { vault } = lab;
    const errors = labErrors(lab);

    if (undelegate) {
      const [operator, restaked] = await Promise.all([vault.operator(), vault.restakedAssets()]);
      const hash = await send("Undelegating the vault refused", errors, () => vault.undelegate());
      const [[withdrawalId, readyAt], now] = await Promise.all([
        vault.pendingUndelegation(),
        lab.now(),
      ]);
      console.log(`The vault left ${operator} — ${hash}`);
      if (withdrawalId === 0n) {
        console.log(
          `It had nothing restaked: delegate it anew with ${labCommand("lrt-manage", "--delegate <operator>")}.`,
        );
      } else {
        console.log(
          `Its ${eth(restaked, "slETH")} restaked are queued as withdrawal #${withdrawalId}, ` +
            `slashable by that operator for the restaking delay: ` +
            `${formatWait(readyAt, now)}, then ${labCommand("lrt-manage", "--complete")}.`,
        );
      }
    }

    if (complete) await completeWithdrawals(lab);

    if (delegate !== "") {
      const operator = await parseAddress(lab, delegate, "delegate");
      const hash = await send("Delegating the vault refused", errors, () =>
        vault.delegateTo(operator),
      );
      console.log(`The vault is delegated to ${operator} — ${hash}`);
    }
    if (restake !== "") {
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

/**
 * `--complete`: brings back every withdrawal of the vault whose delay has passed, or refuses
 * with how long to wait (the vault's `completeQueuedWithdrawals` itself completes nothing
 * silently).
 */
async function completeWithdrawals(lab: Awaited<ReturnType<typeof openLab>>): Promise<void> {
  const { vault } = lab;
  const again = labCommand("lrt-manage", "--complete");
  const open = await vault.openWithdrawals();
  if (open === 0n) {
    throw new UserError(
      `The vault has no withdrawal in the restaking manager to complete (${labCommand("status")} shows its assets).`,
    );
  }
  const ready = await vault.completeQueuedWithdrawals.staticCall(open);
  if (ready === 0n) {
    const [[withdrawalId, readyAt], now] = await Promise.all([
      vault.pendingUndelegation(),
      lab.now(),
    ]);
    const wait =
      withdrawalId === 0n
        ? "wait the restaking withdrawal delay"
        : `the undelegation (withdrawal #${withdrawalId}) is ready ${readyAt > now ? `in ${formatDuration(readyAt - now)}` : "now"}: ${formatWait(readyAt, now)}`;
    throw new UserError(
      `None of the vault's ${open} open withdrawal(s) has passed its delay yet (it stays slashable until then): ${wait}, then ${again}.`,
    );
  }
  const idleBefore = await vault.idleAssets();
  const hash = await send("Completing the vault's withdrawals refused", labErrors(lab), () =>
    vault.completeQueuedWithdrawals(open),
  );
  const [idle, left, operator] = await Promise.all([
    vault.idleAssets(),
    vault.openWithdrawals(),
    vault.operator(),
  ]);
  console.log(
    `Completed ${ready} withdrawal(s): ${eth(idle - idleBefore, "slETH")} back, idle now ${eth(idle, "slETH")} — ${hash}`,
  );
  if (left > 0n) {
    console.log(`${left} withdrawal(s) still wait their delay: then ${again}.`);
  } else if (operator === lab.ethers.ZeroAddress) {
    console.log(
      `The vault is free to move: ${labCommand("lrt-manage", "--delegate <operator>")}, then ${labCommand("lrt-manage", "--restake <slETH>")}.`,
    );
  }
}
