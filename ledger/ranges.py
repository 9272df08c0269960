"""Which subtrees a proof is made of, as leaf ranges [start, end).

Every range in an RFC 9162 proof is either a complete, aligned subtree (its size a power of two,
its start a multiple of it) or a subtree on the tree's right border. `range_nodes` splits any such
range into complete subtrees `(level, index)`, which a log store keeps cached, so a proof from a
store costs O(log n) reads whatever the tree size.
"""

from __future__ import annotations

from ledger.errors import ProofError

NodeId = tuple[
    int, int
]  # (level, index): the complete subtree of leaves [index << level, (index + 1) << level)


def _split(size: int) -> int:
    """The largest power of two strictly smaller than size (size >= 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The ranges whose hashes form PATH(index, D[0:size]), leaf's sibling first."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside a tree of size {size}")
    out: list[tuple[int, int]] = []
    lo, hi = 0, size
    while hi - lo > 1:
        mid = lo + _split(hi - lo)
        if index < mid:
            out.append((mid, hi))
            hi = mid
        else:
            out.append((lo, mid))
            lo = mid
    out.reverse()
    return out


def consistency_ranges(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """The ranges whose hashes form PROOF(old_size, D[0:new_size]) (RFC 9162 SUBPROOF)."""
    if not 0 < old_size <= new_size:
        raise ProofError(f"old size {old_size} must be in 1..{new_size}")
    out: list[tuple[int, int]] = []
    lo, hi, m, whole_old_tree = 0, new_size, old_size, True
    while m != hi - lo:
        split = _split(hi - lo)
        if m <= split:
            out.append((lo + split, hi))
            hi = lo + split
        else:
            out.append((lo, lo + split))
            lo, m, whole_old_tree = lo + split, m - split, False
    if not whole_old_tree:
        out.append((lo, hi))
    out.reverse()
    return out


def range_nodes(start: int, end: int) -> list[NodeId]:
    """Complete subtrees covering [start, end), largest first; their hashes folded from the
    right give the range's Merkle hash."""
    out: list[NodeId] = []
    while start < end:
        # The largest aligned power of two that starts at `start` and fits before `end`.
        level = (end - start).bit_length() - 1
        if start:
            level = min(level, (start & -start).bit_length() - 1)
        out.append((level, start >> level))
        start += 1 << level
    return out


def root_nodes(size: int) -> list[NodeId]:
    """Complete subtrees of a tree of `size` leaves, largest first (one per set bit of size)."""
    return range_nodes(0, size)
