"""The CWR files the society received, and the acknowledgement it sends back for each registration
file: every work transaction with its status and the society's work number (registry.cwr.ack),
written from what the import kept, at any time after and always the same but for its own date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.cwr.ack import AckHeader, acknowledgement_file
from registry.errors import RegistryError
from registry.models import CwrImport
from registry.paging import Page, page_of
from registry.services.repertoire.cwr_outcomes import ack_transactions


class NotAcknowledgeable(RegistryError):
    """The file cannot be acknowledged (a society's own acknowledgement, or imported before the
    outcomes of its transactions were kept)."""


class UnknownCwrFile(RegistryError):
    """No CWR file received has that SHA-256."""


@dataclass(frozen=True, slots=True)
class Society:
    code: int  # CISAC society code, the acknowledgement's sender
    name: str


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    name: str  # a file name for it
    data: bytes
    transactions: int


def received_files(session: Session, limit: int, offset: int) -> Page[CwrImport]:
    """The CWR files received, the latest first."""
    rows, total = page_of(session, select(CwrImport).order_by(CwrImport.id.desc()), limit, offset)
    return Page(rows, total)


def can_acknowledge(row: CwrImport) -> bool:
    """A registration file whose transactions' outcomes were kept (imported since they are)."""
    report = row.report or {}
    return row.file_type == "registration" and "outcomes" in report and bool(report.get("created"))


def received_file(session: Session, sha256: str) -> CwrImport:
    """The file received with this SHA-256 (hex, or its first 8 characters or more; `CWR-` before
    it, as its ledger entry names it, is fine)."""
    wanted = sha256.lower().removeprefix("cwr-")
    if not 8 <= len(wanted) <= 64 or any(c not in "0123456789abcdef" for c in wanted):
        raise UnknownCwrFile(f"{sha256!r} is not a SHA-256 (64 hexadecimal characters, or 8 or more of them)")
    found = list(session.scalars(select(CwrImport).where(CwrImport.sha256.startswith(wanted)).limit(2)))
    if not found:
        raise UnknownCwrFile(f"no CWR file received with SHA-256 {sha256}")
    if len(found) > 1:
        raise UnknownCwrFile(f"more than one CWR file's SHA-256 starts with {sha256}: give more of it")
    return found[0]


def acknowledgement(session: Session, sha256: str, society: Society, now: datetime) -> Acknowledgement:
    """The ACK file for the registration file `sha256` (see received_file), dated `now`."""
    row = received_file(session, sha256)
    if row.file_type != "registration":
        raise NotAcknowledgeable(
            f"{row.name} is a society's {row.file_type}: only registrations are acknowledged"
        )
    report = row.report or {}
    if not can_acknowledge(row):
        raise NotAcknowledgeable(
            f"{row.name} was imported before the outcome of each transaction was kept: "
            "its acknowledgement cannot be written"
        )
    transactions = ack_transactions(report["outcomes"])
    header = AckHeader(
        society_code=society.code,
        society_name=society.name,
        version=row.version,
        original_created=datetime.fromisoformat(report["created"]),
        processed=row.imported_at.date(),
        created=now,
    )
    name = PurePath(row.name)
    suffix = name.suffix or f".V{row.version.replace('.', '')}"
    data = acknowledgement_file(header, transactions)
    return Acknowledgement(f"{name.stem}.ack{suffix}", data, len(transactions))
