"""The newest recorded version of many things at once: where each next version chains from."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Executable, text
from sqlalchemy.orm import Session

_CHUNK = 500  # things per query: well inside every backend's bound-parameter limit

Key = tuple[str, str]  # (kind, entity id)


def newest_versions(session: Session, keys: Iterable[Key]) -> dict[Key, tuple[int, str]]:
    """(version, leaf hash hex) of the newest version of each thing that has been recorded."""
    wanted = sorted(set(keys))
    query = _lateral if session.get_bind().dialect.name == "postgresql" else _json_join
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


# SQLite (no LATERAL, no arrays): the keys as one JSON parameter, each probing the
# (kind, entry_id, version) index; SQLite takes a bare column from the row max() picked. One
# parameter keeps the statement text the same for any batch, so it is prepared once.
_JSON_JOIN = text(
    """
    SELECT e.kind, e.entry_id, max(e.version), e.leaf_hash
    FROM json_each(:keys) AS wanted
    CROSS JOIN ledger_entry AS e
    WHERE e.kind = json_extract(wanted.value, '$[0]') AND e.entry_id = json_extract(wanted.value, '$[1]')
    GROUP BY e.kind, e.entry_id
    """
)


def _json_join(keys: list[Key]) -> Executable:
    return _JSON_JOIN.bindparams(keys=json.dumps(keys, ensure_ascii=False))
