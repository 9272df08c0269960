"""Duplicate candidates: proposed by title key and a common writer (works) or by title, artist and
duration (recordings); merged with both histories kept, or kept apart for good."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from registry.identifiers import generate_ipi_name, generate_isrc
from registry.ledger_writer import history
from registry.models import Work
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.conflicts import list_conflicts
from registry.services.repertoire.duplicates import (
    DuplicateError,
    find_duplicate_candidates,
    keep_apart,
    list_candidates,
    merge,
)
from registry.services.repertoire.registration import (
    Outcome,
    RecordingInput,
    ShareInput,
    WorkInput,
    find_recording_by_isrc,
    find_work_by_iswc,
    register_recording,
    register_work,
)

WENG = PartyRef(name="翁", first_name="清溪", ipi_name=generate_ipi_name(401))
SUN = PartyRef(name="孙", first_name="仪")  # no IPI: matched by name
OTHER = PartyRef(name="Hu", first_name="Ming", ipi_name=generate_ipi_name(402))
PUBLISHER = PartyRef(name="Moon Music", kind="company", ipi_name=generate_ipi_name(403))


def _work(submitter: str, title: str, *writers: PartyRef, iswc: str | None = None, n: int = 1) -> WorkInput:
    share = 5000 // len(writers)
    lines = [ShareInput(party=w, role="CA", right_type="PR", share=share) for w in writers]
    lines.append(ShareInput(party=PUBLISHER, role="E", right_type="PR", share=10000 - share * len(writers)))
    return WorkInput(
        submitter=submitter, submitter_work_id=f"{submitter}-{n}", title=title, iswc=iswc, shares=lines
    )


def _pairs(session: Session, status: str | None = "pending") -> list[tuple[str, tuple[int, int], str]]:
    return [(c.subject, c.pair, c.reason) for c in list_candidates(session, status)]


def test_the_same_chinese_title_and_a_common_writer_is_a_candidate(session: Session) -> None:
    first, _ = register_work(session, _work("PUB-A", "月亮代表我的心", WENG, SUN))
    # Another submitter, another spelling: full-width punctuation and spaces, one writer in common.
    second, outcome = register_work(session, _work("PUB-B", "月亮 代表 我的心！", WENG, OTHER))
    assert outcome is Outcome.CREATED and second is not first
    assert _pairs(session) == [("work", (first.id, second.id), "title_and_writer")]
    # A writer without IPI number counts by the key of their name.
    third, _ = register_work(
        session, _work("PUB-C", "《月亮代表我的心》", PartyRef(name="孙", first_name="仪"))
    )
    assert ("work", (first.id, third.id), "title_and_writer") in _pairs(session)


def test_full_width_latin_and_punctuation_match_half_width(session: Session) -> None:
    first, _ = register_work(session, _work("PUB-A", "The Moon Represents My Heart", OTHER))
    second, _ = register_work(
        session, _work("PUB-B", "ＴＨＥ ＭＯＯＮ ＲＥＰＲＥＳＥＮＴＳ ＭＹ ＨＥＡＲＴ.", OTHER)
    )
    assert _pairs(session) == [("work", (first.id, second.id), "title_and_writer")]


def test_an_alternate_title_matches_a_main_title(session: Session) -> None:
    first, _ = register_work(session, _work("PUB-A", "月亮代表我的心", WENG))
    english = WorkInput(
        submitter="PUB-B",
        submitter_work_id="B-9",
        title="The Moon Represents My Heart",
        alt_titles=[("月亮代表我的心", "OT", "ZH")],
        shares=[ShareInput(party=WENG, role="C", right_type="PR", share=10000)],
    )
    second, _ = register_work(session, english)
    assert _pairs(session) == [("work", (first.id, second.id), "title_and_writer")]


def test_the_same_title_by_different_writers_is_no_candidate(session: Session) -> None:
    register_work(session, _work("PUB-A", "月亮代表我的心", WENG))
    register_work(session, _work("PUB-B", "月亮代表我的心", OTHER))
    # Same name but two different IPI name numbers: two people.
    namesake = PartyRef(name="翁", first_name="清溪", ipi_name=generate_ipi_name(499))
    register_work(session, _work("PUB-C", "月亮代表我的心", namesake))
    register_work(session, _work("PUB-D", "月亮代表你的心", WENG))  # another title
    assert _pairs(session) == []


def _recording(title: str, seconds: int, isrc: int | None = None, artist: str = "邓丽君") -> RecordingInput:
    code = generate_isrc("CN", "A12", 1977, isrc) if isrc is not None else None
    return RecordingInput(title=title, artist=artist, duration_seconds=seconds, isrc=code)


def test_recordings_within_two_seconds_are_candidates(session: Session) -> None:
    first, _ = register_recording(session, _recording("月亮代表我的心", 209, 1))
    near, _ = register_recording(session, _recording("月亮代表我的心 ", 211, 2))  # 2 s: candidate
    far, _ = register_recording(session, _recording("月亮代表我的心", 206, 3))  # 3 s from the first
    other_artist, _ = register_recording(session, _recording("月亮代表我的心", 209, 4, artist="张国荣"))
    pairs = _pairs(session)
    assert ("recording", (first.id, near.id), "title_artist_duration") in pairs
    assert ("recording", (first.id, far.id), "title_artist_duration") not in pairs
    assert all(other_artist.id not in pair for _, pair, _ in pairs)
    # The artist's name in another order is the same artist key.
    swapped, _ = register_recording(
        session, RecordingInput(title="Sweet Honey", artist="Teresa Teng", duration_seconds=180)
    )
    again, _ = register_recording(
        session, RecordingInput(title="SWEET HONEY", artist="Teng, Teresa", duration_seconds=181)
    )
    assert ("recording", (swapped.id, again.id), "title_artist_duration") in _pairs(session)


def test_recording_distance_is_exactly_two_seconds(session: Session) -> None:
    base, _ = register_recording(session, _recording("甜蜜蜜", 200, 10))
    two, _ = register_recording(session, _recording("甜蜜蜜", 198, 11))
    three, _ = register_recording(session, _recording("甜蜜蜜", 203, 12))
    pairs = {pair for _, pair, _ in _pairs(session)}
    assert (base.id, two.id) in pairs
    assert (base.id, three.id) not in pairs and (two.id, three.id) not in pairs


def test_merge_keeps_both_histories(session: Session) -> None:
    keep, _ = register_work(session, _work("PUB-A", "月亮代表我的心", WENG, iswc="T-034.524.680-1"))
    gone, _ = register_work(session, _work("PUB-B", "月亮代表我的心 (Remix)", WENG, iswc=None))
    # The B title differs: queue the pair by a registration that names the other as alternate.
    register_work(
        session,
        WorkInput(
            submitter="PUB-B",
            submitter_work_id="PUB-B-1",
            title="月亮代表我的心 (Remix)",
            alt_titles=[("月亮代表我的心", "AT", None)],
            shares=_work("PUB-B", "x", WENG).shares,
            recordings=[_recording("月亮代表我的心 (Remix)", 250, 7)],
        ),
    )
    [candidate] = list_candidates(session)
    keep_before = history(session, "work", keep.ledger_id)
    gone_before = history(session, "work", gone.ledger_id)

    survivor = merge(session, candidate.id, keep, decided_by="registry staff")
    assert survivor is keep
    assert (candidate.status, candidate.decided_by) == ("merged", "registry staff")
    assert candidate.decided_at is not None
    gone_after = history(session, "work", gone.ledger_id)
    keep_after = history(session, "work", keep.ledger_id)
    assert gone_after[:-1] == gone_before and keep_after[:-1] == keep_before  # histories stay
    assert gone_after[-1].prev == gone_before[-1].leaf_hash().hex()
    assert keep_after[-1].prev == keep_before[-1].leaf_hash().hex()
    assert (gone_after[-1].body["status"], gone_after[-1].body["merged_into"]) == ("merged", keep.ledger_id)
    assert keep_after[-1].body["merged_from"] == [gone.ledger_id]
    assert {"title": "月亮代表我的心 (Remix)", "type": "AT", "language": None} in keep_after[-1].body[
        "alternate_titles"
    ]
    assert {"submitter": "PUB-B", "work_id": "PUB-B-1"} in keep_after[-1].body["registrations"]
    # The absorbed work's recording now embodies the survivor.
    recording = find_recording_by_isrc(session, generate_isrc("CN", "A12", 1977, 7))
    assert recording is not None and [w.id for w in recording.works] == [keep.id]
    assert history(session, "recording", recording.ledger_id)[-1].body["works"] == [keep.ledger_id]
    # Registering the absorbed work again reaches the survivor.
    again, outcome = register_work(session, _work("PUB-B", "月亮代表我的心 (Remix)", WENG, iswc=None))
    assert again is keep
    assert find_work_by_iswc(session, "T0345246801") is keep
    with pytest.raises(DuplicateError, match="already decided"):
        merge(session, candidate.id, keep)
    assert outcome in (Outcome.UNCHANGED, Outcome.UPDATED)


def test_merge_moves_the_iswc_and_combines_claims(session: Session) -> None:
    keep, _ = register_work(session, _work("PUB-A", "Blue Moon", OTHER))
    other_publisher = PartyRef(name="Blue Songs", kind="company", ipi_name=generate_ipi_name(404))
    gone, _ = register_work(
        session,
        WorkInput(
            submitter="PUB-B",
            submitter_work_id="B-1",
            title="Blue Moon",
            iswc="T-000.000.001-0",
            shares=[
                ShareInput(party=OTHER, role="CA", right_type="PR", share=5000),
                ShareInput(party=other_publisher, role="E", right_type="PR", share=5000),
            ],
        ),
    )
    assert keep.status == gone.status == "complete"
    [candidate] = list_candidates(session)
    with pytest.raises(DuplicateError, match="not one of"):
        merge(session, candidate.id, 99999)
    merge(session, candidate.id, keep.id)
    assert (keep.iswc, gone.iswc) == ("T0000000010", None)
    assert find_work_by_iswc(session, "T-000.000.001-0") is keep
    # Both publishers' claims now stand on one work: 150% is a conflict to resolve.
    assert keep.status == "in_conflict"
    assert [c.work_id for c in list_conflicts(session)] == [keep.id]


def test_merge_recordings(session: Session) -> None:
    keep, _ = register_recording(session, _recording("甜蜜蜜", 200, None))
    gone, _ = register_recording(session, _recording("甜蜜蜜", 201, 20))
    [candidate] = list_candidates(session)
    assert candidate.subject == "recording"
    merge(session, candidate.id, keep)
    assert keep.isrc == generate_isrc("CN", "A12", 1977, 20) and gone.isrc is None
    assert find_recording_by_isrc(session, keep.isrc) is keep
    assert history(session, "recording", gone.ledger_id)[-1].body["merged_into"] == keep.ledger_id
    assert history(session, "recording", keep.ledger_id)[-1].body["merged_from"] == [gone.ledger_id]
    assert history(session, "recording", gone.ledger_id)[-1].body["status"] == "merged"


def test_kept_apart_is_not_proposed_again(session: Session) -> None:
    register_work(session, _work("PUB-A", "Moon River", OTHER))
    second, _ = register_work(session, _work("PUB-B", "MOON RIVER", OTHER))
    [candidate] = list_candidates(session)
    entries = session.scalar(select(func.count()).select_from(Work))
    keep_apart(session, candidate.id, decided_by="registry staff")
    assert candidate.status == "kept_apart" and list_candidates(session) == []
    # A change to either work looks for candidates again: the pair is not proposed.
    register_work(session, _work("PUB-B", "Moon River", OTHER))
    assert find_duplicate_candidates(session, second) == []
    assert list_candidates(session) == [] and len(list_candidates(session, None)) == 1
    assert session.scalar(select(func.count()).select_from(Work)) == entries
    with pytest.raises(DuplicateError, match="already decided"):
        keep_apart(session, candidate.id)
    with pytest.raises(DuplicateError, match="no duplicate candidate"):
        keep_apart(session, 99999)


def test_pending_pairs_with_the_absorbed_work_move_to_the_survivor(session: Session) -> None:
    a, _ = register_work(session, _work("PUB-A", "Moon River", OTHER))
    b, _ = register_work(session, _work("PUB-B", "Moon River", OTHER))
    c, _ = register_work(session, _work("PUB-C", "Moon River", OTHER))
    assert {pair for _, pair, _ in _pairs(session)} == {(a.id, b.id), (a.id, c.id), (b.id, c.id)}
    ab = next(x for x in list_candidates(session) if x.pair == (a.id, b.id))
    merge(session, ab.id, a)
    # (b, c) became (a, c), which was already queued: one pending pair is left.
    assert {pair for _, pair, _ in _pairs(session)} == {(a.id, c.id)}


def test_detection_cost_does_not_grow_with_the_catalogue(session: Session) -> None:
    """Detection goes through the title-key indexes: the same few queries for 10 or 300 works."""

    def catalogue(start: int, stop: int) -> None:
        for n in range(start, stop):
            title = f"Song number {n}"
            shares = [ShareInput(party=OTHER, role="CA", right_type="PR", share=10000)]
            register_work(
                session, WorkInput(submitter="BULK", submitter_work_id=str(n), title=title, shares=shares)
            )

    def statements_to_detect(probe_title: str, n: int) -> int:
        probe, _ = register_work(session, _work("PROBE", probe_title, OTHER, n=n))
        seen: list[object] = []
        engine = session.get_bind()
        session.expire_all()
        work = session.get(Work, probe.id)
        assert work is not None and len(work.shares) == 2

        def count(*args: object) -> None:
            seen.append(args[2])

        event.listen(engine, "before_cursor_execute", count)
        try:
            assert find_duplicate_candidates(session, work) == []  # proposed at registration already
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    catalogue(0, 10)
    small = statements_to_detect("Song number 7", 1)
    catalogue(10, 300)
    large = statements_to_detect("Song number 207", 2)
    assert small == large <= 10
    titles = [
        tuple(session.get(Work, n).title for n in pair)  # type: ignore[union-attr]
        for _, pair, _ in _pairs(session)
    ]
    assert titles == [("Song number 7",) * 2, ("Song number 207",) * 2]
    engine = session.get_bind()
    indexes = {
        table: {tuple(ix["column_names"]) for ix in inspect(engine).get_indexes(table)}
        for table in ("work", "work_title", "recording")
    }
    assert ("title_key",) in indexes["work"] and ("title_key",) in indexes["work_title"]
    assert ("title_key", "artist_key") in indexes["recording"]
