"""Recording facts: versions chained by leaf hash, history, and integration into the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.entry import parse_entry
from ledger.errors import EntryError
from registry.ledger_writer import (
    Fact,
    entry_by_leaf_hash,
    history,
    integrate_pending,
    latest_entry,
    record,
    record_many,
)
from registry.log_store import SqlLogStore
from registry.models import LedgerEntry, entry_table


def test_versions_chain_by_previous_leaf_hash(session: Session) -> None:
    first = record(session, "work", "W-1", {"title": "Moon River"})
    second = record(session, "work", "W-1", {"title": "Moon River (remaster)"})
    other = record(session, "work", "W-2", {"title": "Blue Moon"})
    assert (first.version, first.prev) == (1, None)
    assert (second.version, second.prev) == (2, first.leaf_hash().hex())
    assert (other.version, other.prev) == (1, None)


def test_the_row_holds_the_exact_entry(session: Session) -> None:
    entry = record(session, "member", "M-7", {"name": "A. Writer", "ipi": "00012345678"})
    row = session.scalars(select(LedgerEntry).where(LedgerEntry.entry_id == "M-7")).one()
    assert bytes(row.canonical) == entry.canonical()
    assert bytes(row.leaf_hash) == entry.leaf_hash()
    assert (row.kind, row.version, row.prev_hash, row.private) == ("member", 1, None, True)
    assert entry.salt is not None and parse_entry(bytes(row.canonical)) == entry
    assert row.recorded_at is not None


def test_record_many_chains_repeats_and_continues_existing_histories(session: Session) -> None:
    before = record(session, "license", "L-1", {"status": "granted"})
    work = record(session, "work", "W-9", {"title": "Old"})
    entries = record_many(
        session,
        [
            Fact("license", "L-1", {"status": "suspended"}),
            ("work", "W-9", {"title": "New"}),
            ("license", "L-1", {"status": "revoked"}, "2026-01-31T08:00:00Z"),
        ],
    )
    assert [(e.kind, e.id, e.version) for e in entries] == [
        ("license", "L-1", 2),
        ("work", "W-9", 2),
        ("license", "L-1", 3),
    ]
    assert entries[0].prev == before.leaf_hash().hex()
    assert entries[1].prev == work.leaf_hash().hex()
    assert entries[2].prev == entries[0].leaf_hash().hex()
    assert entries[2].at == "2026-01-31T08:00:00Z"
    assert history(session, "license", "L-1") == [before, entries[0], entries[2]]
    assert record_many(session, []) == []


def test_history_latest_and_lookup_by_leaf_hash(session: Session) -> None:
    versions = [record(session, "recording", "R-1", {"take": n}) for n in range(4)]
    record(session, "work", "R-1", {"title": "same id, other kind"})
    assert history(session, "recording", "R-1") == versions
    assert history(session, "recording", "nobody") == []
    assert latest_entry(session, "recording", "R-1") == versions[-1]
    assert latest_entry(session, "recording", "nobody") is None
    digest = versions[2].leaf_hash()
    assert entry_by_leaf_hash(session, digest) == versions[2]
    assert entry_by_leaf_hash(session, digest.hex()) == versions[2]
    assert entry_by_leaf_hash(session, b"\x00" * 32) is None


def test_at_accepts_rfc3339_and_aware_datetimes(session: Session) -> None:
    plus8 = timezone(timedelta(hours=8))
    entry = record(session, "work", "W-t", {}, at=datetime(2026, 3, 1, 16, 30, tzinfo=plus8))
    assert entry.at == "2026-03-01T08:30:00.000000Z"
    assert record(session, "work", "W-t", {}, at="2026-03-02T00:00:00Z").at == "2026-03-02T00:00:00Z"
    before = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    assert record(session, "work", "W-t", {}).at[:19] >= before
    with pytest.raises(ValueError, match="no time zone"):
        record(session, "work", "W-t", {}, at=datetime(2026, 3, 1))


def test_a_bad_fact_records_nothing(session: Session) -> None:
    with pytest.raises(EntryError, match="unknown entry kind"):
        record_many(session, [("work", "W-ok", {}), ("song", "S-1", {})])
    assert session.scalar(select(func.count()).select_from(entry_table)) == 0


def test_integrate_pending_appends_in_recording_order_once(session: Session) -> None:
    entries = record_many(session, [("work", f"W{n}", {"n": n}) for n in range(5)])
    entries.append(record(session, "work", "W0", {"n": 99}))
    assert integrate_pending(session) == (0, 6)
    assert integrate_pending(session) == (6, 6)
    store = SqlLogStore(session)
    assert store.leaf_hashes(0, 6) == [entry.leaf_hash() for entry in entries]
    later = record(session, "evidence", "E-1", {"sha256": "00" * 32})
    assert integrate_pending(session) == (6, 7)
    assert store.leaf_hashes(6, 7) == [later.leaf_hash()]


def test_integrate_pending_respects_the_limit(session: Session) -> None:
    entries = record_many(session, [("work", f"W{n}", {"n": n}) for n in range(7)])
    assert integrate_pending(session, limit=2) == (0, 2)
    assert integrate_pending(session, limit=0) == (2, 2)
    assert integrate_pending(session, limit=3) == (2, 5)
    assert integrate_pending(session, limit=100) == (5, 7)
    assert SqlLogStore(session).leaf_hashes(0, 7) == [entry.leaf_hash() for entry in entries]


def test_integrate_pending_in_chunks(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("registry.ledger_writer._INTEGRATE_CHUNK", 3)
    entries = record_many(session, [("work", f"W{n}", {"n": n}) for n in range(10)])
    assert integrate_pending(session, limit=8) == (0, 8)
    assert integrate_pending(session) == (8, 10)
    assert SqlLogStore(session).leaf_hashes(0, 10) == [entry.leaf_hash() for entry in entries]
