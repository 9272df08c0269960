/* RightsLedger proof verifier, run in the reader's own browser (no framework, nothing fetched but
 * the chain's JSON-RPC). It repeats ledger/verifier.py and anchor/verify.py step by step:
 * RFC 8785 canonical entry -> leaf hash, RFC 9162 inclusion, the C2SP signed-note Ed25519
 * signature against the pinned log identity, then on chain: the contract's checkpoint(index),
 * its verifyInclusion and the anchor transaction's receipt. WebCrypto gives SHA-256 and Ed25519.
 * Every step ends passed, failed or not checked (with why); the verdict is "proven" only when every
 * required step passed. The trust root is the pinned policy, never the proof's own claims. */
(function (global) {
  "use strict";

  const FORMAT = "rightsledger-proof/v1";
  const TLOG_HEADER = "c2sp.org/tlog-proof@v1";
  const DESCRIPTOR_FORMAT = "rightsledger-log-descriptor/v1";
  const MAX_HASHES = 64;
  const MAX_SIGNATURES = 100;
  const MAX_DEPTH = 64;
  const DASH = "\u2014 ";
  // From anchor/artifacts/RightsLedgerAnchor.json (a test recomputes them from the ABI).
  const ABI = {
    checkpoint: "ed64bab2", // checkpoint(uint256) -> (uint64 treeSize, uint64 anchoredAt, bytes32 root, bytes32 noteHash)
    verifyInclusion: "fe241234", // verifyInclusion(uint256,uint256,bytes32,bytes32[]) -> bool
    checkpointCount: "1f618cd2", // checkpointCount() -> uint256
    anchoredTopic: "335a01afc035944c81878d679fd332a5fb391c25b50a16bb3529f6b13c57a884",
  };
  const STEP = {
    LEAF: "leaf hash", CHECKPOINT: "checkpoint", INCLUSION: "inclusion", SIGNATURE: "note signature",
    CHAIN: "chain", ON_CHAIN: "on-chain checkpoint", CONTRACT: "contract verifyInclusion",
    TRANSACTION: "anchor transaction", EXPECTED: "expected entry",
  };
  const CHAIN_STEPS = [STEP.ON_CHAIN, STEP.CONTRACT, STEP.TRANSACTION];

  // Detail messages, in both languages: {name} is filled from the values given.
  const MESSAGES = {
    en: {
      leaf_ok: "{hash} = SHA-256(0x00 || canonical entry {kind} {id} v{version}), computed from the entry in the file",
      leaf_altered: "the entry hashes to {computed} but the file states {stated}: the entry was altered",
      leaf_withheld: "content withheld: only the fingerprint {hash} is given, so no entry was checked (inclusion says whether the log holds it)",
      checkpoint_bad: "the checkpoint note cannot be read: {error}",
      no_checkpoint: "there is no readable checkpoint to check against",
      inclusion_ok: "leaf {index} is in the tree of {size} with root {root}",
      no_identity: "no trusted log identity: no verifier key of the log is pinned",
      signature_ok: "checkpoint of '{origin}' at size {size} is signed by a trusted log key",
      other_origin: "checkpoint is from log '{origin}', not '{pinned}'",
      no_chain: "no chain was given (a JSON-RPC URL)",
      chain_off: "the on-chain steps were turned off",
      no_contract: "no contract of the log is pinned (a log descriptor); the contract a proof names is never trusted",
      chain_unreadable: "the chain cannot be read: {error}",
      wrong_chain: "{rpc} serves chain id {served}, not the log's chain id {pinned}",
      other_contract: "the proof was anchored on contract {contract}, not on the log's contract {pinned}",
      anchor_chain: "the proof was anchored on chain id {claimed}, but {rpc} serves chain id {served}",
      no_code: "there is no contract at {contract} on chain id {chain}",
      onchain_differs: "checkpoint {index} on chain differs: {differences}",
      onchain_ok: "checkpoint {index} of contract {contract} on chain id {chain} has the same size, root and note hash",
      onchain_missing: "contract {contract} has no checkpoint {index} (the call reverted)",
      contract_ok: "the contract's verifyInclusion agrees",
      contract_rejects: "the contract's verifyInclusion rejects the inclusion proof",
      no_anchor_tx: "the proof names no anchor transaction (found by tree size)",
      not_found_by_size: "no pinned contract of the log has a checkpoint of tree size {size}",
      no_tx: "there is no transaction {tx} on chain id {chain}",
      tx_failed: "transaction {tx} failed on chain",
      tx_other_contract: "transaction {tx} called {to}, not the contract {contract}",
      tx_other_block: "transaction {tx} is in block {actual}, not {claimed}",
      tx_no_event: "transaction {tx} emitted no CheckpointAnchored for checkpoint {index} of size {size} and this root",
      tx_ok: "transaction {tx} in block {block} called contract {contract} and emitted CheckpointAnchored for checkpoint {index} (size {size}, root {root})",
      expected_ok: "the proof is about the entry expected (leaf hash {hash})",
      expected_other: "the proof is about another entry: its leaf hash is {hash}, expected {expected}",
      no_webcrypto: "this browser offers no WebCrypto here (the page must be https, localhost or a file)",
    },
    zh: {
      leaf_ok: "{hash} = SHA-256(0x00 || 规范化条目 {kind} {id} 第 {version} 版)，由文件中的条目算出",
      leaf_altered: "条目的哈希是 {computed}，文件却写着 {stated}：条目被改动过",
      leaf_withheld: "内容未提供：只给出指纹 {hash}，未核对任何条目（包含证明说明日志是否含有它）",
      checkpoint_bad: "无法读取检查点签名文本：{error}",
      no_checkpoint: "没有可读的检查点可供核对",
      inclusion_ok: "第 {index} 个叶子在大小为 {size}、根为 {root} 的树中",
      no_identity: "没有可信的日志身份：未固定日志的验证公钥",
      signature_ok: "日志“{origin}”大小为 {size} 的检查点由可信的日志密钥签名",
      other_origin: "检查点来自日志“{origin}”，而不是“{pinned}”",
      no_chain: "未提供区块链（JSON-RPC 地址）",
      chain_off: "链上步骤已被关闭",
      no_contract: "未固定日志的合约（日志描述文件）；证明自己指明的合约永不被信任",
      chain_unreadable: "无法读取区块链：{error}",
      wrong_chain: "{rpc} 提供的链 ID 是 {served}，不是日志的链 ID {pinned}",
      other_contract: "证明锚定在合约 {contract} 上，而不是日志的合约 {pinned}",
      anchor_chain: "证明锚定在链 ID {claimed} 上，而 {rpc} 提供的是链 ID {served}",
      no_code: "链 ID {chain} 上的 {contract} 处没有合约",
      onchain_differs: "链上第 {index} 号检查点不同：{differences}",
      onchain_ok: "链 ID {chain} 上合约 {contract} 的第 {index} 号检查点大小、根和签名文本哈希均相同",
      onchain_missing: "合约 {contract} 没有第 {index} 号检查点（调用被回退）",
      contract_ok: "合约的 verifyInclusion 同意",
      contract_rejects: "合约的 verifyInclusion 拒绝此包含证明",
      no_anchor_tx: "证明未指明锚定交易（按树大小找到）",
      not_found_by_size: "日志固定的合约中没有树大小为 {size} 的检查点",
      no_tx: "链 ID {chain} 上没有交易 {tx}",
      tx_failed: "交易 {tx} 在链上执行失败",
      tx_other_contract: "交易 {tx} 调用的是 {to}，不是合约 {contract}",
      tx_other_block: "交易 {tx} 在区块 {actual} 中，不在 {claimed}",
      tx_no_event: "交易 {tx} 没有为第 {index} 号检查点（大小 {size}、此根）发出 CheckpointAnchored",
      tx_ok: "区块 {block} 中的交易 {tx} 调用了合约 {contract}，并为第 {index} 号检查点（大小 {size}，根 {root}）发出 CheckpointAnchored",
      expected_ok: "证明针对的正是所期望的条目（叶哈希 {hash}）",
      expected_other: "证明针对的是另一条目：其叶哈希为 {hash}，期望的是 {expected}",
      no_webcrypto: "此浏览器在这里不提供 WebCrypto（页面须为 https、localhost 或本地文件）",
    },
  };

  class Refusal extends Error {}
  // A message by code, rendered in the reader's language when shown.
  function msg(code, values) { return { code: code, values: values || {} }; }
  function render(message, lang) {
    if (typeof message === "string") return message;
    const table = MESSAGES[lang] || MESSAGES.en;
    const text = table[message.code] || MESSAGES.en[message.code] || message.code;
    return text.replace(/\{(\w+)\}/g, (_, name) => String(message.values[name]));
  }

  // --- bytes ---------------------------------------------------------------------------------
  const utf8 = new TextEncoder();
  function hex(bytes) { return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""); }
  function fromHex(text) {
    if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new Refusal("not hex: " + text);
    const out = new Uint8Array(text.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(i * 2, 2), 16);
    return out;
  }
  function fromB64(text, where) {
    // Standard base64 with padding, as Python's b64decode(validate=True) accepts.
    if (typeof text !== "string" || !/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
      throw new Refusal(where + ": not valid base64");
    }
    const raw = atob(text);
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  }
  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) { out.set(part, at); at += part.length; }
    return out;
  }
  function equal(a, b) { return a.length === b.length && a.every((x, i) => x === b[i]); }
  function subtle() {
    if (!global.crypto || !global.crypto.subtle) throw new Refusal(render(msg("no_webcrypto"), "en"));
    return global.crypto.subtle;
  }
  async function sha256(bytes) { return new Uint8Array(await subtle().digest("SHA-256", bytes)); }

  // --- strict JSON: numbers keep their spelling, so 1.9, 1e3 or 2**53 are refused, not rounded ---
  class JsonNumber { constructor(text) { this.text = text; } }
  function parseJson(text) {
    let at = 0;
    const fail = (what) => { throw new Refusal("not a JSON proof file: " + what + " at character " + at); };
    const space = () => { while (at < text.length && " \t\n\r".includes(text[at])) at++; };
    function value(depth) {
      if (depth > MAX_DEPTH) fail("nested deeper than " + MAX_DEPTH + " levels");
      space();
      const c = text[at];
      if (c === "{") {
        // No prototype, and keys defined as data: "__proto__" is a key like any other.
        at++; const out = Object.create(null); space();
        if (text[at] === "}") { at++; return out; }
        for (;;) {
          space(); if (text[at] !== '"') fail("expected a key");
          const key = string(); space();
          if (text[at++] !== ":") fail("expected ':'");
          Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
          space();
          const next = text[at++];
          if (next === "}") return out;
          if (next !== ",") fail("expected ',' or '}'");
        }
      }
      if (c === "[") {
        at++; const out = []; space();
        if (text[at] === "]") { at++; return out; }
        for (;;) {
          out.push(value(depth + 1)); space();
          const next = text[at++];
          if (next === "]") return out;
          if (next !== ",") fail("expected ',' or ']'");
        }
      }
      if (c === '"') return string();
      for (const [word, result] of [["true", true], ["false", false], ["null", null]]) {
        if (text.startsWith(word, at)) { at += word.length; return result; }
      }
      const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(at, at + 400));
      if (!number) fail("unexpected character");
      at += number[0].length;
      if (number[2] || number[3]) return new JsonNumber(number[0]);
      const n = Number(number[0]);
      return Number.isSafeInteger(n) ? n : new JsonNumber(number[0]);
    }
    function string() {
      const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(at));
      if (!match) fail("bad string");
      at += match[0].length;
      return JSON.parse(match[0]);
    }
    const result = value(0);
    space();
    if (at !== text.length) fail("text after the JSON value");
    return result;
  }

  // --- RFC 8785 (JCS) of ledger values: integers, strings, booleans, null, arrays, objects ------
  function canonical(value, path) {
    path = path || "$";
    if (value === null || value === true || value === false) return String(value);
    if (typeof value === "string") {
      if (/[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/.test(value)) {
        throw new Refusal(path + ": string is not valid Unicode (lone surrogate)");
      }
      return JSON.stringify(value); // ES2019 JSON.stringify escapes exactly as JCS requires
    }
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) throw new Refusal(path + ": integer outside +/-(2**53-1)");
      return String(value);
    }
    if (value instanceof JsonNumber) throw new Refusal(path + ": number " + value.text + " is not allowed (integers only)");
    if (Array.isArray(value)) return "[" + value.map((item, i) => canonical(item, path + "[" + i + "]")).join(",") + "]";
    if (typeof value === "object") {
      // JCS orders keys by UTF-16 code units: what JavaScript's default sort compares.
      const keys = Object.keys(value).sort();
      return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(value[k], path + "." + k)).join(",") + "}";
    }
    throw new Refusal(path + ": not a JSON value");
  }
  function canonicalBytes(value) { return utf8.encode(canonical(value)); }

  // --- the proof file ---------------------------------------------------------------------------
  function isInt(value) { return typeof value === "number" && Number.isSafeInteger(value) && value >= 0; }
  function hash32(text, where) {
    const raw = fromB64(text, where);
    if (raw.length !== 32) throw new Refusal(where + ": hash is " + raw.length + " bytes, not 32");
    return raw;
  }
  function readProof(text) {
    if (text.replace(/^\s+/, "").startsWith("{")) return readRlproof(text);
    return readTlogProof(text);
  }
  function readRlproof(text) {
    const doc = parseJson(text);
    if (doc === null || typeof doc !== "object" || Array.isArray(doc) || doc.format !== FORMAT) {
      throw new Refusal("format must be '" + FORMAT + "'");
    }
    const entry = doc.entry === undefined ? null : doc.entry;
    if (entry !== null && (typeof entry !== "object" || Array.isArray(entry))) throw new Refusal("entry: must be a JSON object");
    let leafHash = null;
    if (doc.leaf_hash) {
      if (typeof doc.leaf_hash !== "string" || !/^[0-9a-f]{64}$/.test(doc.leaf_hash)) {
        throw new Refusal("leaf_hash: expected 64 lowercase hex characters");
      }
      leafHash = fromHex(doc.leaf_hash);
    }
    if (entry === null && leafHash === null) throw new Refusal("a proof needs the entry or at least its leaf hash");
    if (!isInt(doc.leaf_index)) throw new Refusal("leaf_index must be an integer");
    if (!Array.isArray(doc.inclusion_proof)) throw new Refusal("inclusion_proof must be a list of base64 hashes");
    if (doc.inclusion_proof.length > MAX_HASHES) throw new Refusal("inclusion_proof has too many hashes; at most 64");
    if (typeof doc.checkpoint !== "string") throw new Refusal("checkpoint must be the signed note text");
    let anchor = null;
    if (doc.anchor) {
      if (typeof doc.anchor !== "object" || Array.isArray(doc.anchor)) throw new Refusal("anchor must be an object or null");
      for (const name of ["chain_id", "checkpoint_index", "block_number"]) {
        if (!isInt(doc.anchor[name])) throw new Refusal("anchor: " + name + " must be a non-negative JSON integer");
      }
      for (const name of ["contract", "tx_hash"]) {
        if (typeof doc.anchor[name] !== "string") throw new Refusal("anchor: " + name + " must be a string");
      }
      anchor = doc.anchor;
    }
    return {
      entry: entry,
      leafHash: leafHash,
      leafIndex: doc.leaf_index,
      inclusion: doc.inclusion_proof.map((h, i) => hash32(h, "inclusion_proof[" + i + "]")),
      note: doc.checkpoint,
      anchor: anchor,
    };
  }
  function readTlogProof(text) {
    const split = text.indexOf("\n\n");
    if (split < 0) throw new Refusal("tlog-proof: no blank line before the checkpoint");
    const lines = text.slice(0, split).split("\n");
    if (lines[0] !== TLOG_HEADER) throw new Refusal("tlog-proof: first line must be '" + TLOG_HEADER + "'");
    let position = 1, entryBytes = null;
    if (position < lines.length && lines[position].startsWith("extra ")) {
      entryBytes = fromB64(lines[position].slice(6), "tlog-proof extra");
      position++;
    }
    if (position >= lines.length || !/^index (0|[1-9][0-9]*)$/.test(lines[position])) {
      throw new Refusal("tlog-proof: expected 'index N' (decimal, no leading zeros)");
    }
    const index = Number(lines[position].slice(6));
    if (!Number.isSafeInteger(index)) throw new Refusal("tlog-proof: index too large");
    const hashes = lines.slice(position + 1);
    if (hashes.length > MAX_HASHES) throw new Refusal("tlog-proof has too many hashes; at most 64");
    let entry = null;
    if (entryBytes !== null) {
      entry = parseJson(new TextDecoder("utf-8", { fatal: true }).decode(entryBytes));
      if (!equal(canonicalBytes(entry), entryBytes)) throw new Refusal("tlog-proof extra is not in RFC 8785 canonical form");
    }
    return {
      entry: entry, leafHash: null, leafIndex: index, note: text.slice(split + 2), anchor: null,
      inclusion: hashes.map((h, i) => hash32(h, "tlog-proof hash " + i)),
    };
  }

  // --- C2SP signed note and checkpoint ------------------------------------------------------------
  function checkBody(body) {
    if (!body.endsWith("\n")) throw new Refusal("note text must end with a newline");
    for (const c of body) {
      const code = c.codePointAt(0);
      if (c !== "\n" && (code < 0x20 || (code >= 0x7f && code < 0xa0))) {
        throw new Refusal("note text must not contain control characters other than newline");
      }
    }
  }
  function openNote(text) {
    const split = text.lastIndexOf("\n\n");
    if (split < 0) throw new Refusal("note has no blank line before its signatures");
    const body = text.slice(0, split + 1), block = text.slice(split + 2);
    checkBody(body);
    if (!block.endsWith("\n")) throw new Refusal("note signatures must end with a newline");
    const signatures = block.slice(0, -1).split("\n").map((line, i) => {
      if (!line.startsWith(DASH)) throw new Refusal("signature line " + (i + 1) + " does not start with '— '");
      const rest = line.slice(DASH.length), space = rest.lastIndexOf(" ");
      const name = space < 0 ? "" : rest.slice(0, space);
      const raw = fromB64(rest.slice(space + 1), "signature line " + (i + 1));
      if (!name || raw.length < 5) throw new Refusal("signature line " + (i + 1) + " is too short or has no key name");
      return { name: name, keyId: raw.slice(0, 4), signature: raw.slice(4) };
    });
    if (signatures.length > MAX_SIGNATURES) throw new Refusal("note has too many signatures");
    return { body: body, signatures: signatures };
  }
  function parseCheckpoint(body) {
    const lines = body.slice(0, -1).split("\n");
    if (lines.length < 3) throw new Refusal("checkpoint needs origin, tree size and root lines");
    const [origin, size, root] = lines;
    if (!/^(0|[1-9][0-9]{0,19})$/.test(size) || BigInt(size) >= 2n ** 64n) throw new Refusal("tree size '" + size + "' is not a decimal without leading zeros");
    if (!origin || origin !== origin.trim()) throw new Refusal("origin must be a non-empty printable line");
    const rootBytes = fromB64(root, "root");
    if (rootBytes.length !== 32) throw new Refusal("root is " + rootBytes.length + " bytes, not 32");
    return { origin: origin, size: BigInt(size), root: rootBytes };
  }
  async function parseVkey(vkey) {
    const parts = vkey.trim().split("+");
    if (parts.length < 3) throw new Refusal("verifier key is not name+keyid+key");
    const name = parts[0], id = parts[1], raw = fromB64(parts.slice(2).join("+"), "verifier key");
    if (!/^[0-9a-f]{8}$/i.test(id) || raw.length !== 33 || raw[0] !== 1) throw new Refusal("verifier key for '" + name + "' is not an Ed25519 key");
    const keyId = fromHex(id);
    const computed = (await sha256(concat(utf8.encode(name + "\n"), raw))).slice(0, 4);
    if (!equal(computed, keyId)) throw new Refusal("verifier key for '" + name + "': key id does not match the key");
    const key = await subtle().importKey("raw", raw.slice(1), { name: "Ed25519" }, false, ["verify"]);
    return { name: name, keyId: keyId, key: key, vkey: vkey.trim() };
  }
  async function ed25519(key, signature, message) {
    try { return await subtle().verify({ name: "Ed25519" }, key, signature, message); } catch (e) { return false; }
  }

  // The log descriptor, signed with one of its own keys: what the reader pins once.
  async function readDescriptor(text) {
    const doc = parseJson(text);
    if (!doc || typeof doc !== "object" || !doc.descriptor || typeof doc.signature !== "string") {
      throw new Refusal("a log descriptor is an object with 'descriptor' and 'signature'");
    }
    const body = doc.descriptor;
    const fields = ["chain_id", "contracts", "format", "origin", "verifier_keys", "witness_keys"];
    if (Object.keys(body).sort().join() !== fields.join() || body.format !== DESCRIPTOR_FORMAT) {
      throw new Refusal("descriptor must have exactly " + fields.join(", ") + ", format " + DESCRIPTOR_FORMAT);
    }
    if (!isInt(body.chain_id) || body.chain_id <= 0) throw new Refusal("chain_id must be a positive JSON integer");
    const keys = await Promise.all(body.verifier_keys.map(parseVkey));
    const message = concat(utf8.encode(DESCRIPTOR_FORMAT + "\n"), canonicalBytes(body));
    const signature = fromB64(doc.signature, "descriptor signature");
    for (const key of keys) {
      if (await ed25519(key.key, signature, message)) {
        return { origin: body.origin, verifierKeys: body.verifier_keys, chainId: body.chain_id, contracts: body.contracts };
      }
    }
    throw new Refusal("the descriptor is not signed by any of its verifier keys");
  }

  // --- RFC 9162 inclusion (transparency-dev verify.go, as ledger/merkle.py) -----------------------
  function bitLength(n) { return n === 0n ? 0 : n.toString(2).length; }
  function bitCount(n) { return n.toString(2).split("1").length - 1; }
  async function nodeHash(left, right) { return sha256(concat(new Uint8Array([1]), left, right)); }
  async function rootFromInclusion(leaf, index, size, proof) {
    if (index < 0n || index >= size) throw new Refusal("leaf index " + index + " is outside a tree of size " + size);
    if (leaf.length !== 32) throw new Refusal("leaf hash is " + leaf.length + " bytes, not 32");
    const inner = bitLength(index ^ (size - 1n));
    const border = bitCount(index >> BigInt(inner));
    if (proof.length !== inner + border) {
      throw new Refusal("inclusion proof has " + proof.length + " hashes; leaf " + index + " of " + size + " needs " + (inner + border));
    }
    proof.forEach((h, i) => { if (h.length !== 32) throw new Refusal("proof hash " + i + " is " + h.length + " bytes, not 32"); });
    let seed = leaf;
    for (let i = 0; i < inner; i++) {
      seed = (index >> BigInt(i)) & 1n ? await nodeHash(proof[i], seed) : await nodeHash(seed, proof[i]);
    }
    for (let i = inner; i < proof.length; i++) seed = await nodeHash(proof[i], seed);
    return seed;
  }
  async function verifyInclusion(leaf, index, size, proof, root) {
    if (root.length !== 32) throw new Refusal("root is " + root.length + " bytes, not 32");
    const computed = await rootFromInclusion(leaf, BigInt(index), BigInt(size), proof);
    if (!equal(computed, root)) throw new Refusal("inclusion proof gives root " + hex(computed) + ", the checkpoint says " + hex(root));
  }

  // --- JSON-RPC and the few ABI calls, encoded by hand --------------------------------------------
  function word(value) { return BigInt(value).toString(16).padStart(64, "0"); }
  function rpcClient(url) {
    let id = 0;
    return async function call(method, params) {
      let answer;
      try {
        const response = await fetch(url, {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method: method, params: params }),
        });
        answer = await response.json();
      } catch (e) {
        throw Object.assign(new Error(String(e && e.message || e)), { unreachable: true });
      }
      if (answer.error) throw Object.assign(new Error(answer.error.message || JSON.stringify(answer.error)), { reverted: true });
      return answer.result;
    };
  }

  // --- the verifier ---------------------------------------------------------------------------
  function step(name, outcome, message) { return { step: name, outcome: outcome, detail: message }; }
  const passed = (name, m) => step(name, "passed", m);
  const failed = (name, m) => step(name, "failed", m);
  const unchecked = (name, m) => step(name, "not checked", m);

  // The policy the reader pinned: {verifierKeys, origin, contracts, chainId, rpcUrl, requireChain}.
  function required(policy) {
    const always = [STEP.INCLUSION, STEP.SIGNATURE];
    return policy.requireChain === false ? always : always.concat([STEP.ON_CHAIN, STEP.CONTRACT]);
  }
  function verdictOf(report) {
    if (report.unreadable != null || report.steps.some((s) => s.outcome === "failed")) return "failed";
    const ok = new Set(report.steps.filter((s) => s.outcome === "passed").map((s) => s.step));
    return report.steps.length && report.required.every((name) => ok.has(name)) ? "proven" : "not proven";
  }

  async function verify(text, policy, options) {
    options = options || {};
    const started = performance.now();
    const report = { steps: [], required: required(policy), unreadable: null, proof: null };
    const finish = () => {
      report.verdict = verdictOf(report);
      report.seconds = (performance.now() - started) / 1000;
      return report;
    };
    let proof;
    try {
      subtle();
      proof = readProof(text);
    } catch (e) {
      report.unreadable = e.message;
      return finish();
    }
    report.proof = proof;
    const leaf = await leafStep(proof, report);
    if (options.expectedLeaf) {
      const expected = options.expectedLeaf.trim().toLowerCase();
      report.steps.unshift(hex(leaf) === expected
        ? passed(STEP.EXPECTED, msg("expected_ok", { hash: hex(leaf) }))
        : failed(STEP.EXPECTED, msg("expected_other", { hash: hex(leaf), expected: expected })));
    }
    let checkpoint;
    try {
      checkpoint = parseCheckpoint(openNote(proof.note).body);
    } catch (e) {
      report.steps.push(failed(STEP.CHECKPOINT, msg("checkpoint_bad", { error: e.message })));
      for (const name of [STEP.INCLUSION, STEP.SIGNATURE].concat(CHAIN_STEPS)) {
        report.steps.push(unchecked(name, msg("no_checkpoint")));
      }
      return finish();
    }
    try {
      await verifyInclusion(leaf, proof.leafIndex, checkpoint.size, proof.inclusion, checkpoint.root);
      report.steps.push(passed(STEP.INCLUSION, msg("inclusion_ok", { index: proof.leafIndex, size: checkpoint.size, root: hex(checkpoint.root) })));
    } catch (e) {
      report.steps.push(failed(STEP.INCLUSION, e.message));
    }
    report.steps.push(await signatureStep(proof, checkpoint, policy));
    await chainSteps(proof, leaf, checkpoint, policy, report);
    return finish();
  }

  async function leafStep(proof, report) {
    if (proof.entry === null) {
      report.steps.push(unchecked(STEP.LEAF, msg("leaf_withheld", { hash: hex(proof.leafHash) })));
      return proof.leafHash;
    }
    let computed;
    try {
      computed = await sha256(concat(new Uint8Array([0]), canonicalBytes(proof.entry)));
    } catch (e) {
      report.steps.push(failed(STEP.LEAF, e.message));
      return proof.leafHash || new Uint8Array(32);
    }
    const entry = proof.entry;
    if (proof.leafHash !== null && !equal(proof.leafHash, computed)) {
      report.steps.push(failed(STEP.LEAF, msg("leaf_altered", { computed: hex(computed), stated: hex(proof.leafHash) })));
    } else {
      report.steps.push(passed(STEP.LEAF, msg("leaf_ok", { hash: hex(computed), kind: entry.kind, id: entry.id, version: entry.version })));
    }
    return computed;
  }

  async function signatureStep(proof, checkpoint, policy) {
    const keys = policy.verifierKeys || [];
    if (!keys.length) return unchecked(STEP.SIGNATURE, msg("no_identity"));
    try {
      const trusted = await Promise.all(keys.map(parseVkey));
      const { body, signatures } = openNote(proof.note);
      const message = utf8.encode(body);
      let verified = 0;
      for (const sig of signatures) {
        const key = trusted.find((k) => k.name === sig.name && equal(k.keyId, sig.keyId));
        if (!key) continue; // a witness or another key: ignored, as the spec says
        if (!(await ed25519(key.key, sig.signature, message))) {
          return failed(STEP.SIGNATURE, "signature by " + sig.name + " (" + hex(sig.keyId) + ") does not verify");
        }
        verified++;
      }
      if (!verified) return failed(STEP.SIGNATURE, "no signature from a trusted key (trusted: " + trusted.map((k) => k.name + "+" + hex(k.keyId)).join(", ") + ")");
    } catch (e) {
      return failed(STEP.SIGNATURE, e.message);
    }
    if (policy.origin && checkpoint.origin !== policy.origin) {
      return failed(STEP.SIGNATURE, msg("other_origin", { origin: checkpoint.origin, pinned: policy.origin }));
    }
    return passed(STEP.SIGNATURE, msg("signature_ok", { origin: checkpoint.origin, size: checkpoint.size }));
  }

  async function chainSteps(proof, leaf, checkpoint, policy, report) {
    const skipAll = (why) => CHAIN_STEPS.forEach((name) => report.steps.push(unchecked(name, why)));
    if (policy.requireChain === false) return skipAll(msg("chain_off"));
    if (!policy.rpcUrl) return skipAll(msg("no_chain"));
    const contracts = policy.contracts || [];
    if (!contracts.length) return skipAll(msg("no_contract"));
    const call = rpcClient(policy.rpcUrl);
    let served;
    try {
      served = Number(BigInt(await call("eth_chainId", [])));
    } catch (e) {
      skipAll(msg("chain_unreadable", { error: e.message }));
      report.steps.push(failed(STEP.CHAIN, msg("chain_unreadable", { error: e.message })));
      return;
    }
    const noteHash = await sha256(utf8.encode(proof.note));
    let located = null, problem = null;
    try {
      located = await locate(call, proof, checkpoint, policy, served);
    } catch (e) {
      problem = e instanceof Refusal ? e.payload || e.message : e.message;
    }
    if (problem !== null) {
      report.steps.push(failed(STEP.ON_CHAIN, problem), failed(STEP.CONTRACT, problem));
      report.steps.push(proof.anchor === null ? unchecked(STEP.TRANSACTION, msg("no_anchor_tx")) : failed(STEP.TRANSACTION, problem));
      return;
    }
    const { contract, index } = located;
    const guard = async (name, run) => {
      try { report.steps.push(await run()); } catch (e) { report.steps.push(failed(name, e.payload || e.message)); }
    };
    await guard(STEP.ON_CHAIN, async () => {
      let out;
      try {
        out = await call("eth_call", [{ to: contract, data: "0x" + ABI.checkpoint + word(index) }, "latest"]);
      } catch (e) {
        if (e.unreachable) throw e;
        return failed(STEP.ON_CHAIN, msg("onchain_missing", { contract: contract, index: index }));
      }
      const words = out.slice(2).match(/.{64}/g) || [];
      if (words.length < 4) return failed(STEP.ON_CHAIN, msg("onchain_missing", { contract: contract, index: index }));
      const differences = [];
      const size = BigInt("0x" + words[0]);
      if (size !== checkpoint.size) differences.push("tree size: chain " + size + ", proof " + checkpoint.size);
      if (words[2] !== hex(checkpoint.root)) differences.push("root: chain " + words[2] + ", proof " + hex(checkpoint.root));
      if (words[3] !== hex(noteHash)) differences.push("note hash: chain " + words[3] + ", proof " + hex(noteHash));
      if (differences.length) return failed(STEP.ON_CHAIN, msg("onchain_differs", { index: index, differences: differences.join("; ") }));
      return passed(STEP.ON_CHAIN, msg("onchain_ok", { index: index, contract: contract, chain: served }));
    });
    await guard(STEP.CONTRACT, async () => {
      const data = "0x" + ABI.verifyInclusion + word(index) + word(proof.leafIndex) + hex(leaf) + word(128) +
        word(proof.inclusion.length) + proof.inclusion.map(hex).join("");
      let out;
      try {
        out = await call("eth_call", [{ to: contract, data: data }, "latest"]);
      } catch (e) {
        if (e.unreachable) throw e;
        return failed(STEP.CONTRACT, msg("contract_rejects"));
      }
      return BigInt(out) === 1n ? passed(STEP.CONTRACT, msg("contract_ok")) : failed(STEP.CONTRACT, msg("contract_rejects"));
    });
    await guard(STEP.TRANSACTION, async () => transactionStep(call, proof, checkpoint, noteHash, contract, index, served));
  }

  function refusal(code, values) { const e = new Refusal(code); e.payload = msg(code, values); return e; }

  async function hasCode(call, contract, served) {
    const code = await call("eth_getCode", [contract, "latest"]);
    if (!code || code === "0x") throw refusal("no_code", { contract: contract, chain: served });
  }

  async function locate(call, proof, checkpoint, policy, served) {
    if (policy.chainId != null && served !== Number(policy.chainId)) {
      throw refusal("wrong_chain", { rpc: policy.rpcUrl, served: served, pinned: policy.chainId });
    }
    const anchor = proof.anchor;
    if (anchor === null) return findBySize(call, checkpoint.size, policy, served);
    const pinned = policy.contracts.map((c) => c.toLowerCase());
    if (!pinned.includes(anchor.contract.toLowerCase())) {
      throw refusal("other_contract", { contract: anchor.contract, pinned: policy.contracts.join(" or ") });
    }
    if (anchor.chain_id !== served) throw refusal("anchor_chain", { claimed: anchor.chain_id, rpc: policy.rpcUrl, served: served });
    await hasCode(call, anchor.contract, served);
    return { contract: anchor.contract, index: anchor.checkpoint_index };
  }

  async function findBySize(call, treeSize, policy, served) {
    for (const contract of policy.contracts.slice().reverse()) {
      await hasCode(call, contract, served);
      let low = 0n, high = BigInt(await call("eth_call", [{ to: contract, data: "0x" + ABI.checkpointCount }, "latest"])) - 1n;
      while (low <= high) {
        const middle = (low + high) / 2n;
        const out = await call("eth_call", [{ to: contract, data: "0x" + ABI.checkpoint + word(middle) }, "latest"]);
        const size = BigInt("0x" + out.slice(2, 66));
        if (size === treeSize) return { contract: contract, index: Number(middle) };
        if (size < treeSize) low = middle + 1n; else high = middle - 1n;
      }
    }
    throw refusal("not_found_by_size", { size: treeSize });
  }

  async function transactionStep(call, proof, checkpoint, noteHash, contract, index, served) {
    const anchor = proof.anchor;
    if (anchor === null) return unchecked(STEP.TRANSACTION, msg("no_anchor_tx"));
    const tx = anchor.tx_hash;
    let receipt = null;
    if (/^0x[0-9a-fA-F]{64}$/.test(tx)) {
      try { receipt = await call("eth_getTransactionReceipt", [tx]); } catch (e) { if (e.unreachable) throw e; }
    }
    if (!receipt) return failed(STEP.TRANSACTION, msg("no_tx", { tx: tx, chain: served }));
    if (BigInt(receipt.status) !== 1n) return failed(STEP.TRANSACTION, msg("tx_failed", { tx: tx }));
    if (String(receipt.to || "").toLowerCase() !== contract.toLowerCase()) {
      return failed(STEP.TRANSACTION, msg("tx_other_contract", { tx: tx, to: receipt.to, contract: contract }));
    }
    const block = Number(BigInt(receipt.blockNumber));
    if (block !== anchor.block_number) return failed(STEP.TRANSACTION, msg("tx_other_block", { tx: tx, actual: block, claimed: anchor.block_number }));
    const wanted = word(anchor.checkpoint_index);
    const data = word(checkpoint.size) + hex(checkpoint.root) + hex(noteHash);
    const emitted = (receipt.logs || []).some((log) =>
      String(log.address).toLowerCase() === contract.toLowerCase() && log.topics.length === 2 &&
      log.topics[0].toLowerCase() === "0x" + ABI.anchoredTopic && log.topics[1].toLowerCase() === "0x" + wanted &&
      String(log.data).toLowerCase() === "0x" + data);
    if (!emitted) return failed(STEP.TRANSACTION, msg("tx_no_event", { tx: tx, index: anchor.checkpoint_index, size: checkpoint.size }));
    return passed(STEP.TRANSACTION, msg("tx_ok", { tx: tx, block: block, contract: contract, index: index, size: checkpoint.size, root: hex(checkpoint.root) }));
  }

  // Build the policy from what the reader pinned: a signed descriptor, or keys and contracts.
  async function pinnedPolicy(pinned) {
    const policy = {
      verifierKeys: (pinned.verifierKeys || []).filter(Boolean), origin: pinned.origin || null,
      contracts: (pinned.contracts || []).filter(Boolean), chainId: pinned.chainId == null ? null : Number(pinned.chainId),
      rpcUrl: pinned.rpcUrl || null, requireChain: pinned.requireChain !== false,
    };
    if (pinned.descriptor) {
      const d = await readDescriptor(pinned.descriptor);
      policy.verifierKeys = d.verifierKeys;
      policy.origin = d.origin;
      policy.contracts = d.contracts;
      policy.chainId = d.chainId;
    }
    return policy;
  }

  global.RightsLedgerVerifier = {
    verify: verify, pinnedPolicy: pinnedPolicy, readDescriptor: readDescriptor, canonical: canonical,
    parseJson: parseJson, verifyInclusion: verifyInclusion, render: render, hex: hex, fromB64: fromB64,
    sha256: sha256, STEP: STEP, ABI: ABI, MESSAGES: MESSAGES,
  };
})(typeof window !== "undefined" ? window : globalThis);
