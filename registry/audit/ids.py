"""Entity ids of the ledger (`W-12`) and the row ids they name."""

from __future__ import annotations


def row_id(entity_id: str, prefix: str) -> int:
    """The row id in `W-12` (prefix "W"); -1 (no row) for an id of another shape."""
    head, _, number = entity_id.partition("-")
    if head != prefix or not number.isdigit() or len(number) > 18:
        return -1
    return int(number)
