"""Evidence of an unlicensed venue: a play log fixed as an evidence entry."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ledger import Entry
from registry.services.enforcement.evidence import record_evidence


def play_log_evidence(session: Session, files: Path, tag: str) -> Entry:
    """A play log `playlog-<tag>.txt` in `files`, recorded for case CASE-<tag>."""
    path = files / f"playlog-{tag}.txt"
    path.write_text(f"venue {tag}: room 7, unlicensed play\n")
    return record_evidence(session, path, case=f"CASE-{tag}", note=f"play log {tag}")
