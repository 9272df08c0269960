// Signs an e-contract's payload in the licensee's own browser with WebCrypto Ed25519: the private
// key file is read here and never sent anywhere (the page's policy allows no connection at all).
// The signature is shown to copy into the portal's form. Reads window.RL_SIGN: {payload, words}.
(function () {
  "use strict";
  const cfg = window.RL_SIGN;
  const words = cfg.words;
  const payload = Uint8Array.from(atob(cfg.payload), (c) => c.charCodeAt(0));
  const app = document.getElementById("rl-signer");
  class SignerError extends Error {}  // a reason in the reader's words

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text) node.textContent = text;
    return node;
  }

  function pkcs8(pem) {
    if (/ENCRYPTED/.test(pem)) throw new SignerError(words.encrypted);
    const match = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
    if (!match) throw new SignerError(words.not_pem);
    return Uint8Array.from(atob(match[1].replace(/\s+/g, "")), (c) => c.charCodeAt(0));
  }

  function base64(bytes) {
    let text = "";
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text);
  }

  // The browser's own file button speaks the browser's language: ours says it in the reader's.
  const label = el("label", { for: "rl-key", class: "rl-button" }, words.pick);
  const input = el("input", { type: "file", id: "rl-key", accept: ".pem,.key,.txt", hidden: "" });
  const chosen = el("span", { id: "rl-chosen" });
  const button = el("button", { id: "rl-sign", type: "button", class: "rl-button" }, words.sign);
  const out = el("textarea", { id: "rl-signature", readonly: "", rows: "2" });
  const status = el("p", { id: "rl-status" });
  [label, input, chosen, button, out, status].forEach((n) => app.appendChild(n));
  input.addEventListener("change", () => {
    chosen.textContent = input.files && input.files[0] ? input.files[0].name : "";
  });

  button.addEventListener("click", async () => {
    status.textContent = "";
    status.className = "";
    out.value = "";
    try {
      const file = input.files && input.files[0];
      if (!file) throw new SignerError(words.no_key);
      if (!(window.crypto && crypto.subtle)) throw new SignerError(words.no_webcrypto);
      let key;
      try {
        key = await crypto.subtle.importKey("pkcs8", pkcs8(await file.text()), { name: "Ed25519" }, false, ["sign"]);
      } catch (err) {
        throw err instanceof SignerError ? err : new SignerError(words.not_ed25519);
      }
      const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key, payload));
      out.value = base64(signature);
      status.textContent = words.done;
      status.className = "rl-ok";
    } catch (err) {
      status.textContent = err instanceof SignerError ? err.message : words.not_ed25519;
      status.className = "rl-error";
    }
  });
})();
