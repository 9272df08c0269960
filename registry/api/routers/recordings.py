"""Sound recordings: search, detail and ledger history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from payloads.log import VersionOut
from payloads.paging import Page
from payloads.repertoire import RecordingDetail, RecordingSummary
from registry.api import views
from registry.api.deps import NO_NUL, Db, Pages, rate_limited
from registry.api.problems import not_found, problem_responses
from registry.api.routers.works import Text, member_number
from registry.services.reporting import lookups

router = APIRouter(prefix="/v1/recordings", tags=["recordings"], dependencies=[Depends(rate_limited)])
RecordingId = Annotated[str, Path(max_length=40, pattern=NO_NUL, description="R-12 (or 12)")]


@router.get("", response_model=Page[RecordingSummary], responses=problem_responses(422, 429))
def search(
    db: Db,
    pages: Pages,
    q: Text = None,
    isrc: Text = None,
    iswc: Text = None,
    title: Text = None,
    artist: Text = None,
    member: Annotated[str | None, Query(max_length=40, pattern=NO_NUL)] = None,
) -> Page[RecordingSummary]:
    """Recordings by title or artist (q), title (starts with), artist, ISRC, ISWC of a work, or member."""
    query = lookups.RecordingQuery(
        q=q, title=title, artist=artist, isrc=isrc, iswc=iswc, member=member_number(member)
    )
    page = lookups.search_recordings(db, query, pages.limit, pages.offset)
    return Page(
        items=[views.recording_summary(r) for r in page.items],
        total=page.total,
        limit=pages.limit,
        offset=pages.offset,
    )


@router.get("/{recording_id}", response_model=RecordingDetail, responses=problem_responses(404, 422, 429))
def detail(recording_id: RecordingId, db: Db) -> RecordingDetail:
    recording = lookups.recording(db, recording_id)
    if recording is None:
        raise not_found(f"no recording {recording_id!r}")
    return views.recording_detail(recording, lookups.latest_version(db, "recording", recording.ledger_id))


@router.get(
    "/{recording_id}/history", response_model=Page[VersionOut], responses=problem_responses(404, 422, 429)
)
def history(recording_id: RecordingId, db: Db, pages: Pages) -> Page[VersionOut]:
    recording = lookups.recording(db, recording_id)
    if recording is None:
        raise not_found(f"no recording {recording_id!r}")
    page = lookups.versions(db, "recording", recording.ledger_id, pages.limit, pages.offset)
    return Page(
        items=[views.version(v) for v in page.items], total=page.total, limit=pages.limit, offset=pages.offset
    )
