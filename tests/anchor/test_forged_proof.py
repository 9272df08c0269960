"""The forged-proof attack: someone holding the log key (an insider, a stolen key) deploys an
anchor contract of their own from another funded account, anchors a forged checkpoint on it and
hands out a proof naming that contract. The proof is perfect but for its contract, so every
verifier pinned to the log's identity rejects it, and one with no contract pinned never calls it
proven. The anchor transaction a proof names is checked against the chain too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eth_account import Account
from eth_tester.backends.pyevm.main import get_default_account_keys

from anchor.chain import connect
from anchor.contract import AnchorContract
from anchor.trust import TrustError, verification_policy
from anchor.verify import chain_checks
from ledger import (
    Anchor,
    Checkpoint,
    ProofFile,
    Verdict,
    dump_rlproof,
    load_proof,
    make_entry,
    merkle,
    sign_note,
    verify_proof,
)
from ledger.checkpoint import note_hash
from ledger.descriptor import DESCRIPTOR_FILE, read_descriptor
from rightsledger.context import log_key
from rightsledger.settings import load_settings
from tests.anchor.test_anchor_cli import contract_row, env, initialised, invoke, record_some

__all__ = ["env", "initialised"]  # fixtures used here


def forge(workdir: Path) -> tuple[Path, str]:
    """A proof of a license the society never granted, anchored on a rogue contract; its path and
    the rogue contract's address."""
    settings = load_settings()
    signer = log_key(settings)  # the stolen key
    rogue = Account.from_key(get_default_account_keys()[1].to_bytes())  # another funded account
    entry = make_entry("license", "LIC-FORGED", {"licensee": "Rogue KTV", "status": "active"})
    root = merkle.root([entry.leaf_hash()])
    note = sign_note(Checkpoint(settings.log_origin, 1, root).body(), signer)
    with connect(settings.chain_url, settings.data_dir) as conn:
        contract, _ = AnchorContract.deploy(conn.w3, rogue, settings.log_origin)
        tx = contract.build_anchor(rogue.address, 1, root, [], note_hash(note))
        sent = conn.w3.eth.send_raw_transaction(rogue.sign_transaction(tx).raw_transaction)
        receipt = conn.w3.eth.wait_for_transaction_receipt(sent)
        anchor = Anchor(conn.chain_id, contract.address, 0, "0x" + bytes(sent).hex(), receipt["blockNumber"])
    path = workdir / "forged.rlproof"
    path.write_text(dump_rlproof(ProofFile(0, (), note, entry=entry, anchor=anchor)))
    return path, contract.address


def verdict(*args: str) -> tuple[int, dict]:
    result = invoke("verify", *args, "--json")
    return result.exit_code, json.loads(result.stdout)


def steps(report: dict) -> dict[str, dict]:
    return {step["step"]: step for step in report["steps"]}


def test_a_proof_anchored_on_a_rogue_contract_with_the_stolen_log_key_is_rejected(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_some(2)
    assert invoke("anchor").exit_code == 0
    official = contract_row().address
    path, rogue = forge(initialised)

    # The forgery is perfect but for its contract: pinned to the rogue contract, it would pass.
    code, report = verdict(str(path), "--chain", "embedded", "--contract", rogue)
    assert code == 0 and report["verdict"] == "proven", report

    # This installation pins its own contract: the proof names another one and fails.
    code, report = verdict(str(path), "--chain", "embedded")
    assert code == 1 and report["verdict"] == "failed"
    on_chain = steps(report)["on-chain checkpoint"]
    assert on_chain["outcome"] == "failed" and f"not on the log's contract {official}" in on_chain["detail"]

    # A stranger holding only the log's key and a chain node, no contract pinned: never proven.
    monkeypatch.setenv("RIGHTS_DATABASE_URL", f"sqlite:///{initialised / 'no-installation.db'}")
    vkey = load_settings().verifier_key_file.read_text().strip()
    code, report = verdict(str(path), "--chain", "embedded", "--vkey", vkey)
    assert code == 2 and report["verdict"] == "not proven", report
    assert steps(report)["on-chain checkpoint"]["outcome"] == "not checked"
    assert "never trusted" in steps(report)["on-chain checkpoint"]["detail"]
    assert not (initialised / "no-installation.db").exists()
    monkeypatch.delenv("RIGHTS_DATABASE_URL")

    # The published descriptor, pinned here by default or given as a file, rejects it too.
    result = invoke("log", "descriptor", "--out", str(initialised / "pinned.json"))
    assert result.exit_code == 0, result.output
    assert invoke("log", "descriptor").exit_code == 0
    assert (load_settings().data_dir / DESCRIPTOR_FILE).is_file()
    descriptor = read_descriptor((initialised / "pinned.json").read_bytes())
    assert descriptor.contracts == (official,) and descriptor.verifier_keys == (vkey,)
    for args in ((), ("--descriptor", str(initialised / "pinned.json"))):
        code, report = verdict(str(path), "--chain", "embedded", *args)
        assert code == 1 and steps(report)["on-chain checkpoint"]["outcome"] == "failed", report
    # Naming the rogue contract beside the descriptor is refused: it is not the log's.
    code, report = verdict(str(path), "--chain", "embedded", "--contract", rogue)
    assert code == 1 and "not one of the pinned log descriptor's" in report["error"]
    with pytest.raises(TrustError):
        verification_policy(descriptor=descriptor, contracts=[rogue])

    # The library every verifier uses (the portal's too), under the descriptor's policy.
    policy = verification_policy(descriptor=descriptor)
    settings = load_settings()
    with connect(settings.chain_url, settings.data_dir, read_only=True) as conn:
        forged = verify_proof(load_proof(path.read_bytes()), policy, chain_checks(conn, policy))
    assert forged.verdict is Verdict.FAILED


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("tx_hash", "0x" + "ab" * 32, "there is no transaction"),
        ("block_number", 999_999, "not 999999"),
        ("tx_hash", "not a hash", "there is no transaction"),
    ],
)
def test_a_changed_anchor_transaction_or_block_fails_its_step(
    initialised: Path, field: str, value: object, problem: str
) -> None:
    record_some(2)
    assert invoke("anchor").exit_code == 0
    assert invoke("proof", "W-x-0", "-o", "w.rlproof").exit_code == 0
    code, report = verdict("w.rlproof", "--chain", "embedded")
    assert code == 0 and steps(report)["anchor transaction"]["outcome"] == "passed", report
    doc = json.loads((initialised / "w.rlproof").read_text())
    doc["anchor"][field] = value
    (initialised / "changed.rlproof").write_text(json.dumps(doc))
    code, report = verdict("changed.rlproof", "--chain", "embedded")
    transaction = steps(report)["anchor transaction"]
    assert code == 1 and transaction["outcome"] == "failed" and problem in transaction["detail"], report
    # Everything else still holds: only the transaction named is wrong.
    assert all(s["outcome"] == "passed" for name, s in steps(report).items() if name != "anchor transaction")
