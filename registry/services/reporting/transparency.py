"""The monthly transparency report: the figures a CMO publishes each month, as a public
`transparency_report` entry, so the published figures are anchored like every other fact.

The report is a set of sections. Each section is one small function over the month's half-open
time range [start, end) (registry activity) and the month itself (billing periods), registered in
`SECTIONS`; licensing and royalty sections register themselves the same way. Figures are
integers (counts, minor units, gas, wei as decimal text): never floats.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.errors import RegistryError
from registry.ledger_writer import latest_entry, record
from registry.models import Party, ShareConflict, entry_table, record_table

KIND = "transparency_report"
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")

Section = Callable[[Session, datetime, datetime, str], dict[str, Any]]
SECTIONS: dict[str, Section] = {}


class ReportError(RegistryError):
    """A report that cannot be produced; the message says why."""


def section(name: str) -> Callable[[Section], Section]:
    """Register a report section under `name` (its key in the report body)."""

    def register(fn: Section) -> Section:
        SECTIONS[name] = fn
        return fn

    return register


def month_range(month: str) -> tuple[datetime, datetime]:
    """[first instant of the month, first instant of the next), in UTC."""
    match = _MONTH.fullmatch(month or "")
    if not match:
        raise ReportError(f"month {month!r} is not YYYY-MM")
    year, number = int(match[1]), int(match[2])
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=UTC)
    return start, end


def report_id(month: str) -> str:
    return f"TR-{month}"


def monthly_report(session: Session, month: str) -> dict[str, Any]:
    """The report's body: every registered section, computed now."""
    start, end = month_range(month)
    body: dict[str, Any] = {"month": month}
    for name in sorted(SECTIONS):
        body[name] = SECTIONS[name](session, start, end, month)
    return body


def publish_report(session: Session, month: str) -> tuple[dict[str, Any], Entry | None]:
    """Compute the report and record it; a report whose figures did not change records nothing.
    A changed figure (late registrations, a correction) becomes the report's next version."""
    body = monthly_report(session, month)
    latest = latest_entry(session, KIND, report_id(month))
    if latest is not None and dict(latest.body) == body:
        return body, None
    return body, record(session, KIND, report_id(month), body)


def published_report(session: Session, month: str) -> Entry | None:
    """The latest published version of the month's report, or None."""
    month_range(month)
    return latest_entry(session, KIND, report_id(month))


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


@section("repertoire")
def _repertoire(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    return {
        "works_registered": _first_versions(session, "work", start, end),
        "work_changes": _versions(session, "work", start, end),
        "recordings_registered": _first_versions(session, "recording", start, end),
        "members_joined": _first_versions(session, "member", start, end),
        "members_total": int(
            session.scalar(select(func.count()).select_from(Party).where(Party.status == "member")) or 0
        ),
    }


@section("conflicts")
def _conflicts(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
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


@section("anchoring")
def _anchoring(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
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


# Sections of other areas register themselves on import (after `section` exists above).
import registry.services.reporting.licensing_section  # noqa: E402, F401
