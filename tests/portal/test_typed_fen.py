"""Yuan as people type them, read to the fen with Decimal: what the finance and approvals forms
send, or None for what is not an amount."""

from __future__ import annotations

import pytest

from portal.units import typed_fen


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("1,234.50", 123_450), (" 0 ", 0), ("12", 1200), ("0.01", 1), ("99999999999.99", 9_999_999_999_999)],
)
def test_amounts_are_read_to_the_fen(typed: str, fen: int) -> None:
    assert typed_fen(typed) == fen


@pytest.mark.parametrize("typed", ["12.345", "-1", "abc", "", "NaN", "Infinity", "1e400"])
def test_what_is_not_an_amount_is_none(typed: str) -> None:
    assert typed_fen(typed) is None
