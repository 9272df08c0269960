"""Claims of unidentified usage: within and after the claims window, decisions, and the
adjustment lines the distribution engine reads in a later period (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.crypto import field_cipher
from registry.ledger_writer import history
from registry.models import Party, UnidentifiedUsage
from registry.services.members.membership import MemberInput, register_member
from registry.services.parties.parties import PartyRef, ensure_party
from registry.services.usage.claims import (
    ClaimError,
    ClaimWindowClosed,
    accept_claim,
    claims_page,
    list_claims,
    list_unidentified,
    reject_claim,
    submit_claim,
    unidentified_page,
)
from registry.services.usage.reports import import_usage
from registry.usage.matched import matched_usage, unidentified_weight, usage_reports_for
from tests.registry.usage.helpers import catalogue, play_log

INGESTED = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
WINDOW_DAYS = 30  # deadline 2026-05-02 09:00 UTC


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def member(session: Session, tmp_path: Path) -> Party:
    cipher = field_cipher(tmp_path / "keys" / "data.key", environ={})
    return register_member(session, cipher, MemberInput(name="李", first_name="伟", roles=["performer"]))


@pytest.fixture
def unidentified(session: Session, data_dir: Path) -> tuple[str, UnidentifiedUsage]:
    catalogue(session)
    log = play_log(
        data_dir.parent / "march.csv",
        [
            "KTV-1,A,CNA012400001,x,y,,2026-03-01 20:00,2",
            "KTV-1,A,,小幸运,田馥甄,265,2026-03-01 20:05,3",
            "KTV-2,B,,小幸运,田馥甄,266,2026-03-09 21:00,4",
        ],
    )
    report = import_usage(
        session, data_dir, log, "2026-03", "karaoke", claims_window_days=WINDOW_DAYS, now=INGESTED
    )
    group = session.scalars(select(UnidentifiedUsage)).one()
    assert (group.title, group.lines, group.weight) == ("小幸运", 2, 7)
    return report.sha256, group


def test_a_claim_within_the_window_is_paid_as_adjustment_lines_in_a_later_period(
    session: Session, data_dir: Path, member: Party, unidentified: tuple[str, UnidentifiedUsage]
) -> None:
    sha, group = unidentified
    c = catalogue_recording(session)
    claim = submit_claim(session, group.id, member.id, recording_id=c, now=datetime(2026, 4, 20, tzinfo=UTC))
    assert claim.status == "submitted"
    accepted = accept_claim(session, claim.id, decided_by="staff", now=datetime(2026, 4, 25, tzinfo=UTC))
    assert (accepted.status, accepted.payable_period) == ("accepted", "2026-04")
    april = matched_usage(session, data_dir, "2026-04", "karaoke").collect().sort("line_no")
    assert april.rows() == [
        (sha, 3, c, None, 3, None, True, "2026-03"),
        (sha, 4, c, None, 4, None, True, "2026-03"),
    ]
    assert usage_reports_for(session, "2026-04", "karaoke") == [(sha, "march.csv", 3)]
    # March itself is never rewritten: its lines stay unidentified there.
    march = matched_usage(session, data_dir, "2026-03", "karaoke").collect()
    assert march.filter(~march["matched"])["weight"].sum() == 7
    assert unidentified_weight(session, data_dir, "2026-03", "karaoke") == 7
    entries = history(session, "usage_report", f"U-{sha}")
    assert [e.version for e in entries] == [1, 2]
    [adjustment] = entries[1].body["claims_accepted"]
    assert adjustment == {
        "claim": f"CL-{claim.id}",
        "group": group.group_no,
        "lines": 2,
        "weight": 7,
        "recording": f"R-{c}",
        "work": None,
        "payable_period": "2026-04",
    }
    assert [i.status for i in list_unidentified(session, now=datetime(2026, 4, 26, tzinfo=UTC))] == [
        "claimed"
    ]


def catalogue_recording(session: Session) -> int:
    from registry.services.repertoire.registration import RecordingInput, register_recording

    recording, _ = register_recording(
        session, RecordingInput(title="小幸运", isrc="CN-A01-24-00009", artist="田馥甄", duration_seconds=265)
    )
    return recording.id


def test_a_claim_after_the_window_is_refused(
    session: Session, member: Party, unidentified: tuple[str, UnidentifiedUsage]
) -> None:
    _, group = unidentified
    recording = catalogue_recording(session)
    late = datetime(2026, 5, 2, 9, 0, 1, tzinfo=UTC)
    with pytest.raises(ClaimWindowClosed, match="closed on 2026-05-02T09:00:00Z"):
        submit_claim(session, group.id, member.id, recording_id=recording, now=late)
    assert list_unidentified(session, open_only=True, now=late) == []
    [item] = list_unidentified(session, now=late)
    assert (item.status, item.open) == ("closed", False)
    just_in_time = datetime(2026, 5, 2, 9, 0, 0, tzinfo=UTC)
    assert (
        submit_claim(session, group.id, member.id, recording_id=recording, now=just_in_time).status
        == "submitted"
    )


def test_a_work_claim_gives_work_lines(
    session: Session, data_dir: Path, member: Party, unidentified: tuple[str, UnidentifiedUsage]
) -> None:
    _, group = unidentified
    work = catalogue(session)["tianmimi"].id  # registered again: the same work
    claim = submit_claim(session, group.id, member.id, work_id=work, now=INGESTED)
    accept_claim(session, claim.id, decided_by="staff", payable_period="2026-06", now=INGESTED)
    assert matched_usage(session, data_dir, "2026-04", "karaoke").collect().height == 0
    june = matched_usage(session, data_dir, "2026-06", "karaoke").collect()
    assert june["work_id"].to_list() == [work, work] and june["recording_id"].null_count() == 2


def test_decisions(session: Session, member: Party, unidentified: tuple[str, UnidentifiedUsage]) -> None:
    _, group = unidentified
    recording = catalogue_recording(session)
    outsider = ensure_party(session, PartyRef(name="Someone Else"))
    session.flush()
    with pytest.raises(ClaimError, match="not a member"):
        submit_claim(session, group.id, outsider.id, recording_id=recording, now=INGESTED)
    with pytest.raises(ClaimError, match="either a recording or a work"):
        submit_claim(session, group.id, member.id, now=INGESTED)
    with pytest.raises(ClaimError, match="no recording"):
        submit_claim(session, group.id, member.id, recording_id=999_999, now=INGESTED)
    first = submit_claim(session, group.id, member.id, recording_id=recording, now=INGESTED)
    second = submit_claim(session, group.id, member.id, recording_id=recording, now=INGESTED)
    third = submit_claim(session, group.id, member.id, recording_id=recording, now=INGESTED)
    with pytest.raises(ClaimError, match="says why"):
        reject_claim(session, first.id, decided_by="staff", reason=" ")
    assert reject_claim(session, first.id, decided_by="staff", reason="no evidence").status == "rejected"
    with pytest.raises(ClaimError, match="already rejected"):
        accept_claim(session, first.id, decided_by="staff", now=INGESTED)
    with pytest.raises(ClaimError, match="later period"):
        accept_claim(session, second.id, decided_by="staff", payable_period="2026-03", now=INGESTED)
    accept_claim(session, second.id, decided_by="staff", now=INGESTED)
    assert third.status == "rejected" and "was accepted" in (third.reason or "")
    with pytest.raises(ClaimError, match="already claimed"):
        submit_claim(session, group.id, member.id, recording_id=recording, now=INGESTED)
    assert [c.status for c in list_claims(session)] == ["rejected", "accepted", "rejected"]


def test_unidentified_and_claims_are_paged_in_the_database(
    session: Session, member: Party, data_dir: Path
) -> None:
    catalogue(session)
    # five songs nobody registered, heavier and heavier: five unidentified groups
    rows = [f"KTV-1,A,,无名歌{n},无名,200,2026-03-0{n} 20:00,{n}" for n in range(1, 6)]
    import_usage(
        session,
        data_dir,
        play_log(data_dir.parent / "march.csv", rows),
        "2026-03",
        "karaoke",
        claims_window_days=WINDOW_DAYS,
        now=INGESTED,
    )
    first = unidentified_page(session, limit=2, now=INGESTED)
    rest = unidentified_page(session, limit=2, offset=2, now=INGESTED)
    assert first.total == rest.total == 5
    assert [i.weight for i in first.items + rest.items] == [5, 4, 3, 2]
    recording = catalogue_recording(session)
    heaviest = first.items[0].id
    claim = submit_claim(session, heaviest, member.id, recording_id=recording, now=INGESTED)
    for other in (i.id for i in rest.items):
        submit_claim(session, other, member.id, recording_id=recording, now=INGESTED)
    accept_claim(session, claim.id, decided_by="staff", now=INGESTED)
    # the accepted group is no longer open: it leaves the members' list, counts and all
    still_open = unidentified_page(session, open_only=True, limit=10, now=INGESTED)
    assert still_open.total == 4 and heaviest not in [i.id for i in still_open.items]
    assert [i.status for i in unidentified_page(session, limit=1, now=INGESTED).items] == ["claimed"]
    claims = claims_page(session, party_id=member.id, limit=2, offset=1)
    assert claims.total == 3 and len(claims.items) == 2
    assert claims_page(session, party_id=member.id, status="accepted").total == 1
