"""Property tests: for random trees every proof verifies, and any corruption is rejected."""

import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import merkle
from ledger.ranges import root_nodes
from ledger.store import (
    MemoryLogStore,
    extend,
    tree_consistency_proof,
    tree_inclusion_proof,
    tree_root,
)


def _leaves(n: int, seed: int = 0) -> list[bytes]:
    return [merkle.leaf_hash(hashlib.sha256(f"{seed}:{i}".encode()).digest()) for i in range(n)]


def _flip(proof: list[bytes], position: int, bit: int) -> list[bytes]:
    out = list(proof)
    target = bytearray(out[position])
    target[bit // 8] ^= 1 << (bit % 8)
    out[position] = bytes(target)
    return out


def _rejects(call, *args) -> bool:
    try:
        call(*args)
    except merkle.ProofError:
        return True
    return False


def test_empty_tree_root_is_sha256_of_nothing() -> None:
    assert merkle.root([]) == hashlib.sha256(b"").digest()
    assert tree_root(MemoryLogStore()) == hashlib.sha256(b"").digest()


def test_root_matches_the_rfc_recursive_definition() -> None:
    def mth(d: list[bytes]) -> bytes:
        if len(d) == 1:
            return d[0]
        k = 1 << ((len(d) - 1).bit_length() - 1)
        return merkle.node_hash(mth(d[:k]), mth(d[k:]))

    for n in range(1, 130):
        leaves = _leaves(n)
        assert merkle.root(leaves) == mth(leaves), n


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(1, 3000), data=st.data())
def test_inclusion_proofs_verify_and_corruption_fails(size: int, data: st.DataObject) -> None:
    leaves = _leaves(size, seed=size)
    root = merkle.root(leaves)
    store = MemoryLogStore()
    store.append(leaves)
    for index in data.draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=6)):
        proof = tree_inclusion_proof(store, index)
        assert proof == merkle.inclusion_proof(leaves, index)
        merkle.verify_inclusion(leaves[index], index, size, proof, root)
        if proof:
            position = data.draw(st.integers(0, len(proof) - 1))
            bit = data.draw(st.integers(0, 255))
            assert _rejects(
                merkle.verify_inclusion, leaves[index], index, size, _flip(proof, position, bit), root
            )
        wrong_index = data.draw(st.integers(0, size).filter(lambda i, index=index: i != index))
        assert _rejects(merkle.verify_inclusion, leaves[index], wrong_index, size, proof, root)
        # A proof made for one tree size does not verify against another size's real root
        # (unless both trees give the very same proof). The size itself is bound by the signed
        # checkpoint: RFC 9162 proofs of equal shape verify for several sizes by design.
        wrong_size = data.draw(st.integers(index + 1, size + 40).filter(lambda s: s != size))
        other = _leaves(wrong_size, seed=size) if wrong_size > size else leaves[:wrong_size]
        if merkle.inclusion_proof(other, index) != proof:
            assert _rejects(
                merkle.verify_inclusion, leaves[index], index, wrong_size, proof, merkle.root(other)
            )
        assert _rejects(merkle.verify_inclusion, _flip([leaves[index]], 0, 7)[0], index, size, proof, root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(1, 3000), data=st.data())
def test_consistency_proofs_verify_and_corruption_fails(size: int, data: st.DataObject) -> None:
    leaves = _leaves(size, seed=size + 7)
    store = MemoryLogStore()
    store.append(leaves)
    new_root = merkle.root(leaves)
    for old in data.draw(st.lists(st.integers(1, size), min_size=1, max_size=5)):
        old_root = merkle.root(leaves[:old])
        proof = tree_consistency_proof(store, old)
        assert proof == merkle.consistency_proof(leaves, old)
        merkle.verify_consistency(old, size, old_root, new_root, proof)
        if proof:
            position = data.draw(st.integers(0, len(proof) - 1))
            bit = data.draw(st.integers(0, 255))
            assert _rejects(
                merkle.verify_consistency, old, size, old_root, new_root, _flip(proof, position, bit)
            )
            assert _rejects(merkle.verify_consistency, old, size, old_root, new_root, proof[:-1])
            assert _rejects(merkle.verify_consistency, old, size, old_root, new_root, [*proof, proof[0]])
        if old < size:
            grown = [*leaves, merkle.leaf_hash(b"one more")]
            assert _rejects(merkle.verify_consistency, old, size + 1, old_root, merkle.root(grown), proof)
            wrong_old = data.draw(st.integers(1, size).filter(lambda o, old=old: o != old))
            assert _rejects(merkle.verify_consistency, wrong_old, size, old_root, new_root, proof)
            assert _rejects(merkle.verify_consistency, old, size, _flip([old_root], 0, 0)[0], new_root, proof)


@settings(max_examples=40, deadline=None)
@given(batches=st.lists(st.integers(0, 70), min_size=1, max_size=8))
def test_store_appends_in_batches_match_the_tree(batches: list[int]) -> None:
    leaves = _leaves(sum(batches), seed=len(batches))
    store = MemoryLogStore()
    done = 0
    for count in batches:
        frontier = store.nodes(root_nodes(done))
        created = extend(done, frontier, leaves[done : done + count])
        store.append(leaves[done : done + count])
        # every node extend() says it creates is exactly the one the store holds
        assert all(store.nodes([(lvl, idx)])[0] == digest for lvl, idx, digest in created)
        done += count
        assert tree_root(store) == merkle.root(leaves[:done])
        assert store.size() == done


def test_wrong_hash_lengths_are_errors() -> None:
    leaves = _leaves(5)
    proof = merkle.inclusion_proof(leaves, 2)
    root = merkle.root(leaves)
    assert _rejects(merkle.verify_inclusion, leaves[2][:31], 2, 5, proof, root)
    assert _rejects(merkle.verify_inclusion, leaves[2], 2, 5, proof, root + b"\x00")
    assert _rejects(merkle.verify_inclusion, leaves[2], 2, 5, [proof[0][:16], *proof[1:]], root)
    assert _rejects(merkle.verify_consistency, 0, 5, merkle.root([]), root, [])


def test_memory_store_refuses_a_bad_batch_whole() -> None:
    import pytest

    from ledger.errors import StoreError

    store = MemoryLogStore()
    with pytest.raises(StoreError, match="leaf hash 1 of the batch"):
        store.append([_leaves(1)[0], b"short"])
    assert store.size() == 0
