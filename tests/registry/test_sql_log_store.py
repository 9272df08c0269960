"""The SQL log store gives exactly the roots and proofs of the in-memory store and ledger.merkle."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger import merkle
from ledger.errors import StoreError
from ledger.store import (
    LogStore,
    MemoryLogStore,
    tree_consistency_proof,
    tree_inclusion_proof,
    tree_root,
)
from registry.log_store import SqlLogStore
from registry.models import leaf_table, node_table
from tests.registry.helpers import record_works


def _random_batches(leaves: list[bytes], rng: random.Random) -> list[list[bytes]]:
    batches, start = [], 0
    while start < len(leaves):
        end = min(len(leaves), start + rng.choice([1, 1, 2, 3, 4, 5, 8, 13]))
        batches.append(leaves[start:end])
        start = end
    return batches


def _stored_nodes(session: Session) -> set[tuple[int, int, bytes]]:
    leaves = session.execute(select(leaf_table.c.leaf_index, leaf_table.c.leaf_hash)).all()
    nodes = session.execute(select(node_table.c.level, node_table.c.node_index, node_table.c.hash)).all()
    return {(0, index, bytes(digest)) for index, digest in leaves} | {
        (level, index, bytes(digest)) for level, index, digest in nodes
    }


def _memory_nodes(memory: MemoryLogStore) -> set[tuple[int, int, bytes]]:
    return {
        (level, index, digest) for level, row in enumerate(memory._levels) for index, digest in enumerate(row)
    }


def _check_every_proof(store: LogStore, leaves: list[bytes]) -> None:
    for size in range(len(leaves) + 1):
        root = tree_root(store, size)
        assert root == merkle.root(leaves[:size])
        for index in range(size):
            proof = tree_inclusion_proof(store, index, size)
            assert proof == merkle.inclusion_proof(leaves[:size], index), (index, size)
            merkle.verify_inclusion(leaves[index], index, size, proof, root)
        for old in range(1, size + 1):
            proof = tree_consistency_proof(store, old, size)
            assert proof == merkle.consistency_proof(leaves[:size], old), (old, size)
            merkle.verify_consistency(old, size, merkle.root(leaves[:old]), root, proof)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sizes_0_to_70_match_memory_store_whatever_the_batches(session: Session, seed: int) -> None:
    rng = random.Random(seed)
    leaves = record_works(session, 70)
    sql, memory = SqlLogStore(session), MemoryLogStore()
    assert sql.size() == 0 and tree_root(sql) == merkle.EMPTY_ROOT
    for batch in _random_batches(leaves, rng):
        assert sql.append(batch) == memory.append(batch)
        assert tree_root(sql) == tree_root(memory) == merkle.root(leaves[: sql.size()])
    assert _stored_nodes(session) == _memory_nodes(memory)
    if seed == 1:  # every (index, size) and (old, new) pair once; the node tables cover the rest
        _check_every_proof(sql, leaves)
    session.rollback()


def test_a_few_thousand_leaves(session: Session) -> None:
    rng = random.Random(7)
    leaves = record_works(session, 3000)
    sql, memory = SqlLogStore(session), MemoryLogStore()
    start = 0
    while start < len(leaves):
        end = min(len(leaves), start + rng.randint(1, 400))
        sql.append(leaves[start:end])
        memory.append(leaves[start:end])
        start = end
    assert _stored_nodes(session) == _memory_nodes(memory)
    for _ in range(150):
        size = rng.randint(1, 3000)
        index, old = rng.randrange(size), rng.randint(1, size)
        root = tree_root(sql, size)
        assert root == tree_root(memory, size) == merkle.root(leaves[:size])
        inclusion = tree_inclusion_proof(sql, index, size)
        assert inclusion == tree_inclusion_proof(memory, index, size)
        merkle.verify_inclusion(leaves[index], index, size, inclusion, root)
        consistency = tree_consistency_proof(sql, old, size)
        assert consistency == tree_consistency_proof(memory, old, size)
        merkle.verify_consistency(old, size, merkle.root(leaves[:old]), root, consistency)


def test_is_a_log_store(session: Session) -> None:
    assert isinstance(SqlLogStore(session), LogStore)


def test_nodes_come_back_in_the_order_asked(session: Session) -> None:
    leaves = record_works(session, 1200)
    store = SqlLogStore(session)
    store.append(leaves)
    memory = MemoryLogStore()
    memory.append(leaves)
    ids = [(0, 1199), (3, 2), (0, 0), (10, 0), (1, 599), (3, 2), (7, 8)]
    assert store.nodes(ids) == memory.nodes(ids)
    every_leaf = [(0, index) for index in reversed(range(1200))]  # more than one query's worth
    assert store.nodes(every_leaf) == list(reversed(leaves))
    assert store.nodes([]) == []


@pytest.mark.parametrize("missing", [(0, 5), (1, 2), (3, 0), (-1, 0)])
def test_a_missing_node_is_a_store_error(session: Session, missing: tuple[int, int]) -> None:
    store = SqlLogStore(session)
    store.append(record_works(session, 5))  # (0, 4) and (2, 0) exist; (1, 2) and (3, 0) don't
    with pytest.raises(StoreError, match="not in the log"):
        store.nodes([(0, 0), missing])


def test_leaf_hashes(session: Session) -> None:
    leaves = record_works(session, 10)
    store = SqlLogStore(session)
    store.append(leaves)
    assert store.leaf_hashes(0, 10) == leaves
    assert store.leaf_hashes(3, 7) == leaves[3:7]
    assert store.leaf_hashes(10, 10) == []
    for start, end in [(0, 11), (5, 4), (-1, 2)]:
        with pytest.raises(StoreError, match="outside the log"):
            store.leaf_hashes(start, end)


def test_append_refuses_what_is_not_a_recorded_entry(session: Session) -> None:
    store = SqlLogStore(session)
    with pytest.raises(StoreError, match="not 32"):
        store.append([b"\x01" * 31])
    with pytest.raises(StoreError, match="no recorded entry"):
        store.append([b"\x01" * 32])
    assert store.size() == 0
    assert store.append([]) == 0


def test_a_size_beyond_the_log_is_refused(session: Session) -> None:
    store = SqlLogStore(session)
    store.append(record_works(session, 3))
    with pytest.raises(StoreError, match="beyond"):
        tree_root(store, 4)
