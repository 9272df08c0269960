"""What each verification step found, in the reader's language: every sentence the verifier says
about the test world's proofs (valid, tampered, withheld, about another entry, against an unknown
key or an unreachable chain) is recognised; in English it reads exactly as the verifier wrote it,
in Chinese it has no English sentence left, and the values (hashes, sizes, indexes) stay."""

from __future__ import annotations

import json
import re

import pytest

from ledger import Report
from ledger.note import Signer
from portal.settings import portal_settings
from portal.step_details import detail_words
from portal.verification import verify_bytes
from tests.portal.english_words import english_words
from tests.portal.world import GOLDEN, MOON, STATEMENT, World


def reports(world: World, monkeypatch: pytest.MonkeyPatch) -> list[Report]:
    settings = portal_settings()
    withheld = json.loads(world.rlproof(STATEMENT))
    withheld["leaf_hash"] = world.version(STATEMENT).leaf_hash
    withheld["entry"] = None
    found = [
        verify_bytes(world.rlproof(MOON), settings),
        verify_bytes(world.rlproof(GOLDEN), settings, expected_leaf=world.version(GOLDEN).leaf_hash),
        verify_bytes(world.rlproof(MOON), settings, expected_leaf="ab" * 32),
        verify_bytes(world.tampered(MOON), settings),
        verify_bytes(json.dumps(withheld).encode(), settings),
    ]
    monkeypatch.setenv("RIGHTS_PORTAL_LOG_VKEY", Signer.generate(world.origin).verifier().vkey)
    found.append(verify_bytes(world.rlproof(MOON), portal_settings()))
    return found


def test_every_detail_of_the_worlds_proofs_is_said_in_both_languages(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    details = {step.detail for report in reports(portal_env, monkeypatch) for step in report.steps}
    assert len(details) >= 10
    for detail in details:
        assert detail_words(detail, "en") == detail, detail
        chinese = detail_words(detail, "zh")
        assert not chinese.startswith("（验证器原文）"), f"no words for: {detail}"
        assert english_words(chinese) == [], chinese
        for value in re.findall(r"\b[0-9a-f]{64}\b", detail):
            assert value in chinese, (detail, chinese)


def test_a_sentence_no_pattern_knows_is_shown_as_the_verifier_wrote_it() -> None:
    assert detail_words("a new finding", "en") == "a new finding"
    assert detail_words("a new finding", "zh") == "（验证器原文）a new finding"
    assert detail_words("the chain cannot be read: timed out", "zh") == "无法读取区块链：timed out"
