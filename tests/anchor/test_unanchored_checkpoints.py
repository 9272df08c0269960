"""The signed checkpoints that killed runs leave behind without anchoring them (two were found in
the demo) are harmless: each states the log as it was (its root is the log's root at its size, and
the later anchored tree extends it), the next run anchors a later checkpoint that supersedes it,
proofs of the entries it covers name that anchored checkpoint instead, and the audit says what
it is ('signed, not anchored') without calling it a fault."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from anchor.faults import CrashPoint
from ledger import Checkpoint as CheckpointBody
from ledger import merkle
from ledger.note import open_note
from registry.models import Checkpoint
from registry.services.anchoring.proofs import consistency_proof, proof_for
from rightsledger.context import sessions
from rightsledger.settings import load_settings
from tests.anchor.test_crash import Ledger, assert_recovered, make_ledger


@pytest.fixture
def ledger(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Ledger:  # type: ignore[no-untyped-def]
    return make_ledger(tmp_path, monkeypatch)


def _batch(ledger: Ledger, tag: str) -> int:
    """Two evidence entries (each with its business row, so the audit has nothing else to say)."""
    ledger.add_evidence(f"CASE-{tag}-1")
    ledger.add_evidence(f"CASE-{tag}-2")
    return 2


def test_two_checkpoints_signed_by_killed_runs_are_superseded_and_noted(ledger: Ledger) -> None:
    first = ledger.add_evidence("CASE-first")
    size_a = _batch(ledger, "a") + 1
    ledger.crash(CrashPoint.AFTER_SIGN)  # signed size_a, killed before sending it
    size_b = size_a + _batch(ledger, "b")
    ledger.crash(CrashPoint.AFTER_SIGN)  # signed size_b, killed again
    size_c = size_b + _batch(ledger, "c")
    ledger.recover()
    assert_recovered(ledger)

    with sessions(load_settings())() as session:
        signed = {row.tree_size: row for row in session.scalars(select(Checkpoint))}
        assert sorted(signed) == [size_a, size_b, size_c]
        assert [r.tree_size for r in ledger.records()] == [size_c]  # only the last was anchored
        # Each orphan states the log as it was: its note's root is the anchored tree's prefix.
        anchored_root = CheckpointBody.parse(open_note(signed[size_c].note)[0]).root
        for size in (size_a, size_b):
            stated = CheckpointBody.parse(open_note(signed[size].note)[0])
            assert (stated.size, stated.root) == (size, bytes(signed[size].root))
            proof = consistency_proof(session, size, size_c)
            merkle.verify_consistency(size, size_c, stated.root, anchored_root, proof)  # raises if not
        # A proof of an entry the orphans cover names the anchored checkpoint, with its anchor.
        served = proof_for(session, "evidence", first)
        assert served.checkpoint_note == signed[size_c].note
        assert served.anchor is not None
        assert served.anchor.checkpoint_index == ledger.records()[0].checkpoint_index

    done = ledger.run("audit", "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["clean"], done.stdout + done.stderr
    assert report["counts"]["checkpoints signed, not anchored"] == 2
    for size in (size_a, size_b):
        assert (
            f"checkpoint of tree size {size}: signed, not anchored; "
            f"superseded by the anchored checkpoint of tree size {size_c}"
        ) in report["notes"]
