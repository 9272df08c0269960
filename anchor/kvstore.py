"""A py-evm key-value database in one SQLite file, so the embedded chain survives restarts.

py-evm keeps the whole chain (headers, blocks, receipts, state trie nodes) as key -> value bytes
behind `AtomicDatabaseAPI`. Writes outside a batch commit at once; `atomic_batch()` commits all
its writes in one SQLite transaction, which is what makes a mined block appear all or nothing.
WAL mode lets other processes read while the single writer commits.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from eth.abc import AtomicWriteBatchAPI
from eth.db.backends.base import BaseAtomicDB, BaseDB
from eth.db.diff import DBDiff, DBDiffTracker, DiffMissingError

from anchor.errors import ChainError

_SCHEMA = "CREATE TABLE IF NOT EXISTS kv (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID"


class SqliteKV(BaseAtomicDB):
    """`AtomicDatabaseAPI` over a SQLite file. `read_only` refuses every write (SQLite
    `query_only`), so a reader process cannot damage the writer's chain by mistake."""

    def __init__(self, path: Path, *, read_only: bool = False, busy_timeout: float = 30.0) -> None:
        self.path = path
        self.read_only = read_only
        # Autocommit mode: each statement is its own transaction unless we BEGIN explicitly,
        # so a reader sees every block the writer has committed.
        self._conn = sqlite3.connect(
            path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        # One connection shared by the threads of this process: serialise its use.
        self._lock = threading.RLock()
        try:
            if read_only:
                self._conn.execute("PRAGMA query_only = ON")
            else:
                self._conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL survives a process crash but not a power loss; `durable()` syncs the
                # commits that must survive both (see there).
                self._conn.execute("PRAGMA synchronous = NORMAL")
                self._conn.execute(_SCHEMA)
        except sqlite3.Error as exc:
            self._conn.close()
            raise ChainError(f"cannot open the embedded chain database {path}: {exc}") from exc

    # -- reads -----------------------------------------------------------------------------

    def __getitem__(self, key: bytes) -> bytes:
        with self._lock:
            row = self._query("SELECT value FROM kv WHERE key = ?", key)
        if row is None:
            raise KeyError(key)
        value: bytes = row[0]
        return value

    def _exists(self, key: bytes) -> bool:
        with self._lock:
            return self._query("SELECT 1 FROM kv WHERE key = ?", key) is not None

    def _query(self, sql: str, key: bytes) -> tuple[bytes] | None:
        try:
            row: tuple[bytes] | None = self._conn.execute(sql, (key,)).fetchone()
        except sqlite3.OperationalError as exc:
            # A reader that opens before the writer created the table sees no table: no data.
            if "no such table" in str(exc):
                return None
            raise ChainError(f"embedded chain database {self.path}: {exc}") from exc
        return row

    # -- writes ----------------------------------------------------------------------------

    def __setitem__(self, key: bytes, value: bytes) -> None:
        self._write([(key, value)], [])

    def __delitem__(self, key: bytes) -> None:
        if not self._exists(key):
            raise KeyError(key)
        self._write([], [key])

    @contextmanager
    def atomic_batch(self) -> Iterator[AtomicWriteBatchAPI]:
        batch = _WriteBatch(self)
        try:
            yield batch
            diff = batch.diff()
        finally:
            batch.close()
        self._write(diff.pending_items(), diff.deleted_keys())

    def _write(self, items: Iterable[tuple[bytes, bytes]], deletes: Iterable[bytes]) -> None:
        if self.read_only:
            raise ChainError(f"the embedded chain {self.path} is open read-only")
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    self._conn.executemany("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", items)
                    self._conn.executemany("DELETE FROM kv WHERE key = ?", ((k,) for k in deletes))
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise ChainError(f"cannot write the embedded chain database {self.path}: {exc}") from exc

    @contextmanager
    def durable(self) -> Iterator[None]:
        """Commits made inside reach the disk before they return (fsync), and with them every
        earlier commit, as the WAL is written in order. One sync per mined block instead of one
        per write keeps a transaction fast, and a block whose receipt was seen survives a power
        loss."""
        with self._lock:
            self._conn.execute("PRAGMA synchronous = FULL")
            try:
                yield
            finally:
                self._conn.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"SqliteKV({str(self.path)!r}, {mode})"


class _WriteBatch(BaseDB, AtomicWriteBatchAPI):
    """Pending writes of one `atomic_batch()`: visible to reads through the batch, invisible to
    the database (and to other processes) until the batch leaves its context without error."""

    def __init__(self, target: SqliteKV) -> None:
        self._target: SqliteKV | None = target
        self._tracker: DBDiffTracker | None = DBDiffTracker()

    def _live(self) -> tuple[SqliteKV, DBDiffTracker]:
        if self._target is None or self._tracker is None:
            raise ChainError("a write batch was used outside its atomic_batch() context")
        return self._target, self._tracker

    def __getitem__(self, key: bytes) -> bytes:
        target, tracker = self._live()
        try:
            return tracker[key]
        except DiffMissingError as missing:
            if missing.is_deleted:
                raise KeyError(key) from None
            return target[key]

    def __setitem__(self, key: bytes, value: bytes) -> None:
        self._live()[1][key] = value

    def __delitem__(self, key: bytes) -> None:
        _, tracker = self._live()
        if key not in self:
            raise KeyError(key)
        del tracker[key]

    def _exists(self, key: bytes) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def diff(self) -> DBDiff:
        return self._live()[1].diff()

    def close(self) -> None:
        self._target = None
        self._tracker = None
