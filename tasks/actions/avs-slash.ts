/**
 * `lab avs-slash --operator <address|account> --percent 10` (an AVS): slash that fraction of the
 * operator's allocation to you. Its delegators lose allocation × percent of their stake.
 */
import { formatEther } from "ethers";

import { labAction, labErrors, openLab, parseAddress, parsePercentWad, send } from "../lib.js";

export default labAction<{
  operator: string;
  percent: string;
  description: string;
  account: string;
}>(async ({ operator, percent, description, account }, hre) => {
  const lab = await openLab(hre, account);
  const { manager, token } = lab;
  const target = await parseAddress(lab, operator, "operator");
  const wadToSlash = parsePercentWad(percent, "percent");
  const before = await manager.operatorShares(target, token);
  const hash = await send("Slashing refused", labErrors(lab), () =>
    manager.slashOperator(target, wadToSlash, description),
  );
  const after = await manager.operatorShares(target, token);
  console.log(
    `Slashed ${percent} % of ${target}'s allocation: its delegated LST shares ${formatEther(before)} → ${formatEther(after)} — tx ${hash}`,
  );
});
