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
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction

from anchor.faults import CrashPoint, crash_point
from registry.cwr import parse_cwr
from registry.cwr.model import CwrFile, Issue, ParsedPublisher, ParsedRecording, ParsedWriter, Transaction
from registry.errors import RegistryError
from registry.gc_pause import collector_paused
from registry.kinds.cwr_file import IDS as CWR_FILE
from registry.kinds.cwr_file import cwr_file_body
from registry.ledger_writer import record
from registry.models import CwrImport, ShareConflict, WorkAcknowledgement
from registry.services.parties.parties import PartyCache, PartyRef
from registry.services.repertoire.cwr_outcomes import last_conflict, received, settle
from registry.services.repertoire.new_works import NewWorks, Verdict
from registry.services.repertoire.registration import (
    Outcome,
    RecordingInput,
    ShareInput,
    WorkInput,
    register_work,
)

_CHUNK = 1000  # transactions looked ahead at once (identifiers already held), and at most one batch
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
    created: str = ""  # the file's own creation date and time (HDR), ISO 8601
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
    # What became of each transaction (cwr_outcomes.Outcome), for the acknowledgement: stored
    # with the report, not part of what an import answers.
    outcomes: list[list[Any]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        del out["outcomes"]
        return out

    def stored(self) -> dict[str, Any]:
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
    # The parsed file stays whole until the end: the collector would rescan it over and over.
    with collector_paused():
        return _import(session, data, name, lenient_counts, progress)


def _import(
    session: Session,
    data: bytes,
    name: str,
    lenient_counts: bool,
    progress: Callable[[int, int], None] | None,
) -> ImportReport:
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
    crash_point(CrashPoint.CWR_PARSED)
    report = ImportReport(
        name,
        sha,
        parsed.version,
        f"{parsed.sender_type} {parsed.sender_id}".strip(),
        parsed.file_type,
        parsed.created.isoformat(),
        transactions=len(parsed.transactions),
    )
    report.issues.extend(_issue(i) for i in parsed.issues)
    conflicts_before = session.scalar(select(func.count()).select_from(ShareConflict)) or 0
    conflicts_after_id = last_conflict(session)
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
    crash_point(CrashPoint.CWR_IMPORT_ROW)
    _Importer(session, parsed, row, report, progress).run()
    crash_point(CrashPoint.CWR_TRANSACTIONS_DONE)
    conflicts_after = session.scalar(select(func.count()).select_from(ShareConflict)) or 0
    report.conflicts_opened = max(0, conflicts_after - conflicts_before)
    row.transactions, row.accepted, row.rejected = report.transactions, report.accepted, report.rejected
    if parsed.file_type == "registration":  # a society's acknowledgement is not acknowledged back
        settle(session, report.outcomes, _submitter(parsed), conflicts_after_id)
    else:
        report.outcomes.clear()
    row.report = report.stored()
    session.flush()
    # What came in and what became of it, with digests of the report and the acknowledgements.
    record(session, "cwr_file", CWR_FILE.make(row.sha256), cwr_file_body(session, row))
    crash_point(CrashPoint.CWR_REPORT_FLUSHED)
    return report


class _Importer:
    """The file's transactions in order, a chunk at a time: brand-new works in bulk (NewWorks),
    the others one by one through register_work, each in its own savepoint.

    A bulk batch runs in a savepoint too. Should its writing fail (a value the database refuses,
    a concurrent registration of the same identifier), the savepoint rolls back and the batch's
    transactions are registered again one by one, so that each gets its own verdict, as if
    there had been no batch."""

    def __init__(
        self,
        session: Session,
        parsed: CwrFile,
        row: CwrImport,
        report: ImportReport,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.session, self.parsed, self.row, self.report = session, parsed, row, report
        self.progress = progress
        self.parties = PartyCache()
        self.new_works = NewWorks(session, self.parties)
        self.lines: _Lines = {}
        self.done = 0
        self.batch: list[tuple[Transaction, WorkInput | None]] = []
        self.savepoint: SessionTransaction | None = None

    def run(self) -> None:
        transactions = self.parsed.transactions
        for start in range(0, len(transactions), _CHUNK):
            chunk = transactions[start : start + _CHUNK]
            inputs = [self._input(t) for t in chunk]
            self.new_works.look_ahead([data for data in inputs if data is not None])
            for transaction, data in zip(chunk, inputs, strict=True):
                if not transaction.accepted:
                    self.batch.append((transaction, None))  # rejected by the parser: report only
                    continue
                if data is not None and transaction.ack is None and self._plan(data):
                    self.batch.append((transaction, data))
                    continue
                self._write_batch()
                self._one(transaction, data)
            self._write_batch()

    def _plan(self, data: WorkInput) -> bool:
        """Take `data` into the batch (True) or leave it to register_work (False)."""
        if self.savepoint is None:
            self.savepoint = self.session.begin_nested()
        verdict = self.new_works.plan(data)
        if verdict is Verdict.AFTER_WRITE:
            self._write_batch()
            self.savepoint = self.session.begin_nested()
            verdict = self.new_works.plan(data)
        return verdict is Verdict.TAKEN

    def _input(self, transaction: Transaction) -> WorkInput | None:
        if not transaction.accepted:
            return None
        try:
            return _work_input(self.parsed, transaction, self.lines)
        except (RegistryError, ValueError):
            return None  # _import_transaction reports why

    def _one(self, transaction: Transaction, data: WorkInput | None) -> None:
        _import_transaction(self.session, self.parsed, transaction, self.row, self.report, self.parties)
        if data is not None:
            self.new_works.taken(data)
        self._step()

    def _write_batch(self) -> None:
        batch, savepoint = self.batch, self.savepoint
        self.batch, self.savepoint = [], None
        if savepoint is not None:
            try:
                self.new_works.write()
                savepoint.commit()
                crash_point(CrashPoint.CWR_BATCH_WRITTEN)
            except (SQLAlchemyError, RegistryError, ValueError):
                savepoint.rollback()
                self.parties.clear()
                self.new_works.discard()
                for transaction, data in batch:
                    self._one(transaction, data)
                return
        for transaction, data in batch:
            self.report.issues.extend(_issue(i) for i in transaction.issues)
            key = _key(self.parsed, transaction)
            created = None if data is None else Outcome.CREATED
            self.report.outcomes.append(received(transaction, key, created))
            if data is None:
                self.report.rejected += 1
            else:
                self.report.accepted += 1
                self.report.works_created += 1
                self.report.recordings += len(transaction.work.recordings)
            self._step()

    def _step(self) -> None:
        self.done += 1
        crash_point(CrashPoint.CWR_FIRST_TRANSACTION if self.done == 1 else CrashPoint.CWR_TRANSACTION)
        if self.progress is not None:
            self.progress(self.done, len(self.parsed.transactions))


def _import_transaction(
    session: Session,
    parsed: CwrFile,
    transaction: Transaction,
    row: CwrImport,
    report: ImportReport,
    parties: PartyCache | None = None,
) -> None:
    report.issues.extend(_issue(i) for i in transaction.issues)
    key = _key(parsed, transaction)
    if not transaction.accepted:
        report.outcomes.append(received(transaction, key, None))
        report.rejected += 1
        return
    try:
        with session.begin_nested():  # one registration failing leaves its neighbours untouched
            work, outcome = register_work(session, _work_input(parsed, transaction), parties=parties)
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
        if parties is not None:
            parties.clear()  # the savepoint took back what the registration changed
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
        report.outcomes.append(received(transaction, key, None, str(exc)))
        return
    report.outcomes.append(received(transaction, key, outcome))
    report.accepted += 1
    report.recordings += len(transaction.work.recordings)
    if outcome is Outcome.CREATED:
        report.works_created += 1
    elif outcome is Outcome.UPDATED:
        report.works_updated += 1
    else:
        report.works_unchanged += 1


def _submitter(parsed: CwrFile) -> str:
    return parsed.sender_id or parsed.sender_name


def _key(parsed: CwrFile, transaction: Transaction) -> str:
    """The number a transaction's work is registered under: the submitter's, else one made from
    the file and the transaction."""
    return transaction.work.submitter_work_id or f"{parsed.sha256[:12]}-{transaction.sequence}"


def _work_input(parsed: CwrFile, transaction: Transaction, made: _Lines | None = None) -> WorkInput:
    work = transaction.work
    if not work.title:
        raise RegistryError(f"line {transaction.line}: the work has no title")
    shares = [share for writer in work.writers for share in _writer_shares(writer, made)]
    shares += [share for publisher in work.publishers for share in _publisher_shares(publisher, made)]
    return WorkInput(
        submitter=_submitter(parsed),
        submitter_work_id=_key(parsed, transaction),
        title=work.title,
        iswc=work.iswc,
        language=work.language,
        alt_titles=[(alt.title, alt.title_type, alt.language) for alt in work.alt_titles],
        duration_seconds=work.duration_seconds,
        shares=shares,
        recordings=[_recording(work.title, work.performers, rec) for rec in work.recordings],
        source=f"cwr:{parsed.sha256}",
    )


# A file names the same writers with the same shares over and over: their share lines are made
# once (ShareInput and PartyRef are immutable, so sharing them is safe).
_Lines = dict[tuple[Any, ...], tuple[ShareInput, ...]]


def _writer_shares(writer: ParsedWriter, made: _Lines | None = None) -> tuple[ShareInput, ...]:
    if writer.unknown or not writer.last_name:
        return ()  # "writer unknown": the share stays unclaimed rather than invented
    key = (
        "person",
        writer.last_name,
        writer.first_name,
        writer.ipi_name,
        writer.ipi_base,
        writer.pr_society,
        writer.designation or "CA",
        writer.pr_share,
        writer.mr_share,
        writer.sr_share,
        writer.controlled,
    )
    if made is not None and key in made:
        return made[key]
    party = PartyRef(
        name=writer.last_name,
        first_name=writer.first_name,
        ipi_name=writer.ipi_name,
        ipi_base=writer.ipi_base,
        kind="person",
        society=writer.pr_society,
    )
    return _remember(made, key, _shares(party, writer.designation or "CA", writer))


def _publisher_shares(publisher: ParsedPublisher, made: _Lines | None = None) -> tuple[ShareInput, ...]:
    if publisher.unknown or not publisher.name:
        return ()
    key = (
        "company",
        publisher.name,
        publisher.ipi_name,
        publisher.ipi_base,
        publisher.pr_society,
        publisher.role or "E",
        publisher.pr_share,
        publisher.mr_share,
        publisher.sr_share,
        publisher.controlled,
    )
    if made is not None and key in made:
        return made[key]
    party = PartyRef(
        name=publisher.name,
        ipi_name=publisher.ipi_name,
        ipi_base=publisher.ipi_base,
        kind="company",
        society=publisher.pr_society,
    )
    return _remember(made, key, _shares(party, publisher.role or "E", publisher))


def _remember(
    made: _Lines | None, key: tuple[Any, ...], lines: tuple[ShareInput, ...]
) -> tuple[ShareInput, ...]:
    if made is not None:
        made[key] = lines
    return lines


def _shares(party: PartyRef, role: str, holder: ParsedWriter | ParsedPublisher) -> tuple[ShareInput, ...]:
    """One claim per right type (performing, mechanical, synchronisation) as the record states it."""
    return tuple(
        ShareInput(party=party, role=role, right_type=right, share=share, controlled=holder.controlled)
        for right, share in (("PR", holder.pr_share), ("MR", holder.mr_share), ("SR", holder.sr_share))
    )


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
