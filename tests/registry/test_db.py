"""Engines and transactions: SQLite set up for a ledger, PostgreSQL always through psycopg 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from registry.db import make_engine, normalise_url, transaction
from registry.ledger_writer import record
from registry.models import entry_table


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg"),
        ("postgres://u@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_normalise_url(given: str, driver: str) -> None:
    assert normalise_url(given).drivername == driver


def test_sqlite_engine_creates_its_directory_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "rightsledger.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 1  # NORMAL
            assert pragma("busy_timeout") == 30_000
        assert path.is_file()
    finally:
        engine.dispose()


def test_postgresql_urls_get_psycopg(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        assert engine.dialect.driver == "psycopg"
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1


def _count(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.execute(select(func.count()).select_from(entry_table)).scalar_one()


def test_transaction_commits_on_success(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        record(session, "work", "W-1", {})
    assert _count(session_factory) == 1


def test_transaction_rolls_back_on_error(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(RuntimeError, match="business rule"), transaction(session_factory) as session:
        record(session, "work", "W-1", {})
        raise RuntimeError("business rule broken after the entry was written")
    assert _count(session_factory) == 0


def test_foreign_keys_are_enforced(session_factory: sessionmaker[Session]) -> None:
    # A log leaf must point at a recorded entry, on SQLite too.
    with pytest.raises(Exception, match=r"(?i)foreign key"), transaction(session_factory) as session:
        session.execute(
            text("INSERT INTO log_leaf (leaf_index, leaf_hash, entry_seq) VALUES (0, :h, 42)"),
            {"h": b"\x00" * 32},
        )
