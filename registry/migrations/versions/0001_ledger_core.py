"""The ledger core: entries, the Merkle log (leaves and cached nodes), checkpoints; append-only.

Revision ID: 0001
Revises:
Create Date: 2025-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here rather than imported from the models: a migration must keep meaning what it meant.
COUNTER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
HASH = sa.LargeBinary(32)
TABLES = ("ledger_entry", "log_leaf", "log_node", "checkpoint")


def upgrade() -> None:
    op.create_table(
        "ledger_entry",
        sa.Column("seq", COUNTER, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=True),
        sa.Column("leaf_hash", HASH, nullable=False),
        sa.Column("canonical", sa.LargeBinary, nullable=False),
        sa.Column("private", sa.Boolean, nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_ledger_entry"),
        sa.UniqueConstraint("kind", "entry_id", "version", name="uq_ledger_entry_kind_entry_id_version"),
        sa.UniqueConstraint("leaf_hash", name="uq_ledger_entry_leaf_hash"),
        sa.CheckConstraint("version >= 1", name="ck_ledger_entry_version_positive"),
        sa.CheckConstraint("length(leaf_hash) = 32", name="ck_ledger_entry_leaf_hash_32"),
    )
    op.create_table(
        "log_leaf",
        sa.Column("leaf_index", COUNTER, primary_key=True, autoincrement=False),
        sa.Column("leaf_hash", HASH, nullable=False),
        sa.Column("entry_seq", COUNTER, nullable=False),
        sa.PrimaryKeyConstraint("leaf_index", name="pk_log_leaf"),
        sa.UniqueConstraint("entry_seq", name="uq_log_leaf_entry_seq"),
        sa.ForeignKeyConstraint(
            ["entry_seq"], ["ledger_entry.seq"], name="fk_log_leaf_entry_seq_ledger_entry"
        ),
        sa.CheckConstraint("length(leaf_hash) = 32", name="ck_log_leaf_leaf_hash_32"),
    )
    op.create_table(
        "log_node",
        sa.Column("level", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("node_index", COUNTER, nullable=False, autoincrement=False),
        sa.Column("hash", HASH, nullable=False),
        sa.PrimaryKeyConstraint("level", "node_index", name="pk_log_node"),
        sa.CheckConstraint("level >= 1", name="ck_log_node_level_above_leaves"),
        sa.CheckConstraint("length(hash) = 32", name="ck_log_node_hash_32"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "checkpoint",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tree_size", COUNTER, nullable=False),
        sa.Column("root", HASH, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("note_hash", HASH, nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_checkpoint"),
        sa.UniqueConstraint("tree_size", name="uq_checkpoint_tree_size"),
        sa.CheckConstraint("length(root) = 32", name="ck_checkpoint_root_32"),
        sa.CheckConstraint("length(note_hash) = 32", name="ck_checkpoint_note_hash_32"),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_append_only()
    else:
        _sqlite_append_only()


def _sqlite_append_only() -> None:
    for table in TABLES:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def _postgresql_append_only() -> None:
    op.execute(
        """
        CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
        END $$
        """
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_change()"
        )
        # TRUNCATE bypasses row triggers: refuse it too.
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()"
        )


def downgrade() -> None:
    # Dropping a table drops its triggers; the rows go without firing them.
    for table in reversed(TABLES):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION refuse_change()")
