"""Hostile proof files: every field of a valid `.rlproof` replaced by values of the wrong type,
length or size; byte-level damage to both formats; huge and deeply nested documents. Loading
either refuses with a ProofFileError (a LedgerError) naming the field, or the verifier reports the
failed step. Nothing else escapes, and nothing altered verifies."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from ledger import (
    Anchor,
    Checkpoint,
    ProofFile,
    Signer,
    VerificationPolicy,
    dump_rlproof,
    dump_tlog_proof,
    load_proof,
    make_entry,
    merkle,
    sign_note,
    verify_proof,
)
from ledger.errors import LedgerError, ProofFileError
from tests.hostile.mutations import damaged

ORIGIN = "cmo.example/log"
SIGNER = Signer.generate(ORIGIN)
ENTRIES = [make_entry("work", f"W-{i}", {"title": f"歌 {i}"}) for i in range(11)]
ENTRIES.append(make_entry("distribution_line", "D-1", {"amount": 1234, "currency": "CNY"}))
LEAVES = [e.leaf_hash() for e in ENTRIES]
NOTE = sign_note(Checkpoint(ORIGIN, len(LEAVES), merkle.root(LEAVES)).body(), SIGNER)
ANCHOR = Anchor(31337, "0x" + "ab" * 20, 0, "0x" + "cd" * 32, 7)
VALID = ProofFile(5, tuple(merkle.inclusion_proof(LEAVES, 5)), NOTE, entry=ENTRIES[5], anchor=ANCHOR)
POLICY = VerificationPolicy((SIGNER.verifier(),), origin=ORIGIN, require_chain=False)

HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**70,
    -(2**70),
    1e308,
    float("inf"),
    "",
    "x",
    "00" * 31,
    "00" * 33,
    "ZZ" * 32,
    base64.b64encode(b"\x00" * 31).decode(),
    base64.b64encode(b"\x00" * 33).decode(),
    "not base64 !",
    "A" * 1_000_000,
    [],
    [None],
    ["AA=="] * 65,
    {},
    {"nested": [1, 2, {"x": None}]},
    "月亮\u202e\x00",
]


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix] if prefix else []
    if isinstance(doc, dict):
        for key, value in doc.items():
            paths += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            paths += _paths(value, (*prefix, index))
    return paths


def _replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(doc))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


def _check(data: bytes | str, label: str) -> bool:
    """True when the proof loads and verifies; LedgerError on load is a named refusal."""
    try:
        proof = load_proof(data)
    except ProofFileError as exc:
        assert str(exc), label
        return False
    except LedgerError as exc:  # pragma: no cover - ProofFileError is the documented refusal
        pytest.fail(f"{label}: {type(exc).__name__} instead of ProofFileError: {exc}")
    report = verify_proof(proof, POLICY)
    assert report.steps, label
    if not report.ok:
        assert report.failed is not None and report.failed.detail, label
    return report.ok


def test_the_valid_proof_verifies() -> None:
    assert _check(dump_rlproof(VALID), "valid") and _check(dump_tlog_proof(VALID), "valid tlog")


def test_every_field_replaced_by_a_hostile_value_is_refused_or_fails_verification() -> None:
    doc = json.loads(dump_rlproof(VALID))
    tried = 0
    for path in _paths(doc):
        for value in HOSTILE_VALUES:
            altered = _replaced(doc, path, value)
            if altered == doc:
                continue
            tried += 1
            label = f"{'/'.join(map(str, path))} = {str(value)[:40]!r}"
            ok = _check(json.dumps(altered, ensure_ascii=False, allow_nan=True), label)
            # Only what is not verified offline may still pass: the anchor (the chain step reads it),
            # and an absent entry or leaf hash (the hash-only form keeps the other one).
            absent = value in (None, "", 0, False, [], {})
            assert not ok or path[0] == "anchor" or (path in (("entry",), ("leaf_hash",)) and absent), label
    assert tried > 500


def test_damaged_bytes_of_both_formats_never_crash() -> None:
    verified = 0
    for text in (dump_rlproof(VALID), dump_tlog_proof(VALID)):
        for label, data in damaged(text.encode(), runs=300, seed=3):
            verified += _check(data, label)
    assert verified < 60  # whitespace-only damage to the JSON may still verify; the rest may not


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfe{}", "UTF-8"),
        ('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested deeper"),
        ('{"format": "rightsledger-proof/v1", "leaf_index": ' + "9" * 10_000 + "}", "JSON"),
        (json.dumps({**json.loads(dump_rlproof(VALID)), "inclusion_proof": ["AA=="] * 10**6}), "at most 64"),
        ("c2sp.org/tlog-proof@v1\nindex 5\n" + "AA==\n" * 100_000 + "\n" + NOTE, "at most 64"),
        ("c2sp.org/tlog-proof@v1\nindex 05\n\n" + NOTE, "index N"),
        ("c2sp.org/tlog-proof@v1\nextra !!!\nindex 5\n\n" + NOTE, "base64"),
        (json.dumps({**json.loads(dump_rlproof(VALID)), "anchor": {"chain_id": "x"}}), "anchor"),
    ],
    ids=[
        "not-utf8",
        "deep-nesting",
        "huge-int",
        "million-hashes",
        "tlog-many-hashes",
        "leading-zero",
        "bad-extra",
        "bad-anchor",
    ],
)
def test_classic_hostile_proofs_name_their_problem(data: bytes | str, problem: str) -> None:
    with pytest.raises(ProofFileError) as caught:
        load_proof(data)
    assert problem in str(caught.value)


@pytest.mark.parametrize("index", [12, 2**63, 2**70])
def test_leaf_index_past_the_tree_fails_inclusion(index: int) -> None:
    proof = ProofFile(index, VALID.inclusion, NOTE, entry=ENTRIES[5])
    report = verify_proof(proof, POLICY)
    assert not report.ok and report.failed is not None and report.failed.name == "inclusion"


def test_a_huge_checkpoint_note_is_refused_by_the_verifier() -> None:
    proof = ProofFile(5, VALID.inclusion, NOTE + "— x\n" * 200_000, entry=ENTRIES[5])
    report = verify_proof(proof, POLICY)
    assert not report.ok
