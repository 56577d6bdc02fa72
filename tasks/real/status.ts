/**
 * `lab real status`: the real protocols on Hoodi beside the lab's own figure for the same
 * mechanism — the LST's rate, the withdrawal queue, the stake limit, Rocket Pool's deposit pool,
 * EigenLayer's withdrawal delay — each with one line on what differs and why. Read-only.
 */
import { REAL_ADDRESSES } from "../../config/real-protocols.js";
import { deployCommand } from "../../scripts/lib/commands.js";
import { UserError } from "../../scripts/lib/errors.js";
import {
  ETH,
  formatAmount,
  formatDuration,
  formatEth,
  formatNumber,
  formatWadPercent,
} from "../../scripts/lib/format.js";
import { openReal } from "../../scripts/lib/real.js";
import { printTable, printText } from "../../scripts/lib/table.js";
import { labAction, openLab } from "../lib.js";
import { describeReport, EIGEN_SHARES, nextReport, RETH, STETH, WSTETH } from "./shared.js";

const WAD = 10n ** 18n;
const MAX = 2n ** 256n - 1n;
/** Hoodi's slot time, for blocks → time (eth-clients/hoodi `SECONDS_PER_SLOT`). */
const SECONDS_PER_BLOCK = 12n;

/** The lab's figures on the same network, or the command that deploys it. */
async function labFigures(hre: Parameters<typeof openLab>[0], account: string) {
  try {
    const lab = await openLab(hre, account);
    const [rate, lastId, lastFinalized, delay, cap] = await Promise.all([
      lab.pool.getExchangeRate(),
      lab.pool.lastRequestId(),
      lab.pool.lastFinalizedRequestId(),
      lab.manager.withdrawalDelay(),
      lab.pool.depositCap(),
    ]);
    return { rate, waiting: lastId - lastFinalized, delay, cap };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return undefined;
  }
}

export default labAction<{ account: string }>(async ({ account }, hre) => {
  const real = await openReal(hre, account);
  const { lido, wstETH, queue, depositPool, depositSettings, rETH, strategy } = real;
  const { delegationManager, strategyManager, signer, ethers, networkName } = real;
  const me = signer.address;
  const now = await real.now();
  const [pooled, shares, stEthPerToken, limitInfo, unfinalized, unfinalizedStETH, bunker] =
    (await Promise.all([
      lido.getTotalPooledEther(),
      lido.getTotalShares(),
      wstETH.stEthPerToken(),
      lido.getStakeLimitFullInfo(),
      queue.unfinalizedRequestNumber(),
      queue.unfinalizedStETH(),
      queue.isBunkerModeActive(),
    ])) as [bigint, bigint, bigint, bigint[], bigint, bigint, boolean];
  const report = await nextReport(real);
  const [rethRate, collateral, room, poolBalance, enabled, minimum, maximum, fee] =
    (await Promise.all([
      rETH.getExchangeRate(),
      rETH.getTotalCollateral(),
      depositPool.getMaximumDepositAmount(),
      depositPool.getBalance(),
      depositSettings.getDepositEnabled(),
      depositSettings.getMinimumDeposit(),
      depositSettings.getMaximumDepositPoolSize(),
      depositSettings.getDepositFee(),
    ])) as [bigint, bigint, bigint, bigint, boolean, bigint, bigint, bigint];
  const [delayBlocks, totalShares, whitelisted] = (await Promise.all([
    delegationManager.minWithdrawalDelayBlocks(),
    strategy.totalShares(),
    strategyManager.strategyIsWhitelistedForDeposit(
      REAL_ADDRESSES.eigenLayer.stETHStrategy.address,
    ),
  ])) as [bigint, bigint, boolean];
  const totalUnderlying = (await strategy.sharesToUnderlyingView(totalShares)) as bigint;
  const lab = await labFigures(hre, account);

  const shareRate = (pooled * WAD) / shares;
  const [paused, limitSet, currentLimit, maxLimit] = limitInfo;
  const stakeLimit = paused
    ? "staking paused"
    : !limitSet || currentLimit === MAX
      ? "no limit"
      : `${formatEth(currentLimit)} now (max ${formatEth(maxLimit)})`;
  const notDeployed = `not deployed on ${networkName}`;
  const rate = (wad: bigint, unit: string) => `${formatNumber(wad, 18)} ETH per ${unit}`;
  printTable(
    ["mechanism", "real, on Hoodi", "the lab"],
    [
      [
        "LST rate",
        `stETH: ${rate(shareRate, "share")}\nwstETH: ${rate(stEthPerToken, "wstETH")}`,
        lab ? `slETH: ${rate(lab.rate, "slETH")}` : notDeployed,
      ],
      [
        "rETH rate",
        rate(rethRate, "rETH"),
        lab ? `slETH: ${rate(lab.rate, "slETH")}` : notDeployed,
      ],
      [
        "withdrawal queue",
        `${unfinalized} request(s) unfinalised, ${formatAmount(unfinalizedStETH, STETH)}\n` +
          `bunker mode ${bunker ? "ON" : "off"}\nnext oracle report ${describeReport(report, now)}`,
        lab ? `${lab.waiting} request(s) waiting; finalised by \`lab report\`` : notDeployed,
      ],
      [
        "stake limit",
        stakeLimit,
        lab ? (lab.cap === MAX ? "no cap" : `cap ${formatEth(lab.cap)} in all`) : notDeployed,
      ],
      [
        "Rocket Pool deposit pool",
        `${enabled ? "open" : "deposits disabled"}; room ${formatEth(room)}\n` +
          `holds ${formatEth(poolBalance)} of ${formatEth(maximum)}\nfee ${formatWadPercent(fee)}, ` +
          `minimum ${formatEth(minimum)}\nrETH collateral ${formatEth(collateral)}`,
        "no deposit fee; its exit is the queue (or sell slETH: `lab swap`)",
      ],
      [
        "restaking delay",
        `${delayBlocks} blocks ≈ ${formatDuration(delayBlocks * SECONDS_PER_BLOCK)}`,
        lab ? formatDuration(lab.delay) : notDeployed,
      ],
      [
        "stETH strategy",
        `${formatAmount(totalShares, EIGEN_SHARES)} = ${formatAmount(totalUnderlying, STETH)}\n` +
          `${whitelisted ? "takes deposits" : "closed to deposits"}`,
        "the lab's strategy holds slETH (`lab status`)",
      ],
    ],
  );
  printText(
    "What differs: stETH rebases (its balance grows, the share rate is the rate); wstETH, rETH and " +
      "slETH keep their count and their rate grows. Lido finalises its queue at an oracle report every " +
      `${formatDuration(report.frameSeconds)} (24 h on mainnet); the lab's oracle is a task you run. ` +
      "Rocket Pool exits at once from a collateral buffer, Lido and the lab through a queue. EigenLayer " +
      "counts its delay in blocks, the lab in seconds.",
  );
  if (lab === undefined) {
    printText(
      `The lab is not deployed on ${networkName}: deploy it with ${deployCommand(networkName)}.`,
    );
  }
  const [eth, stEth, wst, reth, restaked, queued] = (await Promise.all([
    ethers.provider.getBalance(me),
    lido.balanceOf(me),
    wstETH.balanceOf(me),
    rETH.balanceOf(me),
    strategyManager.stakerDepositShares(me, REAL_ADDRESSES.eigenLayer.stETHStrategy.address),
    delegationManager.getQueuedWithdrawals(me),
  ])) as [bigint, bigint, bigint, bigint, bigint, [unknown[], unknown]];
  printTable(
    [`you (${me})`, ""],
    [
      ["ETH", formatAmount(eth, ETH)],
      ["stETH · wstETH", `${formatAmount(stEth, STETH)} · ${formatAmount(wst, WSTETH)}`],
      ["rETH", formatAmount(reth, RETH)],
      [
        "EigenLayer stETH strategy",
        `${formatAmount(restaked, EIGEN_SHARES)}, ${queued[0].length} withdrawal(s) queued`,
      ],
    ],
  );
});
