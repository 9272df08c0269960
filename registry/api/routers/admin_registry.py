"""Admins: the registry's writes over HTTP. Uploads are size-limited (BodyLimit middleware)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile

from payloads.enforcement import EvidenceOut
from payloads.repertoire import CwrImportReport
from registry.api.deps import Db, require
from registry.api.problems import problem_responses
from registry.api.unit_of_work import unit_of_work
from registry.services.access.users import Principal
from registry.services.enforcement.evidence_uploads import record_uploaded_evidence, safe_filename
from registry.services.repertoire.cwr_import import import_cwr

UPLOADS = ("/v1/admin/imports/cwr", "/v1/admin/evidence")
router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=problem_responses(401, 403, 413, 422, 503))
Admin = Annotated[Principal, Depends(require("admin"))]


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
