"""Engines, sessions and transactions for SQLite (the newcomer's default) and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from registry.private_files import open_private, private_folder

SQLITE_BUSY_TIMEOUT_MS = 30_000
_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never block the writer, nor the writer them
    "PRAGMA synchronous=NORMAL",  # with WAL: durable at checkpoints, safe against corruption
    "PRAGMA foreign_keys=ON",  # off by default in SQLite, per connection
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",  # wait for the write lock, don't fail at once
    # Checkpoint every ~40 MiB of WAL rather than 4 MiB: each checkpoint syncs both files, and
    # the leaf-hash index is written at random places, so a batch of entries dirties many pages.
    "PRAGMA wal_autocheckpoint=10000",
    "PRAGMA cache_size=-65536",  # 64 MiB: the leaf-hash index is written at random places
)


def normalise_url(url: str | URL) -> URL:
    """The URL with its driver made explicit: PostgreSQL always goes through psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite gets its directory created and its pragmas set per connection."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, **kwargs)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        _create_private(Path(parsed.database))
    engine = create_engine(parsed, **kwargs)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _create_private(database: Path) -> None:
    """The database file, created 0600 in a 0700 folder (members' payout lines, bank details):
    SQLite gives its -wal and -shm files the database file's mode."""
    private_folder(database.parent)
    with contextlib.suppress(FileExistsError):
        os.close(open_private(database, exclusive=True))  # an empty file is an empty database


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Turn off pysqlite's own transaction handling: it begins too late (at the first write, so
    # reads see no snapshot) and breaks SAVEPOINT. `_sqlite_begin` emits BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in _SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A writer takes the write lock now: SQLite waits for it (busy_timeout) only here; a deferred
    # transaction that upgrades to a write later fails at once ("database is locked") when
    # another writer got in between.
    writes = connection.get_execution_options().get(WRITES)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


# Execution option of a connection whose transaction will write.
WRITES = "rightsledger_writes"


def begin_writing(session: Session, *, serializable: bool = False) -> None:
    """Begin the session's transaction as a writer: on SQLite it takes the write lock up front
    (BEGIN IMMEDIATE); `serializable` runs it SERIALIZABLE on PostgreSQL, for callers that retry
    serialisation failures (see `retried`)."""
    options: dict[str, Any] = {WRITES: True}
    if serializable and session.get_bind().dialect.name == "postgresql":
        options["isolation_level"] = "SERIALIZABLE"
    session.connection(execution_options=options)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: objects stay readable after the transaction that loaded them.
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one writing transaction: committed if the block succeeds, rolled back if it
    raises."""
    with factory() as session, session.begin():
        begin_writing(session)
        yield session


# PostgreSQL: serialization failure, deadlock, lock not available, and a unique key taken by a
# concurrent transaction (the retry then sees the winner's row).
_RETRIED_SQLSTATES = frozenset({"40001", "40P01", "55P03", "23505"})
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def is_transient(exc: BaseException) -> bool:
    """Whether `exc` is a database error that the same transaction, run again, may not meet:
    lost to a concurrent writer, not a fault of the request."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _RETRIED_SQLSTATES:
        return True
    code = getattr(orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
