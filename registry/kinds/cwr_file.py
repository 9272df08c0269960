"""`cwr_file`: a CWR file received and imported (private: the society's intake).

What came in and what became of it: the file's SHA-256, name, version, sender and type, its
transactions accepted and rejected, the SHA-256 of the import report (RFC 8785 form) and of the
acknowledgements it carried (an ACK file: each work's status and messages from the society that
sent it). The audit recomputes both digests from the rows, so a report or an acknowledgement
changed, removed or added afterwards is a finding; thousands of acknowledgements stay one entry."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.canonical import canonical_bytes
from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration, society_only
from registry.models import CwrImport, WorkAcknowledgement

IDS = entity_ids.CWR_FILE


def digest(value: Any) -> str:
    return hashlib.sha256(canonical_bytes(value)).hexdigest()


def acknowledgements(session: Session, import_id: int) -> list[dict[str, Any]]:
    """The file's acknowledgements as the entry's digest covers them, in the order received."""
    rows = session.scalars(
        select(WorkAcknowledgement)
        .where(WorkAcknowledgement.import_id == import_id)
        .order_by(WorkAcknowledgement.id)
    )
    return [
        {
            "work": entity_ids.WORK.make(ack.work_id),
            "society": ack.society,
            "status": ack.status,
            "society_work_id": ack.society_work_id,
            "submitter_work_id": ack.submitter_work_id,
            "messages": ack.messages,
        }
        for ack in rows
    ]


def cwr_file_body(session: Session, row: CwrImport) -> dict[str, Any]:
    acks = acknowledgements(session, row.id)
    return {
        "file": IDS.make(row.sha256),
        "name": row.name,
        "version": row.version,
        "sender": row.sender,
        "file_type": row.file_type,
        "transactions": {"total": row.transactions, "accepted": row.accepted, "rejected": row.rejected},
        "report_sha256": digest(row.report),
        "acknowledgements": {"count": len(acks), "sha256": digest(acks)},
    }


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    row = session.scalars(select(CwrImport).where(CwrImport.sha256 == IDS.parse(entity_id))).one_or_none()
    return None if row is None else cwr_file_body(session, row)


def _refs(session: Session) -> Iterable[str]:
    return (IDS.make(sha) for sha in session.scalars(select(CwrImport.sha256)))


DECLARATION = Declaration(
    kind=Kind("cwr_file", 1, True, "a CWR file received: what it held and what became of it"),
    ids=IDS,
    body=cwr_file_body,
    about="A CWR file received and imported, with digests of its import report and of the "
    "acknowledgements it carried.",
    fields={
        "file": "`CWR-<sha256>` of the file's bytes",
        "name": "the file's name (its first 255 characters)",
        "version": "the CWR version (2.1, 2.2)",
        "sender": "the sender's type and id from the HDR record",
        "file_type": "registrations, acknowledgements...",
        "transactions": "`total`, `accepted` and `rejected`",
        "report_sha256": "SHA-256 of the import report (RFC 8785 JSON)",
        "acknowledgements": "`count`, and `sha256` of their list (work, society, status, society_work_id, "
        "submitter_work_id, messages; RFC 8785 JSON)",
    },
    checks=Checks(body=(BodyCheck("cwr_file", expected, ids=_refs),)),
    owner=society_only,
)
