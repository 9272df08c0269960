"""Recording facts: THE way services write to the ledger (DESIGN.md, data flow 1).

A service changes business state and calls `record` in the same session, so the change and its
entry commit or roll back together. Each call makes the next version of the thing, chained to the
previous one by its leaf hash. `integrate_pending` later appends recorded entries to the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from hashlib import sha256
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger.entry import Entry, make_entry, parse_entry, utc_now
from registry.bulk import insert_rows
from registry.errors import VersionConflict
from registry.log_store import SqlLogStore, lock_log
from registry.models import entry_table, leaf_table
from registry.versions import Key, newest_versions

_ENTRY_COLUMNS = ("kind", "entry_id", "version", "prev_hash", "leaf_hash", "canonical", "private")
_VERSION_CONSTRAINT = "uq_ledger_entry_kind_entry_id_version"
_INTEGRATE_CHUNK = 50_000  # entries per log append: bounds memory on a large backlog


class Fact(NamedTuple):
    """One thing to record: a plain (kind, entity_id, body[, at]) tuple works too."""

    kind: str
    entity_id: str
    body: Mapping[str, Any]
    at: str | datetime | None = None


def record(
    session: Session, kind: str, entity_id: str, body: Mapping[str, Any], *, at: str | datetime | None = None
) -> Entry:
    """Record the next version of `kind` `entity_id` with `body`; return its entry."""
    return record_many(session, [Fact(kind, entity_id, body, at)])[0]


def record_many(session: Session, items: Iterable[Fact | tuple[Any, ...]]) -> list[Entry]:
    """Record many facts with one insert; a thing named twice gets two chained versions."""
    facts = [item if isinstance(item, Fact) else Fact(*item) for item in items]
    if not facts:
        return []
    if session.get_bind().dialect.name == "sqlite":
        # Take SQLite's write lock before reading the latest versions: concurrent writers then
        # queue instead of failing on a stale snapshot.
        lock_log(session)
    latest: dict[Key, tuple[int, str | None]] = dict(
        newest_versions(session, {(f.kind, f.entity_id) for f in facts})
    )
    batch_at = utc_now()  # one stamp per call: the facts of one transaction happen together
    entries: list[Entry] = []
    rows: list[tuple[Any, ...]] = []
    for fact in facts:
        key = (fact.kind, fact.entity_id)
        version, prev = latest.get(key, (0, None))
        entry = make_entry(
            fact.kind,
            fact.entity_id,
            fact.body,
            version=version + 1,
            prev=prev,
            at=batch_at if fact.at is None else _rfc3339(fact.at),
        )
        raw = entry.canonical()
        digest = sha256(b"\x00" + raw).digest()  # entry.leaf_hash(), without a second lookup
        latest[key] = (entry.version, digest.hex())
        entries.append(entry)
        rows.append((entry.kind, entry.id, entry.version, prev, digest, raw, entry.private))
    try:
        # recorded_at comes from the database clock (server default), the same for every writer.
        insert_rows(session, entry_table, _ENTRY_COLUMNS, rows)
    except IntegrityError as exc:
        raise _conflict(exc, entries) from exc
    return entries


def latest_entry(session: Session, kind: str, entity_id: str) -> Entry | None:
    """The newest recorded version of a thing, or None if it was never recorded."""
    canonical = session.execute(
        select(entry_table.c.canonical)
        .where(entry_table.c.kind == kind, entry_table.c.entry_id == entity_id)
        .order_by(entry_table.c.version.desc())
        .limit(1)
    ).scalar_one_or_none()
    return None if canonical is None else parse_entry(bytes(canonical))


def history(session: Session, kind: str, entity_id: str) -> list[Entry]:
    """Every recorded version of a thing, oldest first."""
    rows = session.execute(
        select(entry_table.c.canonical)
        .where(entry_table.c.kind == kind, entry_table.c.entry_id == entity_id)
        .order_by(entry_table.c.version)
    ).scalars()
    return [parse_entry(bytes(canonical)) for canonical in rows]


def entry_by_leaf_hash(session: Session, leaf_hash: bytes | str) -> Entry | None:
    """The entry with this leaf hash (bytes or hex), or None."""
    digest = bytes.fromhex(leaf_hash) if isinstance(leaf_hash, str) else bytes(leaf_hash)
    canonical = session.execute(
        select(entry_table.c.canonical).where(entry_table.c.leaf_hash == digest)
    ).scalar_one_or_none()
    return None if canonical is None else parse_entry(bytes(canonical))


def integrate_pending(session: Session, limit: int | None = None) -> tuple[int, int]:
    """Append recorded entries that are not in the log yet, in recording order (at most `limit`);
    return the log's (old size, new size)."""
    lock_log(session)
    store = SqlLogStore(session)
    old_size = size = store.size()
    after = None
    remaining = limit
    while remaining is None or remaining > 0:
        chunk = _INTEGRATE_CHUNK if remaining is None else min(remaining, _INTEGRATE_CHUNK)
        pending = _pending(session, chunk, after)
        if not pending:
            break
        size = store.append([digest for _, digest in pending], entry_seqs=[seq for seq, _ in pending])
        after = pending[-1][0]
        if remaining is not None:
            remaining -= len(pending)
    return old_size, size


def _pending(session: Session, limit: int, after: int | None) -> list[tuple[int, bytes]]:
    # An anti-join rather than "seq > last integrated seq": on PostgreSQL a transaction can
    # commit a smaller seq after a larger one was integrated, and that entry must not be lost.
    query = (
        select(entry_table.c.seq, entry_table.c.leaf_hash)
        .outerjoin(leaf_table, leaf_table.c.entry_seq == entry_table.c.seq)
        .where(leaf_table.c.entry_seq.is_(None))
        .order_by(entry_table.c.seq)
        .limit(limit)
    )
    if after is not None:
        # Within one run everything up to `after` was just integrated: skip rescanning it.
        query = query.where(entry_table.c.seq > after)
    return [(seq, bytes(digest)) for seq, digest in session.execute(query).all()]


def _conflict(exc: IntegrityError, entries: list[Entry]) -> Exception:
    """A clear error when another transaction recorded one of these versions first."""
    diag = getattr(exc.orig, "diag", None)  # PostgreSQL names the constraint and the row
    constraint = getattr(diag, "constraint_name", None)
    detail = getattr(diag, "message_detail", None) or ""
    sqlite_says = "ledger_entry.kind, ledger_entry.entry_id, ledger_entry.version" in str(exc.orig)
    if constraint != _VERSION_CONSTRAINT and not sqlite_says:
        return exc
    named = [e for e in entries if f"=({e.kind}, {e.id}, {e.version})" in detail] or entries
    if len(named) == 1:
        entry = named[0]
        what = f"{entry.kind} {entry.id!r} version {entry.version}"
    else:
        what = "one of " + ", ".join(f"{e.kind} {e.id!r} v{e.version}" for e in named[:5])
        what += ", ..." if len(named) > 5 else ""
    return VersionConflict(f"{what} was recorded by a concurrent transaction first; retry on fresh data")


def _rfc3339(at: str | datetime | None) -> str | None:
    if not isinstance(at, datetime):
        return at
    if at.tzinfo is None:
        raise ValueError(f"at={at!r} has no time zone; entries are stamped in UTC")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
