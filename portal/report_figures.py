"""The transparency report's figures as rows a reader can compare: a month's published body
flattened to (section, figure path, value), set beside the previous month's. Pure: the page
(portal/views/report.py) puts the words and formats on them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
# Amounts in minor units (fen): named so in the body, or the distribution's figures.
MONEY_NAMES = ("pool", "deduction", "reserve", "allocated", "brought_forward", "paid", "carried_forward")


def parse_month(month: str) -> tuple[int, int] | None:
    match = MONTH.fullmatch(month.strip())
    return (int(match[1]), int(match[2])) if match else None


def first_day_after(month: str) -> dt.date:
    parsed = parse_month(month)
    if parsed is None:
        raise ValueError(f"month {month!r} is not YYYY-MM")
    year, number = parsed
    return dt.date(year + (number == 12), number % 12 + 1, 1)


def closed(month: str, today: dt.date) -> bool:
    """A month's report exists only once the month is over."""
    return first_day_after(month) <= today


def previous_month(month: str) -> str:
    first = first_day_after(month) - dt.timedelta(days=1)
    before = first.replace(day=1) - dt.timedelta(days=1)
    return before.strftime("%Y-%m")


def last_closed_month(today: dt.date) -> str:
    return (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")


@dataclass(frozen=True, slots=True)
class Figure:
    section: str
    path: tuple[str, ...]  # ("licenses_at_month_end", "active"), ("by_source", "karaoke", "pool")
    value: int
    kind: str  # "count", "money" (fen) or "wei"


def _kind(path: tuple[str, ...]) -> str:
    if any(p.endswith(("_fen", "_minor")) for p in path) or path[-1] in MONEY_NAMES:
        return "money"
    if path[-1].endswith("_wei"):
        return "wei"
    return "count"


def _walk(section: str, path: tuple[str, ...], value: Any, out: list[Figure]) -> None:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _walk(section, (*path, str(key)), inner, out)
    elif type(value) is int:
        out.append(Figure(section, path, value, _kind(path)))
    elif isinstance(value, str) and path and path[-1].endswith("_wei") and value.isdigit():
        out.append(Figure(section, path, int(value), "wei"))  # wei travel as decimal text


# The order a reader takes the figures in (the body's own keys are sorted, RFC 8785).
READING_ORDER = (
    *("licenses_issued", "status_changes", "licenses_at_month_end", "active_by_province"),
    *("contracts_signed", "invoiced_fen", "collected_fen", "outstanding_fen"),
    *("unidentified_groups", "unidentified_lines", "claims_by_status"),
    *("opened", "resolved", "open_at_end"),
    *("works_registered", "work_changes", "recordings_registered", "members_joined", "members_total"),
    *("checkpoints", "largest_tree_size", "gas_used", "cost_wei"),
)


def _reading_place(figure: Figure) -> int:
    head = figure.path[0] if figure.path else ""
    return READING_ORDER.index(head) if head in READING_ORDER else len(READING_ORDER)


def figures(body: Mapping[str, Any]) -> list[Figure]:
    """Every number of the report, in reading order (the month and currency are not figures)."""
    out: list[Figure] = []
    for name, value in body.items():
        if isinstance(value, Mapping):
            _walk(name, (), value, out)
    return sorted(out, key=_reading_place)  # stable: a figure's parts keep their order


def by_key(found: list[Figure]) -> dict[tuple[str, tuple[str, ...]], Figure]:
    return {(f.section, f.path): f for f in found}


def change(now: int, before: int | None) -> int | None:
    return None if before is None else now - before
