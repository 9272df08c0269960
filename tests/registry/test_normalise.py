"""Matching keys of titles and names: the spellings people use for one title meet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.normalise import _unicode_title_key, name_key, normalise_name, normalise_title

SAME_TITLE = [
    ("月亮代表我的心", "月亮代表我的心 "),
    ("ＭＯＯＮ　ＲＩＶＥＲ", "Moon River"),  # full-width letters and the ideographic space
    ("Don't Stop Me Now!", "dont stop me now"),
    ("Don’t Stop Me Now", "DONT STOP ME NOW"),  # the typographic apostrophe
    ("小幸运（Live）", "小幸运 (Live)"),
    ("小幸运(Live)", "小幸运 (Live)"),
    ("Café", "café"),
    ("Cafe\u0301", "Café"),  # a combining accent composes
    ("月亮 代表 我的心", "月亮代表我的心"),  # no word spaces in Han text
    ("ハナミズキ", "ハナミズキ"),
    ("  Hello —  Goodbye ", "hello goodbye"),
    ("Hello—Goodbye", "Hello Goodbye"),
    ("Straße", "STRASSE"),
    ("\ufb01re", "fire"),  # the ligature
    ("Track ①", "track 1"),
    ("Zero\u200bWidth\u00adSoft", "ZeroWidthSoft"),  # format characters vanish
    ("Tab\tand\nnew line", "tab and new line"),
    ("«Je ne regrette rien»", "je ne regrette rien"),
    ("Love ❤ Song ♪", "love song"),
    ("迈克尔·杰克逊", "迈克尔杰克逊"),
]

DIFFERENT_TITLE = [
    ("Café", "Cafe"),  # accents are kept
    ("小幸运", "小幸運"),  # Simplified and Traditional are not converted
    ("Simon & Garfunkel", "Simon and Garfunkel"),  # no word rewriting
    ("사랑 해", "사랑해"),  # Hangul keeps its word spaces
    ("Moon River", "Moon Rivers"),
]

EXPECTED_KEY = [
    ("月亮代表我的心 ", "月亮代表我的心"),
    ("ＭＯＯＮ　ＲＩＶＥＲ", "moon river"),
    ("Don't Stop Me Now!", "dont stop me now"),
    ("小幸运（Live）", "小幸运 live"),
    ("Café", "café"),
    ("!!!", ""),
    ("", ""),
]


@pytest.mark.parametrize(("a", "b"), SAME_TITLE)
def test_same_title(a: str, b: str) -> None:
    assert normalise_title(a) == normalise_title(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_TITLE)
def test_different_title(a: str, b: str) -> None:
    assert normalise_title(a) != normalise_title(b)


@pytest.mark.parametrize(("text", "key"), EXPECTED_KEY)
def test_title_key(text: str, key: str) -> None:
    assert normalise_title(text) == key


def test_not_a_string() -> None:
    with pytest.raises(TypeError, match="title"):
        normalise_title(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="name"):
        normalise_name(b"Moon")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Smith, John", "John Smith"),
        ("SMITH JOHN", "john smith"),
        ("Lennon, John Winston", "John Winston LENNON"),
        ("Ｓｍｉｔｈ，　Ｊｏｈｎ", "John Smith"),
        ("O'Brien, Conan", "Conan OBrien"),
        ("周杰伦", "周杰伦 "),
        ("Earth, Wind & Fire", "Fire Wind Earth"),  # the price of an order-free key
    ],
)
def test_name_key_ignores_order(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_keeps_order_and_key_sorts() -> None:
    assert normalise_name("Smith, John") == "smith john"
    assert normalise_name("John Smith") == "john smith"
    assert name_key("Smith, John") == "john smith"
    assert name_key("Jay Chou") != name_key("Jay Chow")


# --- properties -------------------------------------------------------------------------------

ASCII_TEXT = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)


def _full_width(text: str) -> str:
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) for c in text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_title_key_is_stable(text: str) -> None:
    key = normalise_title(text)
    assert normalise_title(key) == key
    assert key == key.strip() and "  " not in key
    assert name_key(name_key(text)) == name_key(text)


@settings(max_examples=300, deadline=None)
@given(ASCII_TEXT)
def test_full_width_and_case_do_not_matter(text: str) -> None:
    key = normalise_title(text)
    assert normalise_title(_full_width(text)) == key
    assert normalise_title(text.upper()) == normalise_title(text.lower()) == key


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), max_size=5), st.randoms()
)
def test_name_key_ignores_word_order(words: list[str], random: object) -> None:
    shuffled = list(words)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert name_key(" ".join(words)) == name_key(", ".join(shuffled))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_titles_take_a_shortcut_to_the_same_key(text: str) -> None:
    assert normalise_title(text) == _unicode_title_key(text)


def test_every_ascii_character_keys_as_the_full_rules_say() -> None:
    for code in range(128):
        text = f"a{chr(code)}b {chr(code)}"
        assert normalise_title(text) == _unicode_title_key(text), repr(chr(code))
