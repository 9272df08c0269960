"""Collections per billing period and source: what feeds the royalty pools.

`collected` counts the fen received against the invoices of a billing period (whenever the money
arrived), for one source: karaoke, online, background_music or broadcast, fixed on each invoice
from its licensee's kind when it was issued."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import SOURCES, Invoice, Payment
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.periods import parse_period


def collected(session: Session, period: str, source: str) -> int:
    """Fen received for the invoices of `period` (YYYY-MM) from licensees of `source`."""
    if source not in SOURCES:
        raise LicensingError(f"unknown source {source!r}; expected one of {', '.join(SOURCES)}")
    return collections_by_source(session, period)[source]


def collections_by_source(session: Session, period: str) -> dict[str, int]:
    """Fen received for the invoices of `period`, per source (every source, zero included)."""
    first, _ = parse_period(period)
    rows = session.execute(
        select(Invoice.source, func.coalesce(func.sum(Payment.amount_fen), 0))
        .join(Payment, Payment.invoice_id == Invoice.id)
        .where(Invoice.period == first.strftime("%Y-%m"))
        .group_by(Invoice.source)
    )
    totals = dict.fromkeys(SOURCES, 0)
    for source, amount in rows:
        totals[source] = int(amount)
    return totals
