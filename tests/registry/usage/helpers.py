"""Builders for the usage tests: a small registered catalogue and play logs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from registry.models import Recording, Work
from registry.services.repertoire.registration import (
    RecordingInput,
    WorkInput,
    register_recording,
    register_work,
)

HEADER = "licensee,room,isrc,title,artist,duration,played_at,plays\n"


def catalogue(session: Session) -> dict[str, Recording | Work]:
    """Two works, three recordings (Chinese and Latin titles), one work with an ISWC only."""
    moon, _ = register_work(
        session,
        WorkInput(submitter="CMO", submitter_work_id="W1", title="月亮代表我的心", iswc="T-034.524.680-1"),
    )
    tianmimi, _ = register_work(session, WorkInput(submitter="CMO", submitter_work_id="W2", title="甜蜜蜜"))
    lonely, _ = register_work(
        session,
        WorkInput(submitter="CMO", submitter_work_id="W3", title="Lonely Road", iswc="T-070.027.416-3"),
    )
    teresa, _ = register_recording(
        session,
        RecordingInput(title="月亮代表我的心", isrc="CN-A01-24-00001", artist="邓丽君", duration_seconds=205),
        work=moon,
    )
    sweet, _ = register_recording(
        session,
        RecordingInput(title="甜蜜蜜", isrc="CN-A01-24-00002", artist="邓丽君", duration_seconds=210),
        work=tianmimi,
    )
    moon_en, _ = register_recording(
        session,
        RecordingInput(title="The Moon Represents My Heart", artist="Teresa Teng", duration_seconds=200),
        work=moon,
    )
    session.flush()
    return {
        "moon": moon,
        "tianmimi": tianmimi,
        "lonely": lonely,
        "teresa": teresa,
        "sweet": sweet,
        "moon_en": moon_en,
    }


def play_log(path: Path, lines: list[str]) -> Path:
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path
