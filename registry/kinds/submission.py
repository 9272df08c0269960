"""`submission`: a work sent from outside (a row of a works template), and what a registry clerk
decided (private: the society's intake).

Received, it is version 1 (pending) with the digest of the work as sent; the decision is the
next version: accepted (with the work it became, and the digest of what was registered when the
clerk corrected it) or rejected with the reason. The audit holds every row to its latest
version, so a submission changed behind the services' back (its content, its status, the work
it points to) is a finding."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration, society_only
from registry.kinds.moments import utc_moment
from registry.kinds.rows import batch_loader
from registry.models import Submission

IDS = entity_ids.SUBMISSION


def digest(work: Mapping[str, Any] | None) -> str | None:
    """SHA-256 of the work's canonical JSON: what was sent or registered, in 64 hex. Sorted keys,
    no spaces, UTF-8: RFC 8785's form for this content (ASCII keys, no floats), ten times faster
    than the general canonicaliser over 10,000 submissions accepted at once."""
    if work is None:
        return None
    text = json.dumps(work, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def submission_body(row: Submission) -> dict[str, Any]:
    return {
        "submission": IDS.make(row.id),
        "channel": row.channel,
        "file": row.file_sha256,
        "line": row.line,
        "submitter": row.submitter,
        "submitter_work_id": row.submitter_work_id,
        "title": row.title,
        "proposed": digest(row.proposed),
        "status": row.status,
        "corrected": digest(row.accepted),
        "work": None if row.work_id is None else entity_ids.WORK.make(row.work_id),
        "reason": row.reason,
        "submitted_by": row.submitted_by,
        "decided_by": row.decided_by,
        "decided_at": utc_moment(row.decided_at),
    }


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    row = session.get(Submission, IDS.parse(entity_id))
    return None if row is None else submission_body(row)


def _refs(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(Submission.id)))


DECLARATION = Declaration(
    kind=Kind("submission", 1, True, "a work sent from outside for review, and the clerk's decision"),
    ids=IDS,
    body=submission_body,
    about="A work a publisher or society sent (a row of a works template), queued for a registry "
    "clerk; the decision (accepted as sent, corrected and accepted, rejected) is the next version.",
    fields={
        "submission": "`SUB-n`",
        "channel": "template (a row of a CSV or Excel works template) | form (entered by a clerk)",
        "file": "SHA-256 of the file it came in (a form: of who entered what, when)",
        "line": "its line (row) in that file",
        "submitter": "whose registration it is: the publisher or society",
        "submitter_work_id": "the submitter's own number for the work",
        "title": "the title as sent",
        "proposed": "SHA-256 of the work as sent (its JSON: sorted keys, no spaces, UTF-8)",
        "status": "pending | accepted | rejected",
        "corrected": "SHA-256 of the work as registered when a clerk corrected it, else null",
        "work": "the work it became (`W-n`), or null",
        "reason": "why it was rejected (or the clerk's note), or null",
        "submitted_by": "the account that sent it",
        "decided_by": "who decided, or null",
        "decided_at": "when (UTC, to the microsecond), or null",
    },
    checks=Checks(
        body=(BodyCheck("submission", expected, ids=_refs, prefetch=batch_loader(Submission, IDS)),)
    ),
    owner=society_only,
)
