// Hardhat 2: compiles contracts_sol/ with the same solc-js and settings as scripts/compile.js
// (which writes the committed artifacts), and runs the local development chain (`npx hardhat node`).
// Works offline: the compiler is the npm `solc` pinned in package.json, never a download.
'use strict';

// `hardhat node` must start without asking anything (tests and CI run it unattended).
process.env.HARDHAT_DISABLE_TELEMETRY_PROMPT = 'true';

const path = require('node:path');
const { subtask } = require('hardhat/config');
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require('hardhat/builtin-tasks/task-names');

const SOLC = require('solc/package.json').version; // e.g. "0.8.37"
const SETTINGS = require('./scripts/solc-settings.json'); // shared with scripts/compile.js

// The documented recipe for a local compiler: hand Hardhat the solc-js from node_modules.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD).setAction(async ({ solcVersion }, hre, runSuper) => {
  if (solcVersion !== SOLC) return runSuper();
  const solc = require('solc');
  return {
    compilerPath: require.resolve('solc/soljson.js'),
    isSolcJs: true,
    version: SOLC,
    longVersion: solc.version().replace(/\.Emscripten\.clang$/, ''),
  };
});

/** @type {import('hardhat/config').HardhatUserConfig} */
module.exports = {
  solidity: {
    version: SOLC,
    settings: {
      evmVersion: SETTINGS.evmVersion,
      optimizer: SETTINGS.optimizer,
      viaIR: SETTINGS.viaIR,
    },
  },
  paths: {
    root: __dirname,
    sources: path.join(__dirname, 'contracts_sol'),
    tests: path.join(__dirname, 'tests', 'hardhat'),
    cache: path.join(__dirname, '.hardhat', 'cache'),
    artifacts: path.join(__dirname, '.hardhat', 'artifacts'),
  },
  defaultNetwork: 'hardhat',
  networks: {
    hardhat: { chainId: 31337 },
    localhost: { url: 'http://127.0.0.1:8545', chainId: 31337 },
  },
};
