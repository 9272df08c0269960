"""The normalised usage line, the vocabulary of usage reports, and the issues parsers report.

Every parser turns its format into batches of the same columns (:data:`LINE_SCHEMA`); matching
adds :data:`MATCH_SCHEMA`. Weights are plays (karaoke, background music, broadcast) or streams
(online); revenue is an integer in minor units of the report's currency, or null when the report
states none.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

import polars as pl

from registry.usage.errors import UsageError

SOURCES = ("karaoke", "online", "background_music", "broadcast")
FORMATS = ("dsr", "csv")

LINE_SCHEMA: dict[str, Any] = {
    "line_no": pl.Int64,  # 1-based line of the file the usage comes from
    "licensee": pl.Utf8,  # venue or licensee id (play logs), the sending service (DSR)
    "room": pl.Utf8,
    "isrc": pl.Utf8,  # compact CCXXXYYNNNNN, upper case
    "title": pl.Utf8,
    "artist": pl.Utf8,
    "duration_s": pl.Int64,
    "iswc": pl.Utf8,  # compact T0345246801 (DSR MW01)
    "played_at": pl.Datetime("us"),  # UTC (play logs)
    "weight": pl.Int64,  # plays or streams
    "revenue_minor": pl.Int64,  # null: the report states no revenue
}
MATCH_SCHEMA: dict[str, Any] = {
    "recording_id": pl.Int64,
    "work_id": pl.Int64,
    "matched": pl.Boolean,
    "match_method": pl.Utf8,  # isrc | title | iswc | null
    "group_no": pl.Int64,  # the unidentified group of an unmatched line, else null
}
STORED_SCHEMA: dict[str, Any] = {**LINE_SCHEMA, **MATCH_SCHEMA}

_PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
# ISO 4217 minor units for the currencies that are not the usual two decimals.
_MINOR_DIGITS = {
    "JPY": 0,
    "KRW": 0,
    "ISK": 0,
    "VND": 0,
    "CLP": 0,
    "BHD": 3,
    "KWD": 3,
    "JOD": 3,
    "OMR": 3,
    "TND": 3,
}
MAX_ISSUES = 1000  # issues kept in detail per report; the counts stay exact


def parse_period(period: str) -> str:
    """``YYYY-MM``, checked."""
    if not isinstance(period, str) or not _PERIOD.fullmatch(period):
        raise UsageError(f"period {period!r} must be YYYY-MM (e.g. 2026-03)")
    return period


def next_period(period: str) -> str:
    year, month = int(period[:4]), int(period[5:])
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def parse_source(source: str) -> str:
    if source not in SOURCES:
        raise UsageError(f"source {source!r} is not one of {', '.join(SOURCES)}")
    return source


def minor_digits(currency: str | None) -> int:
    return _MINOR_DIGITS.get((currency or "").upper(), 2)


def to_minor(amount: Decimal, currency: str | None) -> int:
    """An amount in minor units, rounded half to even (the exact total is kept beside it)."""
    return int((amount * (10 ** minor_digits(currency))).to_integral_value(rounding=ROUND_HALF_EVEN))


def parse_decimal(text: str) -> Decimal | None:
    """A plain decimal number (no exponent, no thousands separator), or None."""
    if not re.fullmatch(r"-?\d+(\.\d+)?|-?\.\d+", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None


@dataclass(frozen=True, slots=True)
class Issue:
    line: int
    record: str  # DSR record type or "csv"
    field: str | None
    severity: str  # error (the line is not ingested) | warning
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Issues:
    """Issues of one report: the first MAX_ISSUES in detail, exact counts of all."""

    kept: list[Issue] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0

    def add(self, issue: Issue) -> None:
        if issue.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        if len(self.kept) < MAX_ISSUES:
            self.kept.append(issue)

    def error(self, line: int, record: str, field_name: str | None, message: str) -> None:
        self.add(Issue(line, record, field_name, "error", message))

    def warning(self, line: int, record: str, field_name: str | None, message: str) -> None:
        self.add(Issue(line, record, field_name, "warning", message))
