"""Submissions from outside (rows of the works template a publisher or society sends) wait in the
registry clerks' review queue: accepted as sent, corrected and accepted, or rejected with a
reason. One row per (file, line), so the same file sent twice adds nothing.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("channel", sa.String(12), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("submitter", sa.String(64), nullable=False),
        sa.Column("submitter_work_id", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("title_key", sa.String(300), nullable=False),
        sa.Column("proposed", sa.JSON(), nullable=False),
        sa.Column("suggestions", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("submitted_by", sa.String(100), nullable=False),
        sa.Column(
            "submitted_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("accepted", sa.JSON(), nullable=True),
        sa.Column("reason", sa.String(300), nullable=True),
        sa.Column(
            "work_id",
            sa.Integer(),
            sa.ForeignKey("work.id", name="fk_submission_work_id_work"),
            nullable=True,
        ),
        sa.Column("decided_by", sa.String(100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_submission"),
        sa.UniqueConstraint("file_sha256", "line", name="uq_submission_file_sha256_line"),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'rejected')", name="ck_submission_status_known"
        ),
    )
    op.create_index("ix_submission_status_id", "submission", ["status", "id"])
    op.create_index("ix_submission_title_key", "submission", ["title_key"])


def downgrade() -> None:
    op.drop_table("submission")
