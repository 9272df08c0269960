"""Payment reminders: finance records each reminder it sends a licensee for an overdue invoice,
one per stage of the dunning ladder (registry.services.licensing.receivables.REMINDERS), with the
balance asked for; each is a private `reminder` entry in the same transaction. A stage is sent
once, never before it is due, and never for an invoice that is paid. The reminder run sends
every stage due that day (the highest one an invoice has reached; earlier stages it skipped are
not sent late)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.errors import RegistryError
from registry.kinds.reminder import reminder_body
from registry.ledger_writer import Fact, record, record_many
from registry.models import REMINDER_CHANNELS, REMINDER_STAGES, Invoice, InvoiceReminder, Payment
from registry.services.licensing.receivables import REMINDERS, reminder_due

_DAYS = {stage: at_least for at_least, stage in REMINDERS}
MOST_AT_ONCE = 100_000


class ReminderError(RegistryError):
    """A reminder that cannot be sent; `field` names the input at fault."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class AlreadySent(RegistryError):
    """That stage was sent for that invoice before."""


class UnknownInvoice(RegistryError):
    """No invoice has that number."""


@dataclass
class ReminderRun:
    as_of: str
    sent: int = 0
    balance_fen: int = 0
    by_stage: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REMINDER_STAGES, 0))
    reminders: list[str] = field(default_factory=list)  # RM-n, the first 100


def send_reminder(
    session: Session,
    invoice_number: str,
    *,
    today: date,
    sent_by: str,
    channel: str = "letter",
    stage: str | None = None,
    note: str | None = None,
) -> InvoiceReminder:
    """Record the reminder sent today for the invoice (`stage` by default the one it is due for)."""
    _check_channel(channel)
    invoice = session.scalars(select(Invoice).where(Invoice.number == invoice_number.strip().upper())).first()
    if invoice is None:
        raise UnknownInvoice(f"no invoice {invoice_number}")
    balance = invoice.amount_fen - _paid(session, invoice.id)
    if balance <= 0:
        raise ReminderError(f"{invoice.number} is paid: there is nothing to remind of", field="invoice")
    late = (today - invoice.due_on).days
    due = reminder_due(late) if late > 0 else None
    stage = stage or due
    if stage is None:
        raise ReminderError(f"{invoice.number} is not yet past due (due {invoice.due_on})", field="stage")
    if stage not in REMINDER_STAGES:
        raise ReminderError(f"stage {stage!r}: expected one of {', '.join(REMINDER_STAGES)}", field="stage")
    if late < _DAYS[stage]:
        raise ReminderError(
            f"{invoice.number} is {max(late, 0)} days past due: a {stage.replace('_', ' ')} waits until "
            f"{_DAYS[stage]} days",
            field="stage",
        )
    sent = session.scalar(
        select(InvoiceReminder).where(
            InvoiceReminder.invoice_id == invoice.id, InvoiceReminder.stage == stage
        )
    )
    if sent is not None:
        raise AlreadySent(f"the {stage.replace('_', ' ')} of {invoice.number} was sent on {sent.sent_on}")
    row = _reminder(invoice, stage, channel, today, balance, late, sent_by, note)
    session.add(row)
    session.flush()
    record(session, "reminder", entity_ids.REMINDER.make(row.id), reminder_body(row))
    return row


def send_due_reminders(
    session: Session, *, today: date, sent_by: str, channel: str = "letter"
) -> ReminderRun:
    """Send every reminder due today: for each unpaid invoice past due, the stage it has reached,
    unless that stage (or a later one) was sent already."""
    _check_channel(channel)
    paid = select(Payment.invoice_id, func.sum(Payment.amount_fen).label("paid")).group_by(Payment.invoice_id)
    paid_q = paid.subquery()
    balance = Invoice.amount_fen - func.coalesce(paid_q.c.paid, 0)
    sent = {
        (invoice_id, stage)
        for invoice_id, stage in session.execute(select(InvoiceReminder.invoice_id, InvoiceReminder.stage))
    }
    rows = session.execute(
        select(Invoice, balance)
        .outerjoin(paid_q, paid_q.c.invoice_id == Invoice.id)
        .where(balance > 0, Invoice.due_on < today)
        .order_by(Invoice.due_on, Invoice.number)
        .limit(MOST_AT_ONCE)
    )
    run = ReminderRun(today.isoformat())
    made: list[InvoiceReminder] = []
    for invoice, owed in rows:
        late = (today - invoice.due_on).days
        stage = reminder_due(late)
        if stage is None or any((invoice.id, s) in sent for s in _from(stage)):
            continue
        made.append(_reminder(invoice, stage, channel, today, int(owed), late, sent_by, None))
    session.add_all(made)
    session.flush()
    record_many(session, [Fact("reminder", entity_ids.REMINDER.make(r.id), reminder_body(r)) for r in made])
    for row in made:
        run.sent += 1
        run.balance_fen += row.balance_fen
        run.by_stage[row.stage] += 1
    run.reminders = [entity_ids.REMINDER.make(r.id) for r in made[:100]]
    return run


def _from(stage: str) -> tuple[str, ...]:
    """`stage` and the later ones: sending any of them makes `stage` not due any more."""
    return REMINDER_STAGES[REMINDER_STAGES.index(stage) :]


def _reminder(
    invoice: Invoice,
    stage: str,
    channel: str,
    today: date,
    balance: int,
    late: int,
    sent_by: str,
    note: str | None,
) -> InvoiceReminder:
    return InvoiceReminder(
        invoice=invoice,
        stage=stage,
        channel=channel,
        sent_on=today,
        balance_fen=balance,
        days_overdue=late,
        note=" ".join((note or "").split())[:300] or None,
        sent_by=sent_by[:100],
    )


def _paid(session: Session, invoice_id: int) -> int:
    return int(
        session.scalar(select(func.sum(Payment.amount_fen)).where(Payment.invoice_id == invoice_id)) or 0
    )


def _check_channel(channel: str) -> None:
    if channel not in REMINDER_CHANNELS:
        raise ReminderError(
            f"channel {channel!r}: expected one of {', '.join(REMINDER_CHANNELS)}", field="channel"
        )
