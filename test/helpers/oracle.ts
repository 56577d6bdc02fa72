/**
 * The oracle in tests: the same computation as the scripts and tasks (`scripts/lib/oracle.ts`),
 * plus one-liners to build and submit a report.
 */
import type { ContractTransactionResponse, Signer } from "ethers";

import {
  buildOracleReport,
  type OraclePoolReader,
  type OracleReport,
  type OracleSimulatorReader,
} from "../../scripts/lib/oracle.js";

export * from "../../scripts/lib/oracle.js";

/** The report an honest oracle would submit now; `overrides` replace fields on purpose. */
export async function oracleReport(
  pool: OraclePoolReader,
  simulator: OracleSimulatorReader,
  overrides: Partial<OracleReport> = {},
): Promise<OracleReport> {
  return (await buildOracleReport(pool, simulator, overrides)).report;
}

/** Builds the honest report (with `overrides`) and submits it as `oracle`. */
export async function submitOracleReport(
  pool: OraclePoolReader & {
    connect(signer: Signer): {
      submitReport(report: OracleReport): Promise<ContractTransactionResponse>;
    };
  },
  simulator: OracleSimulatorReader,
  oracle: Signer,
  overrides: Partial<OracleReport> = {},
): Promise<ContractTransactionResponse> {
  const report = await oracleReport(pool, simulator, overrides);
  return pool.connect(oracle).submitReport(report);
}
