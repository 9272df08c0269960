"""Demo: the month before the demo's billing month is invoiced too (on the first day of the demo
month, so those invoices fell due a month later), half of them paid; finance then runs the day's
payment reminders: a first reminder for each one still unpaid past its due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from registry.services.licensing.invoices import run_invoices
from registry.services.licensing.payments import PaymentInput, record_payment
from registry.services.licensing.reminders import send_due_reminders


def _month_before(period: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def reminders_day(session: Session, *, period: str, today: date) -> dict[str, Any]:
    earlier = _month_before(period)
    year, month = (int(part) for part in period.split("-"))
    issued = run_invoices(session, earlier, issued_on=date(year, month, 1)).issued
    for n, invoice in enumerate(sorted(issued, key=lambda i: i.number)):
        if n % 2 == 0:  # every other licensee paid on time
            reference = f"DEMO-{invoice.number}"
            record_payment(
                session,
                PaymentInput(
                    invoice=invoice.number,
                    amount_fen=invoice.amount_fen,
                    received_on=invoice.issued_on,
                    reference=reference,
                ),
            )
    run = send_due_reminders(session, today=today, sent_by="finance", channel="letter")
    return {"period": earlier, "invoices": len(issued), "run": run}
