"""Works sent from outside wait for a registry clerk: a publisher's or a society's works template
(CSV or Excel, registry.works_template) becomes one pending submission per row, each with its
standardisation suggestions and its `submission` entry, in one transaction. Rows the template
refuses are reported with their line and field and queued nowhere. The same file sent again
adds nothing (a submission is unique by file and line) and says so.

The queue is read a page at a time (pending first by default, oldest first), searched by title,
submitter, the submitter's number or SUB-n. Decisions are registry.services.repertoire.
submission_decisions'.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, or_, select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.bulk import insert_rows
from registry.errors import RegistryError
from registry.kinds.submission import submission_body
from registry.ledger_writer import Fact, record_many
from registry.models import Submission
from registry.normalise import normalise_title
from registry.paging import Page, escape_like
from registry.services.repertoire.new_works import reserve_ids
from registry.services.repertoire.submission_suggestions import suggestions
from registry.services.repertoire.submitted_work import SubmissionError, checked, from_template
from registry.works_template import parse_works_template

_table = cast(Table, Submission.__table__)
_COLUMNS = (
    "id",
    "channel",
    "file_sha256",
    "file_name",
    "line",
    "submitter",
    "submitter_work_id",
    "title",
    "title_key",
    "proposed",
    "suggestions",
    "status",
    "submitted_by",
)


class UnknownSubmission(RegistryError):
    """No submission has that id."""


@dataclass
class IntakeReport:
    file: str
    sha256: str
    format: str
    rows: int = 0  # data rows in the file
    received: int = 0  # queued now
    refused: int = 0  # rows with a problem: not queued
    already: int = 0  # rows of this file queued before
    first: str | None = None  # SUB-n of the first and last queued now
    last: str | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)  # line, field, message

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def receive_template(
    session: Session, data: bytes, *, name: str, submitter: str, submitted_by: str
) -> IntakeReport:
    """Queue every sound row of a works template in `submitter`'s name (the caller's transaction).
    Raises TemplateError (nothing written) for a file that is not a template at all."""
    submitter = " ".join(submitter.split())
    if not submitter:
        raise SubmissionError("say whose works these are (the submitter)", field="submitter")
    parsed = parse_works_template(data, name=name)
    report = IntakeReport(name, parsed.sha256, parsed.format, rows=len(parsed.rows))
    seen = set(session.scalars(select(Submission.line).where(Submission.file_sha256 == parsed.sha256)))
    works: list[tuple[int, dict[str, Any]]] = []
    for row in parsed.rows:
        report.problems += [{"line": p.line, "field": p.field, "message": p.message} for p in row.problems]
        if row.work is None:
            report.refused += 1
        elif row.line in seen:
            report.already += 1
        else:
            try:
                works.append((row.line, checked(from_template(row.work))))
            except SubmissionError as exc:
                report.refused += 1
                report.problems.append({"line": row.line, "field": exc.field, "message": str(exc)})
    if report.already and not works:
        report.problems.insert(
            0, {"line": 0, "field": "", "message": f"{name}: this file was sent before; nothing new"}
        )
    if works:
        _queue(session, parsed.sha256, name, submitter, submitted_by, works, report)
    return report


def _queue(
    session: Session,
    sha256: str,
    name: str,
    submitter: str,
    submitted_by: str,
    works: list[tuple[int, dict[str, Any]]],
    report: IntakeReport,
) -> None:
    advice = suggestions(session, [work for _, work in works], submitter)
    ids = reserve_ids(session, _table, len(works))
    rows, facts = [], []
    for submission_id, (line, work), found in zip(ids, works, advice, strict=True):
        row = Submission(
            id=submission_id,
            channel="template",
            file_sha256=sha256,
            file_name=name[:255],
            line=line,
            submitter=submitter[:64],
            submitter_work_id=str(work["submitter_work_id"])[:60],
            title=str(work["title"])[:300],
            title_key=normalise_title(str(work["title"]))[:300],
            proposed=work,
            suggestions=found,
            status="pending",
            submitted_by=submitted_by[:100],
        )
        values = [getattr(row, column) for column in _COLUMNS]
        values[_COLUMNS.index("proposed")] = json.dumps(work, ensure_ascii=False)
        values[_COLUMNS.index("suggestions")] = json.dumps(found, ensure_ascii=False)
        rows.append(tuple(values))
        facts.append(Fact("submission", entity_ids.SUBMISSION.make(submission_id), submission_body(row)))
    insert_rows(session, _table, _COLUMNS, rows)
    record_many(session, facts)
    report.received = len(rows)
    report.first, report.last = entity_ids.SUBMISSION.make(ids[0]), entity_ids.SUBMISSION.make(ids[-1])


def submissions_page(
    session: Session, status: str | None, search: str | None, limit: int, offset: int
) -> Page[Submission]:
    """A page of the queue, oldest first; `search` matches title, submitter, their number or SUB-n."""
    query = select(Submission)
    count = select(func.count()).select_from(Submission)
    conditions = []
    if status is not None:
        conditions.append(Submission.status == status)
    if search and search.strip():
        text = search.strip()
        wanted = entity_ids.SUBMISSION.parse(text.upper())
        like = f"%{escape_like(normalise_title(text))}%"
        conditions.append(
            or_(
                Submission.id == wanted,
                Submission.title_key.like(like, escape="\\"),
                Submission.submitter == text,
                Submission.submitter_work_id == text,
            )
        )
    if conditions:
        query, count = query.where(*conditions), count.where(*conditions)
    total = session.scalar(count) or 0
    rows = list(session.scalars(query.order_by(Submission.id).limit(limit).offset(offset)))
    return Page(rows, total)


def pending_of_file(session: Session, file: str, most: int) -> list[str]:
    """The pending submissions (SUB-n, oldest first, at most `most`) that came in the file named
    `file` (its name or its SHA-256)."""
    found = session.scalars(
        select(Submission.id)
        .where(Submission.status == "pending")
        .where(or_(Submission.file_name == file, Submission.file_sha256 == file))
        .order_by(Submission.id)
        .limit(most)
    )
    return [entity_ids.SUBMISSION.make(n) for n in found]


def submission(session: Session, submission_id: str) -> Submission:
    found = session.get(Submission, entity_ids.SUBMISSION.parse(submission_id))
    if found is None:
        raise UnknownSubmission(f"no submission {submission_id}")
    return found
