"""Single-byte tampering of database rows, bypassing the append-only triggers (which are tested
elsewhere: here they stand for an attacker with the database's own credentials).

Each target is a column the ledger vouches for: an entry's bytes or the columns derived from
them, the log, the checkpoints, the anchor records, and the business rows that entries state."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, IntegrityError

# Columns of parties that members' entries state (external parties only appear by name and IPI).
_MEMBER_ONLY = "status <> 'external'"
# Parties named in some public entry: members, and parties holding a share.
_NAMED = (
    "status <> 'external' OR id IN (SELECT party_id FROM work_share UNION "
    "SELECT party_id FROM recording_share UNION SELECT party_id FROM conflict_share)"
)


@dataclass(frozen=True)
class Target:
    table: str
    column: str
    key: tuple[str, ...]
    where: str = "1 = 1"
    boolean: bool = False  # stored as one byte 0/1 (SQLite) or a bool: the change flips it


TARGETS = [
    # The ledger's own tables.
    Target("ledger_entry", "canonical", ("seq",)),
    Target("ledger_entry", "leaf_hash", ("seq",)),
    Target("ledger_entry", "prev_hash", ("seq",)),
    Target("ledger_entry", "entry_id", ("seq",)),
    Target("ledger_entry", "kind", ("seq",)),
    Target("ledger_entry", "version", ("seq",)),
    Target("ledger_entry", "private", ("seq",), boolean=True),
    Target("log_leaf", "leaf_hash", ("leaf_index",)),
    Target("log_leaf", "leaf_index", ("leaf_index",)),
    Target("log_leaf", "entry_seq", ("leaf_index",)),
    Target("log_node", "hash", ("level", "node_index")),
    Target("log_node", "node_index", ("level", "node_index")),
    Target("log_node", "level", ("level", "node_index")),
    Target("checkpoint", "note", ("id",)),
    Target("checkpoint", "root", ("id",)),
    Target("checkpoint", "note_hash", ("id",)),
    Target("checkpoint", "tree_size", ("id",)),
    Target("anchor_record", "tree_size", ("id",)),
    Target("anchor_record", "root", ("id",)),
    Target("anchor_record", "note_hash", ("id",)),
    Target("anchor_record", "checkpoint_index", ("id",)),
    Target("anchor_record", "tx_hash", ("id",)),
    Target("anchor_record", "gas_used", ("id",)),
    Target("anchor_record", "cost_wei", ("id",)),
    Target("anchor_record", "contract", ("id",)),
    Target("anchor_contract", "address", ("id",)),
    Target("anchor_attempt", "raw_tx", ("id",)),
    Target("anchor_attempt", "tx_hash", ("id",)),
    Target("anchor_attempt", "nonce", ("id",)),
    Target("anchor_attempt", "tree_size", ("id",)),
    Target("anchor_attempt", "contract", ("id",)),
    # Business rows.
    Target("party", "name", ("id",), _NAMED),
    Target("party", "first_name", ("id",), _NAMED),
    Target("party", "ipi_name", ("id",), _NAMED),
    Target("party", "ipi_base", ("id",), _MEMBER_ONLY),
    Target("party", "isni", ("id",), _MEMBER_ONLY),
    Target("party", "society", ("id",), _MEMBER_ONLY),
    Target("party", "contact_revision", ("id",), _MEMBER_ONLY),
    Target("party", "bank_revision", ("id",), _MEMBER_ONLY),
    Target("mandate", "territory", ("id",)),
    Target("work", "title", ("id",)),
    Target("work", "iswc", ("id",)),
    Target("work", "language", ("id",)),
    Target("work", "duration_seconds", ("id",)),
    Target("work_title", "title", ("id",)),
    Target("work_title", "title_type", ("id",)),
    Target("work_title", "language", ("id",)),
    Target("work_registration", "submitter_work_id", ("id",)),
    Target("work_registration", "submitter", ("id",)),
    Target("work_share", "share", ("id",)),
    Target("work_share", "submitter", ("id",)),
    Target("work_share", "controlled", ("id",), boolean=True),
    Target("work_share", "party_id", ("id",)),
    Target("recording", "title", ("id",)),
    Target("recording", "isrc", ("id",)),
    Target("recording", "artist", ("id",)),
    Target("recording", "duration_seconds", ("id",)),
    Target("recording", "release_title", ("id",)),
    Target("recording", "label", ("id",)),
    Target("recording_share", "share", ("id",)),
    Target("share_conflict", "claimed_total", ("id",)),
    Target("share_conflict", "note", ("id",), "status = 'resolved'"),
    Target("share_conflict", "decided_by", ("id",), "status = 'resolved'"),
    Target("conflict_share", "share", ("id",)),
    Target("conflict_share", "submitter", ("id",)),
]


@dataclass(frozen=True)
class Tampering:
    target: Target
    key: tuple[Any, ...]
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.target.table}.{self.target.column} at {self.key}: {self.old!r} -> {self.new!r}"


def bypass_triggers(connection: Connection) -> None:
    """Inside the current transaction (rolled back after): no append-only trigger fires."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = replica"))
    else:
        names = (
            connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
        )
        for name in names:
            connection.execute(text(f'DROP TRIGGER "{name}"'))


def tamper_once(connection: Connection, rng: random.Random, target: Target) -> Tampering | None:
    """Change one byte of one value of `target` (a random row); None when the change is refused
    by a constraint or no row has a value there (the caller picks again)."""
    t = target
    keys = ", ".join(t.key)
    rows = connection.execute(
        text(f"SELECT {keys}, {t.column} FROM {t.table} WHERE ({t.where}) AND {t.column} IS NOT NULL")
    ).all()
    if not rows:
        return None
    *key, old = rng.choice(rows)
    new = (not old if isinstance(old, bool) else int(not old)) if t.boolean else one_byte_changed(old, rng)
    if new is None:
        return None
    match = " AND ".join(f"{k} = :k{n}" for n, k in enumerate(t.key))
    params = {f"k{n}": value for n, value in enumerate(key)} | {"new": new}
    savepoint = connection.begin_nested()
    try:
        connection.execute(text(f"UPDATE {t.table} SET {t.column} = :new WHERE {match}"), params)
        savepoint.commit()
    except (IntegrityError, DBAPIError):
        savepoint.rollback()
        return None
    return Tampering(t, tuple(key), old, new)


def one_byte_changed(value: Any, rng: random.Random) -> Any:
    """`value` with exactly one byte of its stored form changed (None if it has none to change)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        width = max(1, (value.bit_length() + 7) // 8)
        shift = 8 * rng.randrange(width)
        byte = (value >> shift) & 0xFF
        return value ^ ((byte ^ _other(byte, range(256), rng)) << shift)
    if isinstance(value, bytes | memoryview):
        raw = bytearray(bytes(value))
        if not raw:
            return None
        at = rng.randrange(len(raw))
        raw[at] = _other(raw[at], range(256), rng)
        return bytes(raw)
    if isinstance(value, str):
        return _text_changed(value, rng)
    raise TypeError(f"cannot tamper with a {type(value).__name__}")


def _text_changed(value: str, rng: random.Random) -> str | None:
    """One byte of the UTF-8 form changed so that it stays UTF-8 (databases refuse anything else):
    an ASCII byte becomes another printable ASCII byte, the last byte of a multi-byte character
    another continuation byte."""
    raw = bytearray(value.encode("utf-8"))
    for _ in range(20):
        if not raw:
            return None
        at = rng.randrange(len(raw))
        byte = raw[at]
        if byte < 0x80:
            candidates = range(0x20, 0x7F)
        elif 0x80 <= byte < 0xC0 and (at + 1 == len(raw) or not 0x80 <= raw[at + 1] < 0xC0):
            candidates = range(0x80, 0xC0)
        else:
            continue
        changed = bytearray(raw)
        changed[at] = _other(byte, candidates, rng)
        try:
            return changed.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return None


def _other(byte: int, candidates: range, rng: random.Random) -> int:
    while True:
        new = rng.choice(candidates)
        if new != byte:
            return new
