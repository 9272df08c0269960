"""The verifier that runs in the reader's browser (portal/static/verifier.js and its page), put
together as HTML: embedded in the Verify page with the portal's pinned log identity, or as one
self-contained file a reader keeps and opens from disk (it asks for a chain RPC URL and the log
descriptor or verifier key, and remembers them). Nothing is fetched but the chain's JSON-RPC.

`scripts/build_browser_verifier.py` writes the standalone file; a test rebuilds and compares it,
and the README publishes its SHA-256."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.i18n import LANGUAGES, STRINGS

STATIC = Path(__file__).parent / "static"
SCRIPTS = ("verifier.js", "verifier_page.js")
STANDALONE_NAME = "rightsledger-verifier.html"
STANDALONE = STATIC / STANDALONE_NAME
_SHOWN = ("step.", "verify.", "browser.")  # the translated strings the page needs


@dataclass(frozen=True)
class PinnedIdentity:
    """What the page verifies against: the portal's pinned log identity and the chain's public
    JSON-RPC URL as the reader's browser reaches it (None: no chain step in the browser)."""

    verifier_keys: tuple[str, ...]
    origin: str | None
    contracts: tuple[str, ...]
    chain_id: int | None
    rpc_url: str | None

    def to_config(self) -> dict[str, Any]:
        return {
            "verifierKeys": list(self.verifier_keys),
            "origin": self.origin,
            "contracts": list(self.contracts),
            "chainId": self.chain_id,
            "rpcUrl": self.rpc_url,
        }


def page_strings() -> dict[str, dict[str, str]]:
    """Both languages of every string the page shows, from the portal's one table."""
    return {
        code: {key: pair[n] for key, pair in STRINGS.items() if key.startswith(_SHOWN)}
        for n, code in enumerate(LANGUAGES)
    }


def _script_json(value: Any) -> str:
    # Inside <script>: no "</" can close the element, and the line separators JS once rejected.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _html(config: dict[str, Any], title: str) -> str:
    scripts = "\n".join(
        f"<script>\n{(STATIC / name).read_text(encoding='utf-8')}</script>" for name in SCRIPTS
    )
    style = (STATIC / "verifier.css").read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Only the chain's JSON-RPC may be reached: no other script, style or image from anywhere.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src *\">\n"
        f'<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n<div id="rl-app"></div>\n'
        f"<script>window.RL_CONFIG = {_script_json(config)};</script>\n{scripts}\n</body>\n</html>\n"
    )


def component_html(
    lang: str, pinned: PinnedIdentity, *, proof_text: str | None = None, expected_leaf: str | None = None
) -> str:
    """The verifier as the Verify page embeds it: the portal's pinned identity, its language,
    and a proof the page fetched (checked on arrival), if any."""
    config = {
        "mode": "portal",
        "lang": lang,
        "strings": page_strings(),
        "pinned": pinned.to_config(),
        "proofText": proof_text,
        "expectedLeaf": expected_leaf,
    }
    return _html(config, "RightsLedger verifier")


def standalone_html() -> str:
    """The one file a reader keeps: both languages, nothing pinned (the reader gives the chain
    RPC URL and the log descriptor or verifier key once; the browser remembers them)."""
    config = {"mode": "standalone", "lang": "zh", "strings": page_strings(), "pinned": {}}
    return _html(config, "RightsLedger 证明验证器 · proof verifier")


def standalone_sha256() -> str:
    return hashlib.sha256(standalone_html().encode("utf-8")).hexdigest()
