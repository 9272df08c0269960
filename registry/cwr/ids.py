"""Identifier checks the parser applies: registry/identifiers.py (the project's one definition of
ISWC, IPI and ISRC validity and normal forms) and the EAN-13 check digit. Each returns the normal
form, or None when the value fails its format or check digits.

CWR fields nearly always hold the compact form already: that case is checked with the check-digit
functions of registry/identifiers.py directly, anything else goes through the full normalisers.
Writers and publishers recur across a file's works, so IPI results are cached."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from registry.identifiers import (
    ipi_base_check_digit,
    ipi_name_check_digits,
    iswc_check_digit,
    normalise_ipi_base,
    normalise_ipi_name,
    normalise_isrc,
    normalise_iswc,
)


def _or_none(normalise: Callable[[str], str], raw: str) -> str | None:
    try:
        return normalise(raw)
    except ValueError:  # InvalidIdentifier is a ValueError
        return None


def iswc_or_none(raw: str) -> str | None:
    """T1234567890, or None."""
    if len(raw) == 11 and raw[0] == "T" and raw[1:].isdigit() and raw.isascii():
        return raw if iswc_check_digit(raw[1:10]) == raw[10] else None
    return _or_none(normalise_iswc, raw)


@lru_cache(maxsize=65536)
def ipi_name_or_none(raw: str) -> str | None:
    """The 11-digit IPI name number, or None."""
    if len(raw) == 11 and raw.isdigit() and raw.isascii():
        return raw if raw != "0" * 11 and ipi_name_check_digits(raw[:9]) == raw[9:] else None
    return _or_none(normalise_ipi_name, raw)


@lru_cache(maxsize=65536)
def ipi_base_or_none(raw: str) -> str | None:
    """I-123456789-0, or None."""
    if len(raw) == 13 and raw[:2] == "I-" and raw[11] == "-" and raw.isascii() and raw[2:11].isdigit():
        return raw if ipi_base_check_digit(raw[2:11]) == raw[12] else None
    return _or_none(normalise_ipi_base, raw)


_ISRC = re.compile(r"[A-Z]{2}[A-Z0-9]{3}[0-9]{7}")


@lru_cache(maxsize=1024)
def _isrc_prefix_ok(country: str, registrant: str) -> bool:
    # ISRC validity depends on the format and on the country (and registrant) code only: one
    # full check per prefix decides for every compact ISRC that shares it.
    return _or_none(normalise_isrc, f"{country}{registrant}0000000") is not None


def isrc_or_none(raw: str) -> str | None:
    """The compact 12-character ISRC, or None."""
    if _ISRC.fullmatch(raw):
        return raw if _isrc_prefix_ok(raw[:2], raw[2:5]) else None
    return _or_none(normalise_isrc, raw)


def ean_or_none(raw: str) -> str | None:
    """The EAN-13 (GS1 modulo-10 check digit: weights 1 and 3 from the left), or None."""
    if len(raw) != 13 or not raw.isdigit() or not raw.isascii():
        return None
    digits = [ord(c) - 48 for c in raw]
    check = (10 - (sum(digits[0:12:2]) + 3 * sum(digits[1:12:2])) % 10) % 10
    return raw if check == digits[12] else None
