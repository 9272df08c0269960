"""`invoice`: an invoice as issued to a licensee (private: the licensee's)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration
from registry.models import Invoice, License

IDS = entity_ids.INVOICE


def owner(session: Session, number: str) -> tuple[str | None, int | None]:
    """An invoice belongs to the licensee of the license it bills."""
    return None, session.scalar(
        select(License.licensee_id)
        .join(Invoice, Invoice.license_id == License.id)
        .where(Invoice.number == number)
    )


DECLARATION = Declaration(
    kind=Kind("invoice", 1, True, "an invoice issued to a licensee: amount, tariff applied, basis, lines"),
    ids=IDS,
    body="`registry/services/licensing/invoices.py` `invoice_body`",
    about="An invoice as issued, with the tariff snapshot it billed by.",
    fields={
        "number": "the invoice number",
        "license": "the license it bills",
        "period": "the period billed, YYYY-MM",
        "source": "the usage source",
        "currency": "the currency",
        "amount_fen": "the amount, in fen",
        "tariff": "the tariff snapshot billed",
        "basis": "what the amount was computed from",
        "issued_on": "the day it was issued",
        "due_on": "the day it is due",
        "lines": "each `position`, `description`, `quantity`, `unit`, `rate`, `amount_fen`",
    },
    unchecked="Compared with its row and lines by registry/audit/checks/money.py, whose body builder "
    "is the licensing service's (the kinds may not import services).",
    owner=owner,
)
