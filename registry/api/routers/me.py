"""The caller's own data: /v1/me (a member's profile, contact details decrypted for them alone),
their works and recordings, each with the member's own shares."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from payloads.paging import Page
from payloads.repertoire import HeldShare, MyRecording, MyWork
from payloads.users import Me
from registry.api import views
from registry.api.deps import NO_NUL, Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.crypto import field_cipher
from registry.models import USER_ROLES
from registry.services.access.users import Principal
from registry.services.members.membership import member_contact
from registry.services.repertoire.holdings import Held, member_recordings, member_works
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1/me", tags=["me"], responses=problem_responses(401, 403))
Member = Annotated[Principal, Depends(require("member"))]
Anyone = Annotated[Principal, Depends(require(*USER_ROLES))]  # every signed-in account


@router.get("", response_model=Me)
def me(caller: Anyone, db: Db, request: Request) -> Me:
    profile = None
    if caller.party_id is not None:
        party = lookups.member(db, caller.party_id)
        if party is None:
            raise not_found("your member record is gone; ask the society")
        cipher = field_cipher(request.app.state.rl.settings.data_key_path)
        profile = views.member_profile(party, member_contact(cipher, party))
    return Me(subject=caller.username, role=caller.role, member=profile, licensee_id=caller.licensee_id)


Search = Annotated[str | None, Query(max_length=200, pattern=NO_NUL, description="a title (or artist)")]


def _party(caller: Principal) -> int:
    if caller.party_id is None:
        raise ApiProblem(403, "your account names no member: ask the society")
    return caller.party_id


def _shares(held: list[Held]) -> list[HeldShare]:
    return [
        HeldShare(role=h.role, right_type=h.right_type, share=h.share, controlled=h.controlled) for h in held
    ]


@router.get("/works", response_model=Page[MyWork], responses=problem_responses(422))
def my_works(caller: Member, db: Db, pages: Pages, q: Search = None) -> Page[MyWork]:
    """Works in which the member holds a share, with the member's shares."""
    page = member_works(db, _party(caller), pages.limit, pages.offset, q)
    return Page(
        items=[
            MyWork(**views.work_summary(h.thing).model_dump(), shares=_shares(h.shares)) for h in page.items
        ],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/recordings", response_model=Page[MyRecording], responses=problem_responses(422))
def my_recordings(caller: Member, db: Db, pages: Pages, q: Search = None) -> Page[MyRecording]:
    """Recordings in which the member holds a share, with the member's shares."""
    page = member_recordings(db, _party(caller), pages.limit, pages.offset, q)
    return Page(
        items=[
            MyRecording(**views.recording_summary(h.thing).model_dump(), shares=_shares(h.shares))
            for h in page.items
        ],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )
