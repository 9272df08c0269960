"""Usage reports (lines in Parquet files), unidentified usage and members' claims.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCES = ("karaoke", "online", "background_music", "broadcast")
FORMATS = ("dsr", "csv")
CLAIM_STATUSES = ("submitted", "accepted", "rejected")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "usage_report",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("lines_read", sa.Integer, nullable=False),
        sa.Column("lines_ingested", sa.Integer, nullable=False),
        sa.Column("lines_rejected", sa.Integer, nullable=False),
        sa.Column("lines_matched", sa.Integer, nullable=False),
        sa.Column("weight_total", sa.BigInteger, nullable=False),
        sa.Column("weight_matched", sa.BigInteger, nullable=False),
        sa.Column("revenue_minor", sa.BigInteger, nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("parquet_path", sa.String(255), nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.Column(
            "ingested_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_usage_report"),
        sa.UniqueConstraint("sha256", name="uq_usage_report_sha256"),
        sa.CheckConstraint(_one_of("format", FORMATS), name="ck_usage_report_format_known"),
        sa.CheckConstraint(_one_of("source", SOURCES), name="ck_usage_report_source_known"),
    )
    op.create_index("ix_usage_report_period_source", "usage_report", ["period", "source"])
    op.create_table(
        "unidentified_usage",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, nullable=False),
        sa.Column("group_no", sa.Integer, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("isrc", sa.String(20), nullable=True),
        sa.Column("title", sa.String(300), nullable=True),
        sa.Column("artist", sa.String(300), nullable=True),
        sa.Column("title_key", sa.String(300), nullable=True),
        sa.Column("artist_key", sa.String(300), nullable=False),
        sa.Column("duration_seconds", sa.Integer, nullable=True),
        sa.Column("lines", sa.Integer, nullable=False),
        sa.Column("weight", sa.BigInteger, nullable=False),
        sa.Column("revenue_minor", sa.BigInteger, nullable=True),
        sa.Column("first_line", sa.Integer, nullable=False),
        sa.Column("claim_deadline", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_unidentified_usage"),
        sa.ForeignKeyConstraint(
            ["report_id"], ["usage_report.id"], name="fk_unidentified_usage_report_id_usage_report"
        ),
        sa.UniqueConstraint("report_id", "group_no", name="uq_unidentified_usage_report_id_group_no"),
    )
    op.create_index("ix_unidentified_usage_period_source", "unidentified_usage", ["period", "source"])
    op.create_index("ix_unidentified_usage_title_key", "unidentified_usage", ["title_key"])
    op.create_table(
        "usage_claim",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("unidentified_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("recording_id", sa.Integer, nullable=True),
        sa.Column("work_id", sa.Integer, nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(100), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("payable_period", sa.String(7), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_usage_claim"),
        sa.ForeignKeyConstraint(
            ["unidentified_id"],
            ["unidentified_usage.id"],
            name="fk_usage_claim_unidentified_id_unidentified_usage",
        ),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name="fk_usage_claim_party_id_party"),
        sa.ForeignKeyConstraint(
            ["recording_id"], ["recording.id"], name="fk_usage_claim_recording_id_recording"
        ),
        sa.ForeignKeyConstraint(["work_id"], ["work.id"], name="fk_usage_claim_work_id_work"),
        sa.CheckConstraint(_one_of("status", CLAIM_STATUSES), name="ck_usage_claim_status_known"),
        sa.CheckConstraint(
            "(recording_id IS NULL) <> (work_id IS NULL)", name="ck_usage_claim_recording_or_work"
        ),
    )
    op.create_index("ix_usage_claim_unidentified_id", "usage_claim", ["unidentified_id"])
    op.create_index("ix_usage_claim_party_id", "usage_claim", ["party_id"])
    op.create_index("ix_usage_claim_status_payable_period", "usage_claim", ["status", "payable_period"])


def downgrade() -> None:
    op.drop_table("usage_claim")
    op.drop_table("unidentified_usage")
    op.drop_table("usage_report")
