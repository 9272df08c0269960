"""The staff's review queues, read a page at a time: share conflicts with every claim, and
duplicate candidates with both records. (Decisions are conflicts.resolve_conflict and
duplicates.merge / keep_apart: each records its ledger entry.)"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from registry import entity_ids
from registry.errors import RegistryError
from registry.kinds.moments import aware_utc
from registry.models import ConflictShare, DuplicateCandidate, Recording, ShareConflict, Work
from registry.paging import Page, page_of
from registry.services.repertoire.conflicts import ResolvedShare


class UnknownCase(RegistryError):
    """No conflict or candidate has that id."""


def conflicts_page(session: Session, status: str | None, limit: int, offset: int) -> Page[dict[str, Any]]:
    """Conflict cases (open ones by default: the queue), oldest first."""
    query = select(ShareConflict).options(
        selectinload(ShareConflict.shares), selectinload(ShareConflict.work)
    )
    if status is not None:
        query = query.where(ShareConflict.status == status)
    rows, total = page_of(session, query.order_by(ShareConflict.id), limit, offset)
    return Page([conflict_dict(case) for case in rows], total)


def conflict(session: Session, case_id: str) -> ShareConflict:
    case = session.get(ShareConflict, entity_ids.CONFLICT.parse(case_id))
    if case is None:
        raise UnknownCase(f"no conflict {case_id}")
    return case


def conflict_dict(case: ShareConflict) -> dict[str, Any]:
    work = case.work
    return {
        "id": case.ledger_id,
        "work": work.ledger_id,
        "title": work.title,
        "iswc": work.iswc,
        "right_type": case.right_type,
        "status": case.status,
        "claimed_total": case.claimed_total,
        "opened_at": aware_utc(case.opened_at),
        "claims": [_share(s) for s in case.shares if s.stage == "claimed"],
        "resolved": [_share(s) for s in case.shares if s.stage == "resolved"],
        "note": case.note,
        "decided_by": case.decided_by,
    }


def _share(row: ConflictShare) -> dict[str, Any]:
    party = row.party
    name = f"{party.name}, {party.first_name}" if party.first_name else party.name
    return {
        "party": entity_ids.MEMBER.make(party.id),
        "name": name,
        "ipi_name": party.ipi_name,
        "submitter": row.submitter,
        "role": row.role,
        "share": row.share,
    }


def decided_shares(shares: list[dict[str, Any]]) -> list[ResolvedShare]:
    """The API's decided shares (party M-n) as the service takes them."""
    out = []
    for share in shares:
        party_id = entity_ids.MEMBER.parse(str(share["party"]))
        if party_id == entity_ids.NO_ROW:
            raise UnknownCase(f"{share['party']!r} is not a party id (M-n)")
        out.append(
            ResolvedShare(
                party_id=party_id,
                role=str(share["role"]),
                share=int(share["share"]),
                controlled=bool(share["controlled"]),
            )
        )
    return out


def candidates_page(session: Session, status: str | None, limit: int, offset: int) -> Page[dict[str, Any]]:
    """Duplicate candidates (pending ones by default: the queue), oldest first, with both records."""
    query = select(DuplicateCandidate)
    if status is not None:
        query = query.where(DuplicateCandidate.status == status)
    rows, total = page_of(session, query.order_by(DuplicateCandidate.id), limit, offset)
    loaded = {
        "work": _records(session, Work, [i for c in rows for i in (c.first_work_id, c.second_work_id) if i]),
        "recording": _records(
            session, Recording, [i for c in rows for i in (c.first_recording_id, c.second_recording_id) if i]
        ),
    }
    return Page([candidate_dict(session, c, loaded) for c in rows], total)


def candidate(session: Session, candidate_id: str) -> DuplicateCandidate:
    found = session.get(DuplicateCandidate, entity_ids.DUPLICATE.parse(candidate_id))
    if found is None:
        raise UnknownCase(f"no duplicate candidate {candidate_id}")
    return found


def candidate_dict(
    session: Session, row: DuplicateCandidate, loaded: dict[str, dict[int, Any]] | None = None
) -> dict[str, Any]:
    """A candidate with both records (title, ISWC or ISRC, and where either was merged into)."""
    model: type[Work] | type[Recording] = Work if row.subject == "work" else Recording
    first, second = row.pair
    records = (loaded or {}).get(row.subject) or _records(session, model, [first, second])
    paired = []
    for record_id in (first, second):
        item = cast(Work | Recording | None, records.get(record_id) or session.get(model, record_id))
        if item is None:
            raise UnknownCase(f"{entity_ids.DUPLICATE.make(row.id)} names a record that does not exist")
        prefix = entity_ids.WORK if isinstance(item, Work) else entity_ids.RECORDING
        paired.append(
            {
                "id": item.ledger_id,
                "title": item.title,
                "code": item.iswc if isinstance(item, Work) else item.isrc,
                "merged_into": prefix.make(item.merged_into_id) if item.merged_into_id is not None else None,
            }
        )
    return {
        "id": entity_ids.DUPLICATE.make(row.id),
        "subject": row.subject,
        "first": paired[0],
        "second": paired[1],
        "reason": row.reason,
        "detail": row.detail,
        "status": row.status,
        "proposed_at": aware_utc(row.proposed_at),
        "decided_by": row.decided_by,
    }


def _records(session: Session, model: type[Work] | type[Recording], ids: list[int]) -> dict[int, Any]:
    if not ids:
        return {}
    rows: list[Work | Recording] = list(session.scalars(select(model).where(model.id.in_(sorted(set(ids))))))
    return {row.id: row for row in rows}
