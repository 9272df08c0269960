"""The browser verifier as built: its hand-written ABI selectors and event topic are those of the
committed contract artifact, and a proof handed to the page cannot close its script element."""

from __future__ import annotations

import re

from eth_utils.crypto import keccak

from anchor.artifacts import load_artifact
from portal.browser_verifier import STATIC, PinnedIdentity, component_html

SIGNATURES = {
    "checkpoint": ("function", "checkpoint"),
    "verifyInclusion": ("function", "verifyInclusion"),
    "checkpointCount": ("function", "checkpointCount"),
    "anchoredTopic": ("event", "CheckpointAnchored"),
}


def _signature(item: dict) -> str:
    return f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"


def test_the_selectors_and_the_event_topic_are_the_artifacts() -> None:
    source = (STATIC / "verifier.js").read_text(encoding="utf-8")
    abi = load_artifact().abi
    for constant, (kind, name) in SIGNATURES.items():
        match = re.search(rf'{constant}: "([0-9a-f]+)"', source)
        assert match, constant
        item = next(i for i in abi if i["type"] == kind and i["name"] == name)
        digest = keccak(text=_signature(item)).hex()
        assert match.group(1) == (digest if kind == "event" else digest[:8]), (constant, _signature(item))


def test_a_proof_handed_to_the_page_cannot_close_its_script() -> None:
    pinned = PinnedIdentity((), None, (), None, "http://127.0.0.1:8545")
    hostile = '{"format": "</script><script>alert(1)</script>"}'
    html = component_html("en", pinned, proof_text=hostile)
    config = html[html.index("window.RL_CONFIG") :]
    config = config[: config.index("</script>")]
    assert "alert(1)" in config and "</script" not in config
