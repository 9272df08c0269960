"""Finance staff's views: what licensees owe (invoice balances, days past due, the reminder due,
ageing), the payment reminders sent, and what a bank statement import did, line by line."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class SentReminder(BaseModel):
    stage: str
    sent_on: str


class ReminderIn(BaseModel):
    channel: Literal["letter", "email", "sms", "phone"] = "letter"
    stage: Literal["first_reminder", "second_reminder", "final_notice"] | None = Field(
        default=None, description="default: the stage the invoice is due for"
    )
    sent_on: date | None = Field(default=None, description="default: today")
    note: str | None = Field(default=None, max_length=300)


class ReminderOut(BaseModel):
    reminder: str = Field(description="RM-n")
    invoice: str
    stage: str
    channel: str
    sent_on: str
    balance_fen: int
    currency: str
    days_overdue: int
    note: str | None
    sent_by: str


class ReminderRunIn(BaseModel):
    channel: Literal["letter", "email", "sms", "phone"] = "letter"
    as_of: date | None = Field(default=None, description="the day they are sent; default today")


class ReminderRunOut(BaseModel):
    as_of: str
    sent: int
    balance_fen: int = Field(description="what they ask for in all")
    by_stage: dict[str, int]
    reminders: list[str] = Field(description="the first 100 RM-n")


class ReceivableOut(BaseModel):
    number: str
    license: str
    licensee: str
    licensee_name: str
    period: str
    source: str
    amount_fen: int
    paid_fen: int
    balance_fen: int
    currency: str
    issued_on: str
    due_on: str
    days_overdue: int
    reminder: str | None = Field(
        description="the reminder due and not yet sent: first_reminder, second_reminder or final_notice"
    )
    last_reminder: SentReminder | None = Field(default=None, description="the latest reminder sent")


class AgeingBucket(BaseModel):
    bucket: str = Field(description="not_due, days_1_30, days_31_60, days_61_90 or days_over_90")
    invoices: int
    balance_fen: int


class AgeingOut(BaseModel):
    as_of: str
    period: str | None
    invoices: int
    balance_fen: int = Field(description="the buckets add up to it")
    buckets: list[AgeingBucket]


class BankLineOut(BaseModel):
    line: int = Field(description="line in the file; the header is line 1")
    received_on: str | None
    amount_fen: int | None
    reference: str
    payer: str
    invoice: str | None
    outcome: str = Field(
        description="recorded, already_recorded, unallocated, refused, invalid or not_a_receipt"
    )
    message: str = Field(description="why, naming the field, when not recorded")
    reason: str | None = Field(
        default=None,
        description="why as a code: no_invoice, several_invoices, debit, no_reference, long_reference, "
        "bad_date, bad_amount, refused (the message says what the registry refused)",
    )


class BankStatementOut(BaseModel):
    name: str
    lines: int
    counts: dict[str, int]
    recorded_fen: int
    outcomes: list[BankLineOut]
