"""RFC 8785 (JCS) canonical bytes of ledger values.

Ledger values never contain floats (money is integer minor units), so for the values we accept
JCS output equals `json.dumps(sort_keys=True)` with compact separators and UTF-8, which is about
4x faster than the general serialiser. The fast path is taken only after a walk proves the value
is inside that subset; keys outside the Basic Multilingual Plane (where JCS sorts by UTF-16 code
units and Python by code points) go to the `rfc8785` package. Tests compare both paths.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

from ledger.errors import CanonicalError

# I-JSON (RFC 7493) integers: JCS serialises numbers as IEEE 754 doubles, so larger ints would
# silently lose precision in other implementations. Money in minor units stays far below this.
MAX_SAFE_INTEGER = 2**53 - 1

_encoder = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":"), check_circular=False
)


def canonical_bytes(value: Any) -> bytes:
    """Return the RFC 8785 canonical UTF-8 bytes of `value`, or raise CanonicalError."""
    needs_utf16_sort = _check(value, "$", 0)
    if needs_utf16_sort:
        return bytes(rfc8785.dumps(value))
    try:
        return _encoder.encode(value).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError(f"string is not valid Unicode (lone surrogate): {exc}") from None


def _check(value: Any, path: str, depth: int) -> bool:
    """Reject what JCS cannot represent exactly; return True if a key needs UTF-16 ordering."""
    if depth > 64:
        raise CanonicalError(f"{path}: nested deeper than 64 levels")
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return False
    if kind is int:
        if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            return False
        raise CanonicalError(f"{path}: integer {value} is outside +/-(2**53-1) (RFC 8785 / I-JSON)")
    if kind is dict:
        utf16 = False
        for key, item in value.items():
            if type(key) is not str:
                raise CanonicalError(f"{path}: object key {key!r} is not a string")
            if not key.isascii() and max(key) > "\uffff":
                utf16 = True
            if _check(item, f"{path}.{key}", depth + 1):
                utf16 = True
        return utf16
    if kind is list or kind is tuple:
        utf16 = False
        for index, item in enumerate(value):
            if _check(item, f"{path}[{index}]", depth + 1):
                utf16 = True
        return utf16
    if kind is float:
        raise CanonicalError(
            f"{path}: float {value!r} is not allowed; use integers (money in minor units) or strings"
        )
    raise CanonicalError(f"{path}: {kind.__name__} is not a JSON value")
