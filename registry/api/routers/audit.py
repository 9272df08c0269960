"""Auditors: a summary of the ledger and every entry's summary (kind, id, version, leaf hash) by
log range, private ones included but without their content. Proofs of any entry come from
/v1/proofs (leaf hash only for private kinds unless full=true)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from payloads.log import AuditSummary, EntrySummary
from payloads.paging import Page
from registry.api.deps import Db, require
from registry.api.problems import problem_responses
from registry.api.routers.log import Range
from registry.services.access.users import Principal
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1/audit", tags=["audit"], responses=problem_responses(401, 403))
Auditor = Annotated[Principal, Depends(require("auditor", "admin"))]


@router.get("/summary", response_model=AuditSummary)
def summary(_: Auditor, db: Db) -> AuditSummary:
    status = lookups.anchoring_status(db)
    counted = lookups.checkpoints(db, 1, 0).total
    return AuditSummary(
        log_size=status.log_size,
        pending_entries=status.pending_entries,
        entries_per_kind=lookups.entry_counts(db),
        checkpoints=counted,
        latest_checkpoint_size=status.latest_checkpoint.tree_size if status.latest_checkpoint else None,
        latest_anchored_size=status.latest_anchor.tree_size if status.latest_anchor else None,
    )


@router.get("/entries", response_model=Page[EntrySummary], responses=problem_responses(422))
def entries(_: Auditor, db: Db, span: Range) -> Page[EntrySummary]:
    start, end = span
    items = [
        EntrySummary(
            index=e.index,
            leaf_hash=e.leaf_hash.hex(),
            kind=e.kind,
            id=e.entry_id,
            version=e.version,
            private=e.private,
            recorded_at=e.recorded_at,
        )
        for e in lookups.logged_entries(db, start, end)
    ]
    return Page(items=items, total=lookups.log_size(db), limit=end - start, offset=start)
