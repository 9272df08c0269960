"""A member's statements as the API gives them, and what the portal makes of them: the chart
table, the CSV, the PDF statement with its QR code, a zip of the proofs.

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from payloads.cells import safe_row
from payloads.distribution import StatementDetail, StatementLineOut, StatementOut


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


def lines_csv(period: str, source: str, lines: Sequence[PayoutLine]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in lines:
        statement, line = item.statement, item.line
        writer.writerow(
            safe_row(
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
        )
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read Chinese


def verify_url(public_url: str, item: PayoutLine) -> str:
    """The Verify page, asked to fetch this line's proof and check it is about this very line: for
    anyone, the proof of its fingerprint (entry id and leaf hash, content withheld, no login); for
    the member logged in, the full check from My payouts."""
    params = {
        "entry": item.statement.entry_id,
        "kind": "distribution_line",
        "version": str(item.statement.version),
        "leaf": item.statement.leaf_hash,
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
