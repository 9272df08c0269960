"""Share conflicts: a work's claims in one right type that together exceed 100% (+0.06%).

A case opens by itself when a registration makes the claims exceed the whole (one submitter's
own arithmetic, or a second submitter whose claims do not fit beside the others'), and staff can
open one by hand. While it is open the work's status is `in_conflict`. Staff resolve it by
deciding the shares of that right type; those decided shares then replace every submitted claim
of the right type. If the submitters correct their claims first, the case closes by itself.

Every step records a public `conflict` entry (its claims, its resolution) and, when the work's
facts change with it, the next `work` version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.business_time import business_now
from registry.errors import RegistryError
from registry.kinds.conflict import OPEN, RESOLVED, conflict_body
from registry.ledger_writer import record
from registry.models import SHARE_RIGHT_TYPES, ConflictShare, Party, ShareConflict, Work, WorkShare
from registry.services.repertoire.entries import record_work, work_status
from registry.shares import (
    RESOLUTION,
    Claim,
    ShareError,
    check_share,
    claims_of,
    right_state,
    right_type,
    share_role,
    totals,
)

BY_REGISTRATION = "registration"  # decided_by of a case its submitters' own corrections closed


class ConflictError(RegistryError):
    """A conflict action that cannot be carried out (unknown case, already resolved...)."""


@dataclass(frozen=True, kw_only=True)
class ResolvedShare:
    """A share staff decide when resolving a conflict (hundredths of a percent)."""

    party_id: int
    role: str
    share: int
    controlled: bool = False


def sync_conflicts(session: Session, work: Work) -> list[ShareConflict]:
    """Open, restate or close the work's cases to match its claims; return the cases changed."""
    if work.merged_into_id is not None:
        return []
    claims = claims_of(work)
    per_right = totals(claims)
    open_cases = {case.right_type: case for case in work.conflicts if case.status == OPEN}
    changed = []
    for right in SHARE_RIGHT_TYPES:
        total = per_right.get(right, 0)
        case = open_cases.get(right)
        stated = [c for c in claims if c.right_type == right and c.submitter != RESOLUTION]
        if right_state(total) == "exceeded":
            if case is None:
                changed.append(_open(session, work, right, stated, total))
            elif _claimed(case) != sorted(_key(c) for c in stated) or case.claimed_total != total:
                _restate(session, case, stated, total)
                changed.append(case)
        elif case is not None and right_state(case.claimed_total) == "exceeded":
            # Opened because the claims exceeded the whole, and they no longer do. (A case staff
            # opened on claims that fit stays open until staff resolve it.)
            note = f"claims corrected by registration: {right} shares now total {total / 100:.2f}%"
            close_conflict(session, case, note, BY_REGISTRATION)
            changed.append(case)
    return changed


def open_conflict(session: Session, work: Work, right: str) -> ShareConflict:
    """Open a case on the work's claims of one right type (or return the one already open),
    and record the work's version that shows it in conflict."""
    right = right_type(right)
    for case in work.conflicts:
        if case.status == OPEN and case.right_type == right:
            return case
    claims = claims_of(work)
    stated = [c for c in claims if c.right_type == right and c.submitter != RESOLUTION]
    case = _open(session, work, right, stated, totals(claims).get(right, 0))
    work.status = work_status(work)
    record_work(session, work)
    return case


def resolve_conflict(
    session: Session,
    conflict_id: int,
    resolved_shares: Sequence[ResolvedShare],
    note: str,
    decided_by: str | None = None,
) -> ShareConflict:
    """Staff decide the shares of the case's right type: they must make the whole (100% within
    0.06%). Records the resolved case and the work's new version with the decided shares."""
    case = session.get(ShareConflict, conflict_id)
    if case is None:
        raise ConflictError(f"no conflict C-{conflict_id}")
    if case.status != OPEN:
        raise ConflictError(f"{case.ledger_id} is already {case.status}")
    decided = _decided(session, resolved_shares)
    total = sum(share for share, _ in decided.values())
    if right_state(total) != "complete":
        raise ShareError(
            f"the decided {case.right_type} shares total {total / 100:.2f}%; they must make 100% (±0.06%)"
        )
    work = case.work
    # Earlier decisions on this right type give way; flushed first, as the new rows reuse keys.
    for row in [s for s in work.shares if s.submitter == RESOLUTION and s.right_type == case.right_type]:
        work.shares.remove(row)
    session.flush()
    for (party_id, role), (share, controlled) in sorted(decided.items()):
        work.shares.append(
            WorkShare(
                party_id=party_id,
                submitter=RESOLUTION,
                role=role,
                right_type=case.right_type,
                share=share,
                controlled=controlled,
            )
        )
        case.shares.append(
            ConflictShare(party_id=party_id, stage="resolved", submitter=RESOLUTION, role=role, share=share)
        )
    close_conflict(session, case, note, decided_by)
    sync_conflicts(session, work)
    work.status = work_status(work)
    record_work(session, work)
    return case


def list_conflicts(session: Session, status: str | None = OPEN) -> list[ShareConflict]:
    """The cases with this status (all cases for None), oldest first."""
    query = select(ShareConflict).order_by(ShareConflict.id)
    if status is not None:
        query = query.where(ShareConflict.status == status)
    return list(session.scalars(query))


def close_conflict(session: Session, case: ShareConflict, note: str, decided_by: str | None) -> Entry:
    """Mark the case resolved with this note and record it (the work's version is the caller's)."""
    case.status = RESOLVED
    case.note = note
    case.decided_by = decided_by
    case.resolved_at = business_now(session)
    session.flush()
    return record(session, "conflict", case.ledger_id, conflict_body(case))


def _open(session: Session, work: Work, right: str, stated: list[Claim], total: int) -> ShareConflict:
    case = ShareConflict(right_type=right, status=OPEN, claimed_total=total, opened_at=business_now(session))
    case.shares.extend(_claim_rows(stated))
    work.conflicts.append(case)
    session.flush()
    record(session, "conflict", case.ledger_id, conflict_body(case))
    return case


def _restate(session: Session, case: ShareConflict, stated: list[Claim], total: int) -> None:
    """The claims of an open case changed (a submitter registered again): record them."""
    for row in [s for s in case.shares if s.stage == "claimed"]:
        case.shares.remove(row)
    case.shares.extend(_claim_rows(stated))
    case.claimed_total = total
    session.flush()
    record(session, "conflict", case.ledger_id, conflict_body(case))


def _claim_rows(stated: list[Claim]) -> list[ConflictShare]:
    return [
        ConflictShare(party_id=c.party_id, stage="claimed", submitter=c.submitter, role=c.role, share=c.share)
        for c in sorted(stated, key=_key)
    ]


def _key(claim: Claim | ConflictShare) -> tuple[int, str, str, int]:
    return (claim.party_id, claim.submitter, claim.role, claim.share)


def _claimed(case: ShareConflict) -> list[tuple[int, str, str, int]]:
    return sorted(_key(s) for s in case.shares if s.stage == "claimed")


def _decided(session: Session, shares: Sequence[ResolvedShare]) -> dict[tuple[int, str], tuple[int, bool]]:
    out: dict[tuple[int, str], tuple[int, bool]] = {}
    for line in shares:
        if session.get(Party, line.party_id) is None:
            raise ConflictError(f"no party with id {line.party_id}")
        key = (line.party_id, share_role(line.role))
        held, controlled = out.get(key, (0, False))
        out[key] = (check_share(held + check_share(line.share)), controlled or line.controlled)
    if not out:
        raise ConflictError("a resolution needs the decided shares")
    return out
