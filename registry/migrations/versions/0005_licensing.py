"""Licensing: licensees, contact persons, tariffs, licenses, invoices, payments, e-contracts.

Business state (no append-only triggers): license and contract histories are the ledger; tariff
versions, invoices and payments are only ever inserted by the services.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.func.current_timestamp()
# Vocabularies frozen here: changing one is a new migration.
LICENSEE_KINDS = (
    "karaoke_venue",
    "vod_platform",
    "streaming_platform",
    "chat_room_app",
    "broadcaster",
    "shop",
    "hotel",
)
SOURCES = ("karaoke", "online", "background_music", "broadcast")
TARIFF_FORMULAS = (
    "karaoke_room_day",
    "karaoke_per_play",
    "background_music",
    "online_revenue",
    "flat_annual",
)
LICENSE_STATUSES = ("active", "suspended", "revoked")
KEY_ORIGINS = ("generated", "registered")
TABLES = (
    "licensee",
    "licensee_contact",
    "tariff",
    "license",
    "invoice",
    "invoice_line",
    "payment",
    "license_contract",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _stamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=NOW, nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    _licensees()
    _tariffs_and_licenses()
    _billing()
    _contracts()


def _licensees() -> None:
    op.create_table(
        "licensee",
        _id(),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("uscc", sa.String(18), nullable=True),
        sa.Column("address", sa.String(400), nullable=True),
        sa.Column("city", sa.String(100), nullable=True),
        sa.Column("province", sa.String(2), nullable=True),
        sa.Column("latitude_e6", sa.Integer, nullable=True),
        sa.Column("longitude_e6", sa.Integer, nullable=True),
        sa.Column("rooms", sa.Integer, nullable=True),
        sa.Column("floor_area_m2", sa.Integer, nullable=True),
        sa.Column("service", sa.String(200), nullable=True),
        sa.Column("signing_key", sa.LargeBinary, nullable=True),
        sa.Column("signing_key_origin", sa.String(10), nullable=True),
        _stamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_licensee"),
        sa.UniqueConstraint("uscc", name="uq_licensee_uscc"),
        sa.CheckConstraint(_one_of("kind", LICENSEE_KINDS), name="ck_licensee_kind_known"),
        sa.CheckConstraint(_one_of("signing_key_origin", KEY_ORIGINS), name="ck_licensee_key_origin_known"),
        sa.CheckConstraint("rooms IS NULL OR rooms > 0", name="ck_licensee_rooms_positive"),
        sa.CheckConstraint("floor_area_m2 IS NULL OR floor_area_m2 > 0", name="ck_licensee_area_positive"),
    )
    op.create_index("ix_licensee_city", "licensee", ["city"])
    op.create_table(
        "licensee_contact",
        _id(),
        sa.Column("licensee_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(60), nullable=False),
        sa.Column("details_sealed", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_licensee_contact"),
        _fk("licensee_contact", "licensee_id", "licensee"),
    )
    op.create_index("ix_licensee_contact_licensee_id", "licensee_contact", ["licensee_id"])


def _tariffs_and_licenses() -> None:
    op.create_table(
        "tariff",
        _id(),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("formula", sa.String(20), nullable=False),
        sa.Column("applies_to", sa.JSON, nullable=False),
        sa.Column("params", sa.JSON, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("rounding", sa.String(20), nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date, nullable=True),
        _stamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_tariff"),
        sa.UniqueConstraint("code", "version", name="uq_tariff_code_version"),
        sa.CheckConstraint(_one_of("formula", TARIFF_FORMULAS), name="ck_tariff_formula_known"),
        sa.CheckConstraint("version > 0", name="ck_tariff_version_positive"),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ck_tariff_validity_ordered"),
    )
    op.create_table(
        "license",
        _id(),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("licensee_id", sa.Integer, nullable=False),
        sa.Column("tariff_id", sa.Integer, nullable=False),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("territory", sa.String(10), nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("status_reason", sa.Text, nullable=True),
        sa.Column("status_on", sa.Date, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        _stamp("created_at"),
        _stamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_license"),
        sa.UniqueConstraint("number", name="uq_license_number"),
        _fk("license", "licensee_id", "licensee"),
        _fk("license", "tariff_id", "tariff"),
        sa.CheckConstraint(_one_of("status", LICENSE_STATUSES), name="ck_license_status_known"),
        sa.CheckConstraint("valid_to >= valid_from", name="ck_license_validity_ordered"),
    )
    op.create_index("ix_license_licensee_id", "license", ["licensee_id"])


def _billing() -> None:
    op.create_table(
        "invoice",
        _id(),
        sa.Column("number", sa.String(24), nullable=False),
        sa.Column("license_id", sa.Integer, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_fen", sa.BigInteger, nullable=False),
        sa.Column("tariff", sa.JSON, nullable=False),
        sa.Column("basis", sa.JSON, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        _stamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_invoice"),
        sa.UniqueConstraint("number", name="uq_invoice_number"),
        sa.UniqueConstraint("license_id", "period", name="uq_invoice_license_id_period"),
        _fk("invoice", "license_id", "license"),
        sa.CheckConstraint(_one_of("source", SOURCES), name="ck_invoice_source_known"),
        sa.CheckConstraint("amount_fen >= 0", name="ck_invoice_amount_not_negative"),
    )
    op.create_index("ix_invoice_license_id", "invoice", ["license_id"])
    op.create_index("ix_invoice_period", "invoice", ["period"])
    op.create_table(
        "invoice_line",
        _id(),
        sa.Column("invoice_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("quantity", sa.String(40), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("rate", sa.String(40), nullable=False),
        sa.Column("amount_fen", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_invoice_line"),
        sa.UniqueConstraint("invoice_id", "position", name="uq_invoice_line_invoice_id_position"),
        _fk("invoice_line", "invoice_id", "invoice"),
    )
    op.create_table(
        "payment",
        _id(),
        sa.Column("invoice_id", sa.Integer, nullable=False),
        sa.Column("amount_fen", sa.BigInteger, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("reference", sa.String(80), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        _stamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_payment"),
        sa.UniqueConstraint("reference", name="uq_payment_reference"),
        _fk("payment", "invoice_id", "invoice"),
        sa.CheckConstraint("amount_fen > 0", name="ck_payment_amount_positive"),
    )
    op.create_index("ix_payment_invoice_id", "payment", ["invoice_id"])


def _contracts() -> None:
    op.create_table(
        "license_contract",
        _id(),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("licensee_id", sa.Integer, nullable=False),
        sa.Column("license_id", sa.Integer, nullable=True),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("cmo_signature", sa.LargeBinary, nullable=True),
        sa.Column("cmo_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("licensee_signature", sa.LargeBinary, nullable=True),
        sa.Column("licensee_signed_at", sa.DateTime(timezone=True), nullable=True),
        _stamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_license_contract"),
        sa.UniqueConstraint("number", name="uq_license_contract_number"),
        _fk("license_contract", "licensee_id", "licensee"),
        _fk("license_contract", "license_id", "license"),
    )
    op.create_index("ix_license_contract_licensee_id", "license_contract", ["licensee_id"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
