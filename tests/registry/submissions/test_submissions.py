"""The review queue of works sent from outside, as the services keep it: a works template becomes
pending submissions (refused rows reported by line and field, the same file again adding
nothing), each with its standardisation suggestions; a clerk accepts as sent, corrects and
accepts, or rejects with a reason, once; many are accepted at once; every decision is the
submission's next entry, and a row changed behind the ledger's back is an audit finding."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.run import audit
from registry.crypto import FieldCipher
from registry.identifiers import generate_isrc, generate_iswc
from registry.ledger_writer import history, latest_entry
from registry.models import Submission, Work, WorkRegistration
from registry.services.repertoire.registration import RecordingInput
from registry.services.repertoire.submission_decisions import AlreadyDecided, accept, accept_many, reject
from registry.services.repertoire.submissions import (
    IntakeReport,
    UnknownSubmission,
    receive_template,
    submissions_page,
)
from registry.services.repertoire.submitted_work import SubmissionError
from registry.works_template import TemplateError
from tests.registry.submissions.templates import row, template
from tests.society.members import add_member, ref
from tests.society.repertoire import sole_work

VERIFIER = Signer.generate("submissions.test/log").verifier()
CIPHER = FieldCipher(bytes(range(32)))


def _receive(
    session: Session, data: bytes, name: str = "works.csv", submitter: str = "SONY-CN"
) -> IntakeReport:
    report = receive_template(session, data, name=name, submitter=submitter, submitted_by="clerk1")
    session.flush()
    return report


def _findings(session: Session) -> list[str]:
    session.expire_all()
    return [f.line() for f in audit(session, verifier=VERIFIER).findings]


def test_a_template_becomes_pending_submissions_with_their_entries(session: Session) -> None:
    bad = row(3, writer_1_pr_share=60)  # 60% performing: not the whole
    report = _receive(session, template([row(1), row(2, iswc=generate_iswc(501)), bad]))
    assert (report.rows, report.received, report.refused, report.already) == (3, 2, 1, 0)
    assert report.first is not None and report.last is not None
    refused = [p for p in report.problems if p["line"] == 4]
    assert refused and "pr_share" in refused[0]["field"], report.problems
    page = submissions_page(session, "pending", None, 50, 0)
    assert page.total == 2 and [s.submitter_work_id for s in page.items] == ["PUB-1", "PUB-2"]
    first = page.items[0]
    entry = latest_entry(session, "submission", f"SUB-{first.id}")
    assert entry is not None and entry.version == 1 and entry.body["status"] == "pending"
    assert entry.body["submitter"] == "SONY-CN" and entry.body["line"] == 2 and entry.body["work"] is None
    # Sent again: nothing new, and said so.
    again = _receive(session, template([row(1), row(2, iswc=generate_iswc(501)), bad]))
    assert (again.received, again.already) == (0, 2)
    assert "sent before" in again.problems[0]["message"]
    assert submissions_page(session, None, None, 50, 0).total == 2
    assert _findings(session) == []


def test_a_file_that_is_no_template_writes_nothing(session: Session) -> None:
    with pytest.raises(TemplateError):
        _receive(session, b"name,amount\nx,1\n")
    with pytest.raises(SubmissionError) as no_one:
        _receive(session, template([row(1)]), submitter="  ")
    assert no_one.value.field == "submitter"
    assert session.scalar(select(Submission.id)) is None


def test_suggestions_name_what_a_clerk_should_look_at(session: Session) -> None:
    member = add_member(session, CIPHER, "Liu", first_name="Mei", ipi=8801)
    session.flush()
    held = sole_work(
        session,
        ref(member),
        "SONY-OLD",
        "Moonlight River",
        iswc=generate_iswc(802),
        recording=RecordingInput(title="Moonlight River", isrc=generate_isrc("CN", "B12", 26, 802)),
        submitter="SONY-CN",
    )
    session.flush()
    rows = [
        row(1, title="SPRING  RAIN"),  # capitals and a double space: a tidier title
        row(2, iswc=generate_iswc(802)),  # an ISWC we hold
        row(3, title="Moonlight River", writer_1_name="Liu, Mei"),  # same title and writer
        {**row(4), "submitter_work_id": "SONY-OLD"},  # the submitter's number of a work we hold
        row(5, writer_1_name="Liu, Mei", isrc=generate_isrc("CN", "B12", 26, 802)),  # IPI known, ISRC held
        row(6),
    ]
    _receive(session, template(rows))
    found = {s.submitter_work_id: s.suggestions for s in submissions_page(session, None, None, 50, 0).items}
    kinds = {number: {s["kind"] for s in advice} for number, advice in found.items()}
    assert {"kind": "title", "field": "title", "value": "Spring Rain"} in found["PUB-1"]
    assert "iswc_missing" in kinds["PUB-1"] and "iswc_missing" not in kinds["PUB-2"]
    assert {"kind": "iswc_held", "field": "iswc", "work": held.ledger_id} in found["PUB-2"]
    duplicate = [s for s in found["PUB-3"] if s["kind"] == "duplicate"]
    assert duplicate == [
        {
            "kind": "duplicate",
            "field": "title",
            "work": held.ledger_id,
            "title": "Moonlight River",
            "writer": "liu mei",
        }
    ]
    assert {"kind": "update", "field": "submitter_work_id", "work": held.ledger_id} in found["SONY-OLD"]
    assert {
        "kind": "ipi",
        "field": "writers[1].ipi_name",
        "value": member.ipi_name,
        "party": f"M-{member.id}",
    } in found["PUB-5"]
    assert "isrc_held" in kinds["PUB-5"]
    assert kinds["PUB-6"] == {"iswc_missing"}  # nothing else to say about an ordinary new work


def test_accept_as_sent_registers_the_work_once(session: Session) -> None:
    _receive(
        session,
        template(
            [row(1, iswc=generate_iswc(901), ai_involvement="assisted", ai_tool="Suno", human_share=70)]
        ),
    )
    pending = submissions_page(session, "pending", None, 50, 0).items[0]
    sub = f"SUB-{pending.id}"
    done = accept(session, sub, decided_by="clerk2")
    session.flush()
    work = session.get(Work, done.work_id)
    assert work is not None and work.iswc == generate_iswc(901) and work.title == "Song Number 1"
    assert (work.ai_involvement, work.ai_tool, work.human_share) == ("assisted", "Suno", 7000)
    registered = session.scalars(select(WorkRegistration).where(WorkRegistration.work_id == work.id)).one()
    assert (registered.submitter, registered.submitter_work_id) == ("SONY-CN", "PUB-1")
    entries = history(session, "submission", sub)
    assert [e.body["status"] for e in entries] == ["pending", "accepted"]
    assert entries[1].body["work"] == work.ledger_id and entries[1].body["corrected"] is None
    assert entries[1].body["decided_by"] == "clerk2" and entries[1].prev == entries[0].leaf_hash().hex()
    with pytest.raises(AlreadyDecided):
        accept(session, sub, decided_by="clerk3")
    with pytest.raises(AlreadyDecided):
        reject(session, sub, reason="late", decided_by="clerk3")
    with pytest.raises(UnknownSubmission):
        accept(session, "SUB-999999", decided_by="clerk3")
    assert _findings(session) == []


def test_correct_and_accept_keeps_both_versions(session: Session) -> None:
    _receive(session, template([row(1, title="SPRING  RAIN")]))
    pending = submissions_page(session, "pending", None, 50, 0).items[0]
    sub = f"SUB-{pending.id}"
    bad = {**pending.proposed, "writers": [{**pending.proposed["writers"][0], "pr_share": 5000}]}
    with pytest.raises(SubmissionError) as short:
        accept(session, sub, decided_by="clerk2", corrected=bad)
    assert short.value.field == "pr_share"
    corrected = {
        **pending.proposed,
        "title": "Spring Rain",
        "iswc": "T-000.000.777-" + generate_iswc(777)[-1],
    }
    done = accept(session, sub, decided_by="clerk2", corrected=corrected, note="title tidied")
    session.flush()
    assert done.proposed["title"] == "SPRING  RAIN" and done.accepted is not None
    assert done.accepted["title"] == "Spring Rain" and done.accepted["iswc"] == generate_iswc(777)
    work = session.get(Work, done.work_id)
    assert work is not None and work.title == "Spring Rain"
    entry = latest_entry(session, "submission", sub)
    assert (
        entry is not None and entry.body["corrected"] is not None and entry.body["reason"] == "title tidied"
    )
    assert entry.body["corrected"] != entry.body["proposed"]
    assert _findings(session) == []


def test_reject_needs_a_reason_and_registers_nothing(session: Session) -> None:
    _receive(session, template([row(1)]))
    sub = f"SUB-{submissions_page(session, 'pending', None, 50, 0).items[0].id}"
    with pytest.raises(SubmissionError) as why:
        reject(session, sub, reason="   ", decided_by="clerk2")
    assert why.value.field == "reason"
    done = reject(session, sub, reason="not our repertoire", decided_by="clerk2")
    session.flush()
    assert done.status == "rejected" and done.work_id is None
    assert session.scalar(select(Work.id)) is None
    entry = latest_entry(session, "submission", sub)
    assert (
        entry is not None
        and entry.body["status"] == "rejected"
        and entry.body["reason"] == "not our repertoire"
    )
    assert submissions_page(session, "rejected", None, 50, 0).total == 1
    assert submissions_page(session, "pending", None, 50, 0).total == 0


def test_accept_many_registers_each_and_reports_the_rest(session: Session) -> None:
    rows = [row(n, iswc=generate_iswc(2000 + n)) for n in range(1, 41)]
    rows.append(row(41, iswc=generate_iswc(2001)))  # the first one's ISWC: registered the usual way
    _receive(session, template(rows))
    ids = [f"SUB-{s.id}" for s in submissions_page(session, "pending", None, 100, 0).items]
    reject(session, ids[5], reason="duplicate of PUB-1", decided_by="clerk2")
    report = accept_many(session, [*ids, "SUB-999999", "nonsense"], decided_by="clerk2")
    session.flush()
    assert (report.asked, report.accepted) == (43, 40)
    refused = {r["submission"]: r["message"] for r in report.refused}
    assert set(refused) == {ids[5], "SUB-999999", "nonsense"} and "rejected" in refused[ids[5]]
    assert len(report.works) == 40 and len(set(report.works)) == 39  # the 41st joined the 1st's work
    assert submissions_page(session, "pending", None, 50, 0).total == 0
    assert submissions_page(session, "accepted", None, 50, 0).total == 40
    assert session.scalar(select(text("count(*)")).select_from(Work)) == 39
    for sub in (ids[0], ids[-1]):
        entry = latest_entry(session, "submission", sub)
        assert entry is not None and entry.body["status"] == "accepted" and entry.body["work"] is not None
    assert _findings(session) == []


def test_the_queue_is_searched_by_title_submitter_number_and_id(session: Session) -> None:
    _receive(session, template([row(1, title="Spring Rain"), row(2, title="Autumn Wind")]))
    _receive(session, template([row(3, title="Spring Song")]), name="other.csv", submitter="WARNER-CN")
    assert [s.title for s in submissions_page(session, None, "spring", 50, 0).items] == [
        "Spring Rain",
        "Spring Song",
    ]
    assert submissions_page(session, None, "WARNER-CN", 50, 0).total == 1
    assert [s.title for s in submissions_page(session, None, "PUB-2", 50, 0).items] == ["Autumn Wind"]
    first = submissions_page(session, None, None, 1, 0).items[0]
    assert submissions_page(session, None, f"sub-{first.id}", 50, 0).items == [first]
    assert submissions_page(session, None, None, 2, 2).items[0].title == "Spring Song"


@pytest.mark.parametrize(
    ("column", "value"),
    [("status", "'accepted'"), ("title", "'Changed'"), ("work_id", "NULL"), ("reason", "'edited'")],
)
def test_a_submission_changed_behind_the_ledgers_back_is_found(
    session: Session, column: str, value: str
) -> None:
    _receive(session, template([row(1), row(2)]))
    first, second = (s.id for s in submissions_page(session, None, None, 50, 0).items)
    accept(session, f"SUB-{first}", decided_by="clerk2")
    reject(session, f"SUB-{second}", reason="no", decided_by="clerk2")
    session.flush()
    assert _findings(session) == []
    target = first if column == "work_id" else second
    session.execute(text(f"UPDATE submission SET {column} = {value} WHERE id = :id"), {"id": target})
    found = _findings(session)
    assert any(f"SUB-{target}" in line for line in found), found


def test_the_work_as_sent_changed_is_found(session: Session) -> None:
    _receive(session, template([row(1)]))
    sub = submissions_page(session, None, None, 50, 0).items[0]
    changed = {**sub.proposed, "writers": [{**sub.proposed["writers"][0], "name": "Someone, Else"}]}
    sub.proposed = changed
    session.flush()
    found = _findings(session)
    assert any(f"SUB-{sub.id}" in line for line in found), found


def test_an_ai_declaration_that_does_not_hold_together_is_refused_on_arrival(session: Session) -> None:
    assisted = row(1, ai_involvement="assisted", ai_tool="Suno")  # no human share
    report = _receive(session, template([assisted, row(2, ai_involvement="generated", ai_tool="Udio")]))
    assert (report.received, report.refused) == (1, 1)
    assert [(p["line"], p["field"]) for p in report.problems] == [(2, "ai.human_share")], report.problems
    generated = submissions_page(session, "pending", None, 50, 0).items[0]
    bad = {**generated.proposed, "ai": {"involvement": "none", "tool": "Udio", "human_share": None}}
    with pytest.raises(SubmissionError) as wrong:
        accept(session, f"SUB-{generated.id}", decided_by="clerk2", corrected=bad)
    assert wrong.value.field == "ai.tool"
    report = accept_many(session, [f"SUB-{generated.id}"], decided_by="clerk2")
    work = session.get(Work, int(report.works[0].removeprefix("W-")))
    assert work is not None and (work.ai_involvement, work.ai_tool, work.human_share) == (
        "generated",
        "Udio",
        0,
    )
