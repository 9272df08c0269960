"""Licensing officers' licensees over HTTP: list and search them, read one (its sealed contact
persons opened for admins and licensing officers, not for auditors), add, edit and close one.
Each write is a thin call to registry.services.licensing, which records the `licensee` entry."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, status
from sqlalchemy.orm import Session

from payloads.licensees import ContactOut, LicenseeLicense, LicenseeOut
from payloads.paging import Page
from registry.api.deps import NO_NUL, Db, Pages, require
from registry.api.problems import not_found, problem_responses
from registry.api.schemas import ContactIn, LicenseeCloseIn, LicenseeEditIn, LicenseeIn
from registry.api.unit_of_work import unit_of_work
from registry.crypto import FieldCipher, field_cipher
from registry.models import LICENSEE_KINDS, Licensee
from registry.services.access.users import Principal
from registry.services.licensing.licensee_changes import close_licensee, edit_licensee
from registry.services.licensing.licensee_lookups import (
    LicenseeQuery,
    licensee_by_ref,
    licenses_of,
    search_licensees,
)
from registry.services.licensing.licensees import (
    ContactInput,
    LicenseeInput,
    add_licensee,
    contact_details,
    licensee_summary,
)
from registry.services.licensing.licenses import license_status
from registry.services.reporting import lookups

router = APIRouter(
    prefix="/v1/admin/licensees", tags=["licensing"], responses=problem_responses(401, 403, 422)
)
Officer = Annotated[Principal, Depends(require("admin", "licensing"))]
Reader = Annotated[Principal, Depends(require("admin", "licensing", "auditor"))]  # auditors read
Ref = Annotated[
    str, Path(max_length=24, pattern=r"^(LE-?)?[0-9]{1,15}$|^[0-9A-Za-z]{18}$", description="LE-12 or USCC")
]
SEES_CONTACTS = ("admin", "licensing")


@router.get("", response_model=Page[LicenseeOut])
def search(
    _: Reader,
    db: Db,
    pages: Pages,
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="name, USCC, LE-n or city")
    ] = None,
    kind: Annotated[Literal[LICENSEE_KINDS] | None, Query()] = None,  # type: ignore[valid-type]
    status: Annotated[Literal["open", "closed"] | None, Query()] = None,
) -> Page[LicenseeOut]:
    """Licensees, oldest first, without contact persons."""
    page = search_licensees(db, LicenseeQuery(q=q, kind=kind, status=status), pages.limit, pages.offset)
    versions = lookups.latest_stated(db, "licensee", (found.ref for found in page.items))
    items = [_out(found, versions[found.ref].version) for found in page.items]
    return Page(items=items, total=page.total, limit=pages.limit, offset=pages.offset)


@router.get("/{ref}", response_model=LicenseeOut, responses=problem_responses(404))
def detail(caller: Reader, db: Db, request: Request, ref: Ref) -> LicenseeOut:
    """A licensee with its licenses; its contact persons for admins and licensing officers."""
    found = _known(db, ref)
    cipher = _cipher(request) if caller.role in SEES_CONTACTS else None
    return _detail(db, found, cipher)


@router.post("", response_model=LicenseeOut, status_code=status.HTTP_201_CREATED)
@unit_of_work
def add(_: Officer, db: Db, request: Request, data: LicenseeIn) -> LicenseeOut:
    """Onboard a licensee (its first `licensee` entry); what its kind requires is checked."""
    cipher = _cipher(request)
    fields = data.model_dump(exclude={"contacts"})
    made = add_licensee(db, cipher, LicenseeInput(**fields, contacts=_contacts(data.contacts)))
    out = _detail(db, made, cipher)
    db.commit()
    return out


@router.post("/{ref}/edit", response_model=LicenseeOut, responses=problem_responses(404))
@unit_of_work
def edit(_: Officer, db: Db, request: Request, ref: Ref, data: LicenseeEditIn) -> LicenseeOut:
    """Change the fields sent (null clears one); the next `licensee` entry when a fact changed,
    none when nothing did. `contacts` replaces the contact persons (sealed, never in the ledger)."""
    found = _known(db, ref)
    cipher = _cipher(request)
    changes = data.model_dump(exclude_unset=True, exclude={"contacts"})
    if data.contacts is not None:
        changes["contacts"] = _contacts(data.contacts)
    edited, _recorded = edit_licensee(db, cipher, found.id, changes)
    out = _detail(db, edited, cipher)
    db.commit()
    return out


@router.post("/{ref}/close", response_model=LicenseeOut, responses=problem_responses(404))
@unit_of_work
def close(_: Officer, db: Db, request: Request, ref: Ref, data: LicenseeCloseIn) -> LicenseeOut:
    """The licensee stopped trading: refused while a license of it is in force (revoke it first)."""
    found = _known(db, ref)
    closed = close_licensee(db, found.id, data.reason, data.closed_on)
    out = _detail(db, closed, _cipher(request))
    db.commit()
    return out


def _known(db: Session, ref: str) -> Licensee:
    found = licensee_by_ref(db, ref)
    if found is None:
        raise not_found(f"no licensee {ref!r}")
    return found


def _cipher(request: Request) -> FieldCipher:
    return field_cipher(request.app.state.rl.settings.data_key_path)


def _contacts(items: list[ContactIn]) -> list[ContactInput]:
    return [ContactInput(**item.model_dump()) for item in items]


def _out(found: Licensee, version: int, cipher: FieldCipher | None = None) -> LicenseeOut:
    facts = licensee_summary(found)
    contacts = None
    if cipher is not None:
        contacts = [ContactOut(**contact_details(cipher, c)) for c in found.contacts]
    return LicenseeOut(**facts, version=version, contacts=contacts)


def _detail(db: Session, found: Licensee, cipher: FieldCipher | None) -> LicenseeOut:
    db.flush()
    version = lookups.latest_stated(db, "licensee", [found.ref])[found.ref].version
    out = _out(found, version, cipher)
    out.licenses = [
        LicenseeLicense(
            number=lic.number,
            status=license_status(lic),
            valid_from=lic.valid_from.isoformat(),
            valid_to=lic.valid_to.isoformat(),
        )
        for lic in licenses_of(db, found.id)
    ]
    return out
