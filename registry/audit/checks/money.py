"""Money movements: tariffs, invoices (with their lines) and payments each have an entry of their
own, recorded by the service in the same transaction as the row. The latest version states the
row as it is now; a row with no entry (slipped in) or an entry with no row (deleted) is named."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.models import Invoice, Payment, Tariff
from registry.services.licensing.invoices import invoice_body
from registry.services.licensing.payments import payment_body
from registry.services.licensing.tariffs import tariff_body


def _tariff_ids(session: Session) -> Iterable[str]:
    return (entity_ids.TARIFF.make(n) for n in session.scalars(select(Tariff.id)))


def _invoice_numbers(session: Session) -> Iterable[str]:
    return session.scalars(select(Invoice.number))


def _payment_ids(session: Session) -> Iterable[str]:
    return (entity_ids.PAYMENT.make(n) for n in session.scalars(select(Payment.id)))


def expected_tariff(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    tariff = session.get(Tariff, entity_ids.TARIFF.parse(entity_id))
    return None if tariff is None else tariff_body(tariff)


def expected_invoice(session: Session, number: str) -> Mapping[str, Any] | None:
    invoice = session.scalars(
        select(Invoice).where(Invoice.number == number).options(selectinload(Invoice.lines))
    ).one_or_none()
    return None if invoice is None else invoice_body(invoice)


def expected_payment(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    payment = session.get(Payment, entity_ids.PAYMENT.parse(entity_id))
    return None if payment is None else payment_body(payment)


CHECKS = Checks(
    body=(
        BodyCheck("tariff", expected_tariff, ids=_tariff_ids),
        BodyCheck("invoice", expected_invoice, ids=_invoice_numbers),
        BodyCheck("payment", expected_payment, ids=_payment_ids),
    )
)
