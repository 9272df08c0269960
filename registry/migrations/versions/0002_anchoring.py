"""Anchoring: the contract per chain, anchor transactions (write-ahead), confirmed anchors.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
HASH = sa.LargeBinary(32)
NOW = sa.func.current_timestamp()
TABLES = ("anchor_contract", "anchor_attempt", "anchor_record")


def upgrade() -> None:
    op.create_table(
        "anchor_contract",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("chain_id", COUNTER, nullable=False),
        sa.Column("address", sa.String(42), nullable=False),
        sa.Column("origin", sa.String(200), nullable=False),
        sa.Column("deploy_tx", sa.String(66), nullable=True),
        sa.Column("deploy_block", COUNTER, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_anchor_contract"),
        sa.UniqueConstraint("chain_id", name="uq_anchor_contract_chain_id"),
    )
    op.create_table(
        "anchor_attempt",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("chain_id", COUNTER, nullable=False),
        sa.Column("contract", sa.String(42), nullable=False),
        sa.Column("tree_size", COUNTER, nullable=False),
        sa.Column("tx_hash", sa.String(66), nullable=False),
        sa.Column("nonce", COUNTER, nullable=False),
        sa.Column("raw_tx", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_anchor_attempt"),
        sa.UniqueConstraint("tx_hash", name="uq_anchor_attempt_tx_hash"),
    )
    op.create_table(
        "anchor_record",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("chain_id", COUNTER, nullable=False),
        sa.Column("contract", sa.String(42), nullable=False),
        sa.Column("checkpoint_index", COUNTER, nullable=False),
        sa.Column("tree_size", COUNTER, nullable=False),
        sa.Column("root", HASH, nullable=False),
        sa.Column("note_hash", HASH, nullable=False),
        sa.Column("tx_hash", sa.String(66), nullable=False),
        sa.Column("block_number", COUNTER, nullable=False),
        sa.Column("gas_used", COUNTER, nullable=False),
        sa.Column("gas_price_wei", sa.String(78), nullable=False),
        sa.Column("cost_wei", sa.String(78), nullable=False),
        sa.Column("anchored_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_anchor_record"),
        sa.UniqueConstraint(
            "chain_id",
            "contract",
            "checkpoint_index",
            name="uq_anchor_record_chain_id_contract_checkpoint_index",
        ),
        sa.UniqueConstraint(
            "chain_id", "contract", "tree_size", name="uq_anchor_record_chain_id_contract_tree_size"
        ),
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
