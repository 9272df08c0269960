"""Distribution runs, their payout lines, and members' balances carried forward.

Facts once written: a run is never edited (corrections are adjustment runs, whose lines are the
differences), so the tables are append-only (triggers of migrations 0007 and 0010).

A run's lines are stored as ONE Parquet file in `distribution_lines_file` (migration 0010):
millions of lines are then one row written and read at once, instead of millions of indexed
rows. Runs recorded before keep their lines in `distribution_line`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base

DISTRIBUTION_TABLES = ("distribution_run", "distribution_line", "carry_forward", "distribution_lines_file")
RUN_KINDS = ("regular", "adjustment")
RUN_STATUSES = ("final",)  # a dry run is computed and shown, never stored
LINE_SUBJECTS = ("recording", "work")
LINE_RIGHT_TYPES = ("neighbouring", "performing", "mechanical", "synchronisation")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class DistributionRun(Base):
    """One distribution of a period's pool for a source (sequence 0), or a later adjustment of
    it (sequence 1, 2...: its figures and lines are the differences to what was paid before)."""

    __tablename__ = "distribution_run"
    __table_args__ = (
        UniqueConstraint("period", "source", "sequence"),
        CheckConstraint(_one_of("kind", RUN_KINDS), name="kind_known"),
        CheckConstraint(_one_of("status", RUN_STATUSES), name="status_known"),
        CheckConstraint("(kind = 'regular') = (sequence = 0)", name="sequence_matches_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    source: Mapped[str] = mapped_column(String(30))
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    currency: Mapped[str] = mapped_column(String(3))
    pool: Mapped[int] = mapped_column(BigInteger)
    deduction: Mapped[int] = mapped_column(BigInteger)
    reserve: Mapped[int] = mapped_column(BigInteger)
    allocated: Mapped[int] = mapped_column(BigInteger)  # the sum of the lines
    brought_forward: Mapped[int] = mapped_column(BigInteger)
    carried_forward: Mapped[int] = mapped_column(BigInteger)
    paid: Mapped[int] = mapped_column(BigInteger)
    line_count: Mapped[int] = mapped_column(Integer)
    member_count: Mapped[int] = mapped_column(Integer)
    lines_root: Mapped[str] = mapped_column(String(64))  # hex, registry.royalty.lines
    summary_entry_id: Mapped[str] = mapped_column(String(200))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)  # the distribution_summary body
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


class DistributionLine(Base):
    """One payout line: a member's amount for one recording or work and right type."""

    __tablename__ = "distribution_line"
    __table_args__ = (
        UniqueConstraint(
            "run_id", "party_id", "subject", "subject_id", "right_type", name="uq_distribution_line_key"
        ),
        Index(None, "party_id", "run_id"),
        CheckConstraint(_one_of("subject", LINE_SUBJECTS), name="subject_known"),
        CheckConstraint(_one_of("right_type", LINE_RIGHT_TYPES), name="right_type_known"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    run_id: Mapped[int] = mapped_column(Integer, ForeignKey("distribution_run.id"))
    party_id: Mapped[int] = mapped_column(Integer, ForeignKey("party.id"))
    subject: Mapped[str] = mapped_column(String(10))
    subject_id: Mapped[int] = mapped_column(Integer)  # recording.id or work.id
    right_type: Mapped[str] = mapped_column(String(16))
    weight: Mapped[int] = mapped_column(BigInteger)  # the subject's usage (plays, or revenue in fen)
    share: Mapped[int] = mapped_column(Integer)  # basis points
    amount: Mapped[int] = mapped_column(BigInteger)  # fen (negative in an adjustment: clawback)


class DistributionLinesFile(Base):
    """A run's payout lines as one Parquet file: the columns of
    registry.royalty.allocate.LINE_SCHEMA, in the lines order; `sha256` of `content` and the
    line count let the audit notice a damaged or replaced file."""

    __tablename__ = "distribution_lines_file"

    run_id: Mapped[int] = mapped_column(Integer, ForeignKey("distribution_run.id"), primary_key=True)
    line_count: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class CarryForward(Base):
    """A member's balance for a source after a run: what was brought in, what is carried on."""

    __tablename__ = "carry_forward"
    __table_args__ = (
        UniqueConstraint("run_id", "party_id"),
        Index(None, "party_id", "source", "run_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(Integer, ForeignKey("distribution_run.id"))
    party_id: Mapped[int] = mapped_column(Integer, ForeignKey("party.id"))
    source: Mapped[str] = mapped_column(String(30))
    brought_forward: Mapped[int] = mapped_column(BigInteger)
    carried_forward: Mapped[int] = mapped_column(BigInteger)  # the balance after this run


run_table = cast(Table, DistributionRun.__table__)
line_table = cast(Table, DistributionLine.__table__)
carry_table = cast(Table, CarryForward.__table__)
lines_file_table = cast(Table, DistributionLinesFile.__table__)
