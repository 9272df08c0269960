"""Every word the portal shows exists in Chinese and English, with the same placeholders."""

from __future__ import annotations

import re
import string

from portal.i18n import DEFAULT, STRINGS, translate
from portal.verification import STEP_CHAIN, STEP_CHECKPOINT, STEP_CONFIG, STEP_CONTRACT, STEP_EXPECTED
from tests.portal.conftest import REPO

LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-zA-Z_. -]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_string_with_the_same_placeholders() -> None:
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        assert placeholders(zh) == placeholders(en), key


def test_every_key_the_pages_use_exists() -> None:
    used = set()
    for path in (REPO / "portal").rglob("*.py"):
        used |= set(LITERAL_KEY.findall(path.read_text()))
    assert len(used) > 50
    assert sorted(used - STRINGS.keys()) == []


def test_every_verification_step_has_its_words() -> None:
    steps = [
        "leaf hash",
        "inclusion",
        "note signature",
        "checkpoint",
        STEP_CHECKPOINT,
        STEP_CONTRACT,
        STEP_CHAIN,
        STEP_EXPECTED,
        STEP_CONFIG,
    ]
    for step in steps:
        for suffix in ("", ".ok", ".fail"):
            assert f"step.{step}{suffix}" in STRINGS, step


def test_chinese_is_the_default_and_a_missing_key_shows_itself() -> None:
    assert DEFAULT == "zh"
    assert translate("nav.verify", "zh") == "验证" and translate("nav.verify", "en") == "Verify"
    assert translate("no.such.key", "en") == "no.such.key"
