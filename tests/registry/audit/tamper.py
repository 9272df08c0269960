"""Single-byte tampering of database rows, bypassing the append-only triggers (which are tested
elsewhere: here they stand for an attacker with the database's own credentials).

Each target is a column the ledger vouches for: an entry's bytes or the columns derived from
them, the log, the checkpoints, the anchor records, and the business rows that entries state."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
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
    json: bool = False  # a JSON column: its text is changed (PostgreSQL refuses what is not JSON)


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
    # Money movements, usage, distribution, accounts, sealed details and contracts.
    Target("tariff", "code", ("id",)),
    Target("tariff", "name", ("id",)),
    Target("tariff", "params", ("id",), json=True),
    Target("tariff", "applies_to", ("id",), json=True),
    Target("license", "territory", ("id",)),
    Target("license", "scope", ("id",)),
    Target("invoice", "number", ("id",)),
    Target("invoice", "amount_fen", ("id",)),
    Target("invoice", "tariff", ("id",), json=True),
    Target("invoice", "basis", ("id",), json=True),
    Target("invoice_line", "amount_fen", ("id",)),
    Target("invoice_line", "rate", ("id",)),
    Target("invoice_line", "quantity", ("id",)),
    Target("invoice_line", "description", ("id",)),
    Target("payment", "amount_fen", ("id",)),
    Target("payment", "reference", ("id",)),
    Target("payment", "invoice_id", ("id",)),
    Target("license_contract", "payload", ("id",)),
    Target("license_contract", "document_sha256", ("id",)),
    Target("licensee_contact", "details_sealed", ("id",)),
    Target("licensee", "name", ("id",)),
    Target("licensee", "uscc", ("id",), "uscc IS NOT NULL"),
    Target("licensee", "address", ("id",), "address IS NOT NULL"),
    Target("licensee", "latitude_e6", ("id",), "latitude_e6 IS NOT NULL"),
    Target("licensee", "longitude_e6", ("id",), "longitude_e6 IS NOT NULL"),
    Target("licensee", "service", ("id",), "service IS NOT NULL"),
    Target("licensee", "signing_key", ("id",), "signing_key IS NOT NULL"),
    Target("licensee", "signing_key_origin", ("id",), "signing_key_origin IS NOT NULL"),
    Target("party", "bank_sealed", ("id",), _MEMBER_ONLY),
    Target("party", "contact_sealed", ("id",), _MEMBER_ONLY),
    Target("usage_report", "sha256", ("id",)),
    Target("usage_report", "lines_read", ("id",)),
    Target("usage_report", "lines_ingested", ("id",)),
    Target("usage_report", "lines_matched", ("id",)),
    Target("usage_report", "weight_total", ("id",)),
    Target("usage_report", "weight_matched", ("id",)),
    Target("usage_report", "parquet_path", ("id",)),
    Target("unidentified_usage", "weight", ("id",)),
    Target("unidentified_usage", "lines", ("id",)),
    Target("unidentified_usage", "group_no", ("id",)),
    Target("unidentified_usage", "first_line", ("id",)),
    Target("unidentified_usage", "title", ("id",), "title IS NOT NULL"),
    Target("unidentified_usage", "artist", ("id",), "artist IS NOT NULL"),
    Target("unidentified_usage", "isrc", ("id",), "isrc IS NOT NULL"),
    Target("unidentified_usage", "duration_seconds", ("id",), "duration_seconds IS NOT NULL"),
    Target("unidentified_usage", "title_key", ("id",), "title_key IS NOT NULL"),
    Target("unidentified_usage", "artist_key", ("id",), "artist_key <> ''"),
    Target("distribution_run", "pool", ("id",)),
    Target("distribution_run", "allocated", ("id",)),
    Target("distribution_lines_file", "content", ("run_id",)),
    Target("distribution_lines_file", "sha256", ("run_id",)),
    Target("api_user", "role", ("id",)),
    Target("api_user", "username", ("id",)),
    Target("api_user", "password_hash", ("id",)),
    Target("api_key", "key_hash", ("id",)),
    Target("api_key", "prefix", ("id",)),
    # Claims of unidentified usage (their `usage_claim` entries), members' balances carried
    # forward (their statements), and keys derived from titles and shares (recomputed).
    Target("usage_claim", "status", ("id",)),
    Target("usage_claim", "party_id", ("id",)),
    Target("usage_claim", "recording_id", ("id",)),
    Target("usage_claim", "work_id", ("id",)),
    Target("usage_claim", "unidentified_id", ("id",)),
    Target("usage_claim", "note", ("id",)),
    Target("usage_claim", "reason", ("id",)),
    Target("usage_claim", "decided_by", ("id",)),
    Target("usage_claim", "payable_period", ("id",)),
    Target("usage_claim", "submitted_at", ("id",)),
    Target("usage_claim", "decided_at", ("id",)),
    Target("carry_forward", "brought_forward", ("id",)),
    Target("carry_forward", "carried_forward", ("id",)),
    Target("carry_forward", "party_id", ("id",)),
    Target("carry_forward", "run_id", ("id",)),
    Target("work", "title_key", ("id",)),
    Target("work_title", "title_key", ("id",)),
    Target("recording", "title_key", ("id",)),
    Target("work_match_key", "match_key", ("match_key", "work_id")),
    Target("work_match_key", "work_id", ("match_key", "work_id")),
    # The review queues: duplicate pairs and CWR files received (their entries, with digests of
    # the import report and of the acknowledgements).
    Target("duplicate_candidate", "status", ("id",)),
    Target("duplicate_candidate", "reason", ("id",)),
    Target("duplicate_candidate", "detail", ("id",)),
    Target("duplicate_candidate", "first_work_id", ("id",)),
    Target("duplicate_candidate", "second_work_id", ("id",)),
    Target("duplicate_candidate", "decided_by", ("id",)),
    Target("duplicate_candidate", "decided_at", ("id",)),
    Target("cwr_import", "sha256", ("id",)),
    Target("cwr_import", "name", ("id",)),
    Target("cwr_import", "sender", ("id",)),
    Target("cwr_import", "file_type", ("id",)),
    Target("cwr_import", "transactions", ("id",)),
    Target("cwr_import", "accepted", ("id",)),
    Target("cwr_import", "rejected", ("id",)),
    Target("cwr_import", "report", ("id",), json=True),
    Target("work_acknowledgement", "status", ("id",)),
    Target("work_acknowledgement", "society", ("id",)),
    Target("work_acknowledgement", "society_work_id", ("id",)),
    Target("work_acknowledgement", "submitter_work_id", ("id",)),
    Target("work_acknowledgement", "work_id", ("id",)),
    Target("work_acknowledgement", "messages", ("id",), json=True),
]

# Rows deleted, and rows inserted (a copy of a row under a new id, with its unique columns
# changed so the database accepts it).
DELETABLE = (
    "tariff",
    "invoice",
    "invoice_line",
    "payment",
    "license",
    "usage_report",
    "unidentified_usage",
    "distribution_lines_file",
    "api_user",
    "api_key",
    "work",
    "work_share",
    "recording",
    "party",
    "mandate",
    "licensee",
    "usage_claim",
    "carry_forward",
    "party_role",
    "work_match_key",
    "duplicate_candidate",
    "cwr_import",
    "work_acknowledgement",
)
INSERTABLE: dict[str, tuple[str, ...]] = {
    "tariff": ("version",),
    "invoice_line": ("position",),
    "payment": ("reference",),
    "unidentified_usage": ("group_no",),
    "api_key": ("prefix",),
    "api_user": ("username",),
    "work_share": ("submitter",),
    "mandate": ("territory",),
    "licensee": ("uscc",),
    "usage_claim": (),
    "work_match_key": ("match_key",),
    "work_acknowledgement": (),
    "cwr_import": ("sha256",),
}
# The key of each row deleted, where it is not `id`.
_ROW_KEYS = {
    "distribution_lines_file": ("run_id",),
    "party_role": ("party_id", "role"),
    "work_match_key": ("match_key", "work_id"),
}


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
    column = f"CAST({t.column} AS TEXT)" if t.json else t.column
    rows = connection.execute(
        text(f"SELECT {keys}, {column} FROM {t.table} WHERE ({t.where}) AND {t.column} IS NOT NULL")
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
        new_value = "CAST(:new AS JSON)" if t.json and connection.dialect.name == "postgresql" else ":new"
        connection.execute(text(f"UPDATE {t.table} SET {t.column} = {new_value} WHERE {match}"), params)
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
    if isinstance(value, datetime):  # a time moved by a second, a minute, an hour or a day
        return value + rng.choice([-1, 1]) * timedelta(seconds=rng.choice([1, 60, 3600, 86400]))
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


def delete_once(connection: Connection, rng: random.Random, table: str) -> str | None:
    """Delete one random row of `table` that the database lets go (SQLite keeps enforcing
    foreign keys inside a transaction); a description, or None when none can be deleted."""
    key = _ROW_KEYS.get(table, ("id",))
    rows = [tuple(row) for row in connection.execute(text(f"SELECT {', '.join(key)} FROM {table}"))]
    rng.shuffle(rows)
    match = " AND ".join(f"{k} = :k{n}" for n, k in enumerate(key))
    for row in rows:
        savepoint = connection.begin_nested()
        try:
            connection.execute(
                text(f"DELETE FROM {table} WHERE {match}"), {f"k{n}": v for n, v in enumerate(row)}
            )
            savepoint.commit()
        except (IntegrityError, DBAPIError):
            savepoint.rollback()
            continue
        return f"{table} row {row if len(row) > 1 else row[0]} deleted"
    return None


def insert_once(connection: Connection, rng: random.Random, table: str) -> str | None:
    """Insert a copy of a random row of `table` under a new id (its unique columns changed)."""
    rows = connection.execute(text(f"SELECT * FROM {table}")).mappings().all()
    if not rows:
        return None
    row = dict(rng.choice(rows))
    new_id: Any = "(no id)"
    if "id" in row:
        new_id = (connection.execute(text(f"SELECT max(id) FROM {table}")).scalar_one() or 0) + 1000
        row["id"] = new_id
    for column in INSERTABLE[table]:
        value = row[column]
        row[column] = value + 1000 if isinstance(value, int) else f"{value}x"[-12:]
    columns = ", ".join(row)
    values = ", ".join(_inserted_value(connection, table, name) for name in row)
    params = {name: (json.dumps(v) if isinstance(v, dict | list) else v) for name, v in row.items()}
    savepoint = connection.begin_nested()
    try:
        connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), params)
        savepoint.commit()
    except (IntegrityError, DBAPIError):
        savepoint.rollback()
        return None
    return f"{table} row {new_id} inserted"


def _inserted_value(connection: Connection, table: str, column: str) -> str:
    if connection.dialect.name == "postgresql":
        kind = connection.execute(
            text(
                "SELECT data_type FROM information_schema.columns WHERE table_name = :t AND column_name = :c"
            ),
            {"t": table, "c": column},
        ).scalar_one()
        if kind == "json":
            return f"CAST(:{column} AS JSON)"
    return f":{column}"


@dataclass(frozen=True)
class StoredFile:
    kind: str
    folder: str  # relative to the data directory


FILE_KINDS = (
    StoredFile("usage Parquet", "usage"),
    StoredFile("contract document", "contracts"),
    StoredFile("evidence file", "documents/evidence"),
)


class FileTampering:
    """One stored file changed by one byte, deleted, or one slipped in; `undo()` restores."""

    def __init__(self, files: Path, kind: StoredFile, how: str, rng: random.Random) -> None:
        folder = files / kind.folder
        stored = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        self.path = rng.choice(stored)
        self.original = self.path.read_bytes()
        self.added: Path | None = None
        if how == "byte":
            raw = bytearray(self.original)
            at = rng.randrange(len(raw))
            raw[at] = _other(raw[at], range(256), rng)
            self.path.write_bytes(bytes(raw))
        elif how == "deleted":
            self.path.unlink()
        else:
            self.added = folder / ("f" * 64 + self.path.suffix)
            self.added.write_bytes(self.original)
        self.description = f"{kind.kind} {self.path.name}: {how}"

    def undo(self) -> None:
        self.path.write_bytes(self.original)
        if self.added is not None:
            self.added.unlink()
