"""A small repertoire written straight into the tables, without ledger entries: the distribution
reads only rows, and its unit tests want ids they can name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from registry.models import Party, Recording, RecordingShare, Work, WorkShare, recording_work


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
    r = [recording.id for recording in recordings]
    holders = [
        (r[0], p[0], "performer", 5000),
        (r[0], p[1], "producer", 5000),
        (r[1], p[2], "producer", 10000),
    ]
    writers = [(p[0], "composer", "performing", 10000), (p[0], "composer", "mechanical", 6000)]
    writers.append((p[3], "publisher", "mechanical", 4000))
    session.add_all(
        [
            RecordingShare(recording_id=rec, party_id=party, role=role, share=share)
            for rec, party, role, share in holders
        ]
        + [
            WorkShare(
                work_id=work.id,
                party_id=party,
                submitter="CMO",
                role=role,
                right_type=right,
                share=share,
                controlled=True,
            )
            for party, role, right, share in writers
        ]
    )
    session.execute(insert(recording_work), [{"recording_id": rec, "work_id": work.id} for rec in r])
    session.flush()
    return Catalogue(p, r, [work.id])
