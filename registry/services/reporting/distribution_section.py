"""The distribution and claims sections of the monthly transparency report, by business period:
the runs distributing the month's usage (their period, whenever they ran) per source, and the
claims on the month's unidentified usage, by status."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import DistributionRun, UnidentifiedUsage, UsageClaim
from registry.models.usage import CLAIM_STATUSES

# The figures of a run that add up over its adjustments (each states the difference to before).
AMOUNTS = ("pool", "deduction", "reserve", "allocated", "brought_forward", "paid", "carried_forward")


def distribution_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    """Per source: the amounts (fen) of every run of the month's period, regular and adjustments,
    and the members paid by the regular run."""
    by_source: dict[str, dict[str, int]] = {}
    runs = session.scalars(
        select(DistributionRun)
        .where(DistributionRun.period == month)
        .order_by(DistributionRun.source, DistributionRun.sequence)
    )
    for run in runs:
        figures = by_source.setdefault(run.source, {**dict.fromkeys(AMOUNTS, 0), "members": 0, "runs": 0})
        for name in AMOUNTS:
            figures[name] += int(getattr(run, name))
        figures["members"] = max(figures["members"], int(run.member_count))
        figures["runs"] += 1
    return {"currency": "CNY", "by_source": by_source}


def claims_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    """The month's unidentified usage (groups of lines no recording matched) and the members'
    claims on it, by status."""
    unidentified = session.execute(
        select(func.count(), func.coalesce(func.sum(UnidentifiedUsage.lines), 0)).where(
            UnidentifiedUsage.period == month
        )
    ).one()
    claims = dict.fromkeys(CLAIM_STATUSES, 0)
    rows = session.execute(
        select(UsageClaim.status, func.count())
        .join(UnidentifiedUsage, UnidentifiedUsage.id == UsageClaim.unidentified_id)
        .where(UnidentifiedUsage.period == month)
        .group_by(UsageClaim.status)
    )
    for status, count in rows:
        claims[status] = int(count)
    return {
        "unidentified_groups": int(unidentified[0]),
        "unidentified_lines": int(unidentified[1]),
        "claims_by_status": claims,
    }
