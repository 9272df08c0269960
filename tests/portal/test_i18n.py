"""Every word the portal shows exists in Chinese and English, with the same placeholders."""

from __future__ import annotations

import re
import string

from ledger import StepName
from portal.i18n import DEFAULT, STRINGS, translate
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


def test_every_verification_step_has_its_words_in_both_languages() -> None:
    for step in StepName:
        for suffix in ("", ".ok", ".fail", ".skip"):  # title; passed, failed, not checked
            key = f"step.{step}{suffix}"
            assert key in STRINGS, key
            assert translate(key, "zh") != translate(key, "en") != key, key


def test_chinese_is_the_default_and_a_missing_key_shows_itself() -> None:
    assert DEFAULT == "zh"
    assert translate("nav.verify", "zh") == "验证" and translate("nav.verify", "en") == "Verify"
    assert translate("no.such.key", "en") == "no.such.key"
