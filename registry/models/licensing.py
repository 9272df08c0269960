"""Licensing: licensees and their contact persons, tariffs, licenses, invoices, payments and
signed e-contracts.

Licensees and licenses are business state, updated in place; their history is the ledger
(`license` entries, `contract` entries). Tariff versions, invoices and payments are written once
and never changed by the services: a new tariff is a new version, a correction a new document.
Money is integer fen; coordinates are integer micro-degrees; nothing here is a float.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    and_,
    case,
    func,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.entity_ids import LICENSEE
from registry.models.base import Base

LICENSING_TABLES = (
    "licensee",
    "licensee_contact",
    "tariff",
    "license",
    "invoice",
    "invoice_line",
    "payment",
    "license_contract",
    "invoice_reminder",
)
REMINDER_STAGES = ("first_reminder", "second_reminder", "final_notice")
REMINDER_CHANNELS = ("letter", "email", "sms", "phone")

LICENSEE_KINDS = (
    "karaoke_venue",
    "vod_platform",
    "streaming_platform",
    "chat_room_app",
    "broadcaster",
    "shop",
    "hotel",
)
# The royalty pool each kind of licensee pays into (DESIGN.md, "Money and distribution").
SOURCE_OF_KIND = {
    "karaoke_venue": "karaoke",
    "vod_platform": "online",
    "streaming_platform": "online",
    "chat_room_app": "online",
    "broadcaster": "broadcast",
    "shop": "background_music",
    "hotel": "background_music",
}
SOURCES = ("karaoke", "online", "background_music", "broadcast")
TARIFF_FORMULAS = (
    "karaoke_room_day",
    "karaoke_per_play",
    "background_music",
    "online_revenue",
    "flat_annual",
)
# Stored statuses; `expired` is never stored: it is computed from valid_to (License.status_on).
LICENSE_STATUSES = ("active", "suspended", "revoked")
EXPIRED = "expired"
KEY_ORIGINS = ("generated", "registered")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Licensee(Base):
    """A user of music licensed by us: a karaoke venue, a platform, a broadcaster, a shop..."""

    __tablename__ = "licensee"
    __table_args__ = (
        UniqueConstraint("uscc"),
        CheckConstraint(_one_of("kind", LICENSEE_KINDS), name="kind_known"),
        CheckConstraint(_one_of("signing_key_origin", KEY_ORIGINS), name="key_origin_known"),
        CheckConstraint("rooms IS NULL OR rooms > 0", name="rooms_positive"),
        CheckConstraint("floor_area_m2 IS NULL OR floor_area_m2 > 0", name="area_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    uscc: Mapped[str | None] = mapped_column(String(18))  # unified social credit code, compact
    address: Mapped[str | None] = mapped_column(String(400))
    city: Mapped[str | None] = mapped_column(String(100), index=True)
    province: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-2:CN subdivision, e.g. GD
    latitude_e6: Mapped[int | None] = mapped_column(Integer)  # micro-degrees: no float anywhere
    longitude_e6: Mapped[int | None] = mapped_column(Integer)
    rooms: Mapped[int | None] = mapped_column(Integer)  # karaoke rooms
    floor_area_m2: Mapped[int | None] = mapped_column(Integer)  # shops and hotels
    service: Mapped[str | None] = mapped_column(String(200))  # platform, app or channel name
    # Ed25519 public key (32 raw bytes) the licensee signs e-contracts with.
    signing_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    signing_key_origin: Mapped[str | None] = mapped_column(String(10))
    # A licensee that stopped trading (both set, or neither): no new license once closed.
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )

    contacts: Mapped[list[LicenseeContact]] = relationship(
        back_populates="licensee", cascade="all, delete-orphan", order_by="LicenseeContact.id"
    )

    @property
    def ref(self) -> str:
        return LICENSEE.make(self.id)


class LicenseeContact(Base):
    """A contact person of a licensee; name, phone and e-mail are sealed (registry.crypto)."""

    __tablename__ = "licensee_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    licensee_id: Mapped[int] = mapped_column(Integer, ForeignKey("licensee.id"), index=True)
    role: Mapped[str] = mapped_column(String(60))  # e.g. legal representative, accounts
    details_sealed: Mapped[bytes] = mapped_column(LargeBinary)

    licensee: Mapped[Licensee] = relationship(back_populates="contacts")


class Tariff(Base):
    """One version of a tariff: its formula, parameters and validity. Never edited: a change is
    the next version."""

    __tablename__ = "tariff"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        CheckConstraint(_one_of("formula", TARIFF_FORMULAS), name="formula_known"),
        CheckConstraint("version > 0", name="version_positive"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="validity_ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    formula: Mapped[str] = mapped_column(String(20))
    applies_to: Mapped[list[str]] = mapped_column(JSON)  # licensee kinds
    params: Mapped[dict[str, Any]] = mapped_column(JSON)  # integers and decimal strings only
    currency: Mapped[str] = mapped_column(String(3))
    rounding: Mapped[str] = mapped_column(String(20))  # decimal rounding mode, to the fen
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


class License(Base):
    """A license granted to a licensee under a tariff, for a repertoire, territory and period."""

    __tablename__ = "license"
    __table_args__ = (
        UniqueConstraint("number"),
        CheckConstraint(_one_of("status", LICENSE_STATUSES), name="status_known"),
        CheckConstraint("valid_to >= valid_from", name="validity_ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(20))  # LIC-2026-000123
    licensee_id: Mapped[int] = mapped_column(Integer, ForeignKey("licensee.id"), index=True)
    tariff_id: Mapped[int] = mapped_column(Integer, ForeignKey("tariff.id"))  # the version at issue
    scope: Mapped[str] = mapped_column(String(200))
    territory: Mapped[str] = mapped_column(String(10))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_on: Mapped[date] = mapped_column(Date)  # the day the current status took effect
    issued_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    licensee: Mapped[Licensee] = relationship()
    tariff: Mapped[Tariff] = relationship()

    def _status_on_day(self, day: date) -> str:
        """THE status of a license on `day`: a license past its end reads as expired (a revoked
        one stays revoked). The same rule runs in SQL below, for lists and filters."""
        if self.status != "revoked" and self.valid_to < day:
            return EXPIRED
        return self.status

    @classmethod
    def _status_on_day_sql(cls, day: date) -> ColumnElement[str]:
        return case((and_(cls.status != "revoked", cls.valid_to < day), EXPIRED), else_=cls.status)

    # license.status_on_day(d) in Python, License.status_on_day(d) in a query: one rule.
    status_on_day = hybrid_method(_status_on_day, _status_on_day_sql)


class Invoice(Base):
    """A license's invoice for one billing period, with the tariff as it stood when issued."""

    __tablename__ = "invoice"
    __table_args__ = (
        UniqueConstraint("number"),
        UniqueConstraint("license_id", "period"),  # one invoice per license and period
        CheckConstraint(_one_of("source", SOURCES), name="source_known"),
        CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(24))  # INV-202603-000001
    license_id: Mapped[int] = mapped_column(Integer, ForeignKey("license.id"), index=True)
    period: Mapped[str] = mapped_column(String(7), index=True)  # YYYY-MM
    source: Mapped[str] = mapped_column(String(20))  # royalty pool, fixed at issue
    currency: Mapped[str] = mapped_column(String(3))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    tariff: Mapped[dict[str, Any]] = mapped_column(JSON)  # snapshot: code, version, formula, params
    basis: Mapped[dict[str, Any]] = mapped_column(JSON)  # days, rooms, area, declared figures
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )

    license: Mapped[License] = relationship()
    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="InvoiceLine.position"
    )
    payments: Mapped[list[Payment]] = relationship(back_populates="invoice", order_by="Payment.id")


class InvoiceLine(Base):
    __tablename__ = "invoice_line"
    __table_args__ = (UniqueConstraint("invoice_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    invoice_id: Mapped[int] = mapped_column(Integer, ForeignKey("invoice.id"))
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[str] = mapped_column(String(40))  # decimal string, e.g. 744 room-days
    unit: Mapped[str] = mapped_column(String(20))
    rate: Mapped[str] = mapped_column(String(40))  # decimal string, fen per unit
    amount_fen: Mapped[int] = mapped_column(BigInteger)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class Payment(Base):
    """Money received against an invoice; `reference` (the bank's) makes recording idempotent."""

    __tablename__ = "payment"
    __table_args__ = (
        UniqueConstraint("reference"),
        CheckConstraint("amount_fen > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    invoice_id: Mapped[int] = mapped_column(Integer, ForeignKey("invoice.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    received_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(80))
    method: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )

    invoice: Mapped[Invoice] = relationship(back_populates="payments")


class InvoiceReminder(Base):
    """A payment reminder sent for an overdue invoice: each stage of the dunning ladder once."""

    __tablename__ = "invoice_reminder"
    __table_args__ = (
        UniqueConstraint("invoice_id", "stage"),
        CheckConstraint(_one_of("stage", REMINDER_STAGES), name="stage_known"),
        CheckConstraint(_one_of("channel", REMINDER_CHANNELS), name="channel_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    invoice_id: Mapped[int] = mapped_column(Integer, ForeignKey("invoice.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(8))
    sent_on: Mapped[date] = mapped_column(Date)
    balance_fen: Mapped[int] = mapped_column(BigInteger)  # what was asked for
    days_overdue: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(300))
    sent_by: Mapped[str] = mapped_column(String(100))

    invoice: Mapped[Invoice] = relationship()


class LicenseContract(Base):
    """An e-contract: the document's hash, the canonical payload both parties sign, and the
    signatures. The document itself lives in <data dir>/contracts/<sha256>."""

    __tablename__ = "license_contract"
    __table_args__ = (UniqueConstraint("number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(20))  # CT-2026-000001
    licensee_id: Mapped[int] = mapped_column(Integer, ForeignKey("licensee.id"), index=True)
    license_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("license.id"))
    document_sha256: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # RFC 8785 bytes: exactly what is signed
    cmo_signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    cmo_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    licensee_signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    licensee_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )

    licensee: Mapped[Licensee] = relationship()
    license: Mapped[License | None] = relationship()

    @property
    def fully_signed(self) -> bool:
        return self.cmo_signature is not None and self.licensee_signature is not None
