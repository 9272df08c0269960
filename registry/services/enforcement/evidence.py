"""Evidence: the CMO fixes a document (a recording of an infringing performance, a screenshot,
a play log) by recording its SHA-256 on the ledger, so its existence at that time is provable."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.entity_ids import EVIDENCE
from registry.kinds.evidence import evidence_body
from registry.ledger_writer import record


def evidence_id(sha256_hex: str) -> str:
    """The same file always has the same evidence id; adding it again records a new version."""
    return EVIDENCE.make(sha256_hex)


def record_evidence(
    session: Session, path: Path, *, case: str | None = None, note: str | None = None, kept: bool = False
) -> Entry:
    """`kept`: the registry keeps the file (<data dir>/documents/evidence/<sha256>), so the audit
    checks that it is there with this hash."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:  # streamed: evidence files can be large recordings
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    sha = digest.hexdigest()
    return record(
        session, "evidence", evidence_id(sha), evidence_body(sha, size, path.name, case, note, kept)
    )
