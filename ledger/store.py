"""The log store: an append-only list of leaf hashes with cached complete-subtree hashes.

Any store (in memory here, SQL in registry/) implements `LogStore`; the functions below compute
roots and proofs from it with O(log n) node reads, and `extend` says which nodes an append adds,
in O(batch + log n). The anchoring job takes these interfaces and never sees a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from ledger.errors import StoreError
from ledger.merkle import EMPTY_ROOT, chain_border_right, node_hash
from ledger.ranges import NodeId, consistency_ranges, inclusion_ranges, range_nodes, root_nodes


@runtime_checkable
class LogStore(Protocol):
    def size(self) -> int:
        """Number of leaves in the log."""

    def append(self, leaf_hashes: Sequence[bytes]) -> int:
        """Append leaves (and the subtree nodes they complete); return the new size."""

    def nodes(self, ids: Sequence[NodeId]) -> list[bytes]:
        """Hashes of complete subtrees (level 0 = leaves), in the order asked."""

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        """Leaf hashes of positions [start, end)."""


def extend(
    size: int, frontier: Sequence[bytes], leaf_hashes: Iterable[bytes]
) -> list[tuple[int, int, bytes]]:
    """The nodes `(level, index, hash)` that appending `leaf_hashes` to a log of `size` creates,
    leaves included. `frontier` holds the hashes of `root_nodes(size)` (the log's right edge)."""
    # A left sibling always sits at an even position and is the newest even node on its level;
    # the frontier nodes are exactly those of the current size.
    newest: dict[int, bytes] = {
        level: digest for (level, _), digest in zip(root_nodes(size), frontier, strict=True)
    }
    created: list[tuple[int, int, bytes]] = []
    hash_children = node_hash  # a local name: this loop runs once per node
    for offset, digest in enumerate(leaf_hashes):
        position, level = size + offset, 0
        created.append((0, position, digest))
        while position & 1:
            digest = hash_children(newest[level], digest)
            level, position = level + 1, position >> 1
            created.append((level, position, digest))
        newest[level] = digest
    return created


def subtree_hash(store: LogStore, start: int, end: int) -> bytes:
    """Merkle hash of leaves [start, end) of a range that a proof uses."""
    hashes = store.nodes(range_nodes(start, end))
    return fold_subtrees(hashes)


def tree_root(store: LogStore, size: int | None = None) -> bytes:
    """Root of the first `size` leaves (default: all)."""
    size = store.size() if size is None else size
    _check_size(store, size)
    if size == 0:
        return EMPTY_ROOT
    return fold_subtrees(store.nodes(root_nodes(size)))


def tree_inclusion_proof(store: LogStore, index: int, size: int | None = None) -> list[bytes]:
    size = store.size() if size is None else size
    _check_size(store, size)
    return _proof_from_ranges(store, inclusion_ranges(index, size))


def tree_consistency_proof(store: LogStore, old_size: int, new_size: int | None = None) -> list[bytes]:
    new_size = store.size() if new_size is None else new_size
    _check_size(store, new_size)
    return _proof_from_ranges(store, consistency_ranges(old_size, new_size))


def _proof_from_ranges(store: LogStore, ranges: list[tuple[int, int]]) -> list[bytes]:
    # One batched read for the whole proof: a round trip per node would dominate on a database.
    per_range = [range_nodes(start, end) for start, end in ranges]
    flat = [node for nodes in per_range for node in nodes]
    hashes = store.nodes(flat)
    out: list[bytes] = []
    offset = 0
    for nodes in per_range:
        count = len(nodes)
        out.append(hashes[offset] if count == 1 else fold_subtrees(hashes[offset : offset + count]))
        offset += count
    return out


def fold_subtrees(hashes: Sequence[bytes]) -> bytes:
    """Combine adjacent complete subtrees, largest first, into the hash of their whole range (the
    root, when they are a log's right edge `root_nodes(size)`)."""
    return chain_border_right(hashes[-1], hashes[-2::-1])


def _check_size(store: LogStore, size: int) -> None:
    if not 0 <= size <= store.size():
        raise StoreError(f"tree size {size} is beyond the log's {store.size()} leaves")


class MemoryLogStore:
    """A log store in memory: one list of node hashes per level."""

    def __init__(self) -> None:
        self._levels: list[list[bytes]] = [[]]

    def size(self) -> int:
        return len(self._levels[0])

    def append(self, leaf_hashes: Sequence[bytes]) -> int:
        levels = self._levels
        hash_children = node_hash  # a local name: this loop runs once per node
        bad = next((position for position, digest in enumerate(leaf_hashes) if len(digest) != 32), None)
        if bad is not None:  # refuse the whole batch before changing anything
            raise StoreError(f"leaf hash {bad} of the batch is {len(leaf_hashes[bad])} bytes, not 32")
        for digest in leaf_hashes:
            level = 0
            row = levels[0]
            row.append(digest)
            # A node completes whenever its level's row reaches an even length.
            while not len(row) & 1:
                digest = hash_children(row[-2], digest)
                level += 1
                if level == len(levels):
                    levels.append([])
                row = levels[level]
                row.append(digest)
        return len(levels[0])

    def nodes(self, ids: Sequence[NodeId]) -> list[bytes]:
        levels = self._levels
        try:
            return [levels[level][index] for level, index in ids]
        except IndexError:
            raise StoreError(f"node not in the store: one of {list(ids)[:8]}") from None

    def leaf_hashes(self, start: int, end: int) -> list[bytes]:
        if not 0 <= start <= end <= self.size():
            raise StoreError(f"leaf range [{start}, {end}) is outside the log's {self.size()} leaves")
        return self._levels[0][start:end]
