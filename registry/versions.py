"""The newest recorded version of many things at once: where each next version chains from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Executable, func, select, text
from sqlalchemy.orm import Session, aliased

from registry.models import LedgerEntry, entry_table

_CHUNK = 500  # things per query: well inside every backend's bound-parameter limit

Key = tuple[str, str]  # (kind, entity id)


def newest_versions(session: Session, keys: Iterable[Key]) -> dict[Key, tuple[int, str]]:
    """(version, leaf hash hex) of the newest version of each thing that has been recorded."""
    wanted = sorted(set(keys))
    query = _lateral if session.get_bind().dialect.name == "postgresql" else _correlated
    out: dict[Key, tuple[int, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        for kind, entity_id, version, digest in session.execute(query(wanted[start : start + _CHUNK])):
            out[(kind, entity_id)] = (version, bytes(digest).hex())
    return out


# PostgreSQL: one backward index probe per thing. (The IN-list form lets the planner scan a whole
# kind when the table's statistics are stale, as they are during a bulk load; arrays rather than
# a VALUES list keep the statement text, and so its plan cache, the same for any batch.)
_LATERAL = text(
    """
    SELECT wanted.kind, wanted.entry_id, newest.version, newest.leaf_hash
    FROM unnest(CAST(:kinds AS text[]), CAST(:ids AS text[])) AS wanted(kind, entry_id)
    CROSS JOIN LATERAL (
        SELECT version, leaf_hash FROM ledger_entry
        WHERE kind = wanted.kind AND entry_id = wanted.entry_id
        ORDER BY version DESC LIMIT 1
    ) AS newest
    """
)


def _lateral(keys: list[Key]) -> Executable:
    return _LATERAL.bindparams(kinds=[kind for kind, _ in keys], ids=[entity_id for _, entity_id in keys])


def _correlated(keys: list[Key]) -> Executable:
    # SQLite (no LATERAL): an IN-list per kind, each row checked against its thing's max version.
    newer = aliased(LedgerEntry)
    newest = (
        select(func.max(newer.version))
        .where(newer.kind == entry_table.c.kind, newer.entry_id == entry_table.c.entry_id)
        .scalar_subquery()
    )
    by_kind: dict[str, list[str]] = {}
    for kind, entity_id in keys:
        by_kind.setdefault(kind, []).append(entity_id)
    parts: list[Any] = [
        select(
            entry_table.c.kind, entry_table.c.entry_id, entry_table.c.version, entry_table.c.leaf_hash
        ).where(entry_table.c.kind == kind, entry_table.c.entry_id.in_(ids), entry_table.c.version == newest)
        for kind, ids in by_kind.items()
    ]
    return parts[0] if len(parts) == 1 else cast(Executable, parts[0].union_all(*parts[1:]))
