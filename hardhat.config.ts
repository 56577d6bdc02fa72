import { createRequire } from "node:module";

import hardhatToolboxMochaEthersPlugin from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import { compareTasks } from "./tasks/compare.js";
import { demoTasks } from "./tasks/demo.js";
import { labTasks } from "./tasks/index.js";
import { realTasks } from "./tasks/real-index.js";

// The compiler comes from the pinned `solc` npm package (WebAssembly), so building needs no
// download: it works offline, in CI and in a classroom without internet. Keep the version equal
// to the `solc` version in package.json. Hardhat needs an absolute path here.
const SOLC_VERSION = "0.8.30";
const solcPath = createRequire(import.meta.url).resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin],
  tasks: [...labTasks, ...realTasks, ...demoTasks, ...compareTasks],
  // Test files run in two processes at once (the machines here have 2 cores): each file deploys
  // its own fixtures on its own embedded chain, so files do not share state. `npm run fuzz`,
  // `gas` and `coverage` run in one process (STAKING_LAB_SERIAL_TESTS=1): the fuzz progress line
  // updates as it goes, and gas and coverage are counted once per call.
  test: { mocha: { parallel: process.env.STAKING_LAB_SERIAL_TESTS !== "1", jobs: 2 } },
  solidity: {
    version: SOLC_VERSION,
    path: solcPath,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "prague",
    },
  },
  networks: {
    // Hoodi, the Ethereum testnet for staking (chain id 560048). The URL and the deployer's key
    // are read from the encrypted keystore (`npx hardhat keystore set HOODI_RPC_URL`) or from
    // environment variables of the same names; they are never written in this file.
    hoodi: {
      type: "http",
      chainType: "l1",
      chainId: 560048,
      url: configVariable("HOODI_RPC_URL"),
      accounts: [configVariable("HOODI_PRIVATE_KEY")],
    },
    // A `npx hardhat node --hostname 127.0.0.1` on this machine.
    localhost: {
      type: "http",
      chainType: "l1",
      url: "http://127.0.0.1:8545",
    },
  },
  verify: {
    etherscan: {
      apiKey: configVariable("ETHERSCAN_API_KEY"),
    },
  },
});
