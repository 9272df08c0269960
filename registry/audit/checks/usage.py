"""Usage reports: the latest `usage_report` version states the report row as it is now (its hash,
format, period, source, line counts, weights and revenue) and the totals of its unidentified
usage groups (how many, their lines and their weight: a changed group weight changes the sum).

Left out: the file's name (the row keeps its first 255 characters), the Parquet file's hash
(checked against the file by registry.audit.files), FOOT counts and accepted claims (facts of
the entry only)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.kinds.checks import BodyCheck, Checks
from registry.models import UnidentifiedUsage, UsageReport


def _report_ids(session: Session) -> Iterable[str]:
    return (f"U-{sha}" for sha in session.scalars(select(UsageReport.sha256)))


def expected_usage_report(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    sha = entity_id.removeprefix("U-")
    row = session.scalars(select(UsageReport).where(UsageReport.sha256 == sha)).one_or_none()
    if row is None:
        return None
    groups, lines, weight = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(UnidentifiedUsage.lines), 0),
            func.coalesce(func.sum(UnidentifiedUsage.weight), 0),
        ).where(UnidentifiedUsage.report_id == row.id)
    ).one()
    return {
        "sha256": row.sha256,
        "format": row.format,
        "period": row.period,
        "source": row.source,
        "lines": {
            "read": row.lines_read,
            "ingested": row.lines_ingested,
            "rejected": row.lines_rejected,
            "matched": row.lines_matched,
            "unidentified": int(lines),
        },
        "weight": {"total": row.weight_total, "matched": row.weight_matched, "unidentified": int(weight)},
        "revenue": None
        if row.revenue_minor is None
        else {"amount_minor": row.revenue_minor, "currency": row.currency or ""},
        "unidentified_groups": int(groups),
    }


_ENTRY_ONLY = frozenset({"name", "parquet_sha256", "foot_counts", "claims_accepted"})
CHECKS = Checks(body=(BodyCheck("usage_report", expected_usage_report, ids=_report_ids, ignore=_ENTRY_ONLY),))
