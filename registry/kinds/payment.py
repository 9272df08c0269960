"""`payment`: money received from a licensee against an invoice (private: the licensee's)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration
from registry.models import Invoice, License, Payment

IDS = entity_ids.PAYMENT


def owner(session: Session, entity_id: str) -> tuple[str | None, int | None]:
    """A payment belongs to the licensee of the invoice it pays."""
    return None, session.scalar(
        select(License.licensee_id)
        .join(Invoice, Invoice.license_id == License.id)
        .join(Payment, Payment.invoice_id == Invoice.id)
        .where(Payment.id == IDS.parse(entity_id))
    )


DECLARATION = Declaration(
    kind=Kind("payment", 1, True, "money received from a licensee against an invoice"),
    ids=IDS,
    body="`registry/services/licensing/payments.py` `payment_body`",
    about="Money received against an invoice.",
    fields={
        "invoice": "the invoice paid",
        "amount_fen": "the amount received, in fen",
        "currency": "the currency",
        "received_on": "the day it was received",
        "reference": "the bank's reference",
        "method": "how it was paid",
    },
    unchecked="Compared with its row by registry/audit/checks/money.py, whose body builder is the "
    "licensing service's (the kinds may not import services).",
    owner=owner,
)
