"""The monthly transparency report: its figures, its ledger entry, and bad months."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from registry.identifiers import generate_ipi_name
from registry.ledger_writer import history
from registry.models import record_table
from registry.services.parties.parties import PartyRef, find_party_by_ipi
from registry.services.repertoire.conflicts import ResolvedShare, list_conflicts, resolve_conflict
from registry.services.repertoire.registration import ShareInput, WorkInput, register_work
from registry.services.reporting.transparency import (
    KIND,
    ReportError,
    month_range,
    monthly_report,
    publish_report,
    published_report,
)

WRITER = PartyRef(name="Lo", first_name="Ta-yu", ipi_name=generate_ipi_name(401))
PUB_A = PartyRef(name="Rock Records Publishing", kind="company", ipi_name=generate_ipi_name(402))
PUB_B = PartyRef(name="Golden Melody Music", kind="company", ipi_name=generate_ipi_name(403))


def _this_month() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


def _work(session: Session, submitter: str, publisher: PartyRef, n: int, iswc: str | None = None) -> None:
    register_work(
        session,
        WorkInput(
            submitter=submitter,
            submitter_work_id=f"{submitter}-{n}",
            title=f"童年 {n}",
            iswc=iswc,
            shares=[
                ShareInput(party=WRITER, role="CA", right_type="PR", share=5000),
                ShareInput(party=publisher, role="E", right_type="PR", share=5000),
            ],
        ),
    )


def test_figures_count_the_months_registrations_conflicts_and_anchors(session: Session) -> None:
    for n in range(3):
        _work(session, "ROCK", PUB_A, n)
    _work(session, "ROCK", PUB_A, 10, iswc="T-101.914.232-4")
    _work(session, "GOLDEN", PUB_B, 11, iswc="T-101.914.232-4")  # claims 150%: a conflict
    session.execute(
        insert(record_table).values(
            chain_id=1337, contract="0x" + "ab" * 20, checkpoint_index=0, tree_size=9,
            root=b"\x01" * 32, note_hash=b"\x02" * 32, tx_hash="0x" + "cd" * 32, block_number=5,
            gas_used=127_760, gas_price_wei="1000000000", cost_wei=str(127_760 * 10**9),
        )
    )  # fmt: skip
    session.flush()
    month = _this_month()

    body = monthly_report(session, month)
    assert body["month"] == month
    assert body["repertoire"]["works_registered"] == 4
    assert body["repertoire"]["work_changes"] >= 5  # the conflict makes the work's second version
    assert body["conflicts"] == {"opened": 1, "resolved": 0, "open_at_end": 1}
    assert body["anchoring"] == {
        "checkpoints": 1,
        "largest_tree_size": 9,
        "gas_used": 127_760,
        "cost_wei": str(127_760 * 10**9),
    }

    [case] = list_conflicts(session)
    writer = find_party_by_ipi(session, WRITER.ipi_name or "")
    publisher = find_party_by_ipi(session, PUB_A.ipi_name or "")
    assert writer is not None and publisher is not None
    resolve_conflict(
        session,
        case.id,
        [
            ResolvedShare(party_id=writer.id, role="composer_lyricist", share=5000),
            ResolvedShare(party_id=publisher.id, role="publisher", share=5000),
        ],
        note="ROCK holds the publishing agreement",
    )
    session.flush()
    assert monthly_report(session, month)["conflicts"] == {"opened": 1, "resolved": 1, "open_at_end": 0}


def test_other_months_are_empty(session: Session) -> None:
    _work(session, "ROCK", PUB_A, 1)
    session.flush()
    body = monthly_report(session, "2001-02")
    assert body["repertoire"]["works_registered"] == 0
    assert body["anchoring"]["checkpoints"] == 0


def test_publishing_records_a_public_entry_and_a_new_version_only_on_change(session: Session) -> None:
    month = _this_month()
    over = month_range(month)[1].date()  # published once the month is over
    _work(session, "ROCK", PUB_A, 1)
    body, entry = publish_report(session, month, today=over)
    assert entry is not None and (entry.kind, entry.id, entry.version, entry.private) == (
        KIND,
        f"TR-{month}",
        1,
        False,
    )
    assert dict(entry.body) == body
    assert publish_report(session, month, today=over)[1] is None  # same figures: nothing new
    _work(session, "ROCK", PUB_A, 2)
    _, second = publish_report(session, month, today=over)
    assert second is not None and second.version == 2 and second.prev == entry.leaf_hash().hex()
    assert second.body["repertoire"]["works_registered"] == 2
    assert [e.version for e in history(session, KIND, f"TR-{month}")] == [1, 2]
    assert published_report(session, month) == second


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "26-01", "", "2026-00"])
def test_a_bad_month_is_refused(session: Session, month: str) -> None:
    with pytest.raises(ReportError, match="not YYYY-MM"):
        monthly_report(session, month)


def test_month_range_wraps_the_year() -> None:
    start, end = month_range("2026-12")
    assert (start.year, start.month, end.year, end.month) == (2026, 12, 2027, 1)
