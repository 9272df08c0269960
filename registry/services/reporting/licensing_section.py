"""The licensing section of the monthly transparency report, by business dates: licenses issued in
the month (their issue date), status changes that took effect in it (their status date), licenses
by status and active licenses by province on the month's last day, contracts the licensee signed in
it, and the month as a billing period: invoiced, collected and outstanding, in fen."""

from __future__ import annotations

from datetime import date as date_type
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import LICENSE_STATUSES, Invoice, License, LicenseContract, Licensee
from registry.models.licensing import EXPIRED
from registry.services.licensing.collections import collections_by_source
from registry.services.licensing.payments import outstanding_fen

UNKNOWN_PROVINCE = "unknown"


def licensing_section(session: Session, start: datetime, end: datetime, month: str) -> dict[str, Any]:
    first_day, last_day = start.date(), (end - timedelta(days=1)).date()
    statuses = dict.fromkeys((*LICENSE_STATUSES, EXPIRED), 0)
    by_province: dict[str, int] = {}
    rows = session.execute(
        select(License, Licensee.province)
        .join(Licensee, Licensee.id == License.licensee_id)
        .where(License.issued_on <= last_day)
    ).all()
    for license_, province in rows:
        status = status_at_end(license_, last_day)
        statuses[status] += 1
        if status == "active":
            key = province or UNKNOWN_PROVINCE
            by_province[key] = by_province.get(key, 0) + 1
    changes = dict.fromkeys(s for s in LICENSE_STATUSES if s != "active")
    for status in changes:
        changes[status] = _count(
            session,
            select(func.count())
            .select_from(License)
            .where(
                License.status == status,
                License.status_on >= first_day,
                License.status_on <= last_day,
            ),
        )
    invoiced = session.scalar(
        select(func.coalesce(func.sum(Invoice.amount_fen), 0)).where(Invoice.period == month)
    )
    return {
        "licenses_issued": _count(
            session,
            select(func.count())
            .select_from(License)
            .where(License.issued_on >= first_day, License.issued_on <= last_day),
        ),
        "status_changes": changes,
        "licenses_at_month_end": statuses,
        "active_by_province": dict(sorted(by_province.items())),
        "contracts_signed": _count(
            session,
            select(func.count())
            .select_from(LicenseContract)
            .where(LicenseContract.licensee_signed_at >= start, LicenseContract.licensee_signed_at < end),
        ),
        "currency": "CNY",
        "invoiced_fen": int(invoiced or 0),
        "collected_fen": collections_by_source(session, month),
        "outstanding_fen": outstanding_fen(session, month),
    }


def status_at_end(license_: License, day: date_type) -> str:
    """The license's status on `day` as far as the rows tell: a suspension or revocation that took
    effect after `day` had not happened yet then (the license was active)."""
    status = license_.status
    if status != "active" and license_.status_on > day:
        status = "active"
    if status != "revoked" and license_.valid_to < day:
        return EXPIRED
    return status


def _count(session: Session, query: Any) -> int:
    return int(session.scalar(query) or 0)
