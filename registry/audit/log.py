"""The Merkle log: its leaves are the recorded entries' leaf hashes in order, every cached
subtree hash is what those leaves give, and the roots at the checkpoints' sizes are rebuilt.

The log is rebuilt from the entries' own bytes (the truth), streaming, in O(batch + log n)
memory: each batch of leaves is appended to a frontier with `ledger.store.extend`, and the
subtrees it completes are compared with the cached ones of that range."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.merkle import EMPTY_ROOT, leaf_hash
from ledger.ranges import NodeId, root_nodes
from ledger.store import extend, fold_subtrees
from registry.audit.findings import AuditReport
from registry.models import entry_table, leaf_table, node_table

_BATCH = 5_000


def rebuild_log(session: Session, report: AuditReport, sizes: Iterable[int]) -> tuple[int, dict[int, bytes]]:
    """Check the leaves and the node cache; return the log's size and its root at each of `sizes`
    (those not beyond the log)."""
    wanted = sorted(set(sizes))
    roots: dict[int, bytes] = {0: EMPTY_ROOT}
    frontier: dict[NodeId, bytes] = {}
    size = 0
    batch: list[bytes] = []

    def flush() -> None:
        nonlocal size, frontier
        if not batch:
            return
        created = extend(size, [frontier[n] for n in root_nodes(size)], batch)
        made = {(level, index): digest for level, index, digest in created}
        size += len(batch)
        frontier = {n: made.get(n) or frontier[n] for n in root_nodes(size)}
        _compare_nodes(session, report, [c for c in created if c[0]])
        batch.clear()
        if size in wanted_set:
            roots[size] = fold_subtrees([frontier[node] for node in root_nodes(size)])

    wanted_set = set(wanted)
    leaf, entry = leaf_table.c, entry_table.c
    rows = session.execute(
        select(
            leaf.leaf_index,
            leaf.leaf_hash,
            leaf.entry_seq,
            entry.canonical,
            entry.kind,
            entry.entry_id,
            entry.version,
        )
        .outerjoin(entry_table, entry.seq == leaf.entry_seq)
        .order_by(leaf.leaf_index)
        .execution_options(yield_per=_BATCH)
    )
    for index, stored, seq, canonical, kind, entry_id, version in rows:
        report.count("leaves")
        where = f"log leaf {index}"
        if index != size + len(batch):
            report.add(
                "log_leaf",
                f"leaf index {index} where {size + len(batch)} was expected (a gap or a moved leaf)",
                where=where,
            )
        if canonical is None:
            report.add(
                "log_leaf", f"leaf points at ledger_entry seq {seq}, which does not exist", where=where
            )
            digest = bytes(stored)
        else:
            digest = leaf_hash(bytes(canonical))
            if digest != bytes(stored):
                report.add(
                    "log_leaf",
                    f"leaf hash {bytes(stored).hex()} but its entry (seq {seq}) hashes to {digest.hex()}",
                    kind=kind,
                    entry_id=entry_id,
                    version=version,
                    where=where,
                )
        batch.append(digest)
        if len(batch) >= _BATCH or (size + len(batch)) in wanted_set:
            flush()
    flush()
    _count_nodes(session, report, size)
    return size, {s: roots[s] for s in wanted if s in roots}


def _compare_nodes(session: Session, report: AuditReport, created: list[tuple[int, int, bytes]]) -> None:
    by_level: dict[int, dict[int, bytes]] = {}
    for level, index, digest in created:
        by_level.setdefault(level, {})[index] = digest
    node = node_table.c
    for level, expected in by_level.items():
        cached = {
            index: bytes(digest)
            for index, digest in session.execute(
                select(node.node_index, node.hash).where(
                    node.level == level, node.node_index.between(min(expected), max(expected))
                )
            )
        }
        for index, digest in expected.items():
            held = cached.get(index)
            where = f"log node level {level} index {index}"
            if held is None:
                report.add("node_cache", "the cached subtree hash is missing", where=where)
            elif held != digest:
                report.add(
                    "node_cache", f"cached hash {held.hex()} but the leaves give {digest.hex()}", where=where
                )


def _count_nodes(session: Session, report: AuditReport, size: int) -> None:
    """No cached node beyond the complete subtrees of the log (a moved or invented one)."""
    node = node_table.c
    for level, count in session.execute(select(node.level, func.count()).group_by(node.level)):
        report.count("cached nodes", count)
        expected = size >> level
        if count != expected:
            report.add(
                "node_cache",
                f"{count} cached subtrees at level {level}; a log of {size} leaves has {expected}",
                where=f"log node level {level}",
            )
