"""The registry clerks' review queue of works sent from outside, over HTTP: a works template in
(each sound row a pending submission, each refused row reported by line and field), the queue
paged and searched, one submission with its standardisation suggestions, and the decisions:
accept, correct and accept, reject with a reason, accept many. Each decision records the
submission's next entry in the request's transaction. Clerks and admins decide; auditors read.
The blank template is public: anyone who sends us works may fetch it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Form, Path, Query, UploadFile
from fastapi.responses import Response

from payloads.paging import Page
from payloads.submissions import (
    AcceptIn,
    BulkAcceptIn,
    BulkAcceptOut,
    IntakeOut,
    RejectIn,
    SubmissionOut,
    WorkEditIn,
    WorkFormIn,
)
from registry import entity_ids
from registry.api.deps import Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.unit_of_work import unit_of_work
from registry.kinds.moments import aware_utc
from registry.models import Submission
from registry.services.access.users import Principal
from registry.services.enforcement.evidence_uploads import safe_filename
from registry.services.repertoire import submission_decisions, submissions, work_forms
from registry.services.repertoire.submission_suggestions import message, suggestions
from registry.works_template import TemplateError, blank_template_csv, blank_template_xlsx

TEMPLATE_UPLOAD = "/v1/admin/submissions/template"
BULK_ACCEPT = "/v1/admin/submissions/accept"
UPLOADS = (TEMPLATE_UPLOAD, BULK_ACCEPT)  # bodies past the JSON limit: a file; 10,000 ids (~150 kB)
MAX_TEMPLATE_BYTES = 64 << 20
SUBMISSION = r"^SUB-[0-9]{1,18}$"
WORK = r"^W-[0-9]{1,18}$"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
router = APIRouter(tags=["submissions"], responses=problem_responses(401, 403, 422))
Clerks = Annotated[Principal, Depends(require("admin", "clerk"))]
Readers = Annotated[Principal, Depends(require("admin", "clerk", "auditor"))]
T = TypeVar("T")


@router.get("/v1/works-template", responses={200: {"content": {"text/csv": {}, XLSX: {}}}})
def works_template(
    format: Annotated[Literal["csv", "xlsx"], Query(description="csv or Excel")] = "xlsx",
    language: Annotated[Literal["en", "zh"], Query(description="the headers' language")] = "en",
) -> Response:
    """The blank works template (docs/works-template.md) with one example row, for publishers and
    societies that do not send CWR."""
    if format == "csv":
        body, kind = blank_template_csv(language), "text/csv; charset=utf-8"
    else:
        body, kind = blank_template_xlsx(language), XLSX
    name = f"works-template-{language}.{format}"
    return Response(body, media_type=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post(TEMPLATE_UPLOAD, response_model=IntakeOut, responses=problem_responses(413))
@unit_of_work
def receive(
    caller: Clerks,
    db: Db,
    file: UploadFile,
    submitter: Annotated[
        str, Form(min_length=1, max_length=64, description="whose works: publisher or society")
    ],
) -> IntakeOut:
    """Queue a works template (CSV or Excel) sent by `submitter`: one pending submission per sound
    row; rows with a problem are reported (line, field, why) and not queued. The same file again
    adds nothing."""
    data = file.file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ApiProblem(413, f"a works template is at most {MAX_TEMPLATE_BYTES >> 20} MiB")
    try:
        name, by = safe_filename(file.filename), str(caller.username)
        report = submissions.receive_template(db, data, name=name, submitter=submitter, submitted_by=by)
    except TemplateError as exc:
        raise ApiProblem(
            422, str(exc), slug="works-template", title="The works template is not readable"
        ) from None
    out = IntakeOut(**report.to_dict())
    db.commit()
    return out


@router.get("/v1/admin/submissions", response_model=Page[SubmissionOut])
def queue(
    _: Readers,
    db: Db,
    pages: Pages,
    status: Annotated[
        Literal["pending", "accepted", "rejected", "all"], Query(description="pending: the queue")
    ] = "pending",
    q: Annotated[
        str | None, Query(max_length=100, description="title, submitter, their number or SUB-n")
    ] = None,
) -> Page[SubmissionOut]:
    """Submissions, oldest first, each with the suggestions worked out when it arrived."""
    page = submissions.submissions_page(db, None if status == "all" else status, q, pages.limit, pages.offset)
    return Page(
        items=[_out(row) for row in page.items], total=page.total, limit=pages.limit, offset=pages.offset
    )


@router.get(
    "/v1/admin/submissions/{submission}", response_model=SubmissionOut, responses=problem_responses(404)
)
def one(_: Readers, db: Db, submission: Annotated[str, Path(pattern=SUBMISSION)]) -> SubmissionOut:
    """One submission; while pending, its suggestions worked out afresh (the registry moves on)."""
    row = _known(lambda: submissions.submission(db, submission))
    fresh = suggestions(db, [row.proposed], row.submitter)[0] if row.status == "pending" else None
    return _out(row, fresh)


@router.post(
    "/v1/admin/submissions/{submission}/accept",
    response_model=SubmissionOut,
    responses=problem_responses(404, 409),
)
@unit_of_work
def accept(
    caller: Clerks, db: Db, submission: Annotated[str, Path(pattern=SUBMISSION)], decision: AcceptIn
) -> SubmissionOut:
    """Register the work as sent, or as corrected (`corrected`: the whole work), in the
    submitter's name; the submission's next entry names the work."""
    corrected = decision.corrected.model_dump() if decision.corrected is not None else None
    row = _decided(
        lambda: submission_decisions.accept(
            db, submission, decided_by=str(caller.username), corrected=corrected, note=decision.note
        )
    )
    out = _out(row)
    db.commit()
    return out


@router.post(
    "/v1/admin/submissions/{submission}/reject",
    response_model=SubmissionOut,
    responses=problem_responses(404, 409),
)
@unit_of_work
def reject(
    caller: Clerks, db: Db, submission: Annotated[str, Path(pattern=SUBMISSION)], decision: RejectIn
) -> SubmissionOut:
    """Refuse the submission with the reason the submitter is told; nothing is registered."""
    row = _decided(
        lambda: submission_decisions.reject(
            db, submission, reason=decision.reason, decided_by=str(caller.username)
        )
    )
    out = _out(row)
    db.commit()
    return out


@router.post(BULK_ACCEPT, response_model=BulkAcceptOut)
@unit_of_work
def accept_many(caller: Clerks, db: Db, decision: BulkAcceptIn) -> BulkAcceptOut:
    """Accept up to 10,000 pending submissions as sent, in one transaction; those already decided,
    unknown or refused by the registry are listed with why and stay as they were."""
    report = submission_decisions.accept_many(db, decision.ids, decided_by=str(caller.username))
    out = BulkAcceptOut(
        asked=report.asked,
        accepted=report.accepted,
        works=report.works,
        refused=report.refused,  # type: ignore[arg-type]
    )
    db.commit()
    return out


@router.post("/v1/admin/works", response_model=SubmissionOut, status_code=201)
@unit_of_work
def register_work(caller: Clerks, db: Db, form: WorkFormIn) -> SubmissionOut:
    """Register a work entered by form (the society's own unless `submitter` says whose): kept as
    a submission the clerk accepted at once, so the ledger says who entered what."""
    row = work_forms.register_by_form(
        db, form.work.model_dump(), entered_by=str(caller.username), submitter=form.submitter
    )
    out = _out(row)
    db.commit()
    return out


@router.post("/v1/admin/works/{work}/edit", response_model=SubmissionOut, responses=problem_responses(404))
@unit_of_work
def edit_work(
    caller: Clerks, db: Db, work: Annotated[str, Path(pattern=WORK)], form: WorkEditIn
) -> SubmissionOut:
    """Edit a work: its title, language, duration and its first submitter's claims become the
    form's (the work's next version); an ISWC is added if it had none, another one refused."""
    try:
        row = work_forms.edit_by_form(db, work, form.model_dump(), entered_by=str(caller.username))
    except work_forms.UnknownWork as exc:
        raise not_found(str(exc)) from None
    out = _out(row)
    db.commit()
    return out


def _out(row: Submission, fresh: list[dict[str, Any]] | None = None) -> SubmissionOut:
    found = row.suggestions if fresh is None else fresh
    return SubmissionOut(
        id=entity_ids.SUBMISSION.make(row.id),
        status=row.status,
        channel=row.channel,
        file_name=row.file_name,
        file_sha256=row.file_sha256,
        line=row.line,
        submitter=row.submitter,
        submitter_work_id=row.submitter_work_id,
        title=row.title,
        submitted_by=row.submitted_by,
        submitted_at=aware_utc(row.submitted_at),
        proposed=row.proposed,  # type: ignore[arg-type]
        accepted=row.accepted,  # type: ignore[arg-type]
        suggestions=[{**s, "message": message(s)} for s in found],  # type: ignore[misc]
        work=None if row.work_id is None else entity_ids.WORK.make(row.work_id),
        reason=row.reason,
        decided_by=row.decided_by,
        decided_at=None if row.decided_at is None else aware_utc(row.decided_at),
    )


def _known(lookup: Callable[[], T]) -> T:
    try:
        return lookup()
    except submissions.UnknownSubmission as exc:
        raise not_found(str(exc)) from None


def _decided(decide: Callable[[], T]) -> T:
    try:
        return _known(decide)
    except submission_decisions.AlreadyDecided as exc:
        raise ApiProblem(409, str(exc), slug="already-decided") from None
