"""`conflict`: a share conflict case and its resolution (public)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration, Figures
from registry.kinds.rows import batch_loader
from registry.models import ShareConflict

IDS = entity_ids.CONFLICT
OPEN, RESOLVED = "open", "resolved"  # a conflict case's status


def conflict_body(case: ShareConflict) -> dict[str, Any]:
    """The public facts of a case: the work, the right type, the claims, and the resolution."""
    work = case.work
    body: dict[str, Any] = {
        "work": work.ledger_id,
        "iswc": work.iswc,
        "title": work.title,
        "right_type": case.right_type,
        "status": case.status,
        "claimed_total": case.claimed_total,
        "claims": _case_facts(case, "claimed"),
        "resolution": None,
    }
    if case.status == RESOLVED:
        body["resolution"] = {
            "shares": _case_facts(case, "resolved"),
            "note": case.note,
            "decided_by": case.decided_by,
        }
    return body


def _case_facts(case: ShareConflict, stage: str) -> list[dict[str, Any]]:
    facts = [
        {
            "submitter": s.submitter,
            "name": s.party.name,
            "first_name": s.party.first_name,
            "ipi_name": s.party.ipi_name,
            "role": s.role,
            "share": s.share,
        }
        for s in case.shares
        if s.stage == stage
    ]
    return sorted(
        facts, key=lambda f: (f["submitter"], f["ipi_name"] or "", f["name"], f["role"], f["share"])
    )


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    case = session.get(ShareConflict, IDS.parse(entity_id))
    return None if case is None else conflict_body(case)


def _ids(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(ShareConflict.id)))


def _figures(session: Session, start: Any, end: Any, month: str) -> dict[str, Any]:
    def count(*where: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(ShareConflict).where(*where)) or 0)

    return {
        "opened": count(ShareConflict.opened_at >= start, ShareConflict.opened_at < end),
        "resolved": count(ShareConflict.resolved_at >= start, ShareConflict.resolved_at < end),
        "open_at_end": count(
            ShareConflict.opened_at < end,
            (ShareConflict.resolved_at.is_(None)) | (ShareConflict.resolved_at >= end),
        ),
    }


DECLARATION = Declaration(
    kind=Kind("conflict", 1, False, "a share conflict case and its resolution"),
    ids=IDS,
    body=conflict_body,
    about="A share conflict case: the claims of one right type of a work exceed the whole.",
    fields={
        "work": "the work (`W-n`)",
        "iswc": "the work's ISWC, or null",
        "title": "the work's title",
        "right_type": "the right type whose claims exceed the whole",
        "status": "open | resolved",
        "claimed_total": "the claimed total when the case opened",
        "claims": "the claimed shares when it opened (each `submitter`, `name`, `first_name`, "
        "`ipi_name`, `role`, `share`)",
        "resolution": "null, or `shares`, `note`, `decided_by`",
    },
    checks=Checks(
        body=(BodyCheck("conflict", expected, ids=_ids, prefetch=batch_loader(ShareConflict, IDS)),)
    ),
    figures=(Figures("conflicts", _figures),),
)
