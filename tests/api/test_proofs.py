"""GET /v1/proofs/{id}: what it serves verifies with ledger/ and on the embedded chain; private
entries only for those entitled, and 404 for anyone else, exactly like an unknown id."""

from __future__ import annotations

import json
import time

from anchor.trust import verification_policy
from anchor.verify import chain_checks
from ledger import load_proof, verify_proof
from ledger.proof_formats import read_tlog_proof
from registry.db import transaction
from registry.ledger_writer import record
from tests.api.conftest import ORIGIN, World


def _verify(world: World, text: str) -> list[tuple[str, bool]]:
    proof = load_proof(text)
    policy = verification_policy(vkeys=[world.vkey], origin=ORIGIN, contracts=[world.contract])
    report = verify_proof(proof, policy, chain_checks(world.conn, policy))
    assert report.ok, [(s.name, s.ok, s.detail) for s in report.steps]
    return [(s.name, s.ok) for s in report.steps]


def test_a_public_proof_verifies_offline_and_on_chain(world: World) -> None:
    response = world.client.get(f"/v1/proofs/{world.bob_work}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    steps = _verify(world, response.text)
    assert len(steps) == 6  # leaf hash, inclusion, signature, on-chain checkpoint, verifyInclusion, anchor tx
    doc = json.loads(response.text)
    assert doc["entry"]["id"] == world.bob_work and doc["anchor"]["contract"] == world.contract


def test_the_tlog_proof_form_verifies_on_chain_by_tree_size(world: World) -> None:
    response = world.client.get(f"/v1/proofs/{world.bob_work}", params={"format": "tlog-proof"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith("c2sp.org/tlog-proof@v1\nextra ")
    proof = read_tlog_proof(response.text)
    assert proof.anchor is None and proof.entry is not None and proof.entry.id == world.bob_work
    _verify(world, response.text)


def test_a_version_not_in_a_checkpoint_yet_is_a_conflict_and_older_versions_still_prove(world: World) -> None:
    pending = world.client.get(f"/v1/proofs/{world.alice_work}")
    assert pending.status_code == 409
    assert pending.headers["content-type"] == "application/problem+json"
    assert "not in the log yet" in pending.json()["detail"]
    first = world.client.get(f"/v1/proofs/{world.alice_work}", params={"version": 1})
    assert first.status_code == 200 and json.loads(first.text)["entry"]["version"] == 1
    _verify(world, first.text)
    assert world.client.get(f"/v1/proofs/{world.alice_work}", params={"version": 9}).status_code == 404


def test_after_anchoring_the_new_version_proves_too(world: World) -> None:
    # changes the world: anchors the pending version (tests above rely on it being pending)
    assert (
        world.client.post("/v1/admin/anchoring/run", headers=world.as_("admin")).json()["status"]
        == "anchored"
    )
    response = world.client.get(f"/v1/proofs/{world.alice_work}")
    assert response.status_code == 200 and json.loads(response.text)["entry"]["version"] == 2
    _verify(world, response.text)


def test_a_member_gets_their_own_private_entry_with_its_salt(world: World) -> None:
    response = world.client.get(f"/v1/proofs/{world.alice}", headers=world.as_("alice"))
    assert response.status_code == 200
    doc = json.loads(response.text)
    assert doc["entry"]["kind"] == "member" and len(doc["entry"]["salt"]) == 32
    assert "alice@example.cn" not in response.text  # contact details never reach an entry
    _verify(world, response.text)


def test_auditors_get_private_proofs_hash_only_unless_they_ask(world: World) -> None:
    hashed = world.client.get(f"/v1/proofs/{world.alice}", headers=world.as_("auditor"))
    assert hashed.status_code == 200
    doc = json.loads(hashed.text)
    assert doc["entry"] is None and len(doc["leaf_hash"]) == 64
    _verify(world, hashed.text)
    full = world.client.get(
        f"/v1/proofs/{world.alice}", params={"full": "true"}, headers=world.as_("auditor")
    )
    assert json.loads(full.text)["entry"]["salt"]
    _verify(world, full.text)


def test_someone_elses_private_entry_answers_exactly_like_an_unknown_id(world: World) -> None:
    unknown = world.client.get("/v1/proofs/M-999", headers=world.as_("alice"))
    for who in ("public", "alice", "venue"):
        other = world.client.get(f"/v1/proofs/{world.bob}", headers=world.as_(who))
        assert other.status_code == unknown.status_code == 404
        assert other.json()["detail"] == unknown.json()["detail"].replace("M-999", world.bob)
        assert other.json().keys() == unknown.json().keys()
    # naming the kind changes nothing
    assert world.client.get(f"/v1/proofs/{world.bob}", params={"kind": "member"}).status_code == 404


def test_a_wrong_kind_or_format_is_refused(world: World) -> None:
    assert world.client.get(f"/v1/proofs/{world.bob_work}", params={"kind": "recording"}).status_code == 404
    bad = world.client.get(f"/v1/proofs/{world.bob_work}", params={"format": "pdf"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.format"


def test_a_cached_proof_follows_the_log(world: World) -> None:
    # changes the world: one more entry and checkpoint
    before = json.loads(world.client.get(f"/v1/proofs/{world.bob_work}").text)
    with transaction(world.sessions) as session:
        record(session, "evidence", f"EV-cache-{before['anchor']['checkpoint_index']}", {"sha256": "cd" * 32})
    run = world.client.post("/v1/admin/anchoring/run", headers=world.as_("admin")).json()
    assert run["status"] == "anchored"
    after = json.loads(world.client.get(f"/v1/proofs/{world.bob_work}").text)
    assert after["anchor"]["checkpoint_index"] == before["anchor"]["checkpoint_index"] + 1
    assert after["anchor"]["checkpoint_index"] == run["anchored"]["checkpoint_index"]
    assert before["checkpoint"] != after["checkpoint"]
    _verify(world, json.dumps(after))


def test_proofs_may_come_from_memory_for_the_configured_delay(world: World) -> None:
    from fastapi.testclient import TestClient

    from registry.api import create_app

    settings = world.settings.model_copy(update={"proof_epoch_seconds": 0.5})
    with TestClient(create_app(settings)) as client:
        before = json.loads(client.get(f"/v1/proofs/{world.bob_work}").text)
        with transaction(world.sessions) as session:
            record(
                session, "evidence", f"EV-delay-{before['anchor']['checkpoint_index']}", {"sha256": "ef" * 32}
            )
        world.job.run_once()
        quick = json.loads(client.get(f"/v1/proofs/{world.bob_work}").text)
        time.sleep(0.6)
        later = json.loads(client.get(f"/v1/proofs/{world.bob_work}").text)
    # within the delay the proof of the checkpoint before may still come: valid, and then it follows
    assert quick["anchor"]["checkpoint_index"] in (
        before["anchor"]["checkpoint_index"],
        later["anchor"]["checkpoint_index"],
    )
    assert later["anchor"]["checkpoint_index"] == before["anchor"]["checkpoint_index"] + 1
    _verify(world, json.dumps(quick))
    _verify(world, json.dumps(later))
