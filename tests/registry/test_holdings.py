"""A member's own repertoire: the works and recordings they hold a share in, each with only their
shares (a co-owner's are not theirs to list), searched by title and paged."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from registry.crypto import field_cipher
from registry.identifiers import generate_isrc, generate_iswc
from registry.services.repertoire.holdings import Held, member_recordings, member_works
from registry.services.repertoire.registration import RecordingInput, RecordingShareInput
from tests.society.members import add_member, ref
from tests.society.repertoire import add_work, shares


def test_each_member_sees_their_works_and_recordings_with_their_own_shares(
    session: Session, tmp_path: Path
) -> None:
    cipher = field_cipher(tmp_path / "keys" / "data.key", environ={})
    ann = add_member(session, cipher, "Ann", ipi=9101)
    ben = add_member(session, cipher, "Ben", ipi=9102)
    cat = add_member(session, cipher, "Cat", ipi=9103)
    duet = add_work(
        session,
        "CMO-1",
        "Moon Duet",
        iswc=generate_iswc(9001),
        shares=[*shares(ref(ann), "C", ("PR",), 6_000), *shares(ref(ben), "A", ("PR",), 4_000)],
        recordings=[
            RecordingInput(
                title="Moon Duet",
                isrc=generate_isrc("CN", "A12", 26, 901),
                artist="Ann and Ben",
                shares=[RecordingShareInput(party=ref(ben), role="performer", share=10_000)],
            )
        ],
    )
    solo = add_work(
        session, "CMO-2", "Sun Solo", iswc=generate_iswc(9002), shares=shares(ref(ann), "CA", ("PR",), 10_000)
    )
    session.flush()

    mine = member_works(session, ann.id, limit=10, offset=0)
    assert mine.total == 2 and [h.thing.id for h in mine.items] == [duet.id, solo.id]
    assert mine.items[0].shares == [Held("composer", "performing", 6_000, False)]
    ben_works = member_works(session, ben.id, limit=10, offset=0)
    assert [h.thing.id for h in ben_works.items] == [duet.id]
    assert [(s.role, s.share) for s in ben_works.items[0].shares] == [("lyricist", 4_000)]
    assert member_works(session, cat.id, limit=10, offset=0).total == 0

    # search by title, and paging: the total stays the whole count
    assert [h.thing.id for h in member_works(session, ann.id, 10, 0, q="sun").items] == [solo.id]
    assert member_works(session, ben.id, 10, 0, q="sun").total == 0  # Ann's work is not Ben's
    second = member_works(session, ann.id, limit=1, offset=1)
    assert second.total == 2 and [h.thing.id for h in second.items] == [solo.id]

    ben_recordings = member_recordings(session, ben.id, limit=10, offset=0)
    assert ben_recordings.total == 1
    assert ben_recordings.items[0].shares == [Held("performer", None, 10_000)]
    assert member_recordings(session, ben.id, 10, 0, q="ann and").total == 1  # by artist
    assert member_recordings(session, ann.id, limit=10, offset=0).total == 0  # a writer, not a performer
