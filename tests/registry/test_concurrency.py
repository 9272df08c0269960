"""Two writers at once: a clear error or a queue, never a forked version chain or a torn log."""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from ledger.entry import Entry
from registry.errors import VersionConflict
from registry.ledger_writer import history, integrate_pending, record, record_many
from registry.log_store import SqlLogStore


def _wait_until_waiting(engine: Engine, future: Future[Any]) -> None:
    """Return once the other thread waits for a lock (PostgreSQL shows it; SQLite gets a pause)."""
    if engine.dialect.name != "postgresql":
        time.sleep(0.3)
        return
    deadline = time.monotonic() + 10
    with engine.connect() as connection:
        while time.monotonic() < deadline and not future.done():
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            connection.rollback()  # pg_stat_activity is a snapshot per transaction
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first")


def test_a_stale_version_is_refused_naming_the_thing(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(session, "work", "W-1", {"title": "v1"})
    record(session, "work", "W-2", {"title": "v1"})
    # What a writer that read before another one's commit would believe: nothing recorded yet.
    monkeypatch.setattr("registry.ledger_writer.newest_versions", lambda _session, _keys: {})
    with pytest.raises(VersionConflict, match=r"work 'W-1' version 1 was recorded by a concurrent"):
        record(session, "work", "W-1", {"title": "mine"})
    session.rollback()


def test_a_stale_batch_names_the_conflicting_thing(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    record(session, "work", "W-2", {"title": "v1"})
    monkeypatch.setattr("registry.ledger_writer.newest_versions", lambda _session, _keys: {})
    with pytest.raises(VersionConflict, match=r"work 'W-2'") as raised:
        record_many(session, [("work", "W-5", {}), ("work", "W-2", {}), ("work", "W-6", {})])
    if session.get_bind().dialect.name == "postgresql":  # its error detail names the exact row
        assert "W-5" not in str(raised.value)
    session.rollback()


def test_racing_writers_never_fork_a_history(engine: Engine, session_factory: sessionmaker[Session]) -> None:
    with session_factory.begin() as setup:
        record(setup, "license", "L-1", {"status": "granted"})
    first = session_factory()
    mine = record(first, "license", "L-1", {"status": "suspended"})  # holds its row/lock, uncommitted

    def second_writer() -> Entry:
        with session_factory.begin() as second:
            return record(second, "license", "L-1", {"status": "revoked"})

    with ThreadPoolExecutor(1) as pool, first:  # closing `first` always frees the waiting thread
        theirs = pool.submit(second_writer)
        _wait_until_waiting(engine, theirs)
        first.commit()
        if engine.dialect.name == "postgresql":
            # Both read version 1; the unique (kind, id, version) stops the second.
            with pytest.raises(VersionConflict, match=r"license 'L-1' version 2"):
                theirs.result(timeout=30)
        else:
            # SQLite writers queue on the write lock, so the second builds on the first.
            entry = theirs.result(timeout=30)
            assert (entry.version, entry.prev) == (3, mine.leaf_hash().hex())
    with session_factory() as check:
        versions = history(check, "license", "L-1")
    assert [e.version for e in versions] == list(range(1, len(versions) + 1))
    assert all(e.prev == p.leaf_hash().hex() for p, e in pairwise(versions))


def test_two_integrators_queue(engine: Engine, session_factory: sessionmaker[Session]) -> None:
    with session_factory.begin() as setup:
        hashes = [e.leaf_hash() for e in record_many(setup, [("work", f"W{n}", {}) for n in range(9)])]
    first = session_factory()
    assert integrate_pending(first) == (0, 9)

    def second_integrator() -> tuple[int, int]:
        with session_factory.begin() as second:
            return integrate_pending(second)

    with ThreadPoolExecutor(1) as pool, first:
        theirs = pool.submit(second_integrator)
        _wait_until_waiting(engine, theirs)
        first.commit()
        assert theirs.result(timeout=30) == (9, 9)
    with session_factory() as check:
        assert SqlLogStore(check).leaf_hashes(0, 9) == hashes


# Only PostgreSQL: SQLite has one writer at a time, so a smaller seq cannot commit later there.
@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_an_entry_committed_late_is_still_integrated(session_factory: sessionmaker[Session]) -> None:
    slow = session_factory()
    early = record(slow, "work", "W-slow", {})  # takes the smaller seq, commits last
    with session_factory.begin() as fast:
        late = record(fast, "work", "W-fast", {})
    with session_factory.begin() as job:
        assert integrate_pending(job) == (0, 1)
    slow.commit()
    slow.close()
    with session_factory.begin() as job:
        assert integrate_pending(job) == (1, 2)
        assert SqlLogStore(job).leaf_hashes(0, 2) == [late.leaf_hash(), early.leaf_hash()]
