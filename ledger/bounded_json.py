"""JSON read with a bound on nesting: the C decoder recurses once per level, and a process that
raised its recursion limit would overflow its stack on a hostile file."""

from __future__ import annotations

import json
from typing import Any

from ledger.errors import ProofFileError

MAX_JSON_DEPTH = 64  # a proof nests a few levels (an entry body a few more): deeper is hostile


def too_deep(text: str | bytes) -> bool:
    """Whether the JSON nests deeper than MAX_JSON_DEPTH, scanned without parsing it."""
    raw = text.encode("utf-8", "replace") if isinstance(text, str) else text
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:
        return False
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


def read_json(text: str | bytes, what: str) -> Any:
    """Parse `text`, refusing what nests too deep or is not JSON, as a ProofFileError naming `what`."""
    if too_deep(text):
        raise ProofFileError(f"{what}: nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: deep nesting
        raise ProofFileError(f"{what}: {exc}") from None
