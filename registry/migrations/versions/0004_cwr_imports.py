"""CWR imports (by file hash) and the societies' acknowledgements of works.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cwr_import",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("version", sa.String(8), nullable=False),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("file_type", sa.String(20), nullable=False),
        sa.Column("transactions", sa.Integer, nullable=False),
        sa.Column("accepted", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.Column(
            "imported_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cwr_import"),
        sa.UniqueConstraint("sha256", name="uq_cwr_import_sha256"),
    )
    op.create_table(
        "work_acknowledgement",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("work_id", sa.Integer, nullable=False),
        sa.Column("import_id", sa.Integer, nullable=False),
        sa.Column("society", sa.String(64), nullable=False),
        sa.Column("status", sa.String(4), nullable=False),
        sa.Column("society_work_id", sa.String(40), nullable=True),
        sa.Column("submitter_work_id", sa.String(40), nullable=True),
        sa.Column("messages", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_work_acknowledgement"),
        sa.ForeignKeyConstraint(["work_id"], ["work.id"], name="fk_work_acknowledgement_work_id_work"),
        sa.ForeignKeyConstraint(
            ["import_id"], ["cwr_import.id"], name="fk_work_acknowledgement_import_id_cwr_import"
        ),
    )
    op.create_index("ix_work_acknowledgement_work_id", "work_acknowledgement", ["work_id"])


def downgrade() -> None:
    op.drop_table("work_acknowledgement")
    op.drop_table("cwr_import")
