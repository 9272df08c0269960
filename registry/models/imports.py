"""CWR files imported (one row per file, by content hash: re-importing says so and changes nothing),
the societies' acknowledgements of works (status and messages from ACK files), and submissions
from outside waiting in the registry clerks' review queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base

IMPORT_TABLES = ("cwr_import", "work_acknowledgement", "submission")
SUBMISSION_STATUSES = ("pending", "accepted", "rejected")


class CwrImport(Base):
    __tablename__ = "cwr_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    version: Mapped[str] = mapped_column(String(8))
    sender: Mapped[str] = mapped_column(String(64))
    file_type: Mapped[str] = mapped_column(String(20))
    transactions: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )


class WorkAcknowledgement(Base):
    """What a society answered about a work registration (CWR ACK): its status and messages."""

    __tablename__ = "work_acknowledgement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    work_id: Mapped[int] = mapped_column(ForeignKey("work.id"), index=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("cwr_import.id"))
    society: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(4))
    society_work_id: Mapped[str | None] = mapped_column(String(40))
    submitter_work_id: Mapped[str | None] = mapped_column(String(40))
    messages: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class Submission(Base):
    """A work a publisher or society sent us (one row of a works template), waiting for a registry
    clerk to accept it (as sent or corrected) or reject it with a reason. `proposed` is the work as
    sent; `accepted` what was registered, when a clerk corrected it. The same file sent again
    adds nothing: a row is unique by the file's SHA-256 and its line."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("file_sha256", "line"),
        Index(None, "status", "id"),
        CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(12))  # template (CSV/Excel) | form
    file_sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    line: Mapped[int] = mapped_column(Integer)
    submitter: Mapped[str] = mapped_column(String(64))  # whose registration: the publisher or society
    submitter_work_id: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)  # normalised, for search
    proposed: Mapped[dict[str, Any]] = mapped_column(JSON)
    suggestions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10))
    submitted_by: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.current_timestamp()
    )
    accepted: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(String(300))
    work_id: Mapped[int | None] = mapped_column(ForeignKey("work.id"))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
