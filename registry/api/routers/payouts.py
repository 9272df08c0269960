"""Members' payouts: their statements per period (each a private `distribution_line` entry they
can prove), the unidentified usage they may claim, and their claims. Another member's statement
does not exist for them: a period they were not paid in answers 404 like an unknown one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status

from payloads.distribution import StatementDetail, StatementSummary
from payloads.paging import Page
from payloads.usage import ClaimOut, UnidentifiedOut
from registry.api.deps import NO_NUL, PERIOD, Db, Pages, require
from registry.api.problems import ApiProblem, not_found, problem_responses
from registry.api.schemas import ClaimIn
from registry.api.unit_of_work import unit_of_work
from registry.services.access.users import Principal
from registry.services.distribution import lookups as distribution_lookups
from registry.services.reporting import lookups
from registry.services.usage.claims import claim_dict, claims_page, submit_claim, unidentified_page

router = APIRouter(prefix="/v1", tags=["payouts"], responses=problem_responses(401, 403))
Member = Annotated[Principal, Depends(require("member"))]
Reader = Annotated[Principal, Depends(require("member", "auditor", "admin"))]
SOURCE = r"^[a-z0-9][a-z0-9_-]{0,29}$"


def _party(caller: Principal) -> int:
    if caller.party_id is None:
        raise ApiProblem(403, "your account names no member: ask the society")
    return caller.party_id


@router.get("/me/statements", response_model=Page[StatementSummary], responses=problem_responses(422))
def my_statements(
    caller: Member,
    db: Db,
    pages: Pages,
    period: Annotated[str | None, Query(pattern=PERIOD, description="YYYY-MM")] = None,
) -> Page[StatementSummary]:
    """The member's statements (one per distribution run), newest period first, without lines."""
    page = distribution_lookups.statement_index(db, _party(caller), pages.limit, pages.offset, period)
    return Page(
        items=[StatementSummary(**s) for s in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get(
    "/me/statements/{period}/{source}",
    response_model=Page[StatementDetail],
    responses=problem_responses(404, 422),
)
def my_statement(
    caller: Member,
    db: Db,
    period: Annotated[str, Path(pattern=PERIOD)],
    source: Annotated[str, Path(pattern=SOURCE)],
) -> Page[StatementDetail]:
    """The member's statement of a period and source with its lines per recording and work: the
    distribution's, then any adjustments'."""
    found = distribution_lookups.member_statements(db, _party(caller), period, source)
    if not found:
        raise not_found(f"no statement of yours for {period} {source}")
    return Page(items=[StatementDetail(**s) for s in found], total=len(found), limit=len(found), offset=0)


@router.get("/unidentified", response_model=Page[UnidentifiedOut], responses=problem_responses(422))
def unidentified(
    caller: Reader,
    db: Db,
    pages: Pages,
    period: Annotated[str | None, Query(pattern=PERIOD)] = None,
    source: Annotated[str | None, Query(pattern=SOURCE)] = None,
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="in the title, artist or ISRC")
    ] = None,
) -> Page[UnidentifiedOut]:
    """Usage nobody's repertoire matched, heaviest first: members see what they may still claim;
    auditors and admins see every group with its status."""
    page = unidentified_page(
        db,
        period=period,
        source=source,
        open_only=caller.role == "member",
        text=q,
        limit=pages.limit,
        offset=pages.offset,
    )
    return Page(
        items=[UnidentifiedOut(**g.to_dict()) for g in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/me/claims", response_model=Page[ClaimOut], responses=problem_responses(422))
def my_claims(caller: Member, db: Db, pages: Pages) -> Page[ClaimOut]:
    page = claims_page(db, party_id=_party(caller), limit=pages.limit, offset=pages.offset)
    return Page(
        items=[ClaimOut(**claim_dict(c)) for c in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.post(
    "/me/claims",
    response_model=ClaimOut,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(404, 422, 503),
)
@unit_of_work
def claim(caller: Member, db: Db, data: ClaimIn) -> ClaimOut:
    """Claim unidentified usage as the member's recording (R-12) or work (W-12)."""
    recording = lookups.recording(db, data.recording) if data.recording else None
    work = lookups.work(db, data.work) if data.work else None
    if data.recording and recording is None:
        raise not_found(f"no recording {data.recording!r}")
    if data.work and work is None:
        raise not_found(f"no work {data.work!r}")
    made = submit_claim(
        db,
        data.unidentified_id,
        _party(caller),
        recording_id=recording.id if recording else None,
        work_id=work.id if work else None,
        note=data.note,
    )
    out = ClaimOut(**claim_dict(made))
    db.commit()
    return out
