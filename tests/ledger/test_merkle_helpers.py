"""ledger.merkle's named helpers (after transparency-dev/merkle proof/verify.go) and the rule that
a node hash is spelled out in one place only."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from ledger import merkle
from ledger.ranges import root_nodes
from ledger.store import MemoryLogStore, fold_subtrees

REPO = Path(__file__).resolve().parents[2]


def _leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(str(i).encode()) for i in range(n)]


def test_node_hash_is_rfc_9162_interior_hash() -> None:
    left, right = b"\x11" * 32, b"\x22" * 32
    assert merkle.node_hash(left, right) == hashlib.sha256(b"\x01" + left + right).digest()


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 33])
def test_root_from_inclusion_proof_gives_the_tree_root_for_every_leaf(size: int) -> None:
    leaves = _leaves(size)
    for index in range(size):
        proof = merkle.inclusion_proof(leaves, index)
        assert merkle.root_from_inclusion_proof(leaves[index], index, size, proof) == merkle.root(leaves)


def test_root_from_inclusion_proof_refuses_malformed_inputs() -> None:
    leaves = _leaves(5)
    proof = merkle.inclusion_proof(leaves, 2)
    with pytest.raises(merkle.ProofError, match="outside"):
        merkle.root_from_inclusion_proof(leaves[2], 5, 5, proof)
    with pytest.raises(merkle.ProofError, match="needs"):
        merkle.root_from_inclusion_proof(leaves[2], 2, 5, proof[:-1])
    with pytest.raises(merkle.ProofError, match="not 32"):
        merkle.root_from_inclusion_proof(leaves[2][:31], 2, 5, proof)


def test_chain_helpers_take_siblings_left_or_right_by_the_index_bits() -> None:
    seed, a, b = b"\x00" * 32, b"\xaa" * 32, b"\xbb" * 32
    node = merkle.node_hash
    assert merkle.chain_inner(seed, [a, b], 0b01) == node(node(a, seed), b)
    assert merkle.chain_inner_right(seed, [a, b], 0b01) == node(a, seed)  # b, on the right, is skipped
    assert merkle.chain_border_right(seed, [a, b]) == node(b, node(a, seed))


@pytest.mark.parametrize("size", [1, 6, 7, 64, 100])
def test_the_stores_fold_of_the_right_edge_is_the_root(size: int) -> None:
    store = MemoryLogStore()
    store.append(_leaves(size))
    assert fold_subtrees(store.nodes(root_nodes(size))) == merkle.root(_leaves(size))


def test_a_node_hash_is_spelled_out_only_in_ledger_merkle() -> None:
    spelled = re.compile(r"""sha256\(\s*b["']\\x01["']\s*\+""")
    places = [
        path.relative_to(REPO).as_posix()
        for folder in ("ledger", "anchor", "registry", "portal", "rightsledger")
        for path in (REPO / folder).rglob("*.py")
        if spelled.search(path.read_text())
    ]
    assert places == ["ledger/merkle.py"]
