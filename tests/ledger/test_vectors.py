"""Every RFC 9162 conformance vector (transparency-dev/merkle testdata): accept exactly the valid."""

import base64
import json
from pathlib import Path

import pytest

from ledger import merkle
from tests.paths import VECTORS


def _files(kind: str) -> list[Path]:
    files = sorted((VECTORS / kind).rglob("*.json"))
    assert files, f"no {kind} vectors under {VECTORS}"
    return files


def _b64(value: str | None) -> bytes:
    return base64.b64decode(value or "")


def test_vector_directory_is_complete() -> None:
    assert len(_files("inclusion")) >= 50
    assert len(_files("consistency")) >= 90


@pytest.mark.parametrize("path", _files("inclusion"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_inclusion_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    proof = [_b64(h) for h in v["proof"] or []]
    if v["wantErr"]:
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(_b64(v["leafHash"]), v["leafIdx"], v["treeSize"], proof, _b64(v["root"]))
    else:
        merkle.verify_inclusion(_b64(v["leafHash"]), v["leafIdx"], v["treeSize"], proof, _b64(v["root"]))


@pytest.mark.parametrize("path", _files("consistency"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_consistency_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    args = (v["size1"], v["size2"], _b64(v["root1"]), _b64(v["root2"]), [_b64(h) for h in v["proof"] or []])
    if v["wantErr"]:
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(*args)
    else:
        merkle.verify_consistency(*args)


def test_reference_tree_roots_and_generated_proofs() -> None:
    ref = json.loads((VECTORS / "reference_tree.json").read_text())
    leaves = [merkle.leaf_hash(bytes.fromhex(x)) for x in ref["leaf_inputs_hex"]]
    for size, expected in enumerate(ref["root_hashes_hex"]):
        assert merkle.root(leaves[:size]).hex() == expected
    # The happy-path vectors' proofs are exactly what we generate for the reference tree.
    for path in _files("inclusion"):
        v = json.loads(path.read_text())
        if path.stem == "happy-path" and v["treeSize"] <= len(leaves):
            ours = merkle.inclusion_proof(leaves[: v["treeSize"]], v["leafIdx"])
            assert ours == [_b64(h) for h in v["proof"] or []], path
    for path in _files("consistency"):
        v = json.loads(path.read_text())
        if path.stem == "happy-path" and v["size2"] <= len(leaves):
            ours = merkle.consistency_proof(leaves[: v["size2"]], v["size1"])
            assert ours == [_b64(h) for h in v["proof"] or []], path
