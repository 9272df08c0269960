"""Share conflicts: opened by registrations whose claims exceed the whole, resolved by staff, and
the ledger entries each step writes."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from registry.identifiers import generate_ipi_name
from registry.ledger_writer import history
from registry.models import Work, WorkShare
from registry.services.parties.parties import PartyRef, find_party_by_ipi
from registry.services.repertoire.conflicts import (
    ConflictError,
    ResolvedShare,
    list_conflicts,
    open_conflict,
    resolve_conflict,
)
from registry.services.repertoire.registration import Outcome, ShareInput, WorkInput, register_work
from registry.shares import RESOLUTION, ShareError

ISWC = "T-101.914.232-4"
WRITER = PartyRef(name="Lo", first_name="Ta-yu", ipi_name=generate_ipi_name(301))
PUB_A = PartyRef(name="Rock Records Publishing", kind="company", ipi_name=generate_ipi_name(302))
PUB_B = PartyRef(name="Golden Melody Music", kind="company", ipi_name=generate_ipi_name(303))


def _registration(submitter: str, publisher: PartyRef, share: int = 5000, **more: object) -> WorkInput:
    fields: dict[str, object] = {
        "submitter": submitter,
        "submitter_work_id": f"{submitter}-1",
        "title": "童年",
        "iswc": ISWC,
        "shares": [
            ShareInput(party=WRITER, role="CA", right_type="PR", share=5000),
            ShareInput(party=publisher, role="E", right_type="PR", share=share, controlled=True),
        ],
    }
    fields.update(more)
    return WorkInput(**fields)  # type: ignore[arg-type]


def _party_id(ref: PartyRef, session: Session) -> int:
    party = find_party_by_ipi(session, ref.ipi_name or "")
    assert party is not None
    return party.id


def _conflicting_work(session: Session) -> Work:
    register_work(session, _registration("ROCK", PUB_A))
    # A second publisher claims the same 50% publisher share of the same ISWC: 150% in all.
    work, outcome = register_work(session, _registration("GOLDEN", PUB_B))
    assert outcome is Outcome.UPDATED
    return work


def test_a_second_submitter_over_the_whole_opens_a_conflict(session: Session) -> None:
    work = _conflicting_work(session)
    assert work.status == "in_conflict"
    [case] = list_conflicts(session)
    assert (case.work_id, case.right_type, case.status, case.claimed_total) == (
        work.id,
        "performing",
        "open",
        15000,
    )
    [entry] = history(session, "conflict", case.ledger_id)
    assert (entry.kind, entry.id, entry.version, entry.private) == ("conflict", f"C-{case.id}", 1, False)
    assert entry.body["work"] == work.ledger_id and entry.body["iswc"] == "T1019142324"
    assert entry.body["status"] == "open" and entry.body["resolution"] is None
    claimed = {(c["submitter"], c["name"], c["role"], c["share"]) for c in entry.body["claims"]}
    assert claimed == {
        ("ROCK", "Lo", "composer_lyricist", 5000),
        ("ROCK", "Rock Records Publishing", "publisher", 5000),
        ("GOLDEN", "Lo", "composer_lyricist", 5000),
        ("GOLDEN", "Golden Melody Music", "publisher", 5000),
    }
    versions = history(session, "work", work.ledger_id)
    assert [v.body["status"] for v in versions] == ["complete", "in_conflict"]
    assert versions[-1].body["open_conflicts"] == [case.ledger_id]
    assert versions[-1].body["totals"] == {"performing": 15000}
    # The same file again changes nothing, and opens nothing new.
    assert register_work(session, _registration("GOLDEN", PUB_B))[1] is Outcome.UNCHANGED
    assert len(list_conflicts(session, None)) == 1


def test_staff_resolve_a_conflict(session: Session) -> None:
    work = _conflicting_work(session)
    [case] = list_conflicts(session)
    decided = [
        ResolvedShare(party_id=_party_id(WRITER, session), role="CA", share=5000),
        ResolvedShare(party_id=_party_id(PUB_A, session), role="E", share=2500),
        ResolvedShare(party_id=_party_id(PUB_B, session), role="E", share=2500),
    ]
    resolved = resolve_conflict(
        session, case.id, decided, "co-publishing agreement of 2019, 50/50", "registry staff"
    )
    assert resolved.status == "resolved" and resolved.resolved_at is not None
    assert list_conflicts(session) == [] and list_conflicts(session, "resolved") == [case]
    opened, closed = history(session, "conflict", case.ledger_id)
    assert (closed.version, closed.prev) == (2, opened.leaf_hash().hex())
    assert closed.body["status"] == "resolved"
    assert closed.body["resolution"]["note"] == "co-publishing agreement of 2019, 50/50"
    assert closed.body["resolution"]["decided_by"] == "registry staff"
    assert {(s["name"], s["share"]) for s in closed.body["resolution"]["shares"]} == {
        ("Lo", 5000),
        ("Rock Records Publishing", 2500),
        ("Golden Melody Music", 2500),
    }
    assert work.status == "complete"
    latest = history(session, "work", work.ledger_id)[-1]
    assert latest.version == 3
    assert latest.body["status"] == "complete" and latest.body["open_conflicts"] == []
    assert latest.body["totals"] == {"performing": 10000}
    assert {(s["name"], s["share"]) for s in latest.body["shares"] if s["submitter"] == RESOLUTION} == {
        ("Lo", 5000),
        ("Rock Records Publishing", 2500),
        ("Golden Melody Music", 2500),
    }
    # The submitters' own claims stay as registered, beside the decision.
    assert {s.submitter for s in work.shares} == {"ROCK", "GOLDEN", RESOLUTION}
    # Re-importing either file changes nothing and does not reopen the case.
    assert register_work(session, _registration("ROCK", PUB_A))[1] is Outcome.UNCHANGED
    assert register_work(session, _registration("GOLDEN", PUB_B))[1] is Outcome.UNCHANGED
    assert list_conflicts(session) == []


def test_a_resolution_must_make_the_whole_and_happens_once(session: Session) -> None:
    _conflicting_work(session)
    [case] = list_conflicts(session)
    writer = _party_id(WRITER, session)
    with pytest.raises(ShareError, match="must make 100%"):
        resolve_conflict(session, case.id, [ResolvedShare(party_id=writer, role="CA", share=9993)], "short")
    with pytest.raises(ConflictError, match="decided shares"):
        resolve_conflict(session, case.id, [], "nothing")
    with pytest.raises(ConflictError, match="no party"):
        resolve_conflict(session, case.id, [ResolvedShare(party_id=99999, role="CA", share=10000)], "who")
    resolve_conflict(
        session, case.id, [ResolvedShare(party_id=writer, role="CA", share=10000)], "writer owns all"
    )
    with pytest.raises(ConflictError, match="already resolved"):
        resolve_conflict(session, case.id, [ResolvedShare(party_id=writer, role="CA", share=10000)], "again")
    with pytest.raises(ConflictError, match="no conflict"):
        resolve_conflict(session, 99999, [], "x")


def test_one_submitter_over_the_whole_opens_a_conflict_its_correction_closes(session: Session) -> None:
    work, outcome = register_work(session, _registration("ROCK", PUB_A, share=5007))
    assert outcome is Outcome.CREATED and work.status == "in_conflict"
    [case] = list_conflicts(session)
    assert case.claimed_total == 10007
    # Still wrong, differently: the case is restated.
    register_work(session, _registration("ROCK", PUB_A, share=5100))
    assert case.claimed_total == 10100
    # Corrected: the case closes by itself.
    work, outcome = register_work(session, _registration("ROCK", PUB_A, share=5000))
    assert outcome is Outcome.UPDATED and work.status == "complete"
    assert list_conflicts(session) == [] and case.status == "resolved" and case.decided_by == "registration"
    versions = history(session, "conflict", case.ledger_id)
    assert [(v.version, v.body["status"], v.body["claimed_total"]) for v in versions] == [
        (1, "open", 10007),
        (2, "open", 10100),
        (3, "resolved", 10100),
    ]
    assert "corrected" in versions[-1].body["resolution"]["note"]
    assert [v.body["status"] for v in history(session, "work", work.ledger_id)] == [
        "in_conflict",
        "in_conflict",
        "complete",
    ]


def test_right_types_conflict_separately(session: Session) -> None:
    shares = [ShareInput(party=WRITER, role="CA", right_type=right, share=5000) for right in ("PR", "MR")] + [
        ShareInput(party=PUB_A, role="E", right_type="PR", share=5000),
        ShareInput(party=PUB_A, role="E", right_type="MR", share=6000),
    ]
    work, _ = register_work(session, _registration("ROCK", PUB_A, shares=shares))
    assert [(c.right_type, c.claimed_total) for c in list_conflicts(session)] == [("mechanical", 11000)]
    assert work.status == "in_conflict"


def test_staff_open_a_case_by_hand(session: Session) -> None:
    work, _ = register_work(session, _registration("ROCK", PUB_A))
    case = open_conflict(session, work, "PR")
    assert open_conflict(session, work, "performing") is case  # one open case per right type
    assert (case.status, case.claimed_total) == ("open", 10000)
    assert work.status == "in_conflict"
    assert [v.body["status"] for v in history(session, "work", work.ledger_id)] == ["complete", "in_conflict"]
    writer = _party_id(WRITER, session)
    resolve_conflict(
        session, case.id, [ResolvedShare(party_id=writer, role="CA", share=10000)], "court ruling"
    )
    assert work.status == "complete"
    decided = [s for s in work.shares if s.submitter == RESOLUTION]
    assert [(s.party_id, s.share) for s in decided] == [(writer, 10000)]
    assert all(isinstance(s, WorkShare) for s in decided)
