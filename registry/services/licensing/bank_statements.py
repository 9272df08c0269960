"""Importing a bank statement: each receipt that names one invoice is recorded as its payment (a
`payment` entry, in the import's transaction); the rest are reported line by line for staff to
allocate by hand. The bank's reference makes it idempotent: the same statement imported again
records nothing twice, and a statement overlapping the last one records only the new transfers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Payment
from registry.services.licensing.bank_statement_csv import StatementLine, read_statement
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.payments import PaymentInput, record_payments

OUTCOMES = ("recorded", "already_recorded", "unallocated", "refused", "invalid", "not_a_receipt")


@dataclass
class BankStatementReport:
    name: str
    lines: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        line: StatementLine,
        outcome: str,
        invoice: str | None = None,
        message: str = "",
        reason: str = "",
    ) -> None:
        self.lines.append(
            {
                "line": line.line,
                "received_on": line.received_on.isoformat() if line.received_on else None,
                "amount_fen": line.amount_fen,
                "reference": line.reference,
                "payer": line.payer,
                "invoice": invoice,
                "outcome": outcome,
                "message": message,
                "reason": reason or None,
            }
        )

    def to_dict(self) -> dict[str, Any]:
        counts = Counter(line["outcome"] for line in self.lines)
        return {
            "name": self.name,
            "lines": len(self.lines),
            "counts": {outcome: counts.get(outcome, 0) for outcome in OUTCOMES},
            "recorded_fen": sum(line["amount_fen"] for line in self.lines if line["outcome"] == "recorded"),
            "outcomes": self.lines,
        }


def import_bank_statement(session: Session, data: bytes, name: str = "statement.csv") -> BankStatementReport:
    """Record the statement's receipts; raises BankStatementError when the file is unreadable."""
    report = BankStatementReport(name=name)
    receipts: list[tuple[StatementLine, str]] = []
    for line in read_statement(data, name):
        named = _sorted(session, line, report)
        if named is not None:
            receipts.append((line, named))
    done = record_payments(
        session,
        [
            PaymentInput(
                invoice=invoice,
                amount_fen=line.amount_fen or 0,
                received_on=line.received_on or date.min,
                reference=line.reference,
                method="bank_transfer",
            )
            for line, invoice in receipts
        ],
    )
    for (line, invoice), result in zip(receipts, done, strict=True):
        if isinstance(result, LicensingError):
            report.add(line, "refused", invoice, str(result), reason="refused")
        else:
            report.add(line, "recorded" if result[1] else "already_recorded", invoice)
    report.lines.sort(key=lambda item: item["line"])
    return report


def _sorted(session: Session, line: StatementLine, report: BankStatementReport) -> str | None:
    """The one invoice a receipt pays; None (and the line reported) when it names none or several,
    is not a receipt or has a bad value."""
    if line.problem is not None:
        report.add(line, "invalid", message=line.problem, reason=line.reason or "")
        return None
    assert line.amount_fen is not None and line.received_on is not None
    if line.amount_fen <= 0:
        report.add(
            line, "not_a_receipt", message="amount: a debit or zero, not money received", reason="debit"
        )
        return None
    named = line.invoices
    if len(named) == 1:
        return named[0]
    seen = session.scalars(select(Payment).where(Payment.reference == line.reference)).one_or_none()
    if seen is not None:  # allocated by hand earlier
        report.add(line, "already_recorded", seen.invoice.number)
    elif named:
        says = f"remark: names {len(named)} invoices ({', '.join(named)})"
        report.add(line, "unallocated", message=says, reason="several_invoices")
    else:
        says = "remark: names no invoice (INV-YYYYMM-NNNNNN)"
        report.add(line, "unallocated", message=says, reason="no_invoice")
    return None
