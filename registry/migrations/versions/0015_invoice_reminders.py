"""Payment reminders sent for overdue invoices (first reminder, second, final notice: each stage
once per invoice), with what was asked for, how and by whom; each is a private `reminder` entry.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invoice_reminder",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("balance_fen", sa.BigInteger(), nullable=False),
        sa.Column("days_overdue", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(300), nullable=True),
        sa.Column("sent_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_invoice_reminder"),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name="fk_invoice_reminder_invoice_id_invoice"
        ),
        sa.UniqueConstraint("invoice_id", "stage", name="uq_invoice_reminder_invoice_id_stage"),
        sa.CheckConstraint(
            "stage IN ('first_reminder', 'second_reminder', 'final_notice')",
            name="ck_invoice_reminder_stage_known",
        ),
        sa.CheckConstraint(
            "channel IN ('letter', 'email', 'sms', 'phone')", name="ck_invoice_reminder_channel_known"
        ),
    )
    op.create_index("ix_invoice_reminder_invoice_id", "invoice_reminder", ["invoice_id"])


def downgrade() -> None:
    op.drop_table("invoice_reminder")
