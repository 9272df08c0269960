"""Importing CWR files: each registration becomes a work (with its shares, recordings and ledger
versions) through the repertoire services.

The whole file is one database transaction, so a crash writes nothing; each CWR transaction runs
in its own savepoint and is accepted or rejected on its own, with reasons like a society's
acknowledgement. A structurally broken file is refused whole before anything is written. The
same file imported again (same SHA-256) changes nothing and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchor.faults import crash_point
from registry.cwr import parse_cwr
from registry.cwr.model import CwrFile, Issue, ParsedPublisher, ParsedRecording, ParsedWriter, Transaction
from registry.errors import RegistryError
from registry.models import CwrImport, ShareConflict, WorkAcknowledgement
from registry.services.members import PartyRef
from registry.services.repertoire import (
    Outcome,
    RecordingInput,
    ShareInput,
    WorkInput,
    register_work,
)

RIGHTS = (
    ("PR", "pr_share", "pr_society"),
    ("MR", "mr_share", "mr_society"),
    ("SR", "sr_share", "sr_society"),
)


@dataclass
class ImportReport:
    file: str
    sha256: str
    version: str = ""
    sender: str = ""
    file_type: str = ""
    transactions: int = 0
    accepted: int = 0
    rejected: int = 0
    works_created: int = 0
    works_updated: int = 0
    works_unchanged: int = 0
    recordings: int = 0
    conflicts_opened: int = 0
    acknowledgements: int = 0
    already_imported: bool = False
    issues: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def import_cwr(
    session: Session,
    data: bytes,
    *,
    name: str,
    lenient_counts: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import one CWR file in the caller's transaction. Raises CwrStructureError (nothing written)
    when the file itself is broken. `lenient_counts` imports a file whose GRT/TRL counts disagree
    with its records (a trimmed file, say), keeping each disagreement in the report as an error."""
    sha = hashlib.sha256(data).hexdigest()
    previous = session.scalars(select(CwrImport).where(CwrImport.sha256 == sha)).first()
    if previous is not None:
        report = ImportReport(**{**previous.report, "already_imported": True})
        report.issues = [
            {
                "line": 0,
                "record_type": "HDR",
                "field": None,
                "severity": "warning",
                "message": f"{name}: this file was already imported on {previous.imported_at:%Y-%m-%d %H:%M} "
                f"as {previous.name!r}; nothing changed",
            },
        ]
        return report
    parsed = parse_cwr(data, name=name, strict_counts=not lenient_counts)
    crash_point("cwr.parsed")
    report = ImportReport(
        name,
        sha,
        parsed.version,
        f"{parsed.sender_type} {parsed.sender_id}".strip(),
        parsed.file_type,
        transactions=len(parsed.transactions),
    )
    report.issues.extend(_issue(i) for i in parsed.issues)
    conflicts_before = session.scalar(select(func.count()).select_from(ShareConflict)) or 0
    row = CwrImport(
        sha256=sha,
        name=name[:255],
        version=parsed.version,
        sender=report.sender[:64],
        file_type=parsed.file_type,
        transactions=0,
        accepted=0,
        rejected=0,
        report={},
    )
    session.add(row)
    session.flush()
    crash_point("cwr.import_row")
    for number, transaction in enumerate(parsed.transactions, start=1):
        _import_transaction(session, parsed, transaction, row, report)
        crash_point("cwr.first_transaction" if number == 1 else "cwr.transaction")
        if progress is not None:
            progress(number, len(parsed.transactions))
    crash_point("cwr.transactions_done")
    conflicts_after = session.scalar(select(func.count()).select_from(ShareConflict)) or 0
    report.conflicts_opened = max(0, conflicts_after - conflicts_before)
    row.transactions, row.accepted, row.rejected = report.transactions, report.accepted, report.rejected
    row.report = report.to_dict()
    session.flush()
    crash_point("cwr.report_flushed")
    return report


def _import_transaction(
    session: Session, parsed: CwrFile, transaction: Transaction, row: CwrImport, report: ImportReport
) -> None:
    report.issues.extend(_issue(i) for i in transaction.issues)
    if not transaction.accepted:
        report.rejected += 1
        return
    try:
        with session.begin_nested():  # one registration failing leaves its neighbours untouched
            work, outcome = register_work(session, _work_input(parsed, transaction))
            if transaction.ack is not None:
                ack = transaction.ack
                session.add(
                    WorkAcknowledgement(
                        work_id=work.id,
                        import_id=row.id,
                        society=f"{parsed.sender_type} {parsed.sender_id}".strip()[:64],
                        status=ack.status,
                        society_work_id=ack.society_work_id,
                        submitter_work_id=ack.submitter_work_id,
                        messages=[
                            {
                                "type": m.message_type,
                                "record_type": m.record_type,
                                "level": m.level,
                                "validation": m.validation_number,
                                "text": m.text,
                                "line": m.line,
                            }
                            for m in ack.messages
                        ],
                    )
                )
                report.acknowledgements += 1
    except (RegistryError, ValueError) as exc:
        report.rejected += 1
        report.issues.append(
            {
                "line": transaction.line,
                "record_type": transaction.kind,
                "field": None,
                "severity": "error",
                "message": f"transaction rejected: {exc}",
            }
        )
        return
    report.accepted += 1
    report.recordings += len(transaction.work.recordings)
    if outcome is Outcome.CREATED:
        report.works_created += 1
    elif outcome is Outcome.UPDATED:
        report.works_updated += 1
    else:
        report.works_unchanged += 1


def _work_input(parsed: CwrFile, transaction: Transaction) -> WorkInput:
    work = transaction.work
    if not work.title:
        raise RegistryError(f"line {transaction.line}: the work has no title")
    shares = [share for writer in work.writers for share in _writer_shares(writer)]
    shares += [share for publisher in work.publishers for share in _publisher_shares(publisher)]
    return WorkInput(
        submitter=parsed.sender_id or parsed.sender_name,
        submitter_work_id=work.submitter_work_id or f"{parsed.sha256[:12]}-{transaction.sequence}",
        title=work.title,
        iswc=work.iswc,
        language=work.language,
        alt_titles=[(alt.title, alt.title_type, alt.language) for alt in work.alt_titles],
        duration_seconds=work.duration_seconds,
        shares=shares,
        recordings=[_recording(work.title, work.performers, rec) for rec in work.recordings],
        source=f"cwr:{parsed.sha256}",
    )


def _writer_shares(writer: ParsedWriter) -> list[ShareInput]:
    if writer.unknown or not writer.last_name:
        return []  # "writer unknown": the share stays unclaimed rather than invented
    party = PartyRef(
        name=writer.last_name,
        first_name=writer.first_name,
        ipi_name=writer.ipi_name,
        ipi_base=writer.ipi_base,
        kind="person",
        society=writer.pr_society,
    )
    return _shares(party, writer.designation or "CA", writer)


def _publisher_shares(publisher: ParsedPublisher) -> list[ShareInput]:
    if publisher.unknown or not publisher.name:
        return []
    party = PartyRef(
        name=publisher.name,
        ipi_name=publisher.ipi_name,
        ipi_base=publisher.ipi_base,
        kind="company",
        society=publisher.pr_society,
    )
    return _shares(party, publisher.role or "E", publisher)


def _shares(party: PartyRef, role: str, holder: ParsedWriter | ParsedPublisher) -> list[ShareInput]:
    """One claim per right type (performing, mechanical, synchronisation) as the record states it."""
    return [
        ShareInput(party=party, role=role, right_type=right, share=share, controlled=holder.controlled)
        for right, share in (("PR", holder.pr_share), ("MR", holder.mr_share), ("SR", holder.sr_share))
    ]


def _recording(title: str, performers: tuple[str, ...], rec: ParsedRecording) -> RecordingInput:
    return RecordingInput(
        title=rec.recording_title or title,
        isrc=rec.isrc,
        artist=rec.display_artist or (performers[0] if performers else None),
        duration_seconds=rec.duration_seconds,
        release_title=rec.album_title,
        release_date=rec.release_date,
        label=rec.record_label or rec.album_label,
    )


def _issue(issue: Issue) -> dict[str, Any]:
    return {
        "line": issue.line,
        "record_type": issue.record_type,
        "field": issue.field,
        "severity": issue.severity,
        "message": issue.message,
    }
