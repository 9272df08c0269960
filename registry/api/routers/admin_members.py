"""The members' roster over HTTP: list and search, read one, register, and change a membership
(edit, suspend, end, mandates). Each change records the member's next `member` entry in the
request's transaction; contact and bank details stay sealed, opened only for admin and clerk."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, status

from payloads.members import MemberChangeIn, MemberIn, MemberOut
from payloads.paging import Page
from registry.api.deps import Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.unit_of_work import unit_of_work
from registry.crypto import FieldCipher, field_cipher
from registry.services.access.users import Principal
from registry.services.members import roster
from registry.services.members.membership import (
    MandateInput,
    MemberInput,
    MemberUpdate,
    register_member,
    update_member,
)
from registry.services.parties.parties import MemberError

router = APIRouter(prefix="/v1/admin/members", tags=["members"], responses=problem_responses(401, 403, 422))
Clerks = Annotated[Principal, Depends(require("admin", "clerk"))]  # membership is the registry's work
Readers = Annotated[Principal, Depends(require("admin", "clerk", "auditor"))]
MemberId = Annotated[str, Path(pattern=r"^[Mm]-[0-9]{1,18}$", description="M-n")]


@router.get("", response_model=Page[MemberOut])
def members(
    _: Readers,
    db: Db,
    pages: Pages,
    q: Annotated[str | None, Query(max_length=100, description="name, IPI name number or M-n")] = None,
    member_status: Annotated[
        Literal["applicant", "member", "suspended", "terminated"] | None, Query(alias="status")
    ] = None,
) -> Page[MemberOut]:
    """Members by number, searched by name (any order of its words), IPI name number or M-n."""
    page = roster.members_page(db, q=q, status=member_status, limit=pages.limit, offset=pages.offset)
    return Page(
        items=[MemberOut(**m) for m in page.items], total=page.total, limit=pages.limit, offset=pages.offset
    )


@router.get("/{member}", response_model=MemberOut, responses=problem_responses(404))
def member(caller: Readers, db: Db, request: Request, member: MemberId) -> MemberOut:
    """One member; its contact and bank details opened for admin and clerk, not for auditors."""
    found = _found(db, member)
    return MemberOut(**roster.member_summary(found, _cipher(request) if caller.role in OPENS else None))


@router.post("", response_model=MemberOut, status_code=status.HTTP_201_CREATED)
@unit_of_work
def register(_: Clerks, db: Db, request: Request, data: MemberIn) -> MemberOut:
    """Register a member (or applicant); an external party with the same IPI name number becomes
    the member and keeps its works. Records the member's first `member` entry."""
    cipher = _cipher(request)
    fields = data.model_dump(exclude={"mandates", "contact", "bank"})
    made = register_member(
        db,
        cipher,
        MemberInput(
            **fields,
            mandates=_mandates(data.mandates),
            contact=_sealed(data.contact),
            bank=_sealed(data.bank),
        ),
    )
    out = MemberOut(**roster.member_summary(made, cipher))
    db.commit()
    return out


@router.post("/{member}", response_model=MemberOut, responses=problem_responses(404))
@unit_of_work
def change(_: Clerks, db: Db, request: Request, member: MemberId, data: MemberChangeIn) -> MemberOut:
    """Change a membership: edit facts, suspend ("suspended"), end ("terminated" with left_on),
    replace roles or mandates. A new `member` entry when the facts changed; none otherwise."""
    found = _found(db, member)
    if data.status == "terminated" and data.left_on is None and found.left_on is None:
        raise ApiProblem(422, "left_on: ending a membership needs the day it ends")
    cipher = _cipher(request)
    given = data.model_dump(exclude_unset=True, exclude={"mandates", "contact", "bank"})
    changed = update_member(
        db,
        cipher,
        found.id,
        MemberUpdate(
            **given,
            mandates=None if data.mandates is None else _mandates(data.mandates),
            contact=_sealed(data.contact),
            bank=_sealed(data.bank),
        ),
    )
    out = MemberOut(**roster.member_summary(changed, cipher))
    db.commit()
    return out


OPENS = ("admin", "clerk")


def _found(db: Any, member: str) -> Any:
    try:
        return roster.find_member(db, member)
    except MemberError:
        raise not_found(f"no member {member.upper()}") from None


def _cipher(request: Request) -> FieldCipher:
    return field_cipher(request.app.state.rl.settings.data_key_path)


def _mandates(items: list[Any]) -> list[MandateInput]:
    return [MandateInput(**m.model_dump()) for m in items]


def _sealed(details: Any) -> dict[str, Any] | None:
    """Details to seal, without the fields left empty; None when none were given."""
    return None if details is None else {k: v for k, v in details.model_dump().items() if v not in (None, "")}
