"""Members and repertoire: parties, mandates, works, recordings, shares, conflicts, duplicates.

Business state, updated in place (no append-only triggers): its history is the ledger.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.func.current_timestamp()
# Vocabularies frozen here: changing one is a new migration.
PARTY_KINDS = ("person", "company")
PARTY_ROLES = ("composer", "lyricist", "arranger", "publisher", "performer", "producer")
MEMBERSHIP_STATUSES = ("applicant", "member", "suspended", "terminated", "external")
MANDATE_RIGHTS = (
    "performing",
    "mechanical",
    "reproduction",
    "synchronisation",
    "broadcasting",
    "making_available",
    "rental",
)
SHARE_RIGHT_TYPES = ("performing", "mechanical", "synchronisation")
SHARE_ROLES = (
    "composer_lyricist",
    "composer",
    "lyricist",
    "arranger",
    "adapter",
    "translator",
    "sub_arranger",
    "sub_author",
    "publisher",
    "administrator",
    "sub_publisher",
    "substituted_publisher",
    "acquirer",
    "income_participant",
)
SHARE_RANGE = "share >= 0 AND share <= 10000"
TABLES = (
    "party",
    "party_role",
    "mandate",
    "work",
    "work_title",
    "work_registration",
    "work_share",
    "recording",
    "recording_share",
    "recording_work",
    "share_conflict",
    "conflict_share",
    "duplicate_candidate",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _stamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=NOW, nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    _members()
    _works()
    _recordings()
    _conflicts()
    _duplicates()


def _members() -> None:
    op.create_table(
        "party",
        _id(),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("first_name", sa.String(200), nullable=True),
        sa.Column("name_key", sa.String(400), nullable=False),
        sa.Column("ipi_name", sa.String(20), nullable=True),
        sa.Column("ipi_base", sa.String(20), nullable=True),
        sa.Column("isni", sa.String(20), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("society", sa.String(10), nullable=True),
        sa.Column("joined_on", sa.Date, nullable=True),
        sa.Column("left_on", sa.Date, nullable=True),
        sa.Column("contact_sealed", sa.LargeBinary, nullable=True),
        sa.Column("bank_sealed", sa.LargeBinary, nullable=True),
        sa.Column("contact_revision", sa.Integer, nullable=False),
        sa.Column("bank_revision", sa.Integer, nullable=False),
        _stamp("created_at"),
        _stamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_party"),
        sa.UniqueConstraint("ipi_name", name="uq_party_ipi_name"),
        sa.CheckConstraint(_one_of("kind", PARTY_KINDS), name="ck_party_kind_known"),
        sa.CheckConstraint(_one_of("status", MEMBERSHIP_STATUSES), name="ck_party_status_known"),
    )
    op.create_index("ix_party_name_key", "party", ["name_key"])
    op.create_index("ix_party_ipi_base", "party", ["ipi_base"])
    op.create_table(
        "party_role",
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.PrimaryKeyConstraint("party_id", "role", name="pk_party_role"),
        _fk("party_role", "party_id", "party"),
        sa.CheckConstraint(_one_of("role", PARTY_ROLES), name="ck_party_role_role_known"),
    )
    op.create_table(
        "mandate",
        _id(),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("right_type", sa.String(20), nullable=False),
        sa.Column("territory", sa.String(10), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=True),
        sa.Column("ends_on", sa.Date, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_mandate"),
        sa.UniqueConstraint(
            "party_id", "right_type", "territory", name="uq_mandate_party_id_right_type_territory"
        ),
        _fk("mandate", "party_id", "party"),
        sa.CheckConstraint(_one_of("right_type", MANDATE_RIGHTS), name="ck_mandate_right_type_known"),
    )


def _works() -> None:
    op.create_table(
        "work",
        _id(),
        sa.Column("iswc", sa.String(20), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("title_key", sa.String(300), nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("duration_seconds", sa.Integer, nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("primary_submitter", sa.String(50), nullable=False),
        sa.Column("merged_into_id", sa.Integer, nullable=True),
        _stamp("created_at"),
        _stamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_work"),
        sa.UniqueConstraint("iswc", name="uq_work_iswc"),
        _fk("work", "merged_into_id", "work"),
        sa.CheckConstraint(
            _one_of("status", ("complete", "incomplete", "in_conflict", "merged")),
            name="ck_work_status_known",
        ),
    )
    op.create_index("ix_work_title_key", "work", ["title_key"])
    op.create_index("ix_work_merged_into_id", "work", ["merged_into_id"])
    op.create_table(
        "work_title",
        _id(),
        sa.Column("work_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("title_type", sa.String(2), nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("title_key", sa.String(300), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_work_title"),
        sa.UniqueConstraint("work_id", "title_key", name="uq_work_title_work_id_title_key"),
        _fk("work_title", "work_id", "work"),
    )
    op.create_index("ix_work_title_title_key", "work_title", ["title_key"])
    op.create_table(
        "work_registration",
        _id(),
        sa.Column("work_id", sa.Integer, nullable=False),
        sa.Column("submitter", sa.String(50), nullable=False),
        sa.Column("submitter_work_id", sa.String(50), nullable=False),
        sa.Column("source", sa.String(100), nullable=True),
        _stamp("registered_at"),
        sa.PrimaryKeyConstraint("id", name="pk_work_registration"),
        sa.UniqueConstraint(
            "submitter",
            "submitter_work_id",
            "work_id",
            name="uq_work_registration_submitter_submitter_work_id_work_id",
        ),
        _fk("work_registration", "work_id", "work"),
    )
    op.create_index("ix_work_registration_work_id", "work_registration", ["work_id"])
    op.create_table(
        "work_share",
        _id(),
        sa.Column("work_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("submitter", sa.String(50), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("right_type", sa.String(16), nullable=False),
        sa.Column("share", sa.Integer, nullable=False),
        sa.Column("controlled", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_work_share"),
        sa.UniqueConstraint(
            "work_id",
            "submitter",
            "party_id",
            "role",
            "right_type",
            name="uq_work_share_work_id_submitter_party_id_role_right_type",
        ),
        _fk("work_share", "work_id", "work"),
        _fk("work_share", "party_id", "party"),
        sa.CheckConstraint(SHARE_RANGE, name="ck_work_share_share_range"),
        sa.CheckConstraint(_one_of("right_type", SHARE_RIGHT_TYPES), name="ck_work_share_right_type_known"),
        sa.CheckConstraint(_one_of("role", SHARE_ROLES), name="ck_work_share_role_known"),
    )
    op.create_index("ix_work_share_party_id", "work_share", ["party_id"])


def _recordings() -> None:
    op.create_table(
        "recording",
        _id(),
        sa.Column("isrc", sa.String(20), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("title_key", sa.String(300), nullable=False),
        sa.Column("artist", sa.String(300), nullable=True),
        sa.Column("artist_key", sa.String(300), nullable=False),
        sa.Column("duration_seconds", sa.Integer, nullable=True),
        sa.Column("release_title", sa.String(300), nullable=True),
        sa.Column("release_date", sa.Date, nullable=True),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("merged_into_id", sa.Integer, nullable=True),
        _stamp("created_at"),
        _stamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_recording"),
        sa.UniqueConstraint("isrc", name="uq_recording_isrc"),
        _fk("recording", "merged_into_id", "recording"),
        sa.CheckConstraint(
            _one_of("status", ("complete", "incomplete", "merged")), name="ck_recording_status_known"
        ),
    )
    op.create_index("ix_recording_title_key_artist_key", "recording", ["title_key", "artist_key"])
    op.create_index("ix_recording_merged_into_id", "recording", ["merged_into_id"])
    op.create_table(
        "recording_share",
        _id(),
        sa.Column("recording_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("share", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_recording_share"),
        sa.UniqueConstraint(
            "recording_id", "party_id", "role", name="uq_recording_share_recording_id_party_id_role"
        ),
        _fk("recording_share", "recording_id", "recording"),
        _fk("recording_share", "party_id", "party"),
        sa.CheckConstraint(SHARE_RANGE, name="ck_recording_share_share_range"),
        sa.CheckConstraint(_one_of("role", ("performer", "producer")), name="ck_recording_share_role_known"),
    )
    op.create_index("ix_recording_share_party_id", "recording_share", ["party_id"])
    op.create_table(
        "recording_work",
        sa.Column("recording_id", sa.Integer, nullable=False),
        sa.Column("work_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("recording_id", "work_id", name="pk_recording_work"),
        _fk("recording_work", "recording_id", "recording"),
        _fk("recording_work", "work_id", "work"),
    )
    op.create_index("ix_recording_work_work_id", "recording_work", ["work_id"])


def _conflicts() -> None:
    op.create_table(
        "share_conflict",
        _id(),
        sa.Column("work_id", sa.Integer, nullable=False),
        sa.Column("right_type", sa.String(16), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("claimed_total", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("decided_by", sa.String(100), nullable=True),
        _stamp("opened_at"),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_share_conflict"),
        _fk("share_conflict", "work_id", "work"),
        sa.CheckConstraint(_one_of("status", ("open", "resolved")), name="ck_share_conflict_status_known"),
        sa.CheckConstraint(
            _one_of("right_type", SHARE_RIGHT_TYPES), name="ck_share_conflict_right_type_known"
        ),
    )
    op.create_index("ix_share_conflict_work_id_status", "share_conflict", ["work_id", "status"])
    op.create_index("ix_share_conflict_status", "share_conflict", ["status"])
    op.create_table(
        "conflict_share",
        _id(),
        sa.Column("conflict_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.Integer, nullable=False),
        sa.Column("stage", sa.String(10), nullable=False),
        sa.Column("submitter", sa.String(50), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("share", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_conflict_share"),
        _fk("conflict_share", "conflict_id", "share_conflict"),
        _fk("conflict_share", "party_id", "party"),
        sa.CheckConstraint(SHARE_RANGE, name="ck_conflict_share_share_range"),
        sa.CheckConstraint("stage IN ('claimed', 'resolved')", name="ck_conflict_share_stage_known"),
    )
    op.create_index("ix_conflict_share_conflict_id", "conflict_share", ["conflict_id"])
    op.create_index("ix_conflict_share_party_id", "conflict_share", ["party_id"])


def _duplicates() -> None:
    op.create_table(
        "duplicate_candidate",
        _id(),
        sa.Column("subject", sa.String(10), nullable=False),
        sa.Column("first_work_id", sa.Integer, nullable=True),
        sa.Column("second_work_id", sa.Integer, nullable=True),
        sa.Column("first_recording_id", sa.Integer, nullable=True),
        sa.Column("second_recording_id", sa.Integer, nullable=True),
        sa.Column("reason", sa.String(30), nullable=False),
        sa.Column("detail", sa.String(300), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        _stamp("proposed_at"),
        sa.Column("decided_by", sa.String(100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_duplicate_candidate"),
        sa.UniqueConstraint(
            "first_work_id", "second_work_id", name="uq_duplicate_candidate_first_work_id_second_work_id"
        ),
        sa.UniqueConstraint(
            "first_recording_id",
            "second_recording_id",
            name="uq_duplicate_candidate_first_recording_id_second_recording_id",
        ),
        _fk("duplicate_candidate", "first_work_id", "work"),
        _fk("duplicate_candidate", "second_work_id", "work"),
        _fk("duplicate_candidate", "first_recording_id", "recording"),
        _fk("duplicate_candidate", "second_recording_id", "recording"),
        sa.CheckConstraint(
            _one_of("status", ("pending", "merged", "kept_apart")), name="ck_duplicate_candidate_status_known"
        ),
        sa.CheckConstraint(
            "(subject = 'work' AND first_work_id < second_work_id"
            " AND first_recording_id IS NULL AND second_recording_id IS NULL)"
            " OR (subject = 'recording' AND first_recording_id < second_recording_id"
            " AND first_work_id IS NULL AND second_work_id IS NULL)",
            name="ck_duplicate_candidate_one_ordered_pair",
        ),
    )
    op.create_index("ix_duplicate_candidate_status", "duplicate_candidate", ["status"])
    op.create_index("ix_duplicate_candidate_second_work_id", "duplicate_candidate", ["second_work_id"])
    op.create_index(
        "ix_duplicate_candidate_second_recording_id", "duplicate_candidate", ["second_recording_id"]
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
