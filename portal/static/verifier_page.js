/* The verifier's page: a file input, the pinned log identity (given by the portal, or by the
 * reader once and remembered in this browser), and the verdict step by step in zh or en.
 * Configuration: window.RL_CONFIG = {mode, lang, strings, pinned, proofText, expectedLeaf, explorer}. */
(function () {
  "use strict";
  const V = window.RightsLedgerVerifier;
  const config = window.RL_CONFIG || {};
  const STORE = "rightsledger.pinned";
  let lang = config.lang || "zh";
  let lastText = config.proofText || null;

  function t(key, values) {
    const table = (config.strings || {})[lang] || {};
    const text = table[key] || ((config.strings || {}).en || {})[key] || key;
    return text.replace(/\{(\w+)(?::\.(\d)f)?\}/g, (_, name, digits) => {
      const value = (values || {})[name];
      return digits ? Number(value).toFixed(Number(digits)) : String(value);
    });
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (k === "class" ? (node.className = v) : node.setAttribute(k, v)));
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }
  const $ = (id) => document.getElementById(id);

  // --- what the reader pinned ---------------------------------------------------------------
  function pinned() {
    if (config.mode !== "standalone") return config.pinned || {};
    const identity = $("rl-identity").value.trim();
    const out = { rpcUrl: $("rl-rpc").value.trim() || null, requireChain: !$("rl-offline").checked };
    if (identity.startsWith("{")) out.descriptor = identity;
    else {
      out.verifierKeys = identity ? [identity] : [];
      out.contracts = $("rl-contract").value.trim() ? [$("rl-contract").value.trim()] : [];
      out.chainId = $("rl-chain").value.trim() ? Number($("rl-chain").value.trim()) : null;
    }
    return out;
  }
  function remember() {
    if (config.mode !== "standalone") return;
    const fields = ["rl-rpc", "rl-identity", "rl-contract", "rl-chain"];
    try { localStorage.setItem(STORE, JSON.stringify(Object.fromEntries(fields.map((f) => [f, $(f).value])))); } catch (e) { /* private mode */ }
  }
  function recall() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) || "{}");
      Object.entries(saved).forEach(([id, value]) => { if ($(id)) $(id).value = value; });
    } catch (e) { /* nothing remembered */ }
  }

  // --- the verdict ----------------------------------------------------------------------------
  const MARKS = { passed: ["ok", "\u2714"], failed: ["fail", "\u2718"], "not checked": ["skip", "\u25cb"] };
  function show(report) {
    window.RL_LAST_REPORT = report;
    const out = $("rl-result");
    out.replaceChildren();
    out.dataset.verdict = report.verdict;
    out.dataset.seconds = report.seconds.toFixed(3);
    let banner;
    if (report.unreadable != null) {
      banner = el("div", { class: "rl-banner rl-failed" }, "\u2718 ", t("verify.unreadable", { error: report.unreadable }));
    } else if (report.verdict === "proven") {
      banner = el("div", { class: "rl-banner rl-proven" }, "\u2714 ", t("verify.valid"));
    } else if (report.verdict === "failed") {
      const step = report.steps.find((s) => s.outcome === "failed");
      banner = el("div", { class: "rl-banner rl-failed" }, "\u2718 ", t("verify.invalid", { step: t("step." + step.step) }));
    } else {
      const step = report.steps.find((s) => report.required.includes(s.step) && s.outcome !== "passed");
      banner = el("div", { class: "rl-banner rl-unproven" }, "\u25cb ", t("verify.not_proven", { step: step ? t("step." + step.step) : "?" }));
    }
    out.append(banner, el("p", { class: "rl-where" }, t("browser.where")));
    const chainOff = report.steps.some((s) => s.step === V.STEP.ON_CHAIN && s.outcome === "not checked");
    if (report.verdict === "proven" && chainOff) {
      out.append(el("div", { class: "rl-banner rl-unproven", "data-chain": "off" }, "\u25cb ", t("browser.chain_off")));
    }
    const proof = report.proof;
    if (report.verdict === "proven" && proof && proof.entry === null && proof.anchor) {
      out.append(el("div", { class: "rl-banner rl-proven", "data-fingerprint": "anchored" }, "\u2714 ",
        t("browser.fingerprint_anchored", { index: proof.anchor.checkpoint_index, chain: proof.anchor.chain_id })));
    }
    for (const s of report.steps) {
      const [suffix, mark] = MARKS[s.outcome];
      out.append(el("div", { class: "rl-step rl-" + suffix, "data-step": s.step, "data-outcome": s.outcome },
        el("span", { class: "rl-mark" }, mark), " ", el("b", {}, t("step." + s.step)), " \u2014 ", t("step." + s.step + "." + suffix),
        el("div", { class: "rl-detail" }, V.render(s.detail, lang))));
    }
    out.append(el("p", { class: "rl-time" }, t("browser.time", { seconds: report.seconds })));
    if (report.proof) anchorBlock(out, report);
    if (report.proof) entryBlock(out, report.proof);
  }
  function anchorBlock(out, report) {
    const anchor = report.proof.anchor;
    if (!anchor) return;
    // Shown as where it is anchored only once the chain confirmed the transaction; else labelled.
    const tx = report.steps.find((s) => s.step === V.STEP.TRANSACTION);
    const checked = tx && tx.outcome === "passed";
    const box = el("div", { class: "rl-anchor " + (checked ? "rl-checked" : "rl-unchecked"), "data-checked": String(checked) },
      el("b", {}, t(checked ? "verify.anchor" : "verify.anchor_unchecked")));
    const rows = [["verify.chain_id", anchor.chain_id], ["verify.contract", anchor.contract],
      ["verify.checkpoint_index", anchor.checkpoint_index], ["verify.block", anchor.block_number], ["verify.tx", anchor.tx_hash]];
    rows.forEach(([key, value]) => box.append(el("div", { "data-field": key.split(".")[1] }, t(key) + ": ", el("code", {}, String(value)))));
    out.append(box);
  }
  function entryBlock(out, proof) {
    const box = el("details", { class: "rl-entry" }, el("summary", {}, t("verify.entry")));
    if (proof.entry === null) box.append(el("p", {}, t("browser.withheld")), el("code", {}, V.hex(proof.leafHash)));
    else box.append(el("pre", {}, JSON.stringify(proof.entry, (k, v) => (v && v.constructor && v.constructor.name === "JsonNumber" ? v.text : v), 2)));
    out.append(box);
  }

  async function check(text) {
    lastText = text;
    $("rl-result").dataset.verdict = "checking";
    let report;
    try {
      const policy = await V.pinnedPolicy(pinned());
      report = await V.verify(text, policy, { expectedLeaf: config.expectedLeaf });
    } catch (e) {
      report = { steps: [], required: [], unreadable: e.message, proof: null, verdict: "failed", seconds: 0 };
    }
    remember();
    show(report);
    return report;
  }
  window.RL_CHECK = check; // for a test, and for a page that hands over a proof it fetched

  function build() {
    const root = $("rl-app");
    const head = el("div", { class: "rl-head" }, el("h3", {}, t("browser.title")), el("p", {}, t(config.mode === "standalone" ? "browser.intro_file" : "browser.intro", { rpc: (config.pinned || {}).rpcUrl || "" })));
    if (config.mode === "standalone") {
      const switcher = el("select", { id: "rl-lang" }, el("option", { value: "zh" }, "中文"), el("option", { value: "en" }, "English"));
      switcher.value = lang;
      switcher.onchange = () => { lang = switcher.value; build(); if (lastText) check(lastText); };
      head.prepend(switcher);
    }
    root.replaceChildren(head);
    if (config.mode === "standalone") {
      root.append(
        el("label", {}, t("browser.rpc"), el("input", { id: "rl-rpc", type: "url", placeholder: "https://…" })),
        el("label", {}, t("browser.identity"), el("textarea", { id: "rl-identity", rows: "4" })),
        el("label", {}, t("browser.contract"), el("input", { id: "rl-contract", type: "text", placeholder: "0x…" })),
        el("label", {}, t("browser.chain_id"), el("input", { id: "rl-chain", type: "text" })),
        el("label", { class: "rl-inline" }, el("input", { id: "rl-offline", type: "checkbox" }), t("browser.offline")),
        el("p", { class: "rl-note" }, t("browser.remembered")));
      recall();
    }
    const input = el("input", { id: "rl-file", type: "file", accept: ".rlproof,.tlog-proof,.json,.txt" });
    input.onchange = async () => { if (input.files[0]) check(await input.files[0].text()); };
    root.append(el("label", { class: "rl-upload" }, t("verify.upload"), input), el("div", { id: "rl-result", "data-verdict": "none" }));
  }

  build();
  if (config.proofText) check(config.proofText);
})();
