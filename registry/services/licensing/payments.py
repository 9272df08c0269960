"""Payments received against invoices, and what licensees still owe.

A payment names the bank's reference: recording the same transfer again changes nothing, while
the same reference with another invoice or amount is refused. A payment above the balance is
refused too: an overpayment is a matter for a credit note, not a silent surplus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.ledger_writer import record
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
    invoice = find_invoice(session, data.invoice)
    seen = session.scalars(select(Payment).where(Payment.reference == reference)).one_or_none()
    if seen is not None:
        if seen.invoice_id == invoice.id and seen.amount_fen == data.amount_fen:
            return seen, False
        raise LicensingError(
            f"payment reference {reference!r} is already recorded for {seen.invoice.number} "
            f"({seen.amount_fen} fen)"
        )
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
    session.flush()
    record(session, "payment", payment_entry_id(payment), payment_body(payment))
    return payment, True


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
