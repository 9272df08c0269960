"""`usage_claim`: a member's claim of unidentified usage and its decision (private: the member's).

Every step is a version: submitted, then accepted (with the period it is paid in) or rejected
(with the reason). The member can prove what they claimed and when, and what was decided; the
audit holds every claim row to its latest version, so a claim's status, target or member
changed in the database is a finding. Which groups were re-attributed is public in the usage
report's `claims_accepted` (not who claimed them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration
from registry.kinds.moments import utc_moment
from registry.kinds.rows import batch_loader
from registry.models import UsageClaim

IDS = entity_ids.CLAIM


def claim_body(claim: UsageClaim) -> dict[str, Any]:
    group = claim.unidentified
    return {
        "claim": claim.ledger_id,
        "member": entity_ids.MEMBER.make(claim.party_id),
        "usage": {"report": entity_ids.USAGE_REPORT.make(group.report.sha256), "group": group.group_no},
        "recording": None if claim.recording_id is None else entity_ids.RECORDING.make(claim.recording_id),
        "work": None if claim.work_id is None else entity_ids.WORK.make(claim.work_id),
        "status": claim.status,
        "note": claim.note,
        "submitted_at": utc_moment(claim.submitted_at),
        "decided_at": utc_moment(claim.decided_at),
        "decided_by": claim.decided_by,
        "reason": claim.reason,
        "payable_period": claim.payable_period,
    }


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    row = session.get(UsageClaim, IDS.parse(entity_id))
    return None if row is None else claim_body(row)


def owner(session: Session, entity_id: str) -> tuple[str | None, int | None]:
    """A claim is the claiming member's."""
    row = session.get(UsageClaim, IDS.parse(entity_id))
    return (None if row is None else entity_ids.MEMBER.make(row.party_id)), None


def _refs(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(UsageClaim.id)))


DECLARATION = Declaration(
    kind=Kind("usage_claim", 1, True, "a member's claim of unidentified usage, and its decision"),
    ids=IDS,
    body=claim_body,
    about="A member's claim that a group of unidentified usage is of their recording or work; "
    "each step (submitted, accepted, rejected) is the next version.",
    fields={
        "claim": "`CL-n`",
        "member": "the claiming member (`M-n`)",
        "usage": "`report` (`U-<sha256>`) and `group` (the group's number in that report)",
        "recording": "the claimed recording (`R-n`), or null",
        "work": "the claimed work (`W-n`), or null",
        "status": "submitted | accepted | rejected",
        "note": "the member's note, or null",
        "submitted_at": "when it was submitted (UTC, to the microsecond)",
        "decided_at": "when it was decided (UTC, to the microsecond), or null",
        "decided_by": "who decided it, or null",
        "reason": "why it was rejected, or null",
        "payable_period": "the period an accepted claim is paid in (YYYY-MM), or null",
    },
    checks=Checks(
        body=(
            BodyCheck(
                "usage_claim",
                expected,
                ids=_refs,
                prefetch=batch_loader(UsageClaim, IDS),
            ),
        )
    ),
    owner=owner,
)
