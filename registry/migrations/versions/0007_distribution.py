"""Distribution runs, payout lines and members' balances carried forward (append-only).

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG = sa.BigInteger()
LINE_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
NOW = sa.func.current_timestamp()
TABLES = ("distribution_run", "distribution_line", "carry_forward")


def upgrade() -> None:
    op.create_table(
        "distribution_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("source", sa.String(30), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("pool", BIG, nullable=False),
        sa.Column("deduction", BIG, nullable=False),
        sa.Column("reserve", BIG, nullable=False),
        sa.Column("allocated", BIG, nullable=False),
        sa.Column("brought_forward", BIG, nullable=False),
        sa.Column("carried_forward", BIG, nullable=False),
        sa.Column("paid", BIG, nullable=False),
        sa.Column("line_count", sa.Integer, nullable=False),
        sa.Column("member_count", sa.Integer, nullable=False),
        sa.Column("lines_root", sa.String(64), nullable=False),
        sa.Column("summary_entry_id", sa.String(200), nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_distribution_run"),
        sa.UniqueConstraint(
            "period", "source", "sequence", name="uq_distribution_run_period_source_sequence"
        ),
        sa.CheckConstraint("kind IN ('regular', 'adjustment')", name="ck_distribution_run_kind_known"),
        sa.CheckConstraint("status IN ('final')", name="ck_distribution_run_status_known"),
        sa.CheckConstraint(
            "(kind = 'regular') = (sequence = 0)", name="ck_distribution_run_sequence_matches_kind"
        ),
    )
    op.create_table(
        "distribution_line",
        sa.Column("id", LINE_ID, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("subject", sa.String(10), nullable=False),
        sa.Column("subject_id", sa.Integer, nullable=False),
        sa.Column("right_type", sa.String(16), nullable=False),
        sa.Column("weight", BIG, nullable=False),
        sa.Column("share", sa.Integer, nullable=False),
        sa.Column("amount", BIG, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_distribution_line"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["distribution_run.id"], name="fk_distribution_line_run_id_distribution_run"
        ),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name="fk_distribution_line_party_id_party"),
        sa.UniqueConstraint(
            "run_id",
            "party_id",
            "subject",
            "subject_id",
            "right_type",
            name="uq_distribution_line_key",
        ),
        sa.CheckConstraint("subject IN ('recording', 'work')", name="ck_distribution_line_subject_known"),
        sa.CheckConstraint(
            "right_type IN ('neighbouring', 'performing', 'mechanical', 'synchronisation')",
            name="ck_distribution_line_right_type_known",
        ),
    )
    op.create_index("ix_distribution_line_party_id_run_id", "distribution_line", ["party_id", "run_id"])
    op.create_table(
        "carry_forward",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("source", sa.String(30), nullable=False),
        sa.Column("brought_forward", BIG, nullable=False),
        sa.Column("carried_forward", BIG, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_carry_forward"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["distribution_run.id"], name="fk_carry_forward_run_id_distribution_run"
        ),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name="fk_carry_forward_party_id_party"),
        sa.UniqueConstraint("run_id", "party_id", name="uq_carry_forward_run_id_party_id"),
    )
    op.create_index(
        "ix_carry_forward_party_id_source_run_id", "carry_forward", ["party_id", "source", "run_id"]
    )
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        if dialect == "postgresql":  # refuse_change() comes from 0001
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()"
            )
        else:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
