"""Public entries that name a party or a work stay true to the rows: renaming a member restates
the works, recordings and conflict cases that name them; retitling a work restates its cases.
(`rightsledger audit` compares each latest entry with the rows and found both gaps.)"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.run import audit
from registry.crypto import field_cipher
from registry.identifiers import generate_ipi_name
from registry.ledger_writer import history, latest_entry
from registry.services.members.membership import MemberInput, MemberUpdate, register_member, update_member
from registry.services.parties.parties import PartyRef
from registry.services.repertoire.conflicts import list_conflicts
from registry.services.repertoire.registration import (
    RecordingInput,
    RecordingShareInput,
    ShareInput,
    WorkInput,
    register_work,
)

VERIFIER = Signer.generate("restate.test/log").verifier()
ISWC = "T-101.914.232-4"


def _rows_findings(session: Session) -> list[str]:
    return [f.line() for f in audit(session, verifier=VERIFIER).findings if f.line().startswith("[rows]")]


def _work(session: Session, submitter: str, writer: PartyRef, publisher: PartyRef, title: str) -> None:
    register_work(
        session,
        WorkInput(
            submitter=submitter,
            submitter_work_id=f"{submitter}-1",
            title=title,
            iswc=ISWC,
            shares=[
                ShareInput(party=writer, role="CA", right_type="PR", share=5000),
                ShareInput(party=publisher, role="E", right_type="PR", share=5000),
            ],
            recordings=[
                RecordingInput(
                    title=title,
                    isrc="CN-A12-26-00001",
                    artist="Teng",
                    duration_seconds=200,
                    shares=[RecordingShareInput(party=writer, role="performer", share=10_000)],
                )
            ]
            if submitter == "ROCK"
            else [],
        ),
    )


def test_renaming_a_member_restates_what_names_them(session: Session, tmp_path: Path) -> None:
    cipher = field_cipher(tmp_path / "data.key")
    member = register_member(
        session, cipher, MemberInput(name="Teng", first_name="Li-chun", ipi_name=generate_ipi_name(801))
    )
    writer = PartyRef(name="Teng", first_name="Li-chun", ipi_name=member.ipi_name)
    publisher = PartyRef(name="Rock Records", kind="company", ipi_name=generate_ipi_name(802))
    other = PartyRef(name="Golden Melody", kind="company", ipi_name=generate_ipi_name(803))
    _work(session, "ROCK", writer, publisher, "Song")
    _work(session, "GOLDEN", writer, other, "Song")  # 150%: a conflict naming the writer
    [case] = list_conflicts(session)
    work_id, recording_id, case_id = case.work.ledger_id, case.work.recordings[0].ledger_id, case.ledger_id
    member_id = member.id
    assert _rows_findings(session) == []

    update_member(session, cipher, member_id, MemberUpdate(name="Deng"))

    work = latest_entry(session, "work", work_id)
    assert work is not None and {s["name"] for s in work.body["shares"]} >= {"Deng"}
    assert "Teng" not in {s["name"] for s in work.body["shares"]}
    recording = latest_entry(session, "recording", recording_id)
    assert recording is not None and recording.body["shares"][0]["name"] == "Deng"
    conflict = latest_entry(session, "conflict", case_id)
    assert conflict is not None and "Deng" in {c["name"] for c in conflict.body["claims"]}
    assert _rows_findings(session) == []
    # A change that names nobody differently restates nothing.
    before = len(history(session, "work", work_id))
    update_member(session, cipher, member_id, MemberUpdate(society="CMO"))
    assert len(history(session, "work", work_id)) == before


def test_retitling_a_work_in_conflict_restates_its_case(session: Session) -> None:
    writer = PartyRef(name="Lo", ipi_name=generate_ipi_name(811))
    publisher = PartyRef(name="Rock Records", kind="company", ipi_name=generate_ipi_name(812))
    other = PartyRef(name="Golden Melody", kind="company", ipi_name=generate_ipi_name(813))
    _work(session, "ROCK", writer, publisher, "Song")
    _work(session, "GOLDEN", writer, other, "Song")
    [case] = list_conflicts(session)
    _work(session, "ROCK", writer, publisher, "Song (remastered title)")  # the first submitter's title
    conflict = latest_entry(session, "conflict", case.ledger_id)
    assert conflict is not None and conflict.body["title"] == "Song (remastered title)"
    assert _rows_findings(session) == []
