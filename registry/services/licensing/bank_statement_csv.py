"""A bank statement as CSV: the receipts on the society's account, read line by line.

The header (first line) names the columns, in any order, in English or as Chinese banks' exports
write them; case and surrounding space are ignored::

    date,amount,reference,payer,remark
    交易日期,金额,流水号,付款人,附言

- ``date``: ``YYYY-MM-DD``, ``YYYY/MM/DD`` or ``YYYYMMDD``. Required.
- ``amount``: yuan with at most two decimals (``12,800.00``, ``¥12800``); a debit (0 or less)
  is not a receipt and is skipped. Required.
- ``reference``: the bank's transaction reference, unique per transfer. Required.
- ``payer``: the remitter's account name. Optional.
- ``remark``: the payer's note; it names the invoice paid (``INV-202603-000001``). Optional,
  but a receipt whose remark and reference name no invoice is left for staff to allocate.

UTF-8 (with or without BOM) or GB18030, as Chinese online banking exports. A file without the
required columns is refused whole; a line with a bad value is reported with its line number and
field, and the other lines are read."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from registry.services.licensing.errors import LicensingError

REQUIRED = ("date", "amount", "reference")
COLUMNS = (*REQUIRED, "payer", "remark")
ALIASES = {
    "交易日期": "date",
    "日期": "date",
    "入账日期": "date",
    "金额": "amount",
    "贷方金额": "amount",
    "收入金额": "amount",
    "交易金额": "amount",
    "流水号": "reference",
    "交易流水号": "reference",
    "凭证号": "reference",
    "付款人": "payer",
    "对方户名": "payer",
    "付款方": "payer",
    "附言": "remark",
    "摘要": "remark",
    "用途": "remark",
    "备注": "remark",
}
MAX_LINES = 100_000
_DATE = re.compile(r"([0-9]{4})[-/]?([0-9]{2})[-/]?([0-9]{2})")
_INVOICE = re.compile(r"INV-?([0-9]{6})-?([0-9]{6})", re.IGNORECASE)


class BankStatementError(LicensingError):
    """The file cannot be read as a bank statement at all."""


@dataclass(frozen=True)
class StatementLine:
    line: int  # in the file, the header being line 1
    received_on: date | None
    amount_fen: int | None
    reference: str
    payer: str
    remark: str
    problem: str | None = None  # a bad value, naming the field
    reason: str | None = None  # the same as a code: no_reference, long_reference, bad_date, bad_amount

    @property
    def invoices(self) -> list[str]:
        """The invoice numbers the remark (or else the reference) names, each once."""
        found = _INVOICE.findall(self.remark) or _INVOICE.findall(self.reference)
        return list(dict.fromkeys(f"INV-{month}-{seq}" for month, seq in found))


def read_statement(data: bytes, name: str = "statement.csv") -> list[StatementLine]:
    text = _decoded(data, name)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if not header or not any(h.strip() for h in header):
        raise BankStatementError(f"{name}: empty file; the first line must name the columns")
    positions = _positions(header, name)
    lines: list[StatementLine] = []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(lines) >= MAX_LINES:
            raise BankStatementError(f"{name}: more than {MAX_LINES:,} lines; split the statement")
        lines.append(_line(number, row, positions))
    return lines


def _decoded(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BankStatementError(f"{name}: neither UTF-8 nor GB18030 text")


def _positions(header: list[str], name: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for i, raw in enumerate(header):
        key = raw.strip().lower()
        column = ALIASES.get(raw.strip(), key)
        if column in COLUMNS and column not in positions:
            positions[column] = i
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise BankStatementError(
            f"{name} line 1: no column {missing[0]!r}; the header needs {', '.join(REQUIRED)} "
            f"(payer and remark optional)"
        )
    return positions


def _line(number: int, row: list[str], positions: dict[str, int]) -> StatementLine:
    def cell(column: str) -> str:
        at = positions.get(column)
        return row[at].strip() if at is not None and at < len(row) else ""

    received_on = _date(cell("date"))
    amount = _fen(cell("amount"))
    problem, reason = None, None
    if not cell("reference"):
        problem, reason = "reference: empty; every transfer needs the bank's reference", "no_reference"
    elif len(cell("reference")) > 80:
        problem, reason = "reference: longer than 80 characters", "long_reference"
    elif received_on is None:
        problem, reason = f"date: {cell('date')!r} is not a date (YYYY-MM-DD)", "bad_date"
    elif amount is None:
        problem = f"amount: {cell('amount')!r} is not an amount in yuan with at most two decimals"
        reason = "bad_amount"
    return StatementLine(
        line=number,
        received_on=received_on,
        amount_fen=amount,
        reference=cell("reference")[:80],
        payer=cell("payer")[:200],
        remark=cell("remark")[:400],
        problem=problem,
        reason=reason,
    )


def _date(text: str) -> date | None:
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _fen(text: str) -> int | None:
    cleaned = text.replace(",", "").replace("¥", "").replace("￥", "").replace("CNY", "").strip()
    try:
        amount = Decimal(cleaned)
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
            return None
    except InvalidOperation:  # not a number, or too large to have cents
        return None
    return int(amount.scaleb(2))
