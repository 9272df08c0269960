"""Times as entries state them: UTC, to the microsecond, as the database keeps them (a time
changed by any amount is then no longer the entry's)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_moment(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return aware_utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def aware_utc(moment: datetime) -> datetime:
    """A stored time in UTC with its zone (SQLite hands back naive UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC)
