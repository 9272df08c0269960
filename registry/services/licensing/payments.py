"""Payments received against invoices, and what licensees still owe.

A payment names the bank's reference: recording the same transfer again changes nothing, while
the same reference with another invoice or amount is refused. A payment above the balance is
refused too: an overpayment is a matter for a credit note, not a silent surplus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from registry import entity_ids
from registry.ledger_writer import Fact, record, record_many
from registry.models import Invoice, Payment
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.invoices import balance_fen, find_invoice, invoice_summary, list_invoices

PAYMENT_METHODS = ("bank_transfer", "alipay", "wechat_pay", "cash", "cheque")


@dataclass(frozen=True, kw_only=True)
class PaymentInput:
    invoice: str  # invoice number
    amount_fen: int
    received_on: date
    reference: str
    method: str = "bank_transfer"


def record_payment(session: Session, data: PaymentInput) -> tuple[Payment, bool]:
    """Record a payment; return it and whether it is new (False: the same transfer again)."""
    reference = _checked(data)
    invoice = find_invoice(session, data.invoice)
    seen = session.scalars(select(Payment).where(Payment.reference == reference)).one_or_none()
    if seen is not None and _same_transfer(seen, invoice, data):
        return seen, False
    payment = _payment(invoice, data, reference)
    session.flush()
    record(session, "payment", payment_entry_id(payment), payment_body(payment))
    return payment, True


def record_payments(
    session: Session, items: Sequence[PaymentInput]
) -> list[tuple[Payment, bool] | LicensingError]:
    """Record many payments (a bank statement's): per item what record_payment returns, or the
    LicensingError that refused it; the invoices and earlier transfers are read in a few queries
    and the ledger entries written in one insert, so thousands take seconds, not minutes."""
    numbers = {d.invoice.strip().upper() for d in items}
    invoices = {
        i.number: i
        for chunk in _chunks(sorted(numbers))
        for i in session.scalars(
            select(Invoice).where(Invoice.number.in_(chunk)).options(selectinload(Invoice.payments))
        )
    }
    references = sorted({d.reference.strip() for d in items})
    seen = {
        p.reference: p
        for chunk in _chunks(references)
        for p in session.scalars(select(Payment).where(Payment.reference.in_(chunk)))
    }
    results: list[tuple[Payment, bool] | LicensingError] = []
    made: list[Payment] = []
    for data in items:
        try:
            reference = _checked(data)
            invoice = invoices.get(data.invoice.strip().upper())
            if invoice is None:
                raise LicensingError(f"unknown invoice {data.invoice!r}")
            earlier = seen.get(reference)
            if earlier is not None and _same_transfer(earlier, invoice, data):
                results.append((earlier, False))
                continue
            payment = _payment(invoice, data, reference)
        except LicensingError as exc:
            results.append(exc)
            continue
        seen[reference] = payment
        made.append(payment)
        results.append((payment, True))
    session.flush()
    record_many(session, [Fact("payment", payment_entry_id(p), payment_body(p)) for p in made])
    return results


def _checked(data: PaymentInput) -> str:
    """The payment's reference, once its reference, amount and method are known to be usable."""
    reference = data.reference.strip()
    if not reference:
        raise LicensingError("a payment needs the bank's reference")
    if isinstance(data.amount_fen, bool) or not isinstance(data.amount_fen, int) or data.amount_fen <= 0:
        raise LicensingError(
            f"a payment amount must be a whole number of fen above 0, got {data.amount_fen!r}"
        )
    if data.method not in PAYMENT_METHODS:
        raise LicensingError(
            f"unknown payment method {data.method!r}; expected one of {', '.join(PAYMENT_METHODS)}"
        )
    return reference


def _same_transfer(seen: Payment, invoice: Invoice, data: PaymentInput) -> bool:
    """True when `seen` is this transfer recorded before; a reference reused otherwise refused."""
    if seen.invoice is invoice and seen.amount_fen == data.amount_fen:  # one session: one object
        return True
    raise LicensingError(
        f"payment reference {seen.reference!r} is already recorded for {seen.invoice.number} "
        f"({seen.amount_fen} fen)"
    )


def _payment(invoice: Invoice, data: PaymentInput, reference: str) -> Payment:
    """The new payment on `invoice`, after the checks an invoice makes."""
    if data.received_on < invoice.issued_on:
        raise LicensingError(
            f"{invoice.number} was issued on {invoice.issued_on}; a payment cannot precede it"
        )
    owed = balance_fen(invoice)
    if data.amount_fen > owed:
        raise LicensingError(f"{invoice.number} has a balance of {owed} fen; {data.amount_fen} fen is more")
    payment = Payment(
        amount_fen=data.amount_fen,
        currency=invoice.currency,
        received_on=data.received_on,
        reference=reference,
        method=data.method,
    )
    invoice.payments.append(payment)
    return payment


def _chunks(values: Sequence[str], size: int = 900) -> list[Sequence[str]]:
    """Slices small enough for SQLite's bound-parameter limit."""
    return [values[i : i + size] for i in range(0, len(values), size)]


def payment_entry_id(payment: Payment) -> str:
    return entity_ids.PAYMENT.make(payment.id)


def payment_body(payment: Payment) -> dict[str, Any]:
    """The private `payment` entry: money received, recorded in the same transaction as its row
    (registry.audit.checks.money compares; a payment deleted or slipped in is named)."""
    return {
        "invoice": payment.invoice.number,
        "amount_fen": payment.amount_fen,
        "currency": payment.currency,
        "received_on": payment.received_on.isoformat(),
        "reference": payment.reference,
        "method": payment.method,
    }


def outstanding(session: Session, period: str | None = None) -> list[Invoice]:
    """Invoices with something left to pay (of one billing period, or all)."""
    return list_invoices(session, period=period, unpaid=True)


def outstanding_fen(session: Session, period: str | None = None) -> int:
    return sum(balance_fen(i) for i in outstanding(session, period))


def payment_summary(payment: Payment) -> dict[str, Any]:
    return {
        "reference": payment.reference,
        "invoice": payment.invoice.number,
        "amount_fen": payment.amount_fen,
        "currency": payment.currency,
        "received_on": payment.received_on.isoformat(),
        "method": payment.method,
        "invoice_balance": invoice_summary(payment.invoice)["balance_fen"],
    }
