"""Billing periods: calendar months written YYYY-MM."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from registry.services.licensing.errors import LicensingError

_PERIOD = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


def parse_period(period: str) -> tuple[date, date]:
    """The first and last day of a billing period `YYYY-MM`."""
    match = _PERIOD.fullmatch(period.strip()) if isinstance(period, str) else None
    if match is None:
        raise LicensingError(f"billing period {period!r} is not of the form YYYY-MM")
    year, month = int(match[1]), int(match[2])
    if year < 1:  # date has no year 0
        raise LicensingError(f"billing period {period!r} is before year 1")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def overlap_days(start: date, end: date, first: date, last: date) -> int:
    """How many days of [first, last] fall within [start, end] (both inclusive)."""
    lo, hi = max(start, first), min(end, last)
    return (hi - lo).days + 1 if hi >= lo else 0


def day_before(day: date) -> date:
    return day - timedelta(days=1)
