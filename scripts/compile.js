#!/usr/bin/env node
// Compiles the anchor contract(s) with the solc-js pinned in package.json, offline, and writes one
// artifact per contract to anchor/artifacts/<Name>.json.
//
//   node scripts/compile.js [SOURCE_DIR] [OUT_DIR]
//   (or RIGHTS_CONTRACTS_DIR / RIGHTS_ARTIFACTS_DIR; defaults contracts_sol/ and anchor/artifacts/)
//
// Every SOURCE_DIR/*.sol is one source unit named "<basename of SOURCE_DIR>/<file>" (the name
// Hardhat gives it, so both tools embed the same metadata); imports such as
// "@openzeppelin/contracts/..." are read from node_modules. Compiler settings live in
// scripts/solc-settings.json, shared with hardhat.config.js.
//
// Output is stable (sorted keys, 2-space indent, trailing newline): unchanged sources give
// byte-identical artifacts, which a test compares with the committed ones.
//
// sourceHash = SHA-256 (hex) over the contract's source closure (its file and everything it
// imports, transitively, OpenZeppelin included) sorted by source unit name, each unit framed as
//   utf8(name) || 0x00 || utf8(content) || 0x00
// so that any change in any of them, or a renamed file, changes the hash.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SETTINGS = require('./solc-settings.json');

function fail(message) {
  process.stderr.write(`compile: ${message}\n`);
  process.exit(1);
}

function loadSolc() {
  try {
    return require('solc');
  } catch (err) {
    fail(`cannot load solc from node_modules (run npm ci): ${err.message}`);
  }
  return undefined;
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

function stableJson(value) {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

// Where an import lives on disk: project units under SOURCE_DIR, the rest in node_modules.
function makeResolver(srcDir, prefix) {
  const searchRoots = [];
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    searchRoots.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) break;
  }
  return function resolve(unitName) {
    const parts = unitName.split('/');
    if (path.isAbsolute(unitName) || parts.includes('..') || parts.includes('.')) {
      return { error: `refusing import path "${unitName}": use a package path or a relative path inside the source dir` };
    }
    if (unitName.startsWith(prefix)) {
      const file = path.join(srcDir, unitName.slice(prefix.length));
      if (fs.existsSync(file)) return { file };
      return { error: `not found: ${file}` };
    }
    for (const base of searchRoots) {
      const file = path.join(base, unitName);
      if (fs.existsSync(file)) return { file };
    }
    return { error: `not found in node_modules (run npm ci?): ${unitName}` };
  };
}

// Import directives of a source unit, from its AST: the names solc resolved them to.
function importsOf(ast) {
  const out = [];
  for (const node of (ast && ast.nodes) || []) {
    if (node.nodeType === 'ImportDirective' && node.absolutePath) out.push(node.absolutePath);
  }
  return out;
}

function closure(start, astByUnit) {
  const seen = new Set();
  const stack = [start];
  while (stack.length) {
    const unit = stack.pop();
    if (seen.has(unit)) continue;
    seen.add(unit);
    const entry = astByUnit[unit];
    if (entry) stack.push(...importsOf(entry.ast));
  }
  return [...seen].sort();
}

function sourceHash(units, contents) {
  const hash = crypto.createHash('sha256');
  for (const unit of units) {
    hash.update(Buffer.from(unit, 'utf8'));
    hash.update(Buffer.from([0]));
    hash.update(Buffer.from(contents[unit], 'utf8'));
    hash.update(Buffer.from([0]));
  }
  return hash.digest('hex');
}

function main() {
  const srcDir = path.resolve(process.argv[2] || process.env.RIGHTS_CONTRACTS_DIR || path.join(ROOT, 'contracts_sol'));
  const outDir = path.resolve(process.argv[3] || process.env.RIGHTS_ARTIFACTS_DIR || path.join(ROOT, 'anchor', 'artifacts'));
  if (!fs.existsSync(srcDir) || !fs.statSync(srcDir).isDirectory()) fail(`no source directory: ${srcDir}`);
  const files = fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort();
  if (files.length === 0) fail(`no .sol files in ${srcDir}`);

  const prefix = `${path.basename(srcDir)}/`;
  const contents = {}; // every source unit the compiler read, by name
  const sources = {};
  for (const file of files) {
    const unit = prefix + file;
    contents[unit] = fs.readFileSync(path.join(srcDir, file), 'utf8');
    sources[unit] = { content: contents[unit] };
  }
  const projectUnits = new Set(Object.keys(sources));

  const resolve = makeResolver(srcDir, prefix);
  function findImports(unitName) {
    const found = resolve(unitName);
    if (found.error) return { error: found.error };
    contents[unitName] = fs.readFileSync(found.file, 'utf8');
    return { contents: contents[unitName] };
  }

  const settings = {
    evmVersion: SETTINGS.evmVersion,
    optimizer: SETTINGS.optimizer,
    viaIR: SETTINGS.viaIR,
    outputSelection: {
      '*': {
        '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'],
        '': ['ast'],
      },
    },
  };
  const solc = loadSolc();
  const compilerVersion = solc.version();
  const output = JSON.parse(solc.compile(JSON.stringify({ language: 'Solidity', sources, settings }), { import: findImports }));

  let errors = 0;
  for (const diag of output.errors || []) {
    const text = (diag.formattedMessage || `${diag.severity}: ${diag.message}`).trimEnd();
    process.stderr.write(`${text}\n\n`);
    if (diag.severity === 'error') errors += 1;
  }
  if (errors) fail(`${errors} error(s); no artifacts written (solc ${compilerVersion})`);

  const artifacts = {};
  for (const unit of [...projectUnits].sort()) {
    const units = closure(unit, output.sources || {});
    for (const [name, contract] of Object.entries((output.contracts || {})[unit] || {})) {
      if (artifacts[name]) fail(`contract name ${name} is defined twice (${artifacts[name].sources[0]} and ${unit})`);
      artifacts[name] = {
        abi: contract.abi,
        bytecode: `0x${contract.evm.bytecode.object}`,
        compiler: compilerVersion,
        contractName: name,
        deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
        settings: { evmVersion: settings.evmVersion, optimizer: settings.optimizer, viaIR: settings.viaIR },
        sourceHash: sourceHash(units, contents),
        sources: units,
      };
    }
  }
  if (Object.keys(artifacts).length === 0) fail(`no contracts found in ${srcDir}`);

  fs.mkdirSync(outDir, { recursive: true });
  for (const name of Object.keys(artifacts).sort()) {
    const file = path.join(outDir, `${name}.json`);
    const text = stableJson(artifacts[name]);
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (old !== text) fs.writeFileSync(file, text);
    process.stdout.write(`${old === text ? 'unchanged' : 'wrote'} ${path.relative(process.cwd(), file) || file}\n`);
  }
  // Artifacts of contracts that no longer exist would mislead the Python side: remove ours only.
  for (const file of fs.readdirSync(outDir).filter((f) => f.endsWith('.json')).sort()) {
    const name = file.slice(0, -'.json'.length);
    if (artifacts[name]) continue;
    try {
      const old = JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8'));
      if (old && old.sourceHash && old.compiler && old.contractName === name) {
        fs.unlinkSync(path.join(outDir, file));
        process.stdout.write(`removed stale ${file}\n`);
      }
    } catch (_) {
      // not one of ours
    }
  }
  process.stdout.write(`compiled ${files.length} file(s) with solc ${compilerVersion}\n`);
}

main();
