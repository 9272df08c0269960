"""The registry activity sections of the monthly transparency report: repertoire, conflicts and
anchoring, each over the month's half-open time range [start, end)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import Party, ShareConflict, entry_table, record_table


def _first_versions(session: Session, kind: str, start: datetime, end: datetime) -> int:
    """Things of `kind` first recorded in [start, end): the ledger itself is the register."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(entry_table)
            .where(
                entry_table.c.kind == kind,
                entry_table.c.version == 1,
                entry_table.c.recorded_at >= start,
                entry_table.c.recorded_at < end,
            )
        )
        or 0
    )


def _versions(session: Session, kind: str, start: datetime, end: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(entry_table)
            .where(
                entry_table.c.kind == kind,
                entry_table.c.recorded_at >= start,
                entry_table.c.recorded_at < end,
            )
        )
        or 0
    )


def repertoire_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    return {
        "works_registered": _first_versions(session, "work", start, end),
        "work_changes": _versions(session, "work", start, end),
        "recordings_registered": _first_versions(session, "recording", start, end),
        "members_joined": _first_versions(session, "member", start, end),
        "members_total": int(
            session.scalar(select(func.count()).select_from(Party).where(Party.status == "member")) or 0
        ),
    }


def conflicts_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
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


def anchoring_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    rows = session.execute(
        select(record_table.c.tree_size, record_table.c.gas_used, record_table.c.cost_wei).where(
            record_table.c.anchored_at >= start, record_table.c.anchored_at < end
        )
    ).all()
    return {
        "checkpoints": len(rows),
        "largest_tree_size": max((r.tree_size for r in rows), default=0),
        "gas_used": sum(r.gas_used for r in rows),
        "cost_wei": str(sum(int(r.cost_wei) for r in rows)),  # wei exceed 2**53: decimal text
    }
