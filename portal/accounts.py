"""Helpers of the member's and the licensee's own pages, kept apart from Streamlit so that they
are tested alone: a signature as the API takes it, shares and paging in words."""

from __future__ import annotations

import base64
import binascii
import re

SIGNATURE_BYTES = 64  # Ed25519
PAGE_SIZE = 25
_ID = {"recording": re.compile(r"^R-[1-9][0-9]{0,17}$"), "work": re.compile(r"^W-[1-9][0-9]{0,17}$")}


class SignatureUnreadable(ValueError):
    """Neither a raw 64-byte Ed25519 signature nor its base64 text."""


def signature_text(data: bytes) -> str:
    """The signature as base64 text, from what a licensee uploads or pastes: the CLI's base64
    line (`rightsledger contracts sign-payload`), or the raw 64 bytes other tools write."""
    text = data.strip()
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != SIGNATURE_BYTES:
        if len(data) != SIGNATURE_BYTES:
            raise SignatureUnreadable(f"{len(data)} bytes, neither a signature nor its base64")
        raw = data
    return base64.b64encode(raw).decode()


def share_percent(basis_points: int) -> str:
    """10000 basis points = 100 %, written in full to the hundredth."""
    whole, rest = divmod(basis_points, 100)
    return f"{whole}.{rest:02d} %"


def payment_state(amount_fen: int, balance_fen: int) -> str:
    """paid, partly or unpaid: the key of the words for an invoice's state."""
    if balance_fen <= 0:
        return "paid"
    return "partly" if balance_fen < amount_fen else "unpaid"


def page_bounds(page: int, total: int, size: int = PAGE_SIZE) -> tuple[int, int, int]:
    """The offset of a 1-based page, and the first and last item numbers it shows (1-based)."""
    offset = (max(page, 1) - 1) * size
    return offset, min(offset + 1, total), min(offset + size, total)


def pages_of(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def claim_target(kind: str, ident: str) -> str | None:
    """A recording (R-12) or work (W-12) id as typed, upper-cased; None when it is not one."""
    cleaned = ident.strip().upper()
    return cleaned if kind in _ID and _ID[kind].match(cleaned) else None


def isrc_text(isrc: str | None) -> str:
    """An ISRC as people write it (CN-Z99-26-99999); the compact form is how reports store it."""
    if not isrc:
        return ""
    code = isrc.replace("-", "").upper()
    return f"{code[:2]}-{code[2:5]}-{code[5:7]}-{code[7:]}" if len(code) == 12 else isrc
