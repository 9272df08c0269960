"""Private entries verifiable in public by fingerprint: GET /v1/fingerprints/{leaf_hash} gives
anyone the proof of an entry's leaf hash with the entry withheld, and it verifies."""

from __future__ import annotations

import json

import httpx

from ledger import Verdict, load_proof
from portal.settings import PortalSettings
from portal.verification import verify_bytes
from tests.portal.conftest import ApiServer
from tests.portal.world import STATEMENT, World


def test_anyone_gets_a_private_entrys_fingerprint_proof_without_its_content(
    portal_env: World, api_server: ApiServer
) -> None:
    line = portal_env.version(STATEMENT)
    answer = httpx.get(f"{api_server.url}/v1/fingerprints/{line.leaf_hash}", timeout=30)
    assert answer.status_code == 200, answer.text
    doc = json.loads(answer.content)
    assert doc["entry"] is None and doc["leaf_hash"] == line.leaf_hash
    assert STATEMENT not in answer.text  # not even the id
    proof = load_proof(answer.content)
    assert proof.leaf_index == line.leaf_index
    report = verify_bytes(answer.content, PortalSettings())  # type: ignore[call-arg]
    assert report.verdict is Verdict.PROVEN, report.to_dict()
    # By id, the private line has no public form: it is not found, like an unknown id.
    assert httpx.get(f"{api_server.url}/v1/proofs/{STATEMENT}", timeout=30).status_code == 404


def test_an_unknown_or_malformed_fingerprint(api_server: ApiServer) -> None:
    assert httpx.get(f"{api_server.url}/v1/fingerprints/{'ab' * 32}", timeout=30).status_code == 404
    assert httpx.get(f"{api_server.url}/v1/fingerprints/not-a-hash", timeout=30).status_code == 422
