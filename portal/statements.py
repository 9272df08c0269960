"""A member's statements as the API gives them, and what the portal makes of them: the chart
table, the CSV, the PDF statement with its QR code, a zip of the proofs.

Field names are the API's (GET /v1/me/statements and /v1/me/statements/{period}/{source}): a
statement has period, source, currency and its payable amount in minor units; its lines name a
recording or work (id, title), the usage weight, the share in basis points and the amount, and
carry the entry id, version and leaf hash of the member's `distribution_line` statement entry
that lists them. Each is read through `field()` so a renamed field is one edit here.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from ledger.spreadsheet import safe_row

ALIASES = {
    "amount": ("amount", "payable"),
    "currency": ("currency",),
    "period": ("period",),
    "source": ("source",),
    "entry_id": ("entry_id", "id", "ledger_id"),
    "version": ("version",),
    "leaf_hash": ("leaf_hash",),
    "what": ("title", "id"),
    "usage": ("weight",),
    "share": ("share",),
}


def field(item: Mapping[str, Any], name: str, default: Any = None) -> Any:
    for key in ALIASES.get(name, (name,)):
        if item.get(key) is not None:
            return item[key]
    return default


def minor(item: Mapping[str, Any]) -> int:
    """The amount in minor units; a statement without an integer amount counts 0."""
    value = field(item, "amount", 0)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def format_money(amount: int, currency: str = "CNY") -> str:
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount), 100)
    return f"{sign}{whole:,}.{cents:02d} {currency}"


def chart_rows(statements: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per period and source, the amount as a decimal string for the chart's axis only."""
    rows = []
    for item in statements:
        amount = minor(item)
        rows.append(
            {
                "period": str(field(item, "period", "")),
                "source": str(field(item, "source", "")),
                "amount_minor": amount,
                "amount": amount / 100,  # display only: a chart's axis, never a sum we state
                "currency": str(field(item, "currency", "CNY")),
            }
        )
    return rows


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


def lines_csv(period: str, source: str, lines: Sequence[Mapping[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            safe_row(
                [
                    period,
                    source,
                    field(line, "entry_id", ""),
                    field(line, "version", ""),
                    field(line, "what", ""),
                    field(line, "usage", ""),
                    field(line, "share", ""),
                    minor(line),
                    field(line, "currency", "CNY"),
                    field(line, "leaf_hash", ""),
                ]
            )
        )
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read Chinese


def verify_url(public_url: str, line: Mapping[str, Any]) -> str:
    """The Verify page, asked to fetch this line's proof and check it is about this very line."""
    params = {
        "entry": str(field(line, "entry_id", "")),
        "kind": "distribution_line",
        "version": str(field(line, "version", "")),
        "leaf": str(field(line, "leaf_hash", "")),
    }
    return public_url.rstrip("/") + "/verify?" + urlencode({k: v for k, v in params.items() if v})


def proofs_zip(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def line_listed(proof: bytes, line: Mapping[str, Any]) -> bool:
    """Whether the statement entry in `proof` lists this line (recording or work, right type,
    usage, share and amount as the API gave them): the proof verifies the entry, this ties the
    line shown to it."""
    import json

    try:
        body = json.loads(proof)["entry"]["body"]
        columns, rows = list(body["columns"]), body["lines"]
    except (ValueError, KeyError, TypeError):
        return False
    wanted = {"id": line.get("id"), "right_type": line.get("right_type"), "weight": line.get("weight")}
    wanted |= {"share": line.get("share"), "amount": line.get("amount")}
    return any(dict(zip(columns, row, strict=False)) == wanted for row in rows if isinstance(row, list))
