"""Whether and how AI was involved in a work or a recording: `ai_involvement` (none, assisted,
generated), the tool when declared, and the human authors' share (hundredths of a percent). Null
while nothing is declared; the `work` and `recording` entries state the declaration only once it
is made, so earlier entries stay as they are.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
TABLES = ("work", "recording")


def upgrade() -> None:
    for table in TABLES:  # nullable columns: added in place, no copy of the table
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.add_column(sa.Column("ai_involvement", sa.String(10), nullable=True))
            batch.add_column(sa.Column("ai_tool", sa.String(200), nullable=True))
            batch.add_column(sa.Column("human_share", sa.Integer(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.drop_column("human_share")
            batch.drop_column("ai_tool")
            batch.drop_column("ai_involvement")
