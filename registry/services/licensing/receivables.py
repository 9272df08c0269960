"""What licensees owe: invoices with a balance, their age past the due date, and the reminder each
one is due for. Read in SQL (payments summed per invoice, filtered and paged in the database), so
finance pages 100,000 venues' invoices without loading them.

Reminders follow the usual dunning ladder: a first reminder once an invoice is past due, a second
after 30 days, a final notice after 60 (after which the case goes to enforcement). An invoice's
`reminder` is the stage it is due for and not yet sent (registry.services.licensing.reminders
records those sent); `last_reminder` the latest one sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.models import REMINDER_STAGES, Invoice, InvoiceReminder, License, Licensee, Payment
from registry.services.licensing.periods import parse_period

Status = Literal["outstanding", "overdue", "all"]
# (days past due at least, reminder): the stage an overdue invoice has reached.
REMINDERS = ((61, "final_notice"), (31, "second_reminder"), (1, "first_reminder"))
# ageing buckets of the outstanding balance, by days past due: (name, from, to inclusive)
BUCKETS = (
    ("not_due", None, 0),
    ("days_1_30", 1, 30),
    ("days_31_60", 31, 60),
    ("days_61_90", 61, 90),
    ("days_over_90", 91, None),
)


@dataclass(frozen=True)
class ReceivablesPage:
    total: int
    items: list[dict[str, Any]]


def reminder_due(days_overdue: int) -> str | None:
    for at_least, stage in REMINDERS:
        if days_overdue >= at_least:
            return stage
    return None


def _paid() -> Any:
    return (
        select(Payment.invoice_id, func.sum(Payment.amount_fen).label("paid"))
        .group_by(Payment.invoice_id)
        .subquery()
    )


def _query(status: Status, today: date, period: str | None, q: str | None) -> tuple[Select[Any], Any]:
    paid = _paid()
    paid_fen = func.coalesce(paid.c.paid, 0)
    query = (
        select(Invoice, License.number, Licensee.id, Licensee.name, paid_fen.label("paid_fen"))
        .join(License, Invoice.license_id == License.id)
        .join(Licensee, License.licensee_id == Licensee.id)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
    )
    if status != "all":
        query = query.where(Invoice.amount_fen > paid_fen)
    if status == "overdue":
        query = query.where(Invoice.due_on < today)
    if period:
        first, _ = parse_period(period)
        query = query.where(Invoice.period == first.strftime("%Y-%m"))
    if q and q.strip():
        text = q.strip()
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"  # typed text
        query = query.where(
            or_(
                Invoice.number == text.upper(),
                License.number == text.upper(),
                Licensee.name.ilike(like, escape="\\"),
            )
        )
    return query, paid_fen


def receivables_page(
    session: Session,
    *,
    status: Status = "outstanding",
    today: date,
    period: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> ReceivablesPage:
    """Invoices, most overdue first (oldest due date), each with what is paid, the balance, the
    days past due and the reminder it is due for."""
    query, _ = _query(status, today, period, q)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.execute(query.order_by(Invoice.due_on, Invoice.number).limit(limit).offset(offset)))
    sent = _sent(session, [row[0].id for row in rows])
    items = []
    for invoice, license_number, licensee_id, licensee_name, paid in rows:
        balance = invoice.amount_fen - int(paid)
        late = max((today - invoice.due_on).days, 0) if balance > 0 else 0
        stages = sent.get(invoice.id, [])
        items.append(
            {
                "number": invoice.number,
                "license": license_number,
                "licensee": entity_ids.LICENSEE.make(licensee_id),
                "licensee_name": licensee_name,
                "period": invoice.period,
                "source": invoice.source,
                "amount_fen": invoice.amount_fen,
                "paid_fen": int(paid),
                "balance_fen": balance,
                "currency": invoice.currency,
                "issued_on": invoice.issued_on.isoformat(),
                "due_on": invoice.due_on.isoformat(),
                "days_overdue": late,
                "reminder": _still_due(reminder_due(late), stages),
                "last_reminder": stages[-1] if stages else None,
            }
        )
    return ReceivablesPage(total=int(total), items=items)


def _sent(session: Session, invoice_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    """The reminders sent for these invoices, oldest first: stage and day."""
    out: dict[int, list[dict[str, str]]] = {}
    if invoice_ids:
        for invoice_id, stage, sent_on in session.execute(
            select(InvoiceReminder.invoice_id, InvoiceReminder.stage, InvoiceReminder.sent_on)
            .where(InvoiceReminder.invoice_id.in_(invoice_ids))
            .order_by(InvoiceReminder.sent_on, InvoiceReminder.id)
        ):
            out.setdefault(invoice_id, []).append({"stage": stage, "sent_on": sent_on.isoformat()})
    return out


def _still_due(stage: str | None, sent: list[dict[str, str]]) -> str | None:
    """The stage reached, unless it or a later one was sent already."""
    if stage is None:
        return None
    later = REMINDER_STAGES[REMINDER_STAGES.index(stage) :]
    return None if any(s["stage"] in later for s in sent) else stage


def ageing(session: Session, *, today: date, period: str | None = None) -> dict[str, Any]:
    """The outstanding balance in buckets of days past due, with invoice counts; the buckets add
    up to the total."""
    query, paid_fen = _query("outstanding", today, period, None)
    balances = query.with_only_columns(
        Invoice.due_on.label("due_on"), (Invoice.amount_fen - paid_fen).label("balance")
    ).subquery()
    buckets: dict[str, dict[str, int]] = {name: {"invoices": 0, "balance_fen": 0} for name, _, _ in BUCKETS}
    grouped = session.execute(
        select(balances.c.due_on, func.count(), func.sum(balances.c.balance)).group_by(balances.c.due_on)
    )
    for due_on, count, balance in grouped:
        late = (today - due_on).days
        name = next(
            name for name, lo, hi in BUCKETS if (lo is None or late >= lo) and (hi is None or late <= hi)
        )
        buckets[name]["invoices"] += int(count)
        buckets[name]["balance_fen"] += int(balance)
    return {
        "as_of": today.isoformat(),
        "period": period,
        "invoices": sum(b["invoices"] for b in buckets.values()),
        "balance_fen": sum(b["balance_fen"] for b in buckets.values()),
        "buckets": [{"bucket": name, **buckets[name]} for name, _, _ in BUCKETS],
    }
