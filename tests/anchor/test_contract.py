"""The anchor contract on the embedded chain: roles, append-only checkpoints, and its verifiers
agreeing with ledger/ on random trees."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from anchor.accounts import publisher_account
from anchor.chain import connect
from anchor.contract import AnchorContract, AnchorReverted
from ledger import merkle

ORIGIN = "cmo.example/log"


def _leaves(n: int, seed: int = 1) -> list[bytes]:
    rng = random.Random(seed)
    return [merkle.leaf_hash(rng.randbytes(16)) for _ in range(n)]


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    directory = tmp_path_factory.mktemp("contract")
    conn = connect(None, directory)
    yield conn, directory
    conn.close()


@pytest.fixture
def deployed(chain):
    conn, _ = chain
    account = publisher_account(conn)
    contract, _ = AnchorContract.deploy(conn.w3, account, ORIGIN)
    return conn, account, contract


def _anchor(conn, account, contract, leaves, size, proof=None, note_hash=b"\x07" * 32, root=None):
    latest = contract.latest()
    if proof is None:
        proof = merkle.consistency_proof(leaves[:size], latest.tree_size) if latest else []
    tx = contract.build_anchor(account.address, size, root or merkle.root(leaves[:size]), proof, note_hash)
    receipt = conn.w3.eth.wait_for_transaction_receipt(
        conn.w3.eth.send_raw_transaction(account.sign_transaction(tx).raw_transaction)
    )
    assert receipt["status"] == 1
    return contract.anchored_in(receipt)


def test_deployment_sets_origin_and_roles(deployed) -> None:
    conn, account, contract = deployed
    assert contract.origin() == ORIGIN
    assert contract.is_publisher(account.address)
    assert not contract.is_publisher(conn.w3.eth.accounts[3])
    assert contract.checkpoint_count() == 0 and contract.latest() is None


def test_only_a_publisher_may_anchor(deployed) -> None:
    conn, _, contract = deployed
    stranger = conn.w3.eth.accounts[5]
    with pytest.raises(AnchorReverted) as refused:
        contract.build_anchor(stranger, 1, b"\x01" * 32, [], b"\x02" * 32)
    assert refused.value.error == "AccessControlUnauthorizedAccount"


def test_checkpoints_grow_append_only(deployed) -> None:
    conn, account, contract = deployed
    leaves = _leaves(300)
    with pytest.raises(AnchorReverted, match="EmptyTree"):
        contract.build_anchor(account.address, 0, merkle.root([]), [], b"\x00" * 32)
    with pytest.raises(AnchorReverted, match="UnexpectedProof"):
        contract.build_anchor(account.address, 3, merkle.root(leaves[:3]), [b"\x01" * 32], b"\x00" * 32)
    first = _anchor(conn, account, contract, leaves, 3)
    assert (first.index, first.tree_size, first.root) == (0, 3, merkle.root(leaves[:3]))
    _anchor(conn, account, contract, leaves, 100)
    stored = contract.checkpoint(1)
    assert (stored.tree_size, stored.root, stored.note_hash) == (100, merkle.root(leaves[:100]), b"\x07" * 32)

    with pytest.raises(AnchorReverted) as same:
        contract.build_anchor(account.address, 100, merkle.root(leaves[:100]), [], b"\x00" * 32)
    assert same.value.error == "TreeSizeNotGrowing" and same.value.error_args == (100, 100)
    with pytest.raises(AnchorReverted, match="TreeSizeNotGrowing"):
        contract.build_anchor(account.address, 50, merkle.root(leaves[:50]), [], b"\x00" * 32)

    good = merkle.consistency_proof(leaves[:250], 100)
    forged = [bytes(32), *good[1:]]
    other_history = _leaves(250, seed=99)
    cases = {
        "forged hash": (250, merkle.root(leaves[:250]), forged),
        "truncated": (250, merkle.root(leaves[:250]), good[:-1]),
        "extra hash": (250, merkle.root(leaves[:250]), [*good, good[0]]),
        "wrong size": (251, merkle.root(leaves[:251]), good),
        "rewritten history": (250, merkle.root(other_history), merkle.consistency_proof(other_history, 100)),
    }
    for label, (size, root, proof) in cases.items():
        with pytest.raises(AnchorReverted, match="InconsistentProof"):
            contract.build_anchor(account.address, size, root, proof, b"\x00" * 32)
        assert contract.checkpoint_count() == 2, label
    _anchor(conn, account, contract, leaves, 250, proof=good)
    assert contract.checkpoint_count() == 3


@pytest.mark.parametrize("seed", range(6))
def test_contract_verifiers_agree_with_ledger_on_random_trees(deployed, seed: int) -> None:
    conn, account, contract = deployed
    rng = random.Random(seed)
    sizes = sorted(rng.sample(range(1, 600), 3))
    leaves = _leaves(sizes[-1], seed=seed)
    for size in sizes:
        _anchor(conn, account, contract, leaves, size)
    for checkpoint_index, size in enumerate(sizes):
        for index in rng.sample(range(size), min(size, 8)):
            proof = merkle.inclusion_proof(leaves[:size], index)
            assert contract.verify_inclusion(checkpoint_index, index, leaves[index], proof)
            wrong_leaf = leaves[(index + 1) % size] if size > 1 else b"\x00" * 32
            assert not contract.verify_inclusion(checkpoint_index, index, wrong_leaf, proof)
            if proof:
                bad = list(proof)
                bad[rng.randrange(len(bad))] = rng.randbytes(32)
                assert not contract.verify_inclusion(checkpoint_index, index, leaves[index], bad)
                assert not contract.verify_inclusion(checkpoint_index, index, leaves[index], proof[:-1])
        assert not contract.verify_inclusion(checkpoint_index, size, leaves[0], [])  # index past the tree
    proof = merkle.consistency_proof(leaves[: sizes[2]], sizes[0])
    assert contract.verify_consistency(0, 2, proof)
    assert not contract.verify_consistency(0, 1, proof) or sizes[1] == sizes[2]
    assert contract.verify_consistency(1, 1, [])
    with pytest.raises(AnchorReverted, match="CheckpointOutOfRange"):
        contract.verify_inclusion(3, 0, leaves[0], [])


def test_checkpoints_survive_a_restart_and_another_process_reads_them(tmp_path) -> None:
    conn = connect(None, tmp_path)
    account = publisher_account(conn)
    contract, _ = AnchorContract.deploy(conn.w3, account, ORIGIN)
    leaves = _leaves(20)
    _anchor(conn, account, contract, leaves, 7)
    _anchor(conn, account, contract, leaves, 20)
    conn.close()
    script = (
        "import sys; from pathlib import Path; from anchor.chain import connect; "
        "from anchor.contract import AnchorContract; "
        f"c = connect(None, Path({str(tmp_path)!r}), read_only=True); "
        f"k = AnchorContract(c.w3, {contract.address!r}); "
        "print(k.checkpoint_count(), k.latest().tree_size, k.latest().root.hex(), k.origin())"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["2", "20", merkle.root(leaves).hex(), ORIGIN]
