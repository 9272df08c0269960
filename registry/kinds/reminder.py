"""`reminder`: a payment reminder sent to a licensee for an overdue invoice (private: the
licensee's). The dunning ladder's stages (first reminder, second, final notice) are each sent
once per invoice; the entry says what was asked for, how, when and by whom, so a licensee who
says it was never reminded, and a court hearing the case later, can be shown the day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration
from registry.kinds.rows import batch_loader
from registry.models import Invoice, InvoiceReminder, License

IDS = entity_ids.REMINDER


def reminder_body(row: InvoiceReminder) -> dict[str, Any]:
    return {
        "reminder": IDS.make(row.id),
        "invoice": row.invoice.number,
        "stage": row.stage,
        "channel": row.channel,
        "sent_on": row.sent_on.isoformat(),
        "balance_fen": row.balance_fen,
        "currency": row.invoice.currency,
        "days_overdue": row.days_overdue,
        "note": row.note,
        "sent_by": row.sent_by,
    }


def owner(session: Session, entity_id: str) -> tuple[str | None, int | None]:
    """A reminder belongs to the licensee of the invoice it is about."""
    return None, session.scalar(
        select(License.licensee_id)
        .join(Invoice, Invoice.license_id == License.id)
        .join(InvoiceReminder, InvoiceReminder.invoice_id == Invoice.id)
        .where(InvoiceReminder.id == IDS.parse(entity_id))
    )


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    row = session.get(InvoiceReminder, IDS.parse(entity_id))
    return None if row is None else reminder_body(row)


def _refs(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(InvoiceReminder.id)))


DECLARATION = Declaration(
    kind=Kind("reminder", 1, True, "a payment reminder sent to a licensee for an overdue invoice"),
    ids=IDS,
    body=reminder_body,
    about="A payment reminder sent for an overdue invoice: one per stage of the dunning ladder.",
    fields={
        "reminder": "`RM-n`",
        "invoice": "the invoice's number",
        "stage": "first_reminder (past due) | second_reminder (31 days) | final_notice (61 days)",
        "channel": "letter | email | sms | phone",
        "sent_on": "the day it was sent",
        "balance_fen": "what it asked for: the invoice's balance that day, in fen",
        "currency": "the invoice's currency",
        "days_overdue": "days past the due date that day",
        "note": "the sender's note, or null",
        "sent_by": "who sent it",
    },
    checks=Checks(
        body=(BodyCheck("reminder", expected, ids=_refs, prefetch=batch_loader(InvoiceReminder, IDS)),)
    ),
    owner=owner,
)
