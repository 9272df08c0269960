"""A small repertoire built straight into the tables (the distribution reads only rows)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from sqlalchemy import insert
from sqlalchemy.orm import Session

from registry.models import Party, Recording, RecordingShare, Work, WorkShare, recording_work
from registry.usage.matched import MATCHED_SCHEMA


@dataclass
class Catalogue:
    parties: list[int]
    recordings: list[int]
    works: list[int]


def build_catalogue(session: Session) -> Catalogue:
    """Parties 0..3; recordings 0 (holders 0 and 1, half each) and 1 (holder 2); work 0 with
    performing 0: 100%, mechanical 0: 60% and 3: 40%; both recordings embody work 0."""
    parties = [
        Party(kind="person", name=f"Holder {n}", name_key=f"holder {n}", status="member") for n in range(4)
    ]
    session.add_all(parties)
    recordings = [
        Recording(
            title=f"Song {n}",
            title_key=f"song {n}",
            artist_key="a",
            status="complete",
            isrc=f"CNA0126000{n:02d}",
        )
        for n in range(2)
    ]
    work = Work(title="Song", title_key="song", status="complete", primary_submitter="CMO")
    session.add_all([*recordings, work])
    session.flush()
    p = [party.id for party in parties]
    session.add_all(
        [
            RecordingShare(recording_id=recordings[0].id, party_id=p[0], role="performer", share=5000),
            RecordingShare(recording_id=recordings[0].id, party_id=p[1], role="producer", share=5000),
            RecordingShare(recording_id=recordings[1].id, party_id=p[2], role="producer", share=10000),
            WorkShare(
                work_id=work.id,
                party_id=p[0],
                submitter="CMO",
                role="composer",
                right_type="performing",
                share=10000,
                controlled=True,
            ),
            WorkShare(
                work_id=work.id,
                party_id=p[0],
                submitter="CMO",
                role="composer",
                right_type="mechanical",
                share=6000,
                controlled=True,
            ),
            WorkShare(
                work_id=work.id,
                party_id=p[3],
                submitter="CMO",
                role="publisher",
                right_type="mechanical",
                share=4000,
                controlled=True,
            ),
        ]
    )
    session.execute(insert(recording_work), [{"recording_id": r.id, "work_id": work.id} for r in recordings])
    session.flush()
    return Catalogue(p, [r.id for r in recordings], [work.id])


def usage_frame(rows: list[tuple[int | None, int | None, int, bool]]) -> pl.LazyFrame:
    """Matched usage in registry.usage's columns: (recording_id, work_id, plays, matched)."""
    return pl.LazyFrame(
        {
            "report_sha256": ["ab" * 32] * len(rows),
            "line_no": list(range(1, len(rows) + 1)),
            "recording_id": [r[0] for r in rows],
            "work_id": [r[1] for r in rows],
            "weight": [r[2] for r in rows],
            "revenue_minor": [None] * len(rows),
            "matched": [r[3] for r in rows],
            "adjustment_of_period": [None] * len(rows),
        },
        schema=MATCHED_SCHEMA,
    )


REPORTS = [("ab" * 32, "venue-log-2026-03.csv", 3)]
