"""A registry clerk's decisions on submissions: accept as sent, correct and accept, reject with a
reason, or accept many at once. Accepting registers the work in the submitter's name (as any
registration: matched to what we hold, conflicts and duplicates queued) and records the
submission's next version naming the work; each decision is refused for a submission already
decided.

Accepting many takes the route of a large CWR file: brand-new works are planned and written in
bulk (registry.services.repertoire.new_works), anything else registered one by one in its own
savepoint; a submission whose registration is refused stays pending and is reported with why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.errors import RegistryError
from registry.kinds.submission import submission_body
from registry.ledger_writer import Fact, record, record_many
from registry.models import Submission
from registry.services.parties.parties import PartyCache
from registry.services.repertoire.ai_declarations import declare
from registry.services.repertoire.new_works import NewWorks, Verdict
from registry.services.repertoire.registration import WorkInput, register_work
from registry.services.repertoire.submissions import UnknownSubmission
from registry.services.repertoire.submitted_work import SubmissionError, ai_declaration, checked, registration

_table = cast(Table, Submission.__table__)
Plain = Any  # a submission row as plain values (SimpleNamespace): accepting many tracks no ORM objects
REASON_LENGTH = 300
MOST_AT_ONCE = 10_000
_CHUNK = 500


class AlreadyDecided(RegistryError):
    """The submission was accepted or rejected before (by this clerk or another)."""


@dataclass
class BulkReport:
    asked: int = 0
    accepted: int = 0
    works: list[str] = field(default_factory=list)  # W-n per accepted submission, in the order asked
    refused: list[dict[str, str]] = field(default_factory=list)  # submission, message


def _pending(session: Session, submission_id: str) -> Submission:
    row = session.get(Submission, entity_ids.SUBMISSION.parse(submission_id))
    if row is None:
        raise UnknownSubmission(f"no submission {submission_id}")
    if row.status != "pending":
        raise AlreadyDecided(f"{submission_id} is already {row.status} (by {row.decided_by})")
    return row


def accept(
    session: Session,
    submission_id: str,
    *,
    decided_by: str,
    corrected: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> Submission:
    """Register the submission's work (as sent, or as the clerk corrected it) and record the
    decision. Raises SubmissionError naming the field when the corrected work does not hold
    together, RegistryError when the registration is refused."""
    row = _pending(session, submission_id)
    work = checked(corrected) if corrected is not None else row.proposed
    if corrected is not None and work["submitter_work_id"] != row.proposed["submitter_work_id"]:
        work = {
            **work,
            "submitter_work_id": row.proposed["submitter_work_id"],
        }  # the submitter's number stays theirs
    registered, _ = register_work(session, _input(row, work))
    declared = ai_declaration(work)
    if declared is not None:
        declare(session, registered.ledger_id, declared)
    _decide(row, "accepted", decided_by, _clean(note) or None)
    row.work_id = registered.id
    row.accepted = dict(work) if corrected is not None and dict(work) != row.proposed else None
    session.flush()
    record(session, "submission", entity_ids.SUBMISSION.make(row.id), submission_body(row))
    return row


def reject(session: Session, submission_id: str, *, reason: str, decided_by: str) -> Submission:
    """Refuse the submission: nothing is registered; the reason goes back to the submitter."""
    reason = _clean(reason)
    if not reason:
        raise SubmissionError("say why the submission is rejected", field="reason")
    row = _pending(session, submission_id)
    _decide(row, "rejected", decided_by, reason)
    session.flush()
    record(session, "submission", entity_ids.SUBMISSION.make(row.id), submission_body(row))
    return row


def accept_many(session: Session, submission_ids: Sequence[str], *, decided_by: str) -> BulkReport:
    """Accept each pending submission named, as sent; the others are reported, not changed."""
    if len(submission_ids) > MOST_AT_ONCE:
        raise RegistryError(f"at most {MOST_AT_ONCE:,} submissions at once, got {len(submission_ids):,}")
    report = BulkReport(asked=len(submission_ids))
    rows = _load(session, submission_ids, report)
    _Bulk(session, rows, decided_by, report).run()
    return report


def _load(session: Session, submission_ids: Sequence[str], report: BulkReport) -> list[Plain]:
    wanted: dict[int, str] = {}
    for given in submission_ids:
        number = entity_ids.SUBMISSION.parse(given)
        if number == entity_ids.NO_ROW:
            refusal = f"{given!r} is not a submission id (SUB-n)"
            report.refused.append({"submission": given, "message": refusal})
        elif number not in wanted:
            wanted[number] = given
    # Plain rows, not ORM objects: the session tracks none of them (no autoflush of 10,000
    # changes while the works are registered); _mark_accepted writes the decisions at once.
    found: dict[int, Any] = {}
    columns = [c for c in _table.c if c.name != "suggestions"]
    for chunk in _chunks(list(wanted)):
        found.update(
            (row.id, SimpleNamespace(**row._mapping))
            for row in session.execute(select(*columns).where(_table.c.id.in_(chunk)))
        )
    rows = []
    for number, given in wanted.items():
        row = found.get(number)
        if row is None:
            report.refused.append({"submission": given, "message": f"no submission {given}"})
        elif row.status != "pending":
            report.refused.append({"submission": given, "message": f"{given} is already {row.status}"})
        else:
            rows.append(row)
    return rows


class _Bulk:
    """The pending rows in order: brand-new works planned into batches, others registered alone."""

    def __init__(self, session: Session, rows: list[Plain], decided_by: str, report: BulkReport) -> None:
        self.session, self.rows, self.decided_by, self.report = session, rows, decided_by, report
        self.parties = PartyCache()
        self.new_works = NewWorks(session, self.parties)
        self.batch: list[Plain] = []
        self.savepoint: Any = None
        self.done: list[Plain] = []
        self.now = datetime.now(UTC)

    def run(self) -> None:
        for start in range(0, len(self.rows), 1000):
            chunk = self.rows[start : start + 1000]
            inputs = [_input(row, row.proposed) for row in chunk]
            self.new_works.look_ahead(inputs)
            for row, data in zip(chunk, inputs, strict=True):
                if self._plan(data):
                    self.batch.append(row)
                else:
                    self._write()
                    self._one(row, data)
            self._write()
        self._finish()

    def _plan(self, data: WorkInput) -> bool:
        if self.savepoint is None:
            self.savepoint = self.session.begin_nested()
        verdict = self.new_works.plan(data)
        if verdict is Verdict.AFTER_WRITE:
            self._write()
            self.savepoint = self.session.begin_nested()
            verdict = self.new_works.plan(data)
        return verdict is Verdict.TAKEN

    def _write(self) -> None:
        batch, savepoint = self.batch, self.savepoint
        self.batch, self.savepoint = [], None
        if savepoint is None:
            return
        try:
            self.new_works.write()
            savepoint.commit()
        except (SQLAlchemyError, RegistryError, ValueError):
            savepoint.rollback()
            self.parties.clear()
            self.new_works.discard()
            for row in batch:
                self._one(row, _input(row, row.proposed))
            return
        for row, work_id in zip(batch, self.new_works.written, strict=True):
            self._accepted(row, work_id)

    def _one(self, row: Plain, data: WorkInput) -> None:
        try:
            with self.session.begin_nested():
                work, _ = register_work(self.session, data, parties=self.parties)
        except (RegistryError, ValueError) as exc:
            self.parties.clear()
            self.report.refused.append(
                {"submission": entity_ids.SUBMISSION.make(row.id), "message": str(exc)}
            )
            return
        self.new_works.taken(data)
        self._accepted(row, work.id)

    def _accepted(self, row: Plain, work_id: int) -> None:
        row.work_id = work_id
        _decide(row, "accepted", self.decided_by, None, self.now)
        self.done.append(row)

    def _finish(self) -> None:
        for row in self.done:  # declarations after the works exist: each is the work's next version
            declared = ai_declaration(row.proposed)
            if declared is not None:
                declare(self.session, entity_ids.WORK.make(row.work_id or 0), declared)
        self.session.flush()
        _mark_accepted(self.session, self.done, self.decided_by, self.now)
        record_many(
            self.session,
            [
                Fact("submission", entity_ids.SUBMISSION.make(row.id), submission_body(row))
                for row in self.done
            ],
        )
        order = {row.id: n for n, row in enumerate(self.rows)}
        self.done.sort(key=lambda row: order[row.id])
        self.report.accepted = len(self.done)
        self.report.works = [entity_ids.WORK.make(row.work_id or 0) for row in self.done]


def _mark_accepted(session: Session, rows: list[Plain], decided_by: str, at: datetime) -> None:
    """The rows' decisions written at once: one UPDATE from two arrays on PostgreSQL (an
    executemany there is a round trip a row), an executemany on SQLite (in-process, no trips)."""
    if not rows:
        return
    ids, works = [r.id for r in rows], [r.work_id for r in rows]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "UPDATE submission SET status = 'accepted', decided_by = :by, decided_at = :at, "
                "work_id = v.work "
                "FROM unnest(CAST(:ids AS integer[]), CAST(:works AS integer[])) AS v(id, work) "
                "WHERE submission.id = v.id AND submission.status = 'pending'"
            ),
            {"by": decided_by[:100], "at": at, "ids": ids, "works": works},
        )
        return
    session.execute(
        update(_table)
        .where(_table.c.id == bindparam("row_id"), _table.c.status == "pending")
        .values(status="accepted", decided_by=decided_by[:100], decided_at=at, work_id=bindparam("work")),
        [{"row_id": i, "work": w} for i, w in zip(ids, works, strict=True)],
    )


def _input(row: Plain, work: Mapping[str, Any]) -> WorkInput:
    return registration(work, row.submitter, f"submission:{entity_ids.SUBMISSION.make(row.id)}")


def _decide(row: Plain, status: str, decided_by: str, reason: str | None, at: datetime | None = None) -> None:
    row.status, row.decided_by, row.reason = status, decided_by[:100], reason
    row.decided_at = at or datetime.now(UTC)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())[:REASON_LENGTH]


def _chunks(values: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
