"""The Merkle log in the database: `ledger.store.LogStore` over the log_leaf and log_node tables.

Leaves are stored once, in position order; every complete subtree an append finishes is stored
too, so a root or a proof costs one query of O(log n) rows whatever the log's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Executable, Select, and_, func, literal, or_, select, text, union_all
from sqlalchemy.orm import Session

from ledger.errors import StoreError
from ledger.ranges import NodeId, root_nodes
from ledger.store import extend
from registry.bulk import insert_rows
from registry.models import entry_table as _entry
from registry.models import leaf_table as _leaf
from registry.models import node_table as _node

_CHUNK = 500  # ids per query: far below any backend's bound-parameter limit
# Key of the PostgreSQL advisory lock that serialises appends to the log ("RLLOG").
LOG_LOCK_KEY = 0x52_4C_4C_4F_47


def lock_log(session: Session) -> None:
    """Hold the log's write lock until the transaction ends, so two appenders never race.

    Take it before reading the log: on SQLite a transaction that has read cannot wait for the
    lock, it can only fail with "database is locked".
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOG_LOCK_KEY})
    else:
        # A write that touches no row: SQLite hands out its single write lock now.
        session.execute(text("DELETE FROM log_node WHERE 0"))


class SqlLogStore:
    """A `LogStore` whose leaves are recorded ledger entries; it works inside the caller's
    session and transaction and never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def size(self) -> int:
        last = self.session.execute(select(func.max(_leaf.c.leaf_index))).scalar_one()
        return 0 if last is None else int(last) + 1

    def append(self, leaf_hashes: Sequence[bytes], *, entry_seqs: Sequence[int] | None = None) -> int:
        """Append leaves (each the leaf hash of a recorded entry) and the nodes they complete.

        `entry_seqs` gives the entries' ledger_entry.seq when the caller knows them already;
        otherwise they are looked up by leaf hash.
        """
        hashes = [bytes(digest) for digest in leaf_hashes]
        for digest in hashes:
            if len(digest) != 32:
                raise StoreError(f"leaf hash is {len(digest)} bytes, not 32")
        lock_log(self.session)
        size = self.size()
        if not hashes:
            return size
        seqs = list(entry_seqs) if entry_seqs is not None else self._entry_seqs(hashes)
        if len(seqs) != len(hashes):
            raise StoreError(f"{len(hashes)} leaf hashes but {len(seqs)} entry seqs")
        created = extend(size, self.nodes(root_nodes(size)), hashes)
        leaves = [
            (size + offset, digest, seq)
            for offset, (digest, seq) in enumerate(zip(hashes, seqs, strict=True))
        ]
        insert_rows(self.session, _leaf, ("leaf_index", "leaf_hash", "entry_seq"), leaves)
        nodes = [node for node in created if node[0]]  # level 0 are the leaves, stored above
        insert_rows(self.session, _node, ("level", "node_index", "hash"), nodes)
        return size + len(hashes)

    def nodes(self, ids: Sequence[NodeId]) -> list[bytes]:
        found: dict[NodeId, bytes] = {}
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), _CHUNK):
            query = _nodes_query(wanted[start : start + _CHUNK])
            found.update(
                ((level, index), bytes(digest)) for level, index, digest in self.session.execute(query)
            )
        missing = [node for node in wanted if node not in found]
        if missing:
            raise StoreError(f"node(s) (level, index) not in the log: {missing[:8]}")
        return [found[node] for node in ids]

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        size = self.size()
        if not 0 <= start <= end <= size:
            raise StoreError(f"leaf range [{start}, {end}) is outside the log's {size} leaves")
        rows = self.session.execute(
            select(_leaf.c.leaf_hash)
            .where(_leaf.c.leaf_index >= start, _leaf.c.leaf_index < end)
            .order_by(_leaf.c.leaf_index)
        ).scalars()
        return [bytes(digest) for digest in rows]

    def _entry_seqs(self, hashes: list[bytes]) -> list[int]:
        seq_of: dict[bytes, int] = {}
        for start in range(0, len(hashes), _CHUNK):
            chunk = hashes[start : start + _CHUNK]
            rows = self.session.execute(
                select(_entry.c.leaf_hash, _entry.c.seq).where(_entry.c.leaf_hash.in_(chunk))
            )
            seq_of.update((bytes(digest), seq) for digest, seq in rows)
        unknown = [digest.hex() for digest in hashes if digest not in seq_of]
        if unknown:
            raise StoreError(f"leaf hash(es) of no recorded entry: {unknown[:4]}")
        return [seq_of[digest] for digest in hashes]


def _nodes_query(ids: Sequence[NodeId]) -> Executable:
    """One query for leaves and cached nodes: an OR of one IN-list per level (portable, and each
    arm is a primary-key range lookup)."""
    leaves = [index for level, index in ids if level == 0]
    by_level: dict[int, list[int]] = defaultdict(list)
    for level, index in ids:
        if level > 0:
            by_level[level].append(index)
    parts: list[Select[Any]] = []
    if leaves:
        parts.append(
            select(literal(0).label("level"), _leaf.c.leaf_index, _leaf.c.leaf_hash).where(
                _leaf.c.leaf_index.in_(leaves)
            )
        )
    if by_level:
        parts.append(
            select(_node.c.level, _node.c.node_index, _node.c.hash).where(
                or_(
                    *(
                        and_(_node.c.level == level, _node.c.node_index.in_(indexes))
                        for level, indexes in by_level.items()
                    )
                )
            )
        )
    if len(parts) == 1:
        return parts[0]
    return union_all(*parts)
