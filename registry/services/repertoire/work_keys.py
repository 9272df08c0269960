"""Work match keys: each live work's (writer, title key) pairs, the index of duplicate detection.

Two works may be one when they share a title key (main or alternate title) and a writer
(registry.services.repertoire.duplicates). Looked up through the title alone, a common title ("MOON")
reads every work that bears it, thousands in a large catalogue; looked up through the pairs, it
reads only the works that share the title and the writer. The pairs derive from the work's
titles and writer shares and are brought up to date whenever a version of the work is recorded
(registry.services.repertoire.registration.record_work): every change of a work records one. A merged work
has none, so lookups only ever find live works.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from registry.models import WRITER_ROLES, Work, match_key_table

_CHUNK = 500  # keys per query: well inside every backend's bound-parameter limit
_WRITERS = frozenset(WRITER_ROLES)


def match_key(party_id: int, title_key: str) -> str:
    return f"{party_id}:{title_key}"


def key_party(key: str) -> int:
    """The writer's party id of a match key."""
    return int(key[: key.index(":")])


def match_keys(title_keys: Iterable[str], writer_ids: Iterable[int]) -> set[str]:
    titles = set(title_keys)
    return {match_key(party_id, title) for party_id in set(writer_ids) for title in titles}


def work_match_keys(work: Work) -> set[str]:
    """The keys the work should have now: none once it is merged into another."""
    if work.merged_into_id is not None:
        return set()
    writers = {share.party_id for share in work.shares if share.role in _WRITERS}
    return match_keys([work.title_key, *(title.title_key for title in work.titles)], writers)


def sync_match_keys(session: Session, work: Work) -> None:
    """Make the work's stored keys what its titles and writers say (after a flush)."""
    wanted = work_match_keys(work)
    column = match_key_table.c.match_key
    held = set(session.scalars(select(column).where(match_key_table.c.work_id == work.id)))
    gone = sorted(held - wanted)
    for start in range(0, len(gone), _CHUNK):
        session.execute(
            delete(match_key_table).where(
                match_key_table.c.work_id == work.id, column.in_(gone[start : start + _CHUNK])
            )
        )
    new = sorted(wanted - held)
    if new:
        session.execute(insert(match_key_table), [{"match_key": key, "work_id": work.id} for key in new])


# PostgreSQL: one index probe per key, whatever the planner thinks of tables growing inside the
# importing transaction (an IN list may get a scan of the whole table); one statement text for
# any batch, so its plan is cached.
_BY_KEY_PG = text(
    """
    SELECT m.match_key, m.work_id, w.title
    FROM unnest(CAST(:keys AS text[])) AS wanted(match_key)
    JOIN work_match_key m ON m.match_key = wanted.match_key
    JOIN work w ON w.id = m.work_id
    """
)


# SQLite: the keys as one JSON parameter, so the statement text (and SQLite's prepared
# statement) is the same for any batch; an IN list of n keys is a new statement for each n.
_BY_KEY_SQLITE = text(
    """
    SELECT m.match_key, m.work_id, w.title
    FROM json_each(:keys) AS wanted
    JOIN work_match_key m ON m.match_key = wanted.value
    JOIN work w ON w.id = m.work_id
    """
)


def works_by_key(session: Session, keys: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """key -> [(work id, work title)] of the live works holding it."""
    out: dict[str, list[tuple[int, str]]] = {}
    postgres = session.get_bind().dialect.name == "postgresql"
    for chunk in _chunks(sorted(set(keys))):
        if postgres:
            rows = session.execute(_BY_KEY_PG, {"keys": list(chunk)})
        else:
            rows = session.execute(_BY_KEY_SQLITE, {"keys": json.dumps(list(chunk), ensure_ascii=False)})
        for key, work_id, title in rows:
            out.setdefault(key, []).append((work_id, title))
    return out


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
