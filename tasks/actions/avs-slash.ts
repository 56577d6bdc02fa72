/**
 * `lab avs-slash --operator <address|account> --percent 10` (an AVS): slash that fraction of the
 * operator's allocation to you. Its delegators lose allocation × percent of their stake.
 */
import {
  formatAmount,
  formatWadPercent,
  labAction,
  labErrors,
  openLab,
  parseAddress,
  parsePercentWad,
  send,
  SHARES,
} from "../lib.js";

export default labAction<{
  operator: string;
  percent: string;
  description: string;
  account: string;
}>(async ({ operator, percent, description, account }, hre) => {
  const wadToSlash = parsePercentWad(percent, "percent");
  const lab = await openLab(hre, account);
  const { manager, token } = lab;
  const target = await parseAddress(lab, operator, "operator");
  const before = await manager.operatorShares(target, token);
  const hash = await send("Slashing refused", labErrors(lab), () =>
    manager.slashOperator(target, wadToSlash, description),
  );
  const after = await manager.operatorShares(target, token);
  console.log(
    `Slashed ${formatWadPercent(wadToSlash)} of ${target}'s allocation: its delegated LST shares ` +
      `${formatAmount(before, SHARES)} → ${formatAmount(after, SHARES)} — ${hash}`,
  );
});
