"""Cross-check ledger.merkle and ledger.store against pymerkle 7, an independent implementation.

pymerkle is GPL: it is a dev/test dependency and may be imported only under tests/ and bench/.
Its default configuration (`InmemoryTree("sha256")`, security on) is RFC 9162's hashing: leaf =
SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), empty tree = SHA-256(b"").

Proof formats differ, so each direction converts:
- inclusion: pymerkle's path is [leaf hash] + the RFC 9162 audit path, with the same split rule,
  so the conversion is a slice (and the test asserts exactly that).
- consistency: pymerkle's path always starts with a base hash, and where the old tree fills the
  left subtree exactly it descends into the right subtree instead of stopping (RFC 9162 stops and
  sends the right subtree's hash). Every range in either proof is a node of the new tree, so a
  hash wanted by one format is rebuilt from the other's by folding covering nodes (`_derive`).
  pymerkle -> RFC always works; RFC -> pymerkle works where pymerkle's path needs no node finer
  than what the RFC proof holds (about half of all size pairs), and is checked on all of those.

Random data comes from a seeded generator (RIGHTS_CROSSCHECK_SEED overrides it), so a failure
reproduces; nothing is compared with a constant: every expected value comes from pymerkle.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Callable

import pytest
from pymerkle import (
    ConsistencyProof,
    InclusionProof,
    InmemoryTree,
    InvalidProof,
)
from pymerkle import verify_consistency as pm_verify_consistency
from pymerkle import verify_inclusion as pm_verify_inclusion

# pymerkle's own verifier rebuilds the expected path layout with these (module-private) helpers;
# we use them only to label the hashes of a proof we convert into pymerkle's format.
from pymerkle.core import _consistency_path_layout

from ledger import merkle
from ledger.store import MemoryLogStore, tree_consistency_proof, tree_inclusion_proof, tree_root

SEED = int(os.environ.get("RIGHTS_CROSSCHECK_SEED", "9162"))
ALGORITHM = "sha256"

Range = tuple[int, int]


# --------------------------------------------------------------------------------------------
# helpers


def _rng(*salt: object) -> random.Random:
    return random.Random(f"{SEED}:{':'.join(map(str, salt))}")


def _leaf_data(rng: random.Random, count: int) -> list[bytes]:
    """Leaf inputs of varied lengths, empty ones included (RFC 9162 allows empty entries)."""
    return [rng.randbytes(rng.choice((0, 1, 7, 32, 33, 64, 100, 250))) for _ in range(count)]


def _pymerkle_tree(data: list[bytes]) -> InmemoryTree:
    tree = InmemoryTree(ALGORITHM)  # security on: RFC 9162 prefixes
    for item in data:
        tree.append_entry(item)
    return tree


def _store(leaf_hashes: list[bytes]) -> MemoryLogStore:
    store = MemoryLogStore()
    store.append(leaf_hashes)
    return store


def _split(width: int) -> int:
    return 1 << ((width - 1).bit_length() - 1)


def _rfc_consistency_ranges(m: int, n: int) -> list[Range]:
    """PROOF(m, D[n]) as leaf ranges, written straight from RFC 9162 section 2.1.4.1 (recursive,
    independent of ledger.ranges)."""

    def subproof(m: int, start: int, end: int, whole: bool) -> list[Range]:
        if m == end - start:
            return [] if whole else [(start, end)]
        k = _split(end - start)
        if m <= k:
            return [*subproof(m, start, start + k, whole), (start + k, end)]
        return [*subproof(m - k, start + k, end, False), (start, start + k)]

    return subproof(m, 0, n, True)


def _derive(known: dict[Range, bytes], start: int, end: int, used: set[Range]) -> bytes | None:
    """Hash of leaves [start, end) from known node hashes, splitting as RFC 9162 does; None if a
    single leaf is reached that is not known."""
    if (start, end) in known:
        used.add((start, end))
        return known[(start, end)]
    if end - start <= 1:
        return None
    mid = start + _split(end - start)
    left = _derive(known, start, mid, used)
    right = _derive(known, mid, end, used) if left is not None else None
    if left is None or right is None:
        return None
    return merkle.node_hash(left, right)


def _flip(value: bytes, bit: int) -> bytes:
    out = bytearray(value)
    out[(bit // 8) % len(out)] ^= 1 << (bit % 8)
    return bytes(out)


def _ours_rejects(call: Callable[..., None], *args: object) -> bool:
    try:
        call(*args)
    except merkle.ProofError:
        return True
    return False


def _pymerkle_rejects(call: Callable[..., None], *args: object, **kwargs: object) -> bool:
    try:
        call(*args, **kwargs)
    except InvalidProof:
        return True
    return False


# conversions ---------------------------------------------------------------------------------


def _inclusion_to_pymerkle(
    leaf: bytes, index: int, size: int, proof: list[bytes], rule: list[int]
) -> InclusionProof:
    """Our audit path as a pymerkle proof (pymerkle counts leaves from one)."""
    return InclusionProof(ALGORITHM, True, size, index + 1, rule, [leaf, *proof])


def _consistency_from_pymerkle(pm: ConsistencyProof, m: int, n: int) -> tuple[list[bytes], set[Range]]:
    """pymerkle's consistency proof rewritten as the RFC 9162 one; also which of its ranges fed it."""
    _, _, ranges = _consistency_path_layout(m, n)
    known = dict(zip(ranges, pm.path, strict=True))
    used: set[Range] = set()
    out = []
    for start, end in _rfc_consistency_ranges(m, n):
        digest = _derive(known, start, end, used)
        assert digest is not None, f"pymerkle proof {m}->{n} does not cover RFC range {(start, end)}"
        out.append(digest)
    return out, used


def _consistency_to_pymerkle(
    proof: list[bytes], m: int, n: int, old_root: bytes
) -> tuple[ConsistencyProof | None, set[Range]]:
    """Our proof in pymerkle's format, or None where pymerkle needs nodes it does not hold."""
    known = dict(zip(_rfc_consistency_ranges(m, n), proof, strict=True))
    known.setdefault((0, m), old_root)  # the old root is the implicit first node when m is 2^k
    rule, subset, ranges = _consistency_path_layout(m, n)
    used: set[Range] = set()
    path = []
    for start, end in ranges:
        digest = _derive(known, start, end, used)
        if digest is None:
            return None, used
        path.append(digest)
    return ConsistencyProof(ALGORITHM, True, n, m, rule, subset, path), used


# --------------------------------------------------------------------------------------------
# configuration


def test_pymerkle_is_configured_as_rfc9162() -> None:
    tree = InmemoryTree(ALGORITHM)
    data = b"rightsledger"
    tree.append_entry(data)
    tree.append_entry(b"")
    assert tree.hash_buff(data) == hashlib.sha256(b"\x00" + data).digest()
    left, right = tree.get_leaf(1), tree.get_leaf(2)
    assert tree.get_root() == hashlib.sha256(b"\x01" + left + right).digest()
    assert InmemoryTree(ALGORITHM).get_root() == hashlib.sha256(b"").digest() == merkle.EMPTY_ROOT


def test_the_comparison_would_see_a_different_hashing() -> None:
    """Sanity: the cross-check is sensitive, pymerkle without domain separation disagrees."""
    data = _leaf_data(_rng("insecure"), 5)
    insecure = InmemoryTree(ALGORITHM, disable_security=True)
    for item in data:
        insecure.append_entry(item)
    assert insecure.get_root() != merkle.root([merkle.leaf_hash(d) for d in data])
    assert _pymerkle_tree(data).get_root() == merkle.root([merkle.leaf_hash(d) for d in data])


# --------------------------------------------------------------------------------------------
# roots


def test_roots_of_every_size_up_to_300_match() -> None:
    data = _leaf_data(_rng("roots"), 300)
    tree = InmemoryTree(ALGORITHM)
    ours: list[bytes] = []
    store = MemoryLogStore()
    assert tree.get_root() == merkle.root(ours) == tree_root(store)
    for size, item in enumerate(data, start=1):
        tree.append_entry(item)
        ours.append(merkle.leaf_hash(item))
        store.append([ours[-1]])
        assert tree.get_leaf(size) == ours[-1], size
        expected = tree.get_root()
        assert merkle.root(ours) == expected, size
        assert tree_root(store) == expected, size


@pytest.mark.parametrize("size", [1023, 1024, 1025, 4099, 20_000])
def test_roots_of_larger_trees_and_their_prefixes_match(size: int) -> None:
    rng = _rng("large-roots", size)
    data = _leaf_data(rng, size)
    tree = _pymerkle_tree(data)
    leaves = [merkle.leaf_hash(d) for d in data]
    store = _store(leaves)
    prefixes = {size, 1, size - 1, *(rng.randint(1, size) for _ in range(8))}
    prefixes |= {p for p in (256, 512, 1024, 4096, 16384) if p <= size}
    for prefix in sorted(prefixes):
        expected = tree.get_root(prefix)
        assert merkle.root(leaves[:prefix]) == expected, prefix
        assert tree_root(store, prefix) == expected, prefix


# --------------------------------------------------------------------------------------------
# inclusion proofs


def _check_inclusion(
    tree: InmemoryTree, leaves: list[bytes], store: MemoryLogStore, index: int, size: int, rng: random.Random
) -> None:
    leaf = leaves[index]
    root = tree.get_root(size)
    theirs = tree.prove_inclusion(index + 1, size)
    ours = tree_inclusion_proof(store, index, size)
    assert ours == merkle.inclusion_proof(leaves[:size], index)

    # pymerkle's path is the leaf followed by the RFC 9162 audit path
    assert theirs.path == [leaf, *ours], (index, size)

    # theirs, verified by ours
    merkle.verify_inclusion(theirs.path[0], index, size, theirs.path[1:], root)
    # ours, verified by theirs
    converted = _inclusion_to_pymerkle(leaf, index, size, ours, theirs.rule)
    pm_verify_inclusion(leaf, root, converted, index=index + 1, size=size, algorithm=ALGORITHM, security=True)
    # and through pymerkle's own JSON form, so no object of theirs is reused
    reloaded = InclusionProof.deserialize(converted.serialize())
    pm_verify_inclusion(leaf, root, reloaded, index=index + 1, size=size, algorithm=ALGORITHM, security=True)

    # tampered: one bit of our path -> both reject
    if ours:
        position, bit = rng.randrange(len(ours)), rng.randrange(256)
        bad = list(ours)
        bad[position] = _flip(bad[position], bit)
        assert _ours_rejects(merkle.verify_inclusion, leaf, index, size, bad, root)
        bad_pm = _inclusion_to_pymerkle(leaf, index, size, bad, theirs.rule)
        assert _pymerkle_rejects(pm_verify_inclusion, leaf, root, bad_pm, index=index + 1, size=size)
    # tampered: one bit of their path (leaf included) -> both reject
    position, bit = rng.randrange(len(theirs.path)), rng.randrange(256)
    bad_path = list(theirs.path)
    bad_path[position] = _flip(bad_path[position], bit)
    bad_theirs = InclusionProof(ALGORITHM, True, size, index + 1, theirs.rule, bad_path)
    assert _pymerkle_rejects(pm_verify_inclusion, leaf, root, bad_theirs, index=index + 1, size=size)
    assert _ours_rejects(merkle.verify_inclusion, bad_path[0], index, size, bad_path[1:], root)
    # tampered root -> both reject
    bad_root = _flip(root, rng.randrange(256))
    assert _ours_rejects(merkle.verify_inclusion, leaf, index, size, ours, bad_root)
    assert _pymerkle_rejects(pm_verify_inclusion, leaf, bad_root, converted, index=index + 1, size=size)
    # right proof, wrong leaf -> both reject
    # (leaf data repeats on purpose, e.g. empty entries, so pick a leaf with another hash)
    other = next((h for h in leaves[:size] if h != leaf), None)
    if other is not None:
        assert _ours_rejects(merkle.verify_inclusion, other, index, size, ours, root)
        assert _pymerkle_rejects(pm_verify_inclusion, other, root, converted, index=index + 1, size=size)


def test_inclusion_every_leaf_of_every_size_up_to_64() -> None:
    rng = _rng("inclusion-small")
    data = _leaf_data(rng, 64)
    tree = _pymerkle_tree(data)
    leaves = [merkle.leaf_hash(d) for d in data]
    store = _store(leaves)
    for size in range(1, 65):
        for index in range(size):
            _check_inclusion(tree, leaves, store, index, size, rng)


def _random_sizes(label: str, count: int, upper: int) -> list[int]:
    rng = _rng(label)
    return sorted(rng.sample(range(1, upper + 1), count))


@pytest.mark.parametrize("size", [*_random_sizes("inclusion-sizes", 30, 300), 511, 512, 513, 1000, 4097])
def test_inclusion_random_trees(size: int) -> None:
    rng = _rng("inclusion", size)
    data = _leaf_data(rng, size)
    tree = _pymerkle_tree(data)
    leaves = [merkle.leaf_hash(d) for d in data]
    store = _store(leaves)
    indices = {0, size - 1, *(rng.randrange(size) for _ in range(25))}
    for index in sorted(indices):
        _check_inclusion(tree, leaves, store, index, size, rng)
        # also against a random earlier tree size that still holds the leaf
        _check_inclusion(tree, leaves, store, index, rng.randint(index + 1, size), rng)


# --------------------------------------------------------------------------------------------
# consistency proofs


def _check_consistency(
    tree: InmemoryTree, leaves: list[bytes], store: MemoryLogStore, m: int, n: int, rng: random.Random
) -> bool:
    """Check one size pair; return whether our proof could be expressed in pymerkle's format."""
    old_root, new_root = tree.get_root(m), tree.get_root(n)
    ours = tree_consistency_proof(store, m, n)
    assert ours == merkle.consistency_proof(leaves[:n], m)
    theirs = tree.prove_consistency(m, n)
    pm_verify_consistency(old_root, new_root, theirs, prior_size=m, later_size=n, algorithm=ALGORITHM)

    # ours verifies against pymerkle's roots
    merkle.verify_consistency(m, n, old_root, new_root, ours)

    # theirs, rewritten to RFC 9162 form, is exactly ours and verifies with ours
    rewritten, used_theirs = _consistency_from_pymerkle(theirs, m, n)
    assert rewritten == ours, (m, n)
    merkle.verify_consistency(m, n, old_root, new_root, rewritten)

    # ours, in pymerkle's form where that format allows, verifies with theirs
    converted, _ = _consistency_to_pymerkle(ours, m, n, old_root)
    if converted is not None:
        pm_verify_consistency(old_root, new_root, converted, prior_size=m, later_size=n, algorithm=ALGORITHM)
        reloaded = ConsistencyProof.deserialize(converted.serialize())
        pm_verify_consistency(old_root, new_root, reloaded, prior_size=m, later_size=n, algorithm=ALGORITHM)

    # tampered: one bit of our proof -> ours rejects, and theirs too if it reads that hash
    _, _, pm_ranges = _consistency_path_layout(m, n)
    if ours:
        position, bit = rng.randrange(len(ours)), rng.randrange(256)
        bad = list(ours)
        bad[position] = _flip(bad[position], bit)
        assert _ours_rejects(merkle.verify_consistency, m, n, old_root, new_root, bad)
        bad_pm, used = _consistency_to_pymerkle(bad, m, n, old_root)
        if bad_pm is not None:
            assert _rfc_consistency_ranges(m, n)[position] in used
            assert _pymerkle_rejects(
                pm_verify_consistency, old_root, new_root, bad_pm, prior_size=m, later_size=n
            )
    # tampered: one bit of their proof -> theirs rejects, and ours too if the rewrite reads it
    position, bit = rng.randrange(len(theirs.path)), rng.randrange(256)
    bad_path = list(theirs.path)
    bad_path[position] = _flip(bad_path[position], bit)
    bad_theirs = ConsistencyProof(ALGORITHM, True, n, m, theirs.rule, theirs.subset, bad_path)
    assert _pymerkle_rejects(
        pm_verify_consistency, old_root, new_root, bad_theirs, prior_size=m, later_size=n
    )
    bad_rewritten, used = _consistency_from_pymerkle(bad_theirs, m, n)
    if pm_ranges[position] in used_theirs:
        assert _ours_rejects(merkle.verify_consistency, m, n, old_root, new_root, bad_rewritten)
    else:
        # a hash the RFC form does not carry (pymerkle resends the old root): ours is unaffected
        assert bad_rewritten == ours
    # tampered roots -> both reject
    if m < n:
        bad_old = _flip(old_root, rng.randrange(256))
        bad_new = _flip(new_root, rng.randrange(256))
        assert _ours_rejects(merkle.verify_consistency, m, n, bad_old, new_root, ours)
        assert _ours_rejects(merkle.verify_consistency, m, n, old_root, bad_new, ours)
        assert _pymerkle_rejects(pm_verify_consistency, bad_old, new_root, theirs, prior_size=m, later_size=n)
        assert _pymerkle_rejects(pm_verify_consistency, old_root, bad_new, theirs, prior_size=m, later_size=n)
    return converted is not None


def test_consistency_every_pair_of_sizes_up_to_64() -> None:
    rng = _rng("consistency-small")
    data = _leaf_data(rng, 64)
    tree = _pymerkle_tree(data)
    leaves = [merkle.leaf_hash(d) for d in data]
    store = _store(leaves)
    pairs = converted = 0
    for n in range(1, 65):
        for m in range(1, n + 1):
            pairs += 1
            converted += _check_consistency(tree, leaves, store, m, n, rng)
    # the pymerkle-verifier direction must really have been exercised, on a good share of pairs
    assert converted >= pairs // 3, (converted, pairs)


@pytest.mark.parametrize("size", [*_random_sizes("consistency-sizes", 30, 300), 511, 512, 513, 1000, 4097])
def test_consistency_random_trees(size: int) -> None:
    rng = _rng("consistency", size)
    data = _leaf_data(rng, size)
    tree = _pymerkle_tree(data)
    leaves = [merkle.leaf_hash(d) for d in data]
    store = _store(leaves)
    olds = {1, size, *(rng.randint(1, size) for _ in range(20))}
    olds |= {p for p in (1 << k for k in range(13)) if p <= size}
    for m in sorted(olds):
        _check_consistency(tree, leaves, store, m, size, rng)
        # and to a random intermediate new size
        _check_consistency(tree, leaves, store, m, rng.randint(m, size), rng)
