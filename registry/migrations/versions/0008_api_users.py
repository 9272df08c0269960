"""API users (Argon2 password hashes, roles, member link) and API keys (SHA-256 at rest).

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.func.current_timestamp()


def upgrade() -> None:
    op.create_table(
        "api_user",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("party_id", sa.Integer, nullable=True),
        sa.Column("licensee_id", sa.Integer, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_api_user"),
        sa.UniqueConstraint("username", name="uq_api_user_username"),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name="fk_api_user_party_id_party"),
        sa.ForeignKeyConstraint(["licensee_id"], ["licensee.id"], name="fk_api_user_licensee_id_licensee"),
        sa.CheckConstraint(
            "role IN ('member', 'licensee', 'auditor', 'admin')", name="ck_api_user_role_known"
        ),
        sa.CheckConstraint("(role = 'member') = (party_id IS NOT NULL)", name="ck_api_user_member_has_party"),
        sa.CheckConstraint(
            "(role = 'licensee') = (licensee_id IS NOT NULL)", name="ck_api_user_licensee_has_licensee"
        ),
    )
    op.create_index("ix_api_user_party_id", "api_user", ["party_id"])
    op.create_index("ix_api_user_licensee_id", "api_user", ["licensee_id"])
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_key"),
        sa.UniqueConstraint("prefix", name="uq_api_key_prefix"),
        sa.ForeignKeyConstraint(["user_id"], ["api_user.id"], name="fk_api_key_user_id_api_user"),
    )
    op.create_index("ix_api_key_user_id", "api_key", ["user_id"])


def downgrade() -> None:
    op.drop_table("api_key")
    op.drop_table("api_user")
