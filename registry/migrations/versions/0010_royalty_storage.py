"""A distribution run's payout lines as one Parquet file in the database (append-only).

Revision ID: 0010
Revises: 0008 (0009 once the CWR speed branch is merged: the coordinator re-chains)
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "distribution_lines_file"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("line_count", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("run_id", name="pk_distribution_lines_file"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["distribution_run.id"], name="fk_distribution_lines_file_run_id_distribution_run"
        ),
    )
    if op.get_bind().dialect.name == "postgresql":  # refuse_change() comes from 0001
        op.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {TABLE}_no_{action.lower()} BEFORE {action} ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END"
            )


def downgrade() -> None:
    op.drop_table(TABLE)
