"""Works: search, detail and ledger history (each version with its anchoring)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from payloads.log import VersionOut
from payloads.paging import Page
from payloads.repertoire import WorkDetail, WorkSummary
from registry.api import views
from registry.api.deps import NO_NUL, Db, Pages, rate_limited
from registry.api.problems import not_found, problem_responses
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1/works", tags=["works"], dependencies=[Depends(rate_limited)])
Text = Annotated[str | None, Query(min_length=1, max_length=200, pattern=NO_NUL)]
WorkId = Annotated[str, Path(max_length=40, pattern=NO_NUL, description="W-12 (or 12)")]


def member_number(member: str | None) -> int | None:
    if member is None:
        return None
    number = lookups.ledger_number(member, "M")
    return -1 if number is None else number  # names nobody: an empty result, not an error


@router.get("", response_model=Page[WorkSummary], responses=problem_responses(422, 429))
def search(
    db: Db,
    pages: Pages,
    q: Text = None,
    iswc: Text = None,
    isrc: Text = None,
    title: Text = None,
    member: Annotated[
        str | None, Query(max_length=40, pattern=NO_NUL, description="M-12: works it holds shares in")
    ] = None,
) -> Page[WorkSummary]:
    """Works by any title (q, contains), title (starts with), ISWC, ISRC of a recording, or member."""
    query = lookups.WorkQuery(q=q, title=title, iswc=iswc, isrc=isrc, member=member_number(member))
    page = lookups.search_works(db, query, pages.limit, pages.offset)
    return Page(
        items=[views.work_summary(w) for w in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/{work_id}", response_model=WorkDetail, responses=problem_responses(404, 422, 429))
def detail(work_id: WorkId, db: Db) -> WorkDetail:
    work = lookups.work(db, work_id)
    if work is None:
        raise not_found(f"no work {work_id!r}")
    return views.work_detail(
        work, [r.ledger_id for r in work.recordings], lookups.latest_version(db, "work", work.ledger_id)
    )


@router.get("/{work_id}/history", response_model=Page[VersionOut], responses=problem_responses(404, 422, 429))
def history(work_id: WorkId, db: Db, pages: Pages) -> Page[VersionOut]:
    """Every recorded version, oldest first, with its leaf and whether a checkpoint on chain covers it."""
    work = lookups.work(db, work_id)
    if work is None:
        raise not_found(f"no work {work_id!r}")
    page = lookups.versions(db, "work", work.ledger_id, pages.limit, pages.offset)
    return Page(
        items=[views.version(v) for v in page.items], total=page.total, limit=pages.limit, offset=pages.offset
    )
