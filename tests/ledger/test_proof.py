"""Proof files in both formats, and a step-by-step verification that names what failed."""

import json

import pytest

from ledger import (
    Anchor,
    Checkpoint,
    Outcome,
    ProofFile,
    ProofFileError,
    Signer,
    Step,
    StepName,
    Verdict,
    VerificationPolicy,
    dump_rlproof,
    dump_tlog_proof,
    load_proof,
    make_entry,
    merkle,
    sign_note,
    verify_proof,
)
from ledger.proof_formats import read_rlproof
from ledger.steps import Check

ORIGIN = "cmo.example/log"


@pytest.fixture(scope="module")
def log():
    signer = Signer.generate(ORIGIN)
    entries = [make_entry("work", f"W-{i}", {"title": f"歌 {i}"}) for i in range(6)]
    entries.append(make_entry("distribution_line", "D-1", {"amount": 1234, "currency": "CNY"}))
    leaves = [e.leaf_hash() for e in entries]
    note = sign_note(Checkpoint(ORIGIN, len(leaves), merkle.root(leaves)).body(), signer)
    return signer, entries, leaves, note


def _policy(*keys, origin: str | None = None) -> VerificationPolicy:
    return VerificationPolicy(tuple(keys), origin=origin, require_chain=False)


def _proof(log, index: int, **kw) -> ProofFile:
    _, entries, leaves, note = log
    return ProofFile(index, tuple(merkle.inclusion_proof(leaves, index)), note, entry=entries[index], **kw)


def test_rlproof_round_trip_and_verification(log) -> None:
    signer = log[0]
    proof = _proof(log, 6, anchor=Anchor(31337, "0x" + "ab" * 20, 0, "0x" + "cd" * 32, 7))
    again = read_rlproof(dump_rlproof(proof))
    assert (again.entry, again.inclusion, again.anchor) == (proof.entry, proof.inclusion, proof.anchor)
    assert again.leaf_hash == proof.entry.leaf_hash()
    report = verify_proof(again, _policy(signer.verifier(), origin=ORIGIN))
    assert report.ok and report.verdict is Verdict.PROVEN, report.steps
    outcomes = [(s.name.value, s.outcome) for s in report.steps]
    assert outcomes == [
        ("leaf hash", Outcome.PASSED),
        ("inclusion", Outcome.PASSED),
        ("note signature", Outcome.PASSED),
        # turned off by this policy, so not required, and said so
        ("on-chain checkpoint", Outcome.NOT_CHECKED),
        ("contract verifyInclusion", Outcome.NOT_CHECKED),
        ("anchor transaction", Outcome.NOT_CHECKED),
    ]
    assert "turned off" in report.steps[3].detail


def test_without_a_chain_a_policy_that_requires_it_is_not_proven(log) -> None:
    policy = VerificationPolicy((log[0].verifier(),), origin=ORIGIN)  # the chain step is required
    report = verify_proof(_proof(log, 2), policy, no_chain="no chain here")
    assert report.verdict is Verdict.NOT_PROVEN and not report.ok and report.failed is None
    assert report.unchecked is not None and report.unchecked.name is StepName.ON_CHAIN_CHECKPOINT
    assert report.unchecked.detail == "no chain here"
    assert report.to_dict()["verdict"] == "not proven" and report.to_dict()["valid"] is False


def test_without_a_trusted_log_identity_nothing_is_proven(log) -> None:
    report = verify_proof(_proof(log, 2), VerificationPolicy(require_chain=False))
    signature = report.step(StepName.NOTE_SIGNATURE)
    assert signature is not None and signature.outcome is Outcome.NOT_CHECKED
    assert "no trusted log identity" in signature.detail
    assert report.verdict is Verdict.NOT_PROVEN


def test_an_unreadable_checkpoint_fails_and_leaves_the_later_steps_unchecked(log) -> None:
    _, entries, leaves, _ = log
    proof = ProofFile(1, tuple(merkle.inclusion_proof(leaves, 1)), "not a note", entry=entries[1])
    report = verify_proof(proof, _policy(log[0].verifier()))
    assert report.failed is not None and report.failed.name is StepName.CHECKPOINT
    inclusion, signature = report.step(StepName.INCLUSION), report.step(StepName.NOTE_SIGNATURE)
    assert inclusion is not None and inclusion.outcome is Outcome.NOT_CHECKED
    assert signature is not None and signature.outcome is Outcome.NOT_CHECKED
    assert report.verdict is Verdict.FAILED


def test_tlog_proof_round_trip_carries_the_entry(log) -> None:
    proof = _proof(log, 3)
    text = dump_tlog_proof(proof)
    assert text.startswith("c2sp.org/tlog-proof@v1\nextra ")
    assert "\nindex 3\n" in text
    parsed = load_proof(text)
    assert parsed.entry == proof.entry and parsed.inclusion == proof.inclusion
    assert verify_proof(parsed, _policy(log[0].verifier())).ok


def test_hash_only_proof_for_someone_not_entitled_to_the_private_entry(log) -> None:
    _, _, leaves, note = log
    proof = ProofFile(6, tuple(merkle.inclusion_proof(leaves, 6)), note, leaf_hash=leaves[6])
    doc = json.loads(dump_rlproof(proof))
    assert doc["entry"] is None and "salt" not in dump_rlproof(proof)
    report = verify_proof(read_rlproof(dump_rlproof(proof)), _policy(log[0].verifier()))
    # The fingerprint is proven in the log; the content was withheld, so never "as recorded".
    leaf = report.step(StepName.LEAF_HASH)
    assert leaf is not None and leaf.outcome is Outcome.NOT_CHECKED
    assert leaf.detail.startswith("content withheld") and "recorded" not in leaf.detail
    assert report.ok


def test_altered_entry_fails_at_the_leaf_hash_step(log) -> None:
    doc = json.loads(dump_rlproof(_proof(log, 6)))
    doc["entry"]["body"]["amount"] = 99999
    report = verify_proof(read_rlproof(json.dumps(doc)), _policy(log[0].verifier()))
    assert not report.ok
    assert report.failed is not None and report.failed.name is StepName.LEAF_HASH
    assert report.failed.outcome is Outcome.FAILED and "altered" in report.failed.detail
    assert report.verdict is Verdict.FAILED


def test_entry_swapped_consistently_fails_at_inclusion(log) -> None:
    doc = json.loads(dump_rlproof(_proof(log, 6)))
    doc["entry"]["body"]["amount"] = 99999
    del doc["leaf_hash"]
    report = verify_proof(read_rlproof(json.dumps(doc)), _policy(log[0].verifier()))
    assert report.failed is not None and report.failed.name == "inclusion"


def test_wrong_key_or_origin_fails_at_the_signature_step(log) -> None:
    proof = _proof(log, 0)
    other = Signer.generate(ORIGIN)
    assert verify_proof(proof, _policy(other.verifier())).failed.name == "note signature"
    wrong_origin = verify_proof(proof, _policy(log[0].verifier(), origin="other.example/log"))
    assert wrong_origin.failed.name == "note signature" and "other.example" in wrong_origin.failed.detail


def test_checks_from_outside_join_the_report_and_their_crash_is_a_finding_under_their_name(log) -> None:
    def on_chain(proof, checkpoint):
        return Step.passed(StepName.ON_CHAIN_CHECKPOINT, f"size {checkpoint.size}")

    def broken(proof, checkpoint):
        raise ConnectionError("node unreachable")

    checks = [Check(StepName.ON_CHAIN_CHECKPOINT, on_chain), Check(StepName.CONTRACT_INCLUSION, broken)]
    report = verify_proof(_proof(log, 1), _policy(log[0].verifier()), checks)
    assert report.steps[3] == Step.passed(StepName.ON_CHAIN_CHECKPOINT, "size 7")
    assert not report.ok and report.failed is not None
    assert report.failed.name is StepName.CONTRACT_INCLUSION and "node unreachable" in report.failed.detail


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="x"), "format"),
        (lambda d: d.update(leaf_index="3"), "leaf_index"),
        (lambda d: d.update(inclusion_proof=["AAAA"]), "not 32"),
        (lambda d: d.update(inclusion_proof=["x" * 44] * 65), "at most 64"),
        (lambda d: d.update(inclusion_proof=["***"]), "base64"),
        (lambda d: d.update(leaf_hash="XYZ"), "hex"),
        (lambda d: d.update(anchor={"chain_id": 1}), "anchor"),
        (lambda d: d["entry"].update(kind="nope"), "unknown entry kind"),
    ],
)
def test_malformed_rlproof_fields_are_named(log, mutate, message) -> None:
    doc = json.loads(dump_rlproof(_proof(log, 2)))
    mutate(doc)
    with pytest.raises(ProofFileError, match=message):
        read_rlproof(json.dumps(doc))


def test_malformed_tlog_proofs_are_named(log) -> None:
    text = dump_tlog_proof(_proof(log, 2))
    with pytest.raises(ProofFileError, match="first line"):
        load_proof("c2sp.org/tlog-proof@v2" + text[len("c2sp.org/tlog-proof@v1") :])
    with pytest.raises(ProofFileError, match="index"):
        load_proof(text.replace("\nindex 2\n", "\nindex 02\n"))
    with pytest.raises(ProofFileError, match="blank line"):
        load_proof("c2sp.org/tlog-proof@v1\nindex 0\n")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("chain_id", "1337"),
        ("chain_id", 1337.0),
        ("block_number", 1.9),
        ("checkpoint_index", True),
        ("tx_hash", 7),
    ],
)
def test_anchor_numbers_must_be_json_integers_never_converted(log, field: str, value: object) -> None:
    doc = json.loads(
        dump_rlproof(_proof(log, 2, anchor=Anchor(1337, "0x" + "ab" * 20, 0, "0x" + "cd" * 32, 7)))
    )
    doc["anchor"][field] = value
    with pytest.raises(ProofFileError, match=f"anchor: {field} must be"):
        read_rlproof(json.dumps(doc))
