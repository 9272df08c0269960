"""Work match keys, and work_share's checks spelled for fast bulk inserts on SQLite.

- work_match_key: the (writer, title key) pairs duplicate detection looks works up by, filled
  from the works already registered (live works, their main and alternate title keys, their
  writer shares), so detection finds them at once.
- work_share's role and right type checks as `x = 'a' OR x = 'b' ...` rather than `x IN (...)`:
  the same rule, but SQLite builds a temporary index for a constant IN list at every row it
  inserts, which made those two checks the largest cost of writing a claim (a CWR import
  writes about ten per work). SQLite changes a check only by copying the table; PostgreSQL
  replaces the two constraints.

Revision ID: 0009
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# registry.models.repertoire.WRITER_ROLES as of this revision
_WRITER_ROLES = (
    "composer_lyricist",
    "composer",
    "lyricist",
    "arranger",
    "adapter",
    "translator",
    "sub_arranger",
    "sub_author",
)
_SHARE_ROLES = (
    *_WRITER_ROLES,
    "publisher",
    "administrator",
    "sub_publisher",
    "substituted_publisher",
    "acquirer",
    "income_participant",
)
_RIGHT_TYPES = ("performing", "mechanical", "synchronisation")
_COLUMNS = "id, work_id, party_id, submitter, role, right_type, share, controlled"


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _any_of(column: str, values: tuple[str, ...]) -> str:
    return " OR ".join(f"{column} = {value!r}" for value in values)


def upgrade() -> None:
    _share_checks(_any_of)
    op.create_table(
        "work_match_key",
        sa.Column("match_key", sa.String(400), nullable=False),
        sa.Column("work_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("match_key", "work_id", name="pk_work_match_key"),
        sa.ForeignKeyConstraint(["work_id"], ["work.id"], name="fk_work_match_key_work_id_work"),
    )
    op.create_index("ix_work_match_key_work_id", "work_match_key", ["work_id"])
    # The key is "<party id>:<title key>" (registry.services.repertoire.work_keys.match_key).
    op.execute(
        sa.text(
            """
            INSERT INTO work_match_key (match_key, work_id)
            SELECT DISTINCT CAST(s.party_id AS VARCHAR(20)) || ':' || t.title_key, t.work_id
            FROM (
                SELECT w.id AS work_id, w.title_key FROM work w WHERE w.merged_into_id IS NULL
                UNION
                SELECT a.work_id, a.title_key FROM work_title a JOIN work w ON w.id = a.work_id
                WHERE w.merged_into_id IS NULL
            ) t
            JOIN work_share s ON s.work_id = t.work_id
            WHERE s.role IN :roles
            """
        ).bindparams(sa.bindparam("roles", list(_WRITER_ROLES), expanding=True))
    )


def downgrade() -> None:
    op.drop_table("work_match_key")
    _share_checks(_one_of)


def _share_checks(spell: Callable[[str, tuple[str, ...]], str]) -> None:
    """work_share's role and right type checks, spelled by `spell` (same names, same rule)."""
    checks = {
        "right_type_known": spell("right_type", _RIGHT_TYPES),
        "role_known": spell("role", _SHARE_ROLES),
    }
    if op.get_bind().dialect.name != "sqlite":
        for name, rule in checks.items():
            op.execute(
                f"ALTER TABLE work_share DROP CONSTRAINT ck_work_share_ck_work_share_{name}, "
                f"ADD CONSTRAINT ck_work_share_ck_work_share_{name} CHECK ({rule})"
            )
        return
    # SQLite: copy into a table with the new checks. Nothing refers to work_share, so dropping
    # the old one touches no foreign key.
    op.execute(
        f"""
        CREATE TABLE work_share_new (
            id INTEGER NOT NULL,
            work_id INTEGER NOT NULL,
            party_id INTEGER NOT NULL,
            submitter VARCHAR(50) NOT NULL,
            role VARCHAR(24) NOT NULL,
            right_type VARCHAR(16) NOT NULL,
            share INTEGER NOT NULL,
            controlled BOOLEAN NOT NULL,
            CONSTRAINT pk_work_share PRIMARY KEY (id),
            CONSTRAINT uq_work_share_work_id_submitter_party_id_role_right_type
                UNIQUE (work_id, submitter, party_id, role, right_type),
            CONSTRAINT fk_work_share_work_id_work FOREIGN KEY(work_id) REFERENCES work (id),
            CONSTRAINT fk_work_share_party_id_party FOREIGN KEY(party_id) REFERENCES party (id),
            CONSTRAINT ck_work_share_ck_work_share_share_range CHECK (share >= 0 AND share <= 10000),
            CONSTRAINT ck_work_share_ck_work_share_right_type_known CHECK ({checks["right_type_known"]}),
            CONSTRAINT ck_work_share_ck_work_share_role_known CHECK ({checks["role_known"]})
        )
        """
    )
    op.execute(f"INSERT INTO work_share_new ({_COLUMNS}) SELECT {_COLUMNS} FROM work_share")  # noqa: S608
    op.drop_index("ix_work_share_party_id", "work_share")
    op.execute("DROP TABLE work_share")
    op.execute("ALTER TABLE work_share_new RENAME TO work_share")
    op.create_index("ix_work_share_party_id", "work_share", ["party_id"])
