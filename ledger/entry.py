"""The ledger entry envelope (DESIGN.md, 'Ledger entries') and its leaf hash.

An entry is immutable. A change to a thing is a new entry with version + 1 and `prev` set to the
leaf hash of the previous version, so every history can be replayed and checked.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from ledger.canonical import canonical_bytes
from ledger.errors import CanonicalError, EntryError
from ledger.kinds import kind as lookup_kind

_HEX64 = re.compile(r"[0-9a-f]{64}")
_SALT = re.compile(r"[0-9a-f]{32}")
# RFC 3339 in UTC with a literal Z; fractions optional. One spelling keeps canonical bytes unique.
_AT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
_FIELDS = frozenset({"kind", "schema", "id", "version", "prev", "at", "body", "salt"})


def utc_now() -> str:
    """The current time as the RFC 3339 UTC string entries use (microsecond precision)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_salt() -> str:
    """128 random bits, hex: what makes a private entry's leaf hash unguessable."""
    return secrets.token_hex(16)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    id: str
    version: int
    prev: str | None
    at: str
    body: Mapping[str, Any]
    schema: int
    salt: str | None = None
    _bytes: bytes = field(default=b"", repr=False, compare=False)

    @property
    def private(self) -> bool:
        return lookup_kind(self.kind).private

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "schema": self.schema,
            "id": self.id,
            "version": self.version,
            "prev": self.prev,
            "at": self.at,
            "body": self.body,
        }
        if self.salt is not None:
            out["salt"] = self.salt
        return out

    def canonical(self) -> bytes:
        """RFC 8785 bytes of the envelope: what the leaf hash commits to."""
        return self._bytes or canonical_bytes(self.to_dict())

    def leaf_hash(self) -> bytes:
        return hashlib.sha256(b"\x00" + self.canonical()).digest()


def make_entry(
    kind: str,
    id: str,
    body: Mapping[str, Any],
    *,
    version: int = 1,
    prev: str | None = None,
    at: str | None = None,
    salt: str | None = None,
) -> Entry:
    """Build and validate a new entry; private kinds get a fresh salt unless one is given."""
    spec = lookup_kind(kind)
    if spec.private and salt is None:
        salt = new_salt()
    envelope = {
        "kind": kind,
        "schema": spec.schema,
        "id": id,
        "version": version,
        "prev": prev,
        "at": at or utc_now(),
        "body": dict(body),
    }
    if salt is not None:
        envelope["salt"] = salt
    # The envelope is built here in to_dict()'s exact shape, so it is canonicalised as it is.
    return _validated(envelope, exact=True)


def parse_entry(data: bytes | Mapping[str, Any]) -> Entry:
    """Parse canonical bytes or a decoded object into a validated Entry.

    Bytes must already be canonical: the leaf hash is over the exact bytes, so a re-serialised
    variant would silently describe a different leaf.
    """
    if isinstance(data, bytes | bytearray):
        try:
            obj = json.loads(bytes(data).decode("utf-8"), parse_float=_no_float)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise EntryError(f"entry is not UTF-8 JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise EntryError("entry must be a JSON object")
        entry = _validated(obj)
        if entry.canonical() != bytes(data):
            raise EntryError("entry bytes are not in RFC 8785 canonical form")
        return entry
    if not isinstance(data, Mapping):  # a hostile proof file may hold anything here
        raise EntryError(f"entry must be a JSON object, not {type(data).__name__}")
    return _validated(dict(data))


@lru_cache(maxsize=4096)
def _valid_at(at: str) -> bool:
    """RFC 3339 UTC in the one spelling, and a real date. Cached: the entries of one transaction
    share a stamp, so this is usually one check per batch."""
    return _AT.fullmatch(at) is not None and _real_time(at)


def _real_time(at: str) -> bool:
    try:
        datetime.fromisoformat(at[:19])
    except ValueError:
        return False
    return True


def _no_float(text: str) -> Any:
    raise CanonicalError(f"float {text} is not allowed in an entry")


def _validated(obj: dict[str, Any], *, exact: bool = False) -> Entry:
    unknown = obj.keys() - _FIELDS
    if unknown:
        raise EntryError(f"unknown entry field(s): {', '.join(sorted(unknown))}")
    spec = lookup_kind(obj.get("kind"))
    schema, entry_id, version = obj.get("schema"), obj.get("id"), obj.get("version")
    prev, at, body, salt = obj.get("prev"), obj.get("at"), obj.get("body"), obj.get("salt")

    def where() -> str:  # built only for an error message
        return f"{spec.name} {entry_id!r}"

    if type(schema) is not int or not 1 <= schema <= spec.schema:
        raise EntryError(
            f"{where()}: schema {schema!r} is not a known version of {spec.name} (1..{spec.schema})"
        )
    if not isinstance(entry_id, str) or not entry_id or len(entry_id) > 200 or not entry_id.isprintable():
        raise EntryError(f"{spec.name}: id must be a printable string of 1..200 characters, got {entry_id!r}")
    if type(version) is not int or version < 1:
        raise EntryError(f"{where()}: version must be an integer >= 1, got {version!r}")
    if version == 1 and prev is not None:
        raise EntryError(f"{where()}: version 1 must have prev null")
    if version > 1 and not (isinstance(prev, str) and _HEX64.fullmatch(prev)):
        raise EntryError(
            f"{where()}: version {version} needs prev = leaf hash of version {version - 1} (64 lowercase hex)"
        )
    if not isinstance(at, str) or not _valid_at(at):
        raise EntryError(f"{where()}: at must be RFC 3339 UTC like 2026-01-31T08:00:00Z, got {at!r}")
    if not isinstance(body, dict):
        raise EntryError(f"{where()}: body must be an object")
    if spec.private and not (isinstance(salt, str) and _SALT.fullmatch(salt)):
        raise EntryError(f"{where()}: private kind needs salt = 128 random bits as 32 lowercase hex")
    if not spec.private and salt is not None:
        raise EntryError(f"{where()}: public kind {spec.name} must not carry a salt")
    if not exact:  # in to_dict()'s shape (a parsed object may lack "prev" or "salt")
        obj = {"kind": spec.name, "schema": schema, "id": entry_id, "version": version}
        obj |= {"prev": prev, "at": at, "body": body}
        if salt is not None:
            obj["salt"] = salt
    try:
        raw = canonical_bytes(obj)
    except CanonicalError as exc:
        raise CanonicalError(f"{where()}: {exc}") from None
    return Entry(spec.name, entry_id, version, prev, at, body, schema, salt, raw)
