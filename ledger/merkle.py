"""RFC 9162 section 2.1 Merkle tree hashes, proofs and their verification.

The verifiers follow transparency-dev/merkle `proof/verify.go`: a proof is split into its inner
part (below the point where the leaf's path leaves the complete left subtrees) and its right border
part, so verification is two tight loops and the proof length is checked exactly. Edge rules of the
reference verifier: every hash must be 32 bytes, an index must be below the tree size, and a
consistency proof from size 0 is an error (it proves nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import sha256

from ledger.errors import ProofError
from ledger.ranges import consistency_ranges, inclusion_ranges

HASH_SIZE = 32
EMPTY_ROOT = sha256(b"").digest()

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "ProofError",
    "chain_border_right",
    "chain_inner",
    "chain_inner_right",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root",
    "root_from_inclusion_proof",
    "verify_consistency",
    "verify_inclusion",
]


def leaf_hash(data: bytes) -> bytes:
    """MTH of a single entry: SHA-256(0x00 || data)."""
    return sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Interior node: SHA-256(0x01 || left || right). The one place a node hash is spelled out."""
    return sha256(b"\x01" + left + right).digest()


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of the tree with these leaf hashes; the empty tree's root is SHA-256 of b''.

    Pairing level by level and promoting an odd last node gives exactly RFC 9162's split at the
    largest power of two, without recursion.
    """
    level = list(leaf_hashes)
    if not level:
        return EMPTY_ROOT
    while len(level) > 1:
        odd = level[-1] if len(level) & 1 else None
        pairs = iter(level)
        # node_hash inlined: this is the hot loop of a million-leaf root (a call per node costs ~15%)
        level = [sha256(b"\x01" + left + right).digest() for left, right in zip(pairs, pairs, strict=False)]
        if odd is not None:
            level.append(odd)
    return level[0]


def inclusion_proof(leaf_hashes: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(index, D[n]) of RFC 9162 2.1.3.1, from the leaf's sibling up to the root's child."""
    size = len(leaf_hashes)
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside a tree of size {size}")
    return [root(leaf_hashes[start:end]) for start, end in inclusion_ranges(index, size)]


def consistency_proof(leaf_hashes: Sequence[bytes], old_size: int) -> list[bytes]:
    """PROOF(old_size, D[n]) of RFC 9162 2.1.4.1; empty when the sizes are equal."""
    size = len(leaf_hashes)
    if not 0 < old_size <= size:
        raise ProofError(f"old size {old_size} must be in 1..{size} (a proof from size 0 proves nothing)")
    return [root(leaf_hashes[start:end]) for start, end in consistency_ranges(old_size, size)]


def root_from_inclusion_proof(leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes]) -> bytes:
    """The root that `proof` gives for the leaf at `index` of a tree of `tree_size`; ProofError when
    the inputs are malformed (index out of range, a hash not 32 bytes, a proof of the wrong length)."""
    if index < 0 or index >= tree_size:
        raise ProofError(f"leaf index {index} is outside a tree of size {tree_size}")
    _check_hash("leaf hash", leaf_hash)
    inner = (index ^ (tree_size - 1)).bit_length()
    border = (index >> inner).bit_count()
    if len(proof) != inner + border:
        raise ProofError(
            f"inclusion proof has {len(proof)} hashes; leaf {index} of {tree_size} needs {inner + border}"
        )
    for position, sibling in enumerate(proof):
        if len(sibling) != HASH_SIZE:
            raise ProofError(f"proof hash {position} is {len(sibling)} bytes, not {HASH_SIZE}")
    return chain_border_right(chain_inner(leaf_hash, proof[:inner], index), proof[inner:])


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Raise ProofError unless `proof` shows the leaf at `index` in the tree with `root`."""
    if index < 0 or index >= tree_size:
        raise ProofError(f"leaf index {index} is outside a tree of size {tree_size}")
    _check_hash("leaf hash", leaf_hash)
    _check_hash("root", root)
    computed = root_from_inclusion_proof(leaf_hash, index, tree_size, proof)
    if computed != root:
        raise ProofError(f"inclusion proof gives root {computed.hex()}, the checkpoint says {root.hex()}")


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Raise ProofError unless the tree of `new_size` is an append-only extension of `old_size`."""
    # Order of checks as in the reference verifier: equal sizes only compare the roots.
    if old_size == 0:
        raise ProofError("a consistency proof from size 0 proves nothing")
    if old_size < 0 or new_size < old_size:
        raise ProofError(f"new size {new_size} is smaller than old size {old_size}")
    if old_size == new_size:
        if proof:
            raise ProofError("sizes are equal, so the proof must be empty")
        if old_root != new_root:
            raise ProofError("sizes are equal but the roots differ")
        return
    _check_hash("old root", old_root)
    _check_hash("new root", new_root)
    for position, node in enumerate(proof):
        if len(node) != HASH_SIZE:
            raise ProofError(f"proof hash {position} is {len(node)} bytes, not {HASH_SIZE}")
    if not proof:
        raise ProofError("sizes differ, so the proof must not be empty")

    inner = ((old_size - 1) ^ (new_size - 1)).bit_length()
    border = ((old_size - 1) >> inner).bit_count()
    shift = (old_size & -old_size).bit_length() - 1  # trailing zeros of old_size
    inner -= shift
    # When old_size is a power of two the old root is itself a node of the new tree: the seed.
    if old_size == 1 << shift:
        seed, rest = old_root, list(proof)
    else:
        seed, rest = proof[0], list(proof[1:])
    if len(rest) != inner + border:
        raise ProofError(
            f"consistency proof has {len(proof)} hashes; {old_size} -> {new_size} needs "
            f"{inner + border + (len(proof) - len(rest))}"
        )
    mask = (old_size - 1) >> shift

    computed_old = chain_border_right(chain_inner_right(seed, rest[:inner], mask), rest[inner:])
    if computed_old != old_root:
        raise ProofError(f"consistency proof gives old root {computed_old.hex()}, expected {old_root.hex()}")

    computed_new = chain_border_right(chain_inner(seed, rest[:inner], mask), rest[inner:])
    if computed_new != new_root:
        raise ProofError(f"consistency proof gives new root {computed_new.hex()}, expected {new_root.hex()}")


def chain_inner(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    """Hash `seed` up through the inner part of a proof: at each level the sibling is on the left
    when that bit of `index` is 1, on the right otherwise."""
    for position, sibling in enumerate(proof):
        seed = node_hash(sibling, seed) if (index >> position) & 1 else node_hash(seed, sibling)
    return seed


def chain_inner_right(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    """As `chain_inner`, keeping only the left siblings: what the older, smaller tree saw."""
    for position, sibling in enumerate(proof):
        if (index >> position) & 1:
            seed = node_hash(sibling, seed)
    return seed


def chain_border_right(seed: bytes, proof: Sequence[bytes]) -> bytes:
    """Hash `seed` up the right border: every remaining sibling is on the left."""
    for sibling in proof:
        seed = node_hash(sibling, seed)
    return seed


def _check_hash(what: str, value: bytes) -> None:
    if len(value) != HASH_SIZE:
        raise ProofError(f"{what} is {len(value)} bytes, not {HASH_SIZE}")
