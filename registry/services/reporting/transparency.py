"""The monthly transparency report: the figures a CMO publishes each month, as a public
`transparency_report` entry, so the published figures are anchored like every other fact.

The report is a set of sections, declared in registry.services.reporting.sections: each is one
small function over the month's half-open time range [start, end) and the month itself, counting
facts in the business period they belong to. Only a closed month is published. Figures are
integers (counts, minor units, gas, wei as decimal text): never floats.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.entity_ids import TRANSPARENCY_REPORT
from registry.errors import RegistryError
from registry.ledger_writer import latest_entry, record
from registry.services.reporting.sections import SECTIONS

KIND = "transparency_report"
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class ReportError(RegistryError):
    """A report that cannot be produced; the message says why."""


def month_range(month: str) -> tuple[datetime, datetime]:
    """[first instant of the month, first instant of the next), in UTC."""
    match = _MONTH.fullmatch(month or "")
    if not match:
        raise ReportError(f"month {month!r} is not YYYY-MM")
    year, number = int(match[1]), int(match[2])
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=UTC)
    return start, end


def closed(month: str, today: date | None = None) -> bool:
    """A month is closed once its last day is over (UTC): only then are its figures final enough
    to publish."""
    _, end = month_range(month)
    return end.date() <= (today or datetime.now(UTC).date())


def previous_month(month: str) -> str:
    start, _ = month_range(month)
    return f"{start.year - (start.month == 1)}-{(start.month - 2) % 12 + 1:02d}"


def report_id(month: str) -> str:
    return TRANSPARENCY_REPORT.make(month)


def monthly_report(session: Session, month: str) -> dict[str, Any]:
    """The report's body: every declared section, computed now."""
    start, end = month_range(month)
    body: dict[str, Any] = {"month": month}
    for name in sorted(SECTIONS):
        body[name] = SECTIONS[name](session, start, end, month)
    return body


def publish_report(
    session: Session, month: str, today: date | None = None
) -> tuple[dict[str, Any], Entry | None]:
    """Compute the report and record it; a report whose figures did not change records nothing.
    A changed figure (late registrations, a correction) becomes the report's next version. A month
    not yet closed has no report: its figures are still moving."""
    if not closed(month, today):
        _, end = month_range(month)
        raise ReportError(
            f"month {month} is not closed yet: its report can be published from {end.date().isoformat()}"
        )
    body = monthly_report(session, month)
    latest = latest_entry(session, KIND, report_id(month))
    if latest is not None and dict(latest.body) == body:
        return body, None
    return body, record(session, KIND, report_id(month), body)


def published_report(session: Session, month: str) -> Entry | None:
    """The latest published version of the month's report, or None."""
    month_range(month)
    return latest_entry(session, KIND, report_id(month))
