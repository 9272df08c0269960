"""Signed checkpoints: each note is signed by the log's key, says the origin, size and root its
row says, hashes to its stored note hash, and its root is the rebuilt log's root at that size."""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.checkpoint import Checkpoint as CheckpointBody
from ledger.errors import LedgerError
from ledger.note import Verifier, open_note, verify_note
from registry.audit.findings import AuditReport
from registry.models import checkpoint_table


@dataclass(frozen=True, slots=True)
class StoredCheckpoint:
    tree_size: int
    root: bytes
    note: str
    note_hash: bytes


def stored_checkpoints(session: Session) -> list[StoredCheckpoint]:
    c = checkpoint_table.c
    rows = session.execute(select(c.tree_size, c.root, c.note, c.note_hash).order_by(c.tree_size))
    return [StoredCheckpoint(size, bytes(root), note, bytes(digest)) for size, root, note, digest in rows]


def check_checkpoints(
    report: AuditReport,
    checkpoints: list[StoredCheckpoint],
    roots: dict[int, bytes],
    log_size: int,
    verifier: Verifier | None,
    origin: str | None,
) -> None:
    for cp in checkpoints:
        report.count("checkpoints")
        where = f"checkpoint of tree size {cp.tree_size}"
        if sha256(cp.note.encode("utf-8")).digest() != cp.note_hash:
            report.add(
                "checkpoint", "the stored note hash is not the SHA-256 of the stored note", where=where
            )
        try:
            # Without the log's public key only the note's form can be checked.
            body = verify_note(cp.note, [verifier]) if verifier is not None else open_note(cp.note)[0]
            stated = CheckpointBody.parse(body)
        except (LedgerError, ValueError) as exc:
            report.add("checkpoint", f"the signed note does not verify: {exc}", where=where)
            stated = None
        if stated is not None:
            if origin is not None and stated.origin != origin:
                report.add(
                    "checkpoint", f"the note's origin is {stated.origin!r}, not {origin!r}", where=where
                )
            if stated.size != cp.tree_size:
                report.add("checkpoint", f"the note says tree size {stated.size}", where=where)
            if stated.root != cp.root:
                report.add(
                    "checkpoint",
                    f"the note says root {stated.root.hex()}, the row {cp.root.hex()}",
                    where=where,
                )
        if cp.tree_size > log_size:
            report.add("checkpoint", f"the log has only {log_size} leaves", where=where)
        elif roots.get(cp.tree_size) != cp.root:
            rebuilt = roots.get(cp.tree_size, b"").hex()
            report.add("checkpoint", f"root {cp.root.hex()} but the rebuilt log gives {rebuilt}", where=where)


def note_unanchored(report: AuditReport, checkpoints: list[StoredCheckpoint], anchored: set[int]) -> None:
    """A checkpoint a run signed and was stopped before anchoring is no fault: its root was
    checked above against the rebuilt log, so it states the log as it was, and the next run
    anchors it or a later tree that contains it. Said, counted, never a finding."""
    latest = max(anchored, default=0)
    for cp in checkpoints:
        if cp.tree_size in anchored:
            continue
        report.count("checkpoints signed, not anchored")
        fate = (
            f"superseded by the anchored checkpoint of tree size {latest}"
            if latest > cp.tree_size
            else "`rightsledger anchor` anchors it or a later one"
        )
        report.notes.append(f"checkpoint of tree size {cp.tree_size}: signed, not anchored; {fate}")
