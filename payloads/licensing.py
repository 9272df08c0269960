"""Licensing: licenses as their public entries state them, invoices, payments and contracts."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class TariffRef(BaseModel):
    code: str
    version: int


class LicenseOut(BaseModel):
    """A license as its public `license` entry states it, with its status on today's date."""

    number: str
    licensee: str
    kind: str
    city: str | None
    province: str | None
    rooms: int | None
    floor_area_m2: int | None
    tariff: TariffRef
    scope: str
    territory: str
    valid_from: str
    valid_to: str
    status: str = Field(description="on today's date: active, suspended, revoked or expired")
    recorded_status: str = Field(description="as last recorded (a license past its end still says active)")
    reason: str | None
    status_on: str
    issued_on: str
    version: int = Field(description="the latest `license` entry's version: its proof")
    leaf_hash: str = Field(description="the latest `license` entry's leaf hash, hex")
    address: str | None = Field(default=None, description="the licensed premises or the licensee's address")


class InvoiceLineOut(BaseModel):
    description: str
    quantity: str
    unit: str
    rate_fen: str
    amount_fen: int


class InvoiceOut(BaseModel):
    number: str
    license: str
    licensee: str
    period: str
    source: str
    amount_fen: int
    paid_fen: int
    balance_fen: int
    currency: str
    issued_on: str
    due_on: str
    tariff: TariffRef
    basis: dict[str, Any]
    lines: list[InvoiceLineOut]


class InvoiceRunOut(BaseModel):
    period: str
    issued: list[InvoiceOut]
    issued_total_fen: int
    already_invoiced: list[str]
    awaiting_declaration: list[str]
    problems: list[dict[str, str]]


class PaymentOut(BaseModel):
    invoice: str
    amount_fen: int
    currency: str
    received_on: str
    reference: str
    method: str
    new: bool = Field(description="false: the same transfer was recorded before")
    balance_fen: int


class ContractOut(BaseModel):
    number: str
    licensee: str
    licensee_name: str
    license: str | None
    document: dict[str, Any]
    terms: dict[str, Any]
    signed: dict[str, bool]
    signed_at: dict[str, str | None]
    payload_sha256: str
    payload: str = Field(description="the canonical payload (RFC 8785 JSON) both parties sign")
