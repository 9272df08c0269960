"""Fuzzing of the parsers a stranger's files meet (proof files in both formats, signed notes,
checkpoints, keys, log descriptors, entries), with Hypothesis for a bounded time: arbitrary bytes,
and valid documents with bytes, lines or JSON fields replaced. Whatever comes in, the parsers
either accept it or raise one of the ledger's own errors (LedgerError), never anything else; and
a proof that was changed never verifies."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from ledger.descriptor import LogDescriptor, read_descriptor, sign_descriptor
from ledger.entry import parse_entry
from ledger.errors import LedgerError
from ledger.note import Verifier, open_note, verify_note

ORIGIN = "cmo.example/log"
SIGNER = Signer.generate(ORIGIN)
ENTRIES = [make_entry("work", f"W-{i}", {"title": f"歌 {i}"}) for i in range(9)]
LEAVES = [e.leaf_hash() for e in ENTRIES]
NOTE = sign_note(Checkpoint(ORIGIN, len(LEAVES), merkle.root(LEAVES)).body(), SIGNER)
ANCHOR = Anchor(31337, "0x" + "ab" * 20, 0, "0x" + "cd" * 32, 7)
VALID = ProofFile(4, tuple(merkle.inclusion_proof(LEAVES, 4)), NOTE, entry=ENTRIES[4], anchor=ANCHOR)
POLICY = VerificationPolicy((SIGNER.verifier(),), origin=ORIGIN, require_chain=False)
RLPROOF = dump_rlproof(VALID).encode()
TLOG = dump_tlog_proof(VALID).encode()
DESCRIPTOR = sign_descriptor(
    LogDescriptor(
        origin=ORIGIN,
        verifier_keys=(SIGNER.verifier().vkey,),
        chain_id=31337,
        contracts=("0x" + "ab" * 20,),
        witness_keys=(),
    ),
    SIGNER,
).encode()
# The time is bounded by the number of examples: 5 x 1000 take about 15 s on two cores.
FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _only_ledger_errors(parse: Callable[[Any], Any], data: Any) -> Any:
    try:
        return parse(data)
    except LedgerError:
        return None


def _proof_verdict(data: bytes) -> Any:
    proof = load_proof(data)
    return verify_proof(proof, POLICY)


def _mutated(original: bytes) -> st.SearchStrategy[bytes]:
    """The document with a slice replaced by arbitrary bytes, a line dropped or doubled."""
    lines = original.split(b"\n")

    def replace(at: int, length: int, junk: bytes) -> bytes:
        at %= len(original)
        return original[:at] + junk + original[at + length :]

    def line_edit(at: int, doubled: bool) -> bytes:
        at %= len(lines)
        kept = lines[: at + 1] + lines[at:] if doubled else lines[:at] + lines[at + 1 :]
        return b"\n".join(kept)

    return st.one_of(
        st.builds(replace, st.integers(0, 10**6), st.integers(0, 8), st.binary(max_size=12)),
        st.builds(line_edit, st.integers(0, 10**6), st.booleans()),
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _field_replaced(original: bytes, path: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    """The JSON document with one field (at any of `path`'s depth) replaced by any JSON value."""
    doc = json.loads(original)

    def replace(field: str, value: Any) -> bytes:
        copy = json.loads(original)
        target = copy
        for key in path:
            target = target[key]
        target[field] = value
        return json.dumps(copy).encode()

    fields = sorted(doc if not path else _at(doc, path))
    return st.builds(replace, st.sampled_from(fields), JSON_VALUES)


def _at(doc: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


@FUZZ
@given(data=st.binary(max_size=2048) | _mutated(RLPROOF) | _mutated(TLOG))
def test_proof_files_raise_only_ledger_errors(data: bytes) -> None:
    _only_ledger_errors(_proof_verdict, data)


@FUZZ
@given(data=_field_replaced(RLPROOF, ()) | _field_replaced(RLPROOF, ("anchor",)))
def test_rlproof_fields_of_any_json_value_raise_only_ledger_errors(data: bytes) -> None:
    verdict = _only_ledger_errors(_proof_verdict, data)
    if verdict is not None and verdict.ok:  # what verifies is what was proven (no chain: anchor unchecked)
        proof = load_proof(data)
        assert proof.claimed_leaf_hash == LEAVES[4]
        assert proof.entry is None or proof.entry.canonical() == ENTRIES[4].canonical()
        assert (proof.leaf_index, proof.inclusion, proof.checkpoint_note) == (4, VALID.inclusion, NOTE)


@FUZZ
@given(text=st.text(max_size=600) | _mutated(NOTE.encode()).map(lambda b: b.decode("utf-8", "replace")))
def test_signed_notes_and_checkpoints_raise_only_ledger_errors(text: str) -> None:
    _only_ledger_errors(open_note, text)
    body = _only_ledger_errors(lambda t: verify_note(t, [SIGNER.verifier()]), text)
    if body is not None:
        assert body == NOTE.split("\n\n")[0] + "\n"  # only the signed body verifies
    _only_ledger_errors(Checkpoint.parse, text)
    _only_ledger_errors(Verifier.from_vkey, text)
    _only_ledger_errors(Signer.from_skey, text)


@FUZZ
@given(
    data=st.binary(max_size=1024)
    | _mutated(DESCRIPTOR)
    | _field_replaced(DESCRIPTOR, ())
    | _field_replaced(DESCRIPTOR, ("descriptor",))
)
def test_log_descriptors_raise_only_ledger_errors(data: bytes) -> None:
    read = _only_ledger_errors(read_descriptor, data)
    if read is not None:
        assert json.loads(data)["descriptor"] == json.loads(DESCRIPTOR)["descriptor"]  # only as signed


@FUZZ
@given(
    data=st.binary(max_size=1024)
    | _mutated(ENTRIES[4].canonical())
    | JSON_VALUES.map(json.dumps).map(str.encode)
)
def test_entries_raise_only_ledger_errors(data: bytes) -> None:
    _only_ledger_errors(parse_entry, data)
