"""A licensee that stopped trading: `licensee.closed_on` and `closed_reason` (both null while it
trades; its `licensee` entry states them only once closed, so earlier entries stay as they are).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-14
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable columns: SQLite adds them in place (batch mode copies the table only if it must).
    with op.batch_alter_table("licensee", recreate="auto") as batch:
        batch.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("closed_reason", sa.String(500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("licensee", recreate="auto") as batch:
        batch.drop_column("closed_reason")
        batch.drop_column("closed_on")
