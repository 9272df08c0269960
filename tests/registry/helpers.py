"""Small builders shared by the registry tests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from registry.ledger_writer import Fact, record_many


def record_works(session: Session, count: int, prefix: str = "W") -> list[bytes]:
    """Record `count` new works; return their leaf hashes in recording order."""
    facts = [
        Fact("work", f"{prefix}{n}", {"title": f"Song {n}", "iswc": f"T-{n:09d}-0"}) for n in range(count)
    ]
    return [entry.leaf_hash() for entry in record_many(session, facts)]
