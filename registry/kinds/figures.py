"""Counting a kind's entries in a month, for the figures of the transparency report: the ledger
itself is the register of what was recorded when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import entry_table


def first_versions(session: Session, kind: str, start: datetime, end: datetime) -> int:
    """Things of `kind` first recorded in [start, end)."""
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


def versions(session: Session, kind: str, start: datetime, end: datetime) -> int:
    """Versions of `kind` recorded in [start, end)."""
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
