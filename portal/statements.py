"""A member's statements as the API gives them, and what the portal makes of them: the chart
table, the lines table (filtered, searched, sorted), the CSV and Excel files, a zip of the proofs,
and the verification of every line at once (`verify_lines`: one proof per statement entry, checked
once, then each line looked up in the verified entry's lines).

The API answers statements (payloads.distribution): each is the member's private
`distribution_line` entry of one distribution run (its entry id, version and leaf hash) with its
lines per recording or work. A line is proven by the proof of the statement entry that lists it,
so the portal carries each line with its statement (`PayoutLine`).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from openpyxl import Workbook

from ledger import Report
from payloads.cells import safe_row
from payloads.distribution import StatementDetail, StatementLineOut, StatementOut
from portal.api_client import ApiError


@dataclass(frozen=True, slots=True)
class PayoutLine:
    """One line of a member's statement, with the statement entry that lists (and proves) it."""

    statement: StatementOut
    line: StatementLineOut

    @property
    def what(self) -> str:
        """The recording's or work's title, or its id when it has none."""
        return self.line.title or self.line.id


def payout_lines(statements: Iterable[StatementDetail]) -> list[PayoutLine]:
    """The lines of statements, in order (the distribution's, then adjustments')."""
    return [PayoutLine(statement, line) for statement in statements for line in statement.lines]


def format_money(amount: int, currency: str = "CNY") -> str:
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount), 100)
    return f"{sign}{whole:,}.{cents:02d} {currency}"


def chart_rows(statements: Iterable[StatementOut]) -> list[dict[str, Any]]:
    """One row per period and source, the amount as a decimal string for the chart's axis only."""
    return [
        {
            "period": s.period,
            "source": s.source,
            "amount_minor": s.payable,
            "amount": s.payable / 100,  # display only: a chart's axis, never a sum we state
            "currency": s.currency,
        }
        for s in statements
    ]


CSV_COLUMNS = (
    "period",
    "source",
    "entry_id",
    "version",
    "what",
    "usage",
    "share",
    "amount_minor",
    "currency",
    "leaf_hash",
)


def _export_row(period: str, source: str, item: PayoutLine) -> list[Any]:
    """A line in CSV_COLUMNS order, formula prefixes neutralised (CSV and Excel alike)."""
    statement, line = item.statement, item.line
    return safe_row(
        [
            period,
            source,
            statement.entry_id,
            statement.version,
            item.what,
            line.weight,
            line.share,
            line.amount,
            statement.currency,
            statement.leaf_hash,
        ]
    )


def lines_csv(period: str, source: str, lines: Sequence[PayoutLine]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in lines:
        writer.writerow(_export_row(period, source, item))
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read Chinese


def verify_url(public_url: str, item: PayoutLine) -> str:
    """The Verify page for the statement entry that lists this line (statement_url)."""
    return statement_url(public_url, item.statement)


def statement_url(public_url: str, statement: StatementOut) -> str:
    """The Verify page, asked to fetch a statement entry's proof and check it is about this very
    entry: for anyone, the proof of its fingerprint (entry id and leaf hash, content withheld, no
    login); for the member logged in, the full check from My payouts."""
    params = {
        "entry": statement.entry_id,
        "kind": "distribution_line",
        "version": str(statement.version),
        "leaf": statement.leaf_hash,
    }
    return public_url.rstrip("/") + "/verify?" + urlencode(params)


def proofs_zip(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def line_listed(proof: bytes, item: PayoutLine) -> bool:
    """Whether the statement entry in `proof` lists this line (recording or work, right type,
    usage, share and amount as the API gave them): the proof verifies the entry, this ties the
    line shown to it."""
    try:
        body = json.loads(proof)["entry"]["body"]
        columns, rows = list(body["columns"]), body["lines"]
    except (ValueError, KeyError, TypeError):
        return False
    line = item.line
    wanted = {"id": line.id, "right_type": line.right_type, "weight": line.weight}
    wanted |= {"share": line.share, "amount": line.amount}
    return any(dict(zip(columns, row, strict=False)) == wanted for row in rows if isinstance(row, list))


# --- the lines table --------------------------------------------------------------------------
SORT_KEYS = ("line", "amount", "usage", "share", "title", "code")


def line_key(line: StatementLineOut) -> tuple[Any, ...]:
    """What a statement entry states of a line (its `columns`: id, right type, weight, share,
    amount): the tuple the verified entry must hold for the line to be proven."""
    return (line.id, line.right_type, line.weight, line.share, line.amount)


def filter_lines(
    lines: Sequence[PayoutLine],
    *,
    subjects: Iterable[str] = (),
    right_types: Iterable[str] = (),
    text: str = "",
) -> list[int]:
    """The positions of the lines kept: of these subjects (recording, work) and right types (none
    chosen: all), whose title, code or id contains `text` (case-insensitive)."""
    wanted_subjects, wanted_rights = set(subjects), set(right_types)
    needle = text.strip().casefold()
    kept = []
    for number, item in enumerate(lines):
        line = item.line
        if wanted_subjects and line.subject not in wanted_subjects:
            continue
        if wanted_rights and line.right_type not in wanted_rights:
            continue
        if needle and not any(needle in (v or "").casefold() for v in (line.title, line.code, line.id)):
            continue
        kept.append(number)
    return kept


def sort_lines(
    lines: Sequence[PayoutLine], positions: Sequence[int], key: str, descending: bool
) -> list[int]:
    """`positions` ordered by a column (SORT_KEYS): money by its integer fen, never by its text."""
    if key not in SORT_KEYS:
        raise ValueError(f"cannot sort by {key!r}; one of {', '.join(SORT_KEYS)}")
    getters: dict[str, Callable[[int], Any]] = {
        "line": lambda n: n,
        "amount": lambda n: lines[n].line.amount,
        "usage": lambda n: lines[n].line.weight,
        "share": lambda n: lines[n].line.share,
        "title": lambda n: (lines[n].what.casefold(), n),
        "code": lambda n: (lines[n].line.code or "", n),
    }
    return sorted(positions, key=getters[key], reverse=descending)


def share_text(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole}.{rest:02d} %"


# --- Excel ------------------------------------------------------------------------------------
def lines_xlsx(period: str, source: str, lines: Sequence[PayoutLine], headings: Sequence[str]) -> bytes:
    """The lines as an Excel workbook: the CSV's columns under `headings` (the reader's language,
    one per CSV_COLUMNS), amounts as integer fen and as a decimal number formatted to the fen
    (written exactly from the integer: Excel's cell is a number, its text always two decimals)."""
    if len(headings) != len(CSV_COLUMNS) + 1:
        raise ValueError(f"{len(CSV_COLUMNS) + 1} headings needed, got {len(headings)}")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{period} {source}"[:31])
    sheet.append(list(headings))
    for item in lines:
        row = _export_row(period, source, item)
        # The amount in yuan as Excel shows it: a number cell made from the integer's decimal text.
        row.append(_yuan_number(item.line.amount))
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _yuan_number(minor: int) -> Decimal:
    return Decimal(minor).scaleb(-2)  # the edge: a spreadsheet's number cell, exact to the fen


# --- verifying every line at once -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EntryCheck:
    """One statement entry's proof, checked once: its report and the lines it states."""

    entry_id: str
    version: int
    leaf_hash: str
    report: Report | None  # None: the proof could not be fetched
    stated: Counter[tuple[Any, ...]]
    error: str = ""

    @property
    def proven(self) -> bool:
        return self.report is not None and self.report.ok


@dataclass(frozen=True, slots=True)
class LineVerdict:
    outcome: str  # verified | not_listed | not_proven | unavailable
    entry_id: str
    version: int
    detail: str = ""  # the failed or unchecked step's name, or the fetch error


def stated_lines(proof: bytes) -> Counter[tuple[Any, ...]]:
    """The lines a statement entry's proof states, as line_key tuples (a multiset)."""
    try:
        body = json.loads(proof)["entry"]["body"]
        columns, rows = list(body["columns"]), body["lines"]
    except (ValueError, KeyError, TypeError):
        return Counter()
    order = ("id", "right_type", "weight", "share", "amount")
    if not set(order) <= set(columns):
        return Counter()
    at = [columns.index(c) for c in order]
    width = len(columns)
    return Counter(tuple(row[i] for i in at) for row in rows if isinstance(row, list) and len(row) == width)


def check_entries(
    lines: Sequence[PayoutLine],
    fetch: Callable[[str, int], bytes],
    verify: Callable[[bytes, str], Report],
) -> dict[tuple[str, int], EntryCheck]:
    """Each statement entry the lines come from, fetched and verified once (`verify(proof,
    expected_leaf)`): a statement of 5,000 lines is one proof, not 5,000."""
    checks: dict[tuple[str, int], EntryCheck] = {}
    for item in lines:
        st = item.statement
        key = (st.entry_id, st.version)
        if key in checks:
            continue
        try:
            data = fetch(st.entry_id, st.version)
        except ApiError as exc:  # an entry whose proof cannot be fetched: its lines say why
            checks[key] = EntryCheck(st.entry_id, st.version, st.leaf_hash, None, Counter(), str(exc))
            continue
        report = verify(data, st.leaf_hash)
        checks[key] = EntryCheck(st.entry_id, st.version, st.leaf_hash, report, stated_lines(data))
    return checks


def line_verdicts(
    lines: Sequence[PayoutLine], checks: Mapping[tuple[str, int], EntryCheck]
) -> list[LineVerdict]:
    """Each line's verdict: verified when its entry's proof passed and the entry states this very
    line (same id, right type, usage, share and amount); each stated line proves one line only."""
    left = {key: Counter(check.stated) for key, check in checks.items()}
    out = []
    for item in lines:
        st = item.statement
        key = (st.entry_id, st.version)
        check = checks.get(key)
        if check is None or check.report is None:
            out.append(LineVerdict("unavailable", st.entry_id, st.version, check.error if check else ""))
            continue
        if not check.proven:
            step = check.report.failed or check.report.unchecked
            detail = step.name.value if step is not None else (check.report.unreadable or "")
            out.append(LineVerdict("not_proven", st.entry_id, st.version, str(detail)))
            continue
        wanted = line_key(item.line)
        if left[key][wanted] > 0:
            left[key][wanted] -= 1
            out.append(LineVerdict("verified", st.entry_id, st.version))
        else:
            out.append(LineVerdict("not_listed", st.entry_id, st.version))
    return out
