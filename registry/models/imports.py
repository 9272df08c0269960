"""CWR files imported (one row per file, by content hash: re-importing says so and changes nothing)
and the societies' acknowledgements of works (status and messages from ACK files)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base

IMPORT_TABLES = ("cwr_import", "work_acknowledgement")


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
