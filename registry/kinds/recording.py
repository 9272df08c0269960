"""`recording`: a sound recording (public)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.ai import FIELD_DOC as AI_DOC
from registry.kinds.ai import ai_fact
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration, Figures
from registry.kinds.figures import first_versions
from registry.kinds.rows import batch_loader
from registry.models import Recording

IDS = entity_ids.RECORDING


def recording_body(session: Session, recording: Recording) -> dict[str, Any]:
    body = recording_facts(
        isrc=recording.isrc,
        title=recording.title,
        artist=recording.artist,
        duration_seconds=recording.duration_seconds,
        release_title=recording.release_title,
        release_date=recording.release_date,
        label=recording.label,
        shares=[
            {
                "name": s.party.name,
                "first_name": s.party.first_name,
                "ipi_name": s.party.ipi_name,
                "role": s.role,
                "share": s.share,
            }
            for s in recording.shares
        ],
        works=[w.ledger_id for w in recording.works],
        status=recording.status,
    )
    if (declared := ai_fact(recording)) is not None:
        body["ai"] = declared
    if recording.merged_into_id is not None:
        body["merged_into"] = IDS.make(recording.merged_into_id)
    absorbed = session.scalars(
        select(Recording.id).where(Recording.merged_into_id == recording.id).order_by(Recording.id)
    ).all()
    if absorbed:
        body["merged_from"] = [IDS.make(n) for n in absorbed]
    return body


def recording_facts(
    *,
    isrc: str | None,
    title: str,
    artist: str | None,
    duration_seconds: int | None,
    release_title: str | None,
    release_date: date | None,
    label: str | None,
    shares: list[dict[str, Any]],
    works: list[str],
    status: str,
) -> dict[str, Any]:
    """recording_body from plain values (also for recordings written in bulk)."""
    return {
        "isrc": isrc,
        "title": title,
        "artist": artist,
        "duration_seconds": duration_seconds,
        "release": {
            "title": release_title,
            "date": release_date.isoformat() if release_date else None,
            "label": label,
        },
        "shares": sorted(
            shares, key=lambda s: (s["role"], s["ipi_name"] or "", s["name"], s["first_name"] or "")
        ),
        "works": sorted(works, key=entity_ids.WORK.parse),
        "status": status,
    }


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    recording = session.get(Recording, IDS.parse(entity_id))
    return None if recording is None else recording_body(session, recording)


def _ids(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(Recording.id)))


def _figures(session: Session, start: Any, end: Any, month: str) -> dict[str, Any]:
    return {"recordings_registered": first_versions(session, "recording", start, end)}


DECLARATION = Declaration(
    kind=Kind("recording", 1, False, "a sound recording: ISRC, artist, duration, shares"),
    ids=IDS,
    body=recording_body,
    about="A sound recording, with its performers' and producers' shares and the works it carries.",
    fields={
        "isrc": "the ISRC, or null",
        "title": "the title",
        "artist": "the main artist, or null",
        "duration_seconds": "the duration, or null",
        "release": "`title`, `date`, `label` of the release, each possibly null",
        "shares": "each `name`, `first_name`, `ipi_name`, `role` (performer | producer), `share`",
        "works": "the linked works (`W-n`)",
        "status": "complete | incomplete | merged",
        "ai": AI_DOC,
        "merged_into": "after a merge, on the absorbed recording: the survivor (`R-n`)",
        "merged_from": "after a merge, on the survivor: the absorbed recordings (`R-n`)",
        "source": "optional: the file the version came from (e.g. `cwr:<sha256>`); not a fact of the rows",
    },
    checks=Checks(
        body=(
            BodyCheck(
                "recording",
                expected,
                ids=_ids,
                ignore=frozenset({"source"}),
                prefetch=batch_loader(Recording, IDS),
            ),
        )
    ),
    figures=(Figures("repertoire", _figures),),
)
