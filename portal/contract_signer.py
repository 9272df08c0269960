"""Signing an e-contract in the licensee's own browser: a small page (portal/static/
contract_signer.js, WebCrypto Ed25519) with the contract's exact payload in it. The licensee picks
its private key file; the page signs and shows the signature to paste into the portal's form. The
page's Content-Security-Policy allows no connection at all, so the key cannot leave the browser."""

from __future__ import annotations

import base64
import json
from pathlib import Path

STATIC = Path(__file__).parent / "static"
WORDS = ("pick", "sign", "done", "no_key", "not_pem", "encrypted", "not_ed25519", "no_webcrypto")


def signer_html(payload: str, words: dict[str, str]) -> str:
    """The page for `payload` (the contract's canonical JSON, signed as UTF-8 bytes)."""
    config = {
        "payload": base64.b64encode(payload.encode("utf-8")).decode(),
        "words": {k: words[k] for k in WORDS},
    }
    data = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    script = (STATIC / "contract_signer.js").read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'\">\n"
        "<style>body{font-family:sans-serif;font-size:14px;margin:0}"
        ".rl-button{display:inline-block;padding:4px 10px;border:1px solid #ccc;border-radius:6px;"
        "background:#fff;cursor:pointer;font-size:14px;margin:4px 8px 4px 0}#rl-chosen{margin-right:8px}"
        "textarea{width:100%;margin-top:6px;font-family:monospace}"
        ".rl-error{color:#b00020}.rl-ok{color:#1b5e20}</style>\n</head>\n<body>\n"
        f'<div id="rl-signer"></div>\n<script>window.RL_SIGN = {data};</script>\n'
        f"<script>\n{script}</script>\n</body>\n</html>\n"
    )
