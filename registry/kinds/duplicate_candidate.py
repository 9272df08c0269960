"""`duplicate_candidate`: two works (or recordings) that may be one, and what staff decided
(private: the society's review queue).

Proposed, the pair is version 1; a decision (merged, kept apart) is the next version, and so is
a pair moved onto the survivor when one of its records was merged into another. A pending pair
that such a merge makes pointless (the survivor with itself, or a pair already queued) is
withdrawn: its row goes and its last version says `withdrawn`. The audit holds every row to its
latest version, so a queue changed behind the services' back is a finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration, society_only
from registry.kinds.moments import utc_moment
from registry.kinds.rows import batch_loader
from registry.models import DuplicateCandidate

IDS = entity_ids.DUPLICATE
WITHDRAWN = "withdrawn"
_SUBJECT_IDS = {"work": entity_ids.WORK, "recording": entity_ids.RECORDING}


def pair_body(
    candidate_id: int,
    subject: str,
    pair: tuple[int, int],
    reason: str,
    detail: str | None,
    status: str,
    decided_by: str | None = None,
    decided_at: datetime | None = None,
) -> dict[str, Any]:
    ids = _SUBJECT_IDS[subject]
    return {
        "candidate": IDS.make(candidate_id),
        "subject": subject,
        "pair": [ids.make(pair[0]), ids.make(pair[1])],
        "reason": reason,
        "detail": detail,
        "status": status,
        "decided_by": decided_by,
        "decided_at": utc_moment(decided_at),
    }


def candidate_body(candidate: DuplicateCandidate) -> dict[str, Any]:
    return pair_body(
        candidate.id,
        candidate.subject,
        candidate.pair,
        candidate.reason,
        candidate.detail,
        candidate.status,
        candidate.decided_by,
        candidate.decided_at,
    )


def withdrawn_body(candidate_id: int) -> dict[str, Any]:
    return {"candidate": IDS.make(candidate_id), "status": WITHDRAWN}


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    candidate_id = IDS.parse(entity_id)
    row = session.get(DuplicateCandidate, candidate_id)
    # No row: the pair was withdrawn, and its last version must say so.
    return withdrawn_body(candidate_id) if row is None else candidate_body(row)


def _refs(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(DuplicateCandidate.id)))


DECLARATION = Declaration(
    kind=Kind("duplicate_candidate", 1, True, "two works or recordings that may be one, and the decision"),
    ids=IDS,
    body=candidate_body,
    about="A pair of works (or recordings) queued for review as possibly one; a decision, a pair moved "
    "onto a merge's survivor, or a pair withdrawn is the next version.",
    fields={
        "candidate": "`DUP-n`",
        "subject": "work | recording",
        "pair": "the two ids, lowest first (`W-n` or `R-n`)",
        "reason": "why they may be one (same identifier, title and writer, title, artist and duration...)",
        "detail": "the evidence of the match, or null",
        "status": "pending | merged | kept_apart | withdrawn (then only `candidate` and `status`)",
        "decided_by": "who decided, or null",
        "decided_at": "when (UTC, to the microsecond), or null",
    },
    checks=Checks(
        body=(
            BodyCheck(
                "duplicate_candidate", expected, ids=_refs, prefetch=batch_loader(DuplicateCandidate, IDS)
            ),
        )
    ),
    owner=society_only,
)
