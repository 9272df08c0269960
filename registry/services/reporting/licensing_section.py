"""The licensing section of the monthly transparency report: licenses issued and changed, licenses
by status at the month's end (expiry computed), and the billing period's invoiced, collected and
outstanding amounts per source, in fen."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import LICENSE_STATUSES, Invoice, License, entry_table
from registry.services.licensing.collections import collections_by_source
from registry.services.licensing.payments import outstanding_fen


def licensing_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    last_day = (end - timedelta(days=1)).date()
    statuses = dict.fromkeys((*LICENSE_STATUSES, "expired"), 0)
    # Counted here rather than grouped in SQL: PostgreSQL will not group by a CASE with a parameter.
    for status in session.scalars(select(License.status_on_day(last_day))):
        statuses[status] += 1
    invoiced = session.scalar(
        select(func.coalesce(func.sum(Invoice.amount_fen), 0)).where(Invoice.period == month)
    )
    return {
        "licenses_issued": _entries(session, "license", start, end, first_only=True),
        "license_changes": _entries(session, "license", start, end, first_only=False),
        "licenses_at_month_end": statuses,
        "contracts_signed": _entries(session, "contract", start, end, first_only=True),
        "currency": "CNY",
        "invoiced_fen": int(invoiced or 0),
        "collected_fen": collections_by_source(session, month),
        "outstanding_fen": outstanding_fen(session, month),
    }


def _entries(session: Session, kind: str, start: datetime, end: datetime, *, first_only: bool) -> int:
    query = (
        select(func.count())
        .select_from(entry_table)
        .where(
            entry_table.c.kind == kind, entry_table.c.recorded_at >= start, entry_table.c.recorded_at < end
        )
    )
    query = query.where(entry_table.c.version == 1) if first_only else query.where(entry_table.c.version > 1)
    return int(session.scalar(query) or 0)
