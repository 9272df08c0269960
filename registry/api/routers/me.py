"""The caller's own data: /v1/me (a member's profile, contact details decrypted for them alone),
their works and recordings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from payloads.paging import Page
from payloads.repertoire import RecordingSummary, WorkSummary
from payloads.users import Me
from registry.api import views
from registry.api.deps import Db, Pages, require
from registry.api.problems import not_found, problem_responses
from registry.crypto import field_cipher
from registry.services.access.users import Principal
from registry.services.members.membership import member_contact
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1/me", tags=["me"], responses=problem_responses(401, 403))
Member = Annotated[Principal, Depends(require("member"))]
Anyone = Annotated[Principal, Depends(require("member", "licensee", "auditor", "admin"))]


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


@router.get("/works", response_model=Page[WorkSummary], responses=problem_responses(422))
def my_works(caller: Member, db: Db, pages: Pages) -> Page[WorkSummary]:
    """Works in which the member holds a share."""
    page = lookups.search_works(db, lookups.WorkQuery(member=caller.party_id), pages.limit, pages.offset)
    return Page(
        items=[views.work_summary(w) for w in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/recordings", response_model=Page[RecordingSummary], responses=problem_responses(422))
def my_recordings(caller: Member, db: Db, pages: Pages) -> Page[RecordingSummary]:
    """Recordings in which the member holds a share."""
    page = lookups.search_recordings(
        db, lookups.RecordingQuery(member=caller.party_id), pages.limit, pages.offset
    )
    return Page(
        items=[views.recording_summary(r) for r in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )
