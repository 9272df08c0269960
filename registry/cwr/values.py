"""Reading CWR field values: numbers, shares, dates, durations. Inputs are already stripped.

Each reader returns the value, or raises ValueError with a short reason the caller turns into an
Issue; blank and all-zero dates and durations mean "not given" (CWR zero-fills absent values)."""

from __future__ import annotations

from datetime import date, datetime, time

MAX_SHARE = 10000  # 100.00 %
SHARE_TOLERANCE = 6  # CWR's "plus or minus 00006 (.06%)"


def digits(text: str) -> bool:
    """Only the ASCII digits 0-9 (str.isdigit also accepts Latin-1's superscripts ¹ ² ³)."""
    return text.isdigit() and text.isascii()


def number(text: str) -> int:
    """A zero-filled numeric field; blank reads as 0."""
    if not text:
        return 0
    if not digits(text):
        raise ValueError(f"{text!r} is not a number")
    return int(text)


def share(text: str) -> int:
    """A 999v99 share field: '05000' is 50.00 %, returned as 5000 hundredths of a percent."""
    if not text:
        return 0
    if not digits(text):
        raise ValueError(f"share {text!r} is not a number (999v99, e.g. 05000 for 50%)")
    return int(text)


def cwr_date(text: str) -> date | None:
    """YYYYMMDD; blank or 00000000 is None."""
    if not text or text.strip("0") == "":
        return None
    if len(text) != 8 or not digits(text):
        raise ValueError(f"date {text!r} is not YYYYMMDD")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ValueError(f"date {text!r} does not exist") from None


def time_of_day(text: str) -> time:
    """HHMMSS (24-hour clock)."""
    if len(text) != 6 or not digits(text):
        raise ValueError(f"time {text!r} is not HHMMSS")
    try:
        return time(int(text[:2]), int(text[2:4]), int(text[4:]))
    except ValueError:
        raise ValueError(f"time {text!r} does not exist") from None


def duration(text: str) -> int | None:
    """HHMMSS duration in seconds; blank or 000000 is None (not given)."""
    if not text or text.strip("0") == "":
        return None
    if len(text) != 6 or not digits(text):
        raise ValueError(f"duration {text!r} is not HHMMSS")
    hours, minutes, seconds = int(text[:2]), int(text[2:4]), int(text[4:])
    if minutes > 59 or seconds > 59:
        raise ValueError(f"duration {text!r} is not a valid HHMMSS")
    return hours * 3600 + minutes * 60 + seconds


def timestamp(day: str, clock: str) -> datetime:
    """A date field and a time field, both required."""
    parsed = cwr_date(day)
    if parsed is None:
        raise ValueError("date is blank")
    return datetime.combine(parsed, time_of_day(clock))


def optional(text: str) -> str | None:
    return text or None


def ipi_digits(text: str) -> str | None:
    """An IPI name number field: blank or all zeros is None."""
    if not text or text.strip("0") == "":
        return None
    return text
