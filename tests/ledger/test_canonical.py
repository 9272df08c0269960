"""RFC 8785 canonical JSON: the RFC's examples, Chinese titles, key order, and what is refused."""

import math

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.canonical import MAX_SAFE_INTEGER, canonical_bytes
from ledger.errors import CanonicalError


def test_rfc8785_section_3_2_2_strings_and_literals() -> None:
    value = {"string": '\u20ac$\u000f\nA\'B"\\\\"/', "literals": [None, True, False]}
    expected = '{"literals":[null,true,false],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    assert canonical_bytes(value) == expected.encode()


def test_rfc8785_section_3_2_3_sorting_by_utf16_code_units() -> None:
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    out = canonical_bytes(value).decode()
    order = ["\\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]
    positions = [out.index(f'"{key}":') for key in order]
    assert positions == sorted(positions)  # U+1F600 (surrogates D83D..) sorts before U+FB33


def test_chinese_titles_stay_utf8_and_unescaped() -> None:
    out = canonical_bytes({"title": "月亮代表我的心", "alt": ["Yue Liang Dai Biao Wo De Xin"]})
    assert out == '{"alt":["Yue Liang Dai Biao Wo De Xin"],"title":"月亮代表我的心"}'.encode()


def test_keys_sorted_at_every_level_and_compact() -> None:
    out = canonical_bytes({"b": {"z": 1, "a": [3, {"y": 0, "x": None}]}, "a": -5})
    assert out == b'{"a":-5,"b":{"a":[3,{"x":null,"y":0}],"z":1}}'


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"amount": 1.5}, "float"),
        ({"amount": math.nan}, "float"),
        ({"amount": math.inf}, "float"),
        ({1: "x"}, "not a string"),
        ({"n": MAX_SAFE_INTEGER + 1}, "outside"),
        ({"s": {1, 2}}, "not a JSON value"),
        ({"s": "\ud800"}, "surrogate"),
    ],
)
def test_refuses_what_jcs_cannot_represent_exactly(value: object, message: str) -> None:
    with pytest.raises(CanonicalError, match=message):
        canonical_bytes(value)


def test_error_names_the_path() -> None:
    with pytest.raises(CanonicalError, match=r"\$\.body\.writers\[1\]\.share"):
        canonical_bytes({"body": {"writers": [{"share": 50}, {"share": 49.5}]}})


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(_json)
def test_fast_path_equals_the_rfc8785_package(value: object) -> None:
    try:
        expected = rfc8785.dumps(value)
    except Exception:  # lone surrogates: both must refuse
        with pytest.raises(CanonicalError):
            canonical_bytes(value)
        return
    assert canonical_bytes(value) == expected


def test_nesting_is_bounded_and_the_depth_error_names_its_path() -> None:
    deep: object = "leaf"
    for _ in range(64):
        deep = [deep]
    assert canonical_bytes(deep).startswith(b"[[[")
    with pytest.raises(CanonicalError, match=r"nested deeper than 64"):
        canonical_bytes({"a": [deep]})
