"""Works a clerk registers and edits by form: each is a submission accepted at once (who entered
what stays on the ledger), the registration is the society's own or the named submitter's, an
edit replaces the first submitter's facts and claims (the work's next version), keeps its ISWC,
and a form that does not hold together is refused naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.run import audit
from registry.identifiers import generate_iswc
from registry.ledger_writer import history, latest_entry
from registry.models import Work, WorkRegistration, WorkShare
from registry.services.repertoire.submitted_work import SubmissionError
from registry.services.repertoire.work_forms import UnknownWork, edit_by_form, register_by_form

VERIFIER = Signer.generate("forms.test/log").verifier()


def _work(**more: Any) -> dict[str, Any]:
    writer = {"name": "Zhou, Lan", "ipi_name": None, "role": "CA", "pr_share": 10_000, "mr_share": 10_000}
    return {
        "submitter_work_id": "CMO-2026-001",
        "title": "River Song",
        "iswc": generate_iswc(4401),
        "language": "zh",
        "duration_seconds": 215,
        "alt_titles": ["江之歌"],
        "writers": [{**writer, "sr_share": 0}],
        "publishers": [],
        "recordings": [{"isrc": None, "title": None, "artist": "Zhou Lan", "duration_seconds": 215}],
        "ai": {"involvement": "none", "tool": None, "human_share": None},
        **more,
    }


def test_a_work_registered_by_form_is_the_societys_and_says_who_entered_it(session: Session) -> None:
    done = register_by_form(session, _work(), entered_by="clerk1")
    session.flush()
    work = session.get(Work, done.work_id)
    assert work is not None and work.title == "River Song" and work.iswc == generate_iswc(4401)
    assert work.primary_submitter == "CMO" and work.ai_involvement == "none"
    assert len(work.recordings) == 1 and work.recordings[0].artist == "Zhou Lan"
    entries = history(session, "submission", f"SUB-{done.id}")
    assert [(e.body["status"], e.body["channel"]) for e in entries] == [
        ("pending", "form"),
        ("accepted", "form"),
    ]
    assert entries[1].body["submitted_by"] == "clerk1" and entries[1].body["work"] == work.ledger_id
    other = register_by_form(
        session,
        _work(submitter_work_id="EMI-9", iswc=None, title="Another"),
        entered_by="clerk1",
        submitter="EMI",
    )
    session.flush()
    registered = session.scalars(
        select(WorkRegistration).where(WorkRegistration.work_id == other.work_id)
    ).one()
    assert (registered.submitter, registered.submitter_work_id) == ("EMI", "EMI-9")
    assert [f.line() for f in audit(session, verifier=VERIFIER).findings] == []


def test_an_edit_is_the_works_next_version(session: Session) -> None:
    done = register_by_form(session, _work(iswc=None), entered_by="clerk1")
    session.flush()
    work_id = f"W-{done.work_id}"
    before = latest_entry(session, "work", work_id)
    assert before is not None
    writers = [
        {
            "name": "Zhou, Lan",
            "ipi_name": None,
            "role": "C",
            "pr_share": 5000,
            "mr_share": 5000,
            "sr_share": 0,
        },
        {
            "name": "Qian, Yu",
            "ipi_name": None,
            "role": "A",
            "pr_share": 5000,
            "mr_share": 5000,
            "sr_share": 0,
        },
    ]
    edited = edit_by_form(
        session,
        work_id,
        _work(submitter_work_id="", title="River Song (2026)", iswc=generate_iswc(4402), writers=writers),
        entered_by="clerk2",
    )
    session.flush()
    assert edited.work_id == done.work_id and edited.submitter_work_id == "CMO-2026-001"
    work = session.get(Work, done.work_id)
    assert work is not None and work.title == "River Song (2026)" and work.iswc == generate_iswc(4402)
    claims = session.scalars(
        select(WorkShare).where(WorkShare.work_id == work.id, WorkShare.right_type == "performing")
    )
    assert sorted((c.party.name, c.share) for c in claims) == [("Qian", 5000), ("Zhou", 5000)]
    after = latest_entry(session, "work", work_id)
    assert after is not None and after.version > before.version
    with pytest.raises(SubmissionError) as other_iswc:
        edit_by_form(session, work_id, _work(iswc=generate_iswc(4403)), entered_by="clerk2")
    assert other_iswc.value.field == "iswc"
    with pytest.raises(SubmissionError) as short:
        edit_by_form(session, work_id, _work(writers=[{**writers[0]}]), entered_by="clerk2")
    assert short.value.field == "pr_share"
    with pytest.raises(UnknownWork):
        edit_by_form(session, "W-999999", _work(), entered_by="clerk2")
    assert [f.line() for f in audit(session, verifier=VERIFIER).findings] == []
