"""Admins: the registry's writes over HTTP. Uploads are size-limited (BodyLimit middleware)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Path, Query, Request, Response, UploadFile

from payloads.enforcement import EvidenceOut
from payloads.paging import Page
from payloads.repertoire import AiDeclarationIn, AiDeclared, CwrFileOut, CwrImportReport
from registry.api import views
from registry.api.deps import Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.unit_of_work import unit_of_work
from registry.kinds.moments import aware_utc
from registry.services.access.users import Principal
from registry.services.enforcement.evidence_uploads import record_uploaded_evidence, safe_filename
from registry.services.members.roster import find_member
from registry.services.parties.parties import MemberError
from registry.services.repertoire.ai_declarations import AiDeclaration, UnknownSubject, declare
from registry.services.repertoire.cwr_acknowledgements import (
    NotAcknowledgeable,
    Society,
    UnknownCwrFile,
    acknowledgement,
    can_acknowledge,
    received_files,
)
from registry.services.repertoire.cwr_export import export_works
from registry.services.repertoire.cwr_import import import_cwr

UPLOADS = ("/v1/admin/imports/cwr", "/v1/admin/evidence")
router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=problem_responses(401, 403, 413, 422, 503))
# The registry's work: a registry clerk's, or an admin's.
Admin = Annotated[Principal, Depends(require("admin", "clerk"))]


@router.post("/imports/cwr", response_model=CwrImportReport)
@unit_of_work
def import_cwr_file(
    _: Admin,
    db: Db,
    file: UploadFile,
    lenient_counts: Annotated[bool, Query(description="import even if GRT/TRL counts disagree")] = False,
) -> CwrImportReport:
    """Register works from a CWR 2.1/2.2 file: each transaction accepted or rejected on its own; a
    broken file refused whole (422 naming file, line and problem); the same file again changes nothing."""
    data = file.file.read()
    report = import_cwr(db, data, name=safe_filename(file.filename), lenient_counts=lenient_counts)
    db.commit()  # an error before this rolls everything back when the session closes
    return CwrImportReport(**report.to_dict())


@router.get("/imports/cwr", response_model=Page[CwrFileOut], responses=problem_responses(422))
def cwr_files(_: Admin, db: Db, pages: Pages) -> Page[CwrFileOut]:
    """The CWR files received, the latest first."""
    page = received_files(db, pages.limit, pages.offset)
    items = [
        CwrFileOut(
            sha256=row.sha256,
            name=row.name,
            sender=row.sender,
            file_type=row.file_type,
            version=row.version,
            received_at=aware_utc(row.imported_at),
            transactions=row.transactions,
            accepted=row.accepted,
            rejected=row.rejected,
            acknowledgeable=can_acknowledge(row),
        )
        for row in page.items
    ]
    return Page(items=items, total=page.total, limit=pages.limit, offset=pages.offset)


@router.get(
    "/imports/cwr/{sha256}/acknowledgement",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {}}, "description": "the CWR ACK file"},
        **problem_responses(404, 409),
    },
)
def cwr_acknowledgement(
    _: Admin,
    db: Db,
    request: Request,
    sha256: Annotated[
        str, Path(pattern=r"^[0-9a-fA-F]{8,64}$", description="the file's SHA-256, or its start")
    ],
) -> Response:
    """The CWR acknowledgement of a registration file received (ACK file): each transaction's
    status, the society's work number and messages, as societies send them back to publishers."""
    settings = request.app.state.rl.settings
    try:
        answer = acknowledgement(
            db, sha256, Society(settings.society_code, settings.society_name), datetime.now(UTC)
        )
    except UnknownCwrFile as exc:
        raise not_found(str(exc)) from None
    except NotAcknowledgeable as exc:
        raise ApiProblem(409, str(exc)) from None
    return Response(
        answer.data,
        media_type="text/plain; charset=utf-8",
        headers={"Content-Disposition": _attachment(answer.name)},
    )


@router.get(
    "/exports/cwr",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {}}, "description": "the society's works as a CWR file"},
        **problem_responses(404),
    },
)
def cwr_export(
    _: Admin,
    db: Db,
    request: Request,
    member: Annotated[
        str | None, Query(pattern=r"^[Mm]-[0-9]{1,18}$", description="only this member's works (M-n)")
    ] = None,
    version: Annotated[Literal["2.1", "2.2"], Query(description="CWR version")] = "2.2",
) -> Response:
    """The society's works as a CWR registration file (an NWR per work with the shares that count,
    our members the controlled parties), for a publisher or a sister society."""
    settings = request.app.state.rl.settings
    try:
        holder = find_member(db, member) if member else None
    except MemberError:
        raise not_found(f"no member {member}") from None
    made = export_works(
        db,
        Society(settings.society_code, settings.society_name),
        datetime.now(UTC),
        member=holder,
        version=version,
    )
    return Response(
        made.data,
        media_type="text/plain; charset=utf-8",
        headers={"Content-Disposition": _attachment(made.name)},
    )


@router.post("/works/{work}/ai-declaration", response_model=AiDeclared, responses=problem_responses(404))
@unit_of_work
def work_ai_declaration(
    _: Admin, db: Db, work: Annotated[str, Path(pattern=r"^[Ww]-[0-9]{1,18}$")], data: AiDeclarationIn
) -> AiDeclared:
    """Record whether and how AI was involved in a work (none, assisted, generated; the tool; the
    human authors' share): its next public `work` entry states it."""
    return _declared(db, work, data)


@router.post(
    "/recordings/{recording}/ai-declaration", response_model=AiDeclared, responses=problem_responses(404)
)
@unit_of_work
def recording_ai_declaration(
    _: Admin, db: Db, recording: Annotated[str, Path(pattern=r"^[Rr]-[0-9]{1,18}$")], data: AiDeclarationIn
) -> AiDeclared:
    """The same for a recording: its next public `recording` entry states it."""
    return _declared(db, recording, data)


def _declared(db: Any, subject: str, data: AiDeclarationIn) -> AiDeclared:
    try:
        row, entry = declare(db, subject, AiDeclaration(**data.model_dump()))
    except UnknownSubject as exc:
        raise not_found(str(exc)) from None
    ai = views.ai_out(row)
    assert ai is not None  # just declared
    recorded = entry is not None
    out = AiDeclared(
        subject=row.ledger_id, ai=ai, version=entry.version if entry else None, recorded=recorded
    )
    db.commit()
    return out


@router.post("/evidence", response_model=EvidenceOut)
@unit_of_work
def add_evidence(
    _: Admin,
    db: Db,
    request: Request,
    file: UploadFile,
    case: Annotated[str | None, Form(max_length=100)] = None,
    note: Annotated[str | None, Form(max_length=500)] = None,
) -> EvidenceOut:
    """Fix a document's existence: its SHA-256, size and name become an evidence entry."""
    documents = request.app.state.rl.settings.documents_dir
    entry = record_uploaded_evidence(db, file.file, file.filename, documents, case=case, note=note)
    db.commit()
    body = entry.body
    return EvidenceOut(
        id=entry.id,
        version=entry.version,
        sha256=body["sha256"],
        size=body["size"],
        name=body["name"],
        case=body.get("case"),
        note=body.get("note"),
        leaf_hash=entry.leaf_hash().hex(),
    )


def _attachment(name: str) -> str:
    """A download's file name in a header: ASCII for every client, UTF-8 (RFC 6266) beside it."""
    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
