/** One import for tests: units, named assertions and layered fixtures. */
export * from "./units.js";
export * from "./assertions.js";
export * from "./oracle.js";
export * from "./invariants.js";
export * from "./restaking-invariants.js";
export * from "./lrt-invariants.js";
export * from "./pool-invariants.js";
