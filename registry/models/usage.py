"""Usage reports (one row per ingested file: its lines live in a Parquet file), the unidentified
usage they contained (one row per group of unmatched lines) and members' claims of it.

Business state; the facts the public can check are the `usage_report` ledger entries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.entity_ids import CLAIM, USAGE_REPORT
from registry.models.base import Base

USAGE_TABLES = ("usage_report", "unidentified_usage", "usage_claim")
USAGE_SOURCES = ("karaoke", "online", "background_music", "broadcast")
USAGE_FORMATS = ("dsr", "csv")
CLAIM_STATUSES = ("submitted", "accepted", "rejected")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UsageReport(Base):
    """One ingested usage file, by content hash: importing it again changes nothing."""

    __tablename__ = "usage_report"
    __table_args__ = (
        Index(None, "period", "source"),
        CheckConstraint(_one_of("format", USAGE_FORMATS), name="format_known"),
        CheckConstraint(_one_of("source", USAGE_SOURCES), name="source_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(8))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    source: Mapped[str] = mapped_column(String(20))
    lines_read: Mapped[int] = mapped_column(Integer)  # data lines (play logs) or records (DSR) read
    lines_ingested: Mapped[int] = mapped_column(Integer)  # usage lines in the Parquet file
    lines_rejected: Mapped[int] = mapped_column(Integer)
    lines_matched: Mapped[int] = mapped_column(Integer)
    weight_total: Mapped[int] = mapped_column(BigInteger)
    weight_matched: Mapped[int] = mapped_column(BigInteger)
    revenue_minor: Mapped[int | None] = mapped_column(BigInteger)  # null: the report states none
    currency: Mapped[str | None] = mapped_column(String(3))
    parquet_path: Mapped[str] = mapped_column(String(255))  # relative to the data directory
    report: Mapped[dict[str, Any]] = mapped_column(JSON)  # header facts and the first issues
    ingested_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )

    @property
    def ledger_id(self) -> str:
        return USAGE_REPORT.make(self.sha256)


class UnidentifiedUsage(Base):
    """A group of a report's unmatched lines (same ISRC, title and artist), open to claims until
    its deadline."""

    __tablename__ = "unidentified_usage"
    __table_args__ = (UniqueConstraint("report_id", "group_no"), Index(None, "period", "source"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("usage_report.id"))
    group_no: Mapped[int] = mapped_column(Integer)  # group_no in the report's Parquet file
    period: Mapped[str] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(String(20))
    isrc: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(String(300))  # as first written in the report
    artist: Mapped[str | None] = mapped_column(String(300))
    title_key: Mapped[str | None] = mapped_column(String(300), index=True)
    artist_key: Mapped[str] = mapped_column(String(300))
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    lines: Mapped[int] = mapped_column(Integer)
    weight: Mapped[int] = mapped_column(BigInteger)
    revenue_minor: Mapped[int | None] = mapped_column(BigInteger)
    first_line: Mapped[int] = mapped_column(Integer)
    claim_deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    report: Mapped[UsageReport] = relationship(lazy="joined")


class UsageClaim(Base):
    """A member's claim that unidentified usage is of their recording or work. Accepted, it is
    paid as adjustment lines in `payable_period`."""

    __tablename__ = "usage_claim"
    __table_args__ = (
        CheckConstraint(_one_of("status", CLAIM_STATUSES), name="status_known"),
        CheckConstraint("(recording_id IS NULL) <> (work_id IS NULL)", name="recording_or_work"),
        Index(None, "status", "payable_period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unidentified_id: Mapped[int] = mapped_column(ForeignKey("unidentified_usage.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("recording.id"))
    work_id: Mapped[int | None] = mapped_column(ForeignKey("work.id"))
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    payable_period: Mapped[str | None] = mapped_column(String(7))

    unidentified: Mapped[UnidentifiedUsage] = relationship(lazy="joined")

    @property
    def ledger_id(self) -> str:
        return CLAIM.make(self.id)
