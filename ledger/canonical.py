"""RFC 8785 (JCS) canonical bytes of ledger values.

Ledger values never contain floats (money is integer minor units), so for the values we accept
JCS output equals `json.dumps(sort_keys=True)` with compact separators and UTF-8, which is about
4x faster than the general serialiser. The fast path is taken only after a walk proves the value
is inside that subset; keys outside the Basic Multilingual Plane (where JCS sorts by UTF-16 code
units and Python by code points) go to the `rfc8785` package. Tests compare both paths.
"""

from __future__ import annotations

import json
import json.encoder
from typing import Any

import rfc8785

from ledger.errors import CanonicalError

# I-JSON (RFC 7493) integers: JCS serialises numbers as IEEE 754 doubles, so larger ints would
# silently lose precision in other implementations. Money in minor units stays far below this.
MAX_SAFE_INTEGER = 2**53 - 1

_encoder = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":"), check_circular=False
)
# The C iterator behind that encoder, made once: JSONEncoder.encode builds a new one per call,
# a tenth of the time of a typical entry. Without the C accelerator, the encoder itself.
_make_c = getattr(json.encoder, "c_make_encoder", None)
_c_encode = (
    None
    if _make_c is None
    else _make_c(None, _encoder.default, json.encoder.encode_basestring, None, ":", ",", True, False, False)
)


def _encode(value: Any) -> str:
    return _encoder.encode(value) if _c_encode is None else "".join(_c_encode(value, 0))


def canonical_bytes(value: Any) -> bytes:
    """Return the RFC 8785 canonical UTF-8 bytes of `value`, or raise CanonicalError."""
    try:
        needs_utf16_sort = _scan_value(value, 0)
    except _Rejected as rejected:
        path = "$" + "".join(reversed(rejected.path))
        raise CanonicalError(f"{path}: {rejected.reason}") from None
    if needs_utf16_sort:
        return bytes(rfc8785.dumps(value))
    try:
        return _encode(value).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError(f"string is not valid Unicode (lone surrogate): {exc}") from None


class _Rejected(Exception):
    """A value outside what JCS represents exactly; `path` is filled in while unwinding, so the
    walk builds no strings on the (normal) path where everything is accepted."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.path: list[str] = []


def _scalar(value: Any) -> bool:
    """True for an accepted scalar; raise for a rejected one; False for a container."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            return True
        raise _Rejected(f"integer {value} is outside +/-(2**53-1) (RFC 8785 / I-JSON)")
    if kind is float:
        raise _Rejected(f"float {value!r} is not allowed; use integers (money in minor units) or strings")
    if kind is dict or kind is list or kind is tuple:
        return False
    raise _Rejected(f"{kind.__name__} is not a JSON value")


def _scan_value(value: Any, depth: int) -> bool:
    return False if _scalar(value) else _scan(value, depth)


def _scan(value: Any, depth: int) -> bool:
    """Reject what JCS cannot represent exactly; return True if a key needs UTF-16 ordering.
    The common scalars and nested containers are handled inline: a call per value would double
    the cost of the walk (a statement holds thousands of small lists)."""
    if depth >= 64:
        raise _Rejected("nested deeper than 64 levels")
    utf16 = False
    if type(value) is dict:
        for key in value:
            if type(key) is not str:
                raise _Rejected(f"object key {key!r} is not a string")
            if not key.isascii() and max(key) > "\uffff":
                utf16 = True
        items: Any = value.values()
    else:
        items = value
    for item in items:
        kind = type(item)
        if kind is str or kind is bool or item is None:
            continue
        if kind is int and -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER:
            continue
        try:
            if kind is dict or kind is list or kind is tuple:
                if _scan(item, depth + 1):
                    utf16 = True
            else:
                _scalar(item)  # raises: anything accepted was handled above
        except _Rejected as rejected:
            rejected.path.append(_where(value, item))
            raise
    return utf16


def _where(container: Any, item: Any) -> str:
    """The path step to `item` in `container`, found again only when reporting an error."""
    if type(container) is dict:
        return next(f".{key}" for key, value in container.items() if value is item)
    return f"[{next(index for index, value in enumerate(container) if value is item)}]"
