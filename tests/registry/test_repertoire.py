"""Works and recordings: created / updated / unchanged, their public ledger versions, matching by
ISWC, submitter work id and ISRC, and what a public entry may hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.crypto import field_cipher
from registry.identifiers import InvalidIdentifier, generate_ipi_name, generate_isrc
from registry.ledger_writer import history
from registry.models import DuplicateCandidate, Party, Recording, Work, entry_table
from registry.services.members.membership import MemberInput, register_member
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.entries import AltTitle, RepertoireError
from registry.services.repertoire.registration import (
    Outcome,
    RecordingInput,
    ShareInput,
    WorkInput,
    find_recording_by_isrc,
    find_work_by_iswc,
    link_recording,
    register_recording,
    register_work,
)

WRITER = PartyRef(name="翁", first_name="清溪", ipi_name=generate_ipi_name(101))
LYRICIST = PartyRef(name="孙", first_name="仪", ipi_name=generate_ipi_name(102))
PUBLISHER = PartyRef(name="Moonlight Music Publishing Ltd", kind="company", ipi_name=generate_ipi_name(103))


def _shares(*lines: tuple[PartyRef, str, int], rights: tuple[str, ...] = ("PR", "MR")) -> list[ShareInput]:
    return [
        ShareInput(party=party, role=role, right_type=right, share=share, controlled=True)
        for right in rights
        for party, role, share in lines
    ]


STANDARD = _shares((WRITER, "C", 2500), (LYRICIST, "A", 2500), (PUBLISHER, "E", 5000))


def _work(**overrides: object) -> WorkInput:
    fields: dict[str, object] = {
        "submitter": "MOONPUB",
        "submitter_work_id": "MP-0001",
        "title": "月亮代表我的心",
        "iswc": "T-034.524.680-1",
        "language": "zh",
        "alt_titles": [("The Moon Represents My Heart", "AT", "EN")],
        "duration_seconds": 209,
        "shares": STANDARD,
        "source": "cwr:" + "ab" * 32,
    }
    fields.update(overrides)
    return WorkInput(**fields)  # type: ignore[arg-type]


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(entry_table)) or 0


def test_create_update_unchanged_and_the_version_chain(session: Session) -> None:
    work, outcome = register_work(session, _work())
    assert outcome is Outcome.CREATED and work.status == "complete"
    assert work.iswc == "T0345246801"
    [v1] = history(session, "work", work.ledger_id)
    assert (v1.kind, v1.id, v1.version, v1.prev, v1.private) == ("work", work.ledger_id, 1, None, False)
    assert v1.body["source"] == "cwr:" + "ab" * 32
    assert v1.body["totals"] == {"mechanical": 10000, "performing": 10000}
    assert v1.body["alternate_titles"] == [
        {"title": "The Moon Represents My Heart", "type": "AT", "language": "EN"}
    ]
    assert {
        (s["name"], s["ipi_name"], s["role"], s["right_type"], s["share"]) for s in v1.body["shares"]
    } >= {
        ("翁", generate_ipi_name(101), "composer", "performing", 2500),
        ("Moonlight Music Publishing Ltd", generate_ipi_name(103), "publisher", "mechanical", 5000),
    }

    # The same facts again (another file, even): nothing new is recorded.
    entries = _count(session)
    again, outcome = register_work(session, _work(source="cwr:" + "cd" * 32))
    assert (again, outcome) == (work, Outcome.UNCHANGED)
    assert _count(session) == entries

    changed = _shares((WRITER, "C", 3000), (LYRICIST, "A", 2000), (PUBLISHER, "E", 5000))
    again, outcome = register_work(session, _work(shares=changed, duration_seconds=210))
    assert (again, outcome) == (work, Outcome.UPDATED)
    v1, v2 = history(session, "work", work.ledger_id)
    assert (v2.version, v2.prev) == (2, v1.leaf_hash().hex())
    assert v2.body["duration_seconds"] == 210
    assert {s["share"] for s in v2.body["shares"] if s["name"] == "翁"} == {3000}
    assert work.registrations[0].source == "cwr:" + "ab" * 32


def test_one_iswc_however_written_is_one_work(session: Session) -> None:
    work, _ = register_work(session, _work(iswc="T-034.524.680-1"))
    same, outcome = register_work(session, _work(iswc="T0345246801"))
    assert same is work and outcome is Outcome.UNCHANGED
    assert find_work_by_iswc(session, "ＴＯ３４５２４６８０１".replace("Ｏ", "0")) is work
    assert find_work_by_iswc(session, "T-034.524.680-1") is work
    with pytest.raises(InvalidIdentifier):
        register_work(session, _work(iswc="T-034.524.680-2"))
    assert session.scalar(select(func.count()).select_from(Work)) == 1


def test_a_work_without_iswc_is_found_by_the_submitters_own_id(session: Session) -> None:
    work, outcome = register_work(session, _work(iswc=None))
    assert outcome is Outcome.CREATED and work.iswc is None
    same, outcome = register_work(session, _work(iswc=None))
    assert (same, outcome) == (work, Outcome.UNCHANGED)
    # The ISWC arrives later: the same work gets it, as a new version.
    same, outcome = register_work(session, _work(iswc="T0345246801"))
    assert (same, outcome) == (work, Outcome.UPDATED)
    assert [e.body["iswc"] for e in history(session, "work", work.ledger_id)] == [None, "T0345246801"]
    # Another submitter's id for a work it first registered is another work.
    other, outcome = register_work(session, _work(iswc=None, submitter="OTHERPUB", title="Other"))
    assert outcome is Outcome.CREATED and other is not work


def test_a_second_submitter_adds_its_title_and_id_to_the_same_work(session: Session) -> None:
    work, _ = register_work(session, _work())
    same, outcome = register_work(
        session,
        _work(
            submitter="SUBPUB", submitter_work_id="77", title="月亮代表我的心 (Live)", duration_seconds=300
        ),
    )
    assert (same, outcome) == (work, Outcome.UPDATED)
    assert work.title == "月亮代表我的心" and work.duration_seconds == 209  # the first submitter's
    latest = history(session, "work", work.ledger_id)[-1]
    assert {"title": "月亮代表我的心 (Live)", "type": "AT", "language": "ZH"} in latest.body[
        "alternate_titles"
    ]
    assert latest.body["registrations"] == [
        {"submitter": "MOONPUB", "work_id": "MP-0001"},
        {"submitter": "SUBPUB", "work_id": "77"},
    ]
    # Both submitters state the same shares: counted once, still complete.
    assert latest.body["totals"] == {"mechanical": 10000, "performing": 10000}
    assert latest.body["status"] == "complete"


def test_a_submitter_id_with_a_different_iswc_is_a_candidate_duplicate(session: Session) -> None:
    first, _ = register_work(session, _work(iswc="T-034.524.680-1"))
    second, outcome = register_work(session, _work(iswc="T-000.000.001-0"))
    assert outcome is Outcome.CREATED and second is not first
    [candidate] = session.scalars(select(DuplicateCandidate).where(DuplicateCandidate.reason == "identifier"))
    assert candidate.pair == (first.id, second.id) and candidate.status == "pending"


def test_recordings_by_isrc_linked_to_their_work(session: Session) -> None:
    isrc = generate_isrc("CN", "A12", 1977, 1)
    recording = RecordingInput(
        title="月亮代表我的心",
        isrc=isrc[:2] + "-" + isrc[2:5] + "-" + isrc[5:7] + "-" + isrc[7:],
        artist="邓丽君",
        duration_seconds=209,
        release_title="島國之情歌第四集",
        release_date=date(1977, 1, 1),
        label="Polydor",
    )
    work, _ = register_work(session, _work(recordings=[recording]))
    found = find_recording_by_isrc(session, isrc)
    assert found is not None and [w.id for w in found.works] == [work.id]
    [v1] = history(session, "recording", found.ledger_id)
    assert (v1.kind, v1.version, v1.private) == ("recording", 1, False)
    assert v1.body["isrc"] == isrc and v1.body["works"] == [work.ledger_id]
    assert v1.body["release"] == {"title": "島國之情歌第四集", "date": "1977-01-01", "label": "Polydor"}
    assert v1.body["source"] == "cwr:" + "ab" * 32

    entries = _count(session)
    assert register_work(session, _work(recordings=[recording]))[1] is Outcome.UNCHANGED
    assert _count(session) == entries  # re-importing the file changes nothing

    again, outcome = register_recording(
        session, RecordingInput(title="月亮代表我的心", isrc=isrc, label="Universal")
    )
    assert (again, outcome) == (found, Outcome.UPDATED)
    assert found.artist == "邓丽君" and found.label == "Universal"  # omitted details stay
    assert [e.version for e in history(session, "recording", found.ledger_id)] == [1, 2]


def test_a_recording_embodying_two_works(session: Session) -> None:
    a, _ = register_work(session, _work())
    b, _ = register_work(session, _work(iswc=None, submitter_work_id="MP-0002", title="甜蜜蜜"))
    medley, outcome = register_recording(
        session, RecordingInput(title="Medley", artist="邓丽君", duration_seconds=400)
    )
    assert outcome is Outcome.CREATED
    assert link_recording(session, medley, a) is not None
    assert link_recording(session, medley, b) is not None
    assert link_recording(session, medley, a) is None  # already linked: no new version
    versions = history(session, "recording", medley.ledger_id)
    assert [e.body["works"] for e in versions] == [[], [a.ledger_id], [a.ledger_id, b.ledger_id]]
    # Without an ISRC only the identical recording (by title and artist keys, and duration) is the
    # same one; a new spelling of its title is a new version.
    same, outcome = register_recording(
        session, RecordingInput(title="Medley", artist="邓丽君", duration_seconds=400)
    )
    assert (same, outcome) == (medley, Outcome.UNCHANGED)
    same, outcome = register_recording(
        session, RecordingInput(title="MEDLEY", artist="邓丽君", duration_seconds=400)
    )
    assert (same, outcome) == (medley, Outcome.UPDATED)
    other, outcome = register_recording(
        session, RecordingInput(title="Medley", artist="邓丽君", duration_seconds=401)
    )
    assert other is not medley and outcome is Outcome.CREATED


def test_public_entries_hold_names_and_ipi_numbers_but_no_contact_data(
    session: Session, tmp_path: Path
) -> None:
    cipher = field_cipher(tmp_path / "data.key", environ={})
    member = register_member(
        session,
        cipher,
        MemberInput(
            name="翁",
            first_name="清溪",
            ipi_name=WRITER.ipi_name,
            contact={"email": "weng@example.tw", "phone": "+886 2 1234 5678"},
            bank={"account": "0123456789012"},
        ),
    )
    work, _ = register_work(session, _work())
    assert session.get(Party, member.id) is member
    assert any(s.party_id == member.id for s in work.shares)  # the member's own party, by IPI
    for entry in history(session, "work", work.ledger_id):
        canonical = entry.canonical()
        assert "清溪".encode() in canonical and str(WRITER.ipi_name).encode() in canonical
        for secret in (b"weng@example.tw", b"1234 5678", b"0123456789012"):
            assert secret not in canonical
    assert history(session, "member", member.ledger_id)[0].version == 1
    assert len(history(session, "member", member.ledger_id)) == 1  # a work is no membership change


def test_refusals_record_nothing(session: Session) -> None:
    with pytest.raises(RepertoireError, match="title"):
        register_work(session, _work(title="  "))
    with pytest.raises(RepertoireError, match="submitter"):
        register_work(session, _work(submitter=""))
    with pytest.raises(RepertoireError, match="title type"):
        register_work(session, _work(alt_titles=[AltTitle("x", "LONG")]))
    with pytest.raises(InvalidIdentifier):
        register_recording(session, RecordingInput(title="x", isrc="XX-123"))
    with pytest.raises(InvalidIdentifier):  # checked before the work is written
        register_work(session, _work(recordings=[RecordingInput(title="x", isrc="XX-123")]))
    assert session.scalar(select(func.count()).select_from(Recording)) == 0
    assert session.scalar(select(func.count()).select_from(Work)) == 0
    assert _count(session) == 0
