"""A member's own repertoire: the works and recordings in which they hold a share, each with the
member's shares only (role, right type, share), a page at a time. Co-owners' shares are not
listed: a member sees their own holdings, the public work page shows the whole split."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from registry.models import Recording, RecordingShare, Work, WorkShare, WorkTitle
from registry.normalise import name_key, normalise_title
from registry.paging import Page, escape_like, page_of

T = TypeVar("T")


@dataclass(frozen=True)
class Held:
    """One share the member holds: `share` in basis points (10,000 = 100 %)."""

    role: str
    right_type: str | None  # None for a recording: neighbouring rights have no right type here
    share: int
    controlled: bool | None = None


@dataclass(frozen=True)
class Holding(Generic[T]):
    thing: T
    shares: list[Held]


def member_works(
    session: Session, party_id: int, limit: int, offset: int, q: str | None = None
) -> Page[Holding[Work]]:
    """Works (not merged away) in which the party holds a share; `q` matches any title."""
    stmt = select(Work).where(
        Work.merged_into_id.is_(None),
        Work.id.in_(select(WorkShare.work_id).where(WorkShare.party_id == party_id)),
    )
    if q and q.strip():
        key = f"%{escape_like(normalise_title(q))}%"
        alternate = select(WorkTitle.work_id).where(WorkTitle.title_key.like(key, escape="\\"))
        stmt = stmt.where(or_(Work.title_key.like(key, escape="\\"), Work.id.in_(alternate)))
    works, total = page_of(session, stmt.order_by(Work.id), limit, offset)
    return Page(
        [
            Holding(
                work,
                [
                    Held(s.role, s.right_type, s.share, s.controlled)
                    for s in work.shares
                    if s.party_id == party_id
                ],
            )
            for work in works
        ],
        total,
    )


def member_recordings(
    session: Session, party_id: int, limit: int, offset: int, q: str | None = None
) -> Page[Holding[Recording]]:
    """Recordings (not merged away) in which the party holds a share; `q` matches title or artist."""
    stmt = select(Recording).where(
        Recording.merged_into_id.is_(None),
        Recording.id.in_(select(RecordingShare.recording_id).where(RecordingShare.party_id == party_id)),
    )
    if q and q.strip():
        title = f"%{escape_like(normalise_title(q))}%"
        artist = f"%{escape_like(name_key(q))}%"
        stmt = stmt.where(
            or_(Recording.title_key.like(title, escape="\\"), Recording.artist_key.like(artist, escape="\\"))
        )
    recordings, total = page_of(session, stmt.order_by(Recording.id), limit, offset)
    return Page(
        [
            Holding(
                recording, [Held(s.role, None, s.share) for s in recording.shares if s.party_id == party_id]
            )
            for recording in recordings
        ],
        total,
    )
