"""Licenses, distributions, reports, members' statements and claims, a licensee's business and
the admin writes, over HTTP against the real services. Tests that change the world say so."""

from __future__ import annotations

import base64
import json

from anchor.trust import verification_policy
from anchor.verify import chain_checks
from ledger import load_proof, parse_entry, verify_proof
from tests.api.conftest import ORIGIN, World


def _verifies(world: World, text: str) -> dict:
    proof = load_proof(text)
    policy = verification_policy(vkeys=[world.vkey], origin=ORIGIN, contracts=[world.contract])
    report = verify_proof(proof, policy, chain_checks(world.conn, policy))
    assert report.ok, [(s.name, s.ok, s.detail) for s in report.steps]
    return json.loads(text)


def test_license_lookup_computes_expiry_and_filters(world: World) -> None:
    b = world.business
    expired = world.client.get(f"/v1/licenses/{b.expired_license}").json()
    assert expired["status"] == "expired" and expired["recorded_status"] == "active"
    current = world.client.get(f"/v1/licenses/{b.venue_license.lower()}").json()
    assert current["number"] == b.venue_license and current["status"] == "active"
    assert current["licensee"] == "金嗓子 KTV" and current["city"] == "上海"
    assert "licensee_ref" not in current

    def numbers(**params: str) -> list[str]:
        page = world.client.get("/v1/licenses", params=params).json()
        assert page["total"] == len(page["items"])
        return [item["number"] for item in page["items"]]

    assert numbers(status="expired") == [b.expired_license]
    assert numbers(city="北京") == [b.other_license]
    assert numbers(name="金嗓子") == sorted([b.expired_license, b.venue_license])
    assert numbers(number=b.other_license) == [b.other_license]
    assert numbers(name="%") == []  # LIKE wildcards are text here
    history = world.client.get(f"/v1/licenses/{b.venue_license}/history").json()
    assert [v["version"] for v in history["items"]] == [1] and history["items"][0]["anchored"]
    assert world.client.get("/v1/licenses", params={"status": "lapsed"}).status_code == 422


def test_a_license_names_its_latest_entry_whose_proof_backs_it(world: World) -> None:
    b = world.business
    current = world.client.get(f"/v1/licenses/{b.venue_license}").json()
    [stated] = world.client.get(f"/v1/licenses/{b.venue_license}/history").json()["items"]
    assert (current["version"], current["leaf_hash"]) == (stated["version"], stated["leaf_hash"])
    [listed] = world.client.get("/v1/licenses", params={"number": b.venue_license}).json()["items"]
    assert listed == current
    doc = _verifies(world, world.client.get(f"/v1/proofs/{b.venue_license}", params={"kind": "license"}).text)
    assert (doc["entry"]["version"], doc["entry"]["body"]["number"]) == (1, b.venue_license)
    assert parse_entry(doc["entry"]).leaf_hash().hex() == current["leaf_hash"]


def test_distributions_and_the_report_are_public_and_provable(world: World) -> None:
    page = world.client.get("/v1/distributions").json()
    [run] = [r for r in page["items"] if r["summary_id"] == world.business.summary]
    assert run["period"] == "2026-03" and run["run"] == 0 and run["state"] == "anchored"
    body = run["body"]
    assert (
        body["pool"] == 1_000_000
        and body["deduction"] + sum(body["reserve"].values()) + body["allocated"] == 1_000_000
    )
    doc = _verifies(
        world, world.client.get(f"/v1/proofs/{run['summary_id']}", params={"version": run["version"]}).text
    )
    assert doc["entry"]["body"]["lines_root"] == body["lines_root"]
    assert world.client.get("/v1/distributions", params={"period": "2025-01"}).json()["total"] == 0
    report = world.client.get("/v1/reports/2026-03").json()
    assert report["id"] == world.business.report and report["body"]["month"] == "2026-03"
    _verifies(world, world.client.get(f"/v1/proofs/{report['id']}").text)
    missing = world.client.get("/v1/reports/2001-01")
    assert missing.status_code == 404 and "2001-01" in missing.json()["detail"]


def test_a_member_sees_and_proves_their_statement(world: World) -> None:
    me = world.as_("alice")
    index = world.client.get("/v1/me/statements", headers=me).json()
    [summary] = index["items"]
    assert summary["entry_id"] == world.business.alice_statement and summary["lines"] >= 1
    detail = world.client.get("/v1/me/statements/2026-03/karaoke", headers=me).json()
    [statement] = detail["items"]
    assert sum(line["amount"] for line in statement["lines"]) == statement["earned"] > 0
    assert {line["id"] for line in statement["lines"]} == {world.alice_work}  # her shares: in the work
    doc = _verifies(
        world,
        world.client.get(
            f"/v1/proofs/{statement['entry_id']}", params={"version": statement["version"]}, headers=me
        ).text,
    )
    assert doc["entry"]["body"]["member"] == world.alice and doc["entry"]["salt"]
    assert doc["entry"]["body"]["earned"] == statement["earned"]
    bob = world.client.get("/v1/me/statements/2026-03/karaoke", headers=world.as_("bob")).json()["items"][0]
    assert bob["entry_id"] == world.business.bob_statement and world.alice not in json.dumps(bob)
    assert world.client.get("/v1/me/statements", params={"period": "2026-13"}, headers=me).status_code == 422


def test_a_member_claims_unidentified_usage(world: World) -> None:
    # changes the world: Alice's claim
    me = world.as_("alice")
    [group] = world.client.get("/v1/unidentified", headers=me).json()["items"]
    assert group["id"] == world.business.unidentified and group["open"] and group["isrc"]
    made = world.client.post(
        "/v1/me/claims",
        json={"unidentified_id": group["id"], "recording": world.alice_recording, "note": "mine"},
        headers=me,
    )
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "submitted"
    claims = world.client.get("/v1/me/claims", headers=me).json()["items"]
    assert [c["id"] for c in claims] == [made.json()["id"]]
    assert world.client.get("/v1/me/claims", headers=world.as_("bob")).json()["items"] == []
    unknown = world.client.post(
        "/v1/me/claims", json={"unidentified_id": group["id"], "work": "W-424242"}, headers=me
    )
    assert unknown.status_code == 404


def test_a_licensee_sees_its_business_and_signs_its_contract(world: World) -> None:
    # changes the world: the venue's signature on its draft contract
    b, venue = world.business, world.as_("venue")
    licenses = world.client.get("/v1/me/licenses", headers=venue).json()["items"]
    assert sorted(lic["number"] for lic in licenses) == sorted([b.expired_license, b.venue_license])
    [invoice] = world.client.get("/v1/me/invoices", headers=venue).json()["items"]
    assert invoice["number"] == b.venue_invoice and invoice["paid_fen"] == 1000
    assert invoice["balance_fen"] == invoice["amount_fen"] - 1000 > 0
    draft = world.client.get(f"/v1/me/contracts/{b.venue_draft}", headers=venue).json()
    assert draft["signed"] == {"cmo": True, "licensee": False}
    signature = base64.b64encode(b.venue_key.sign(draft["payload"].encode())).decode()
    signed = world.client.post(
        f"/v1/me/contracts/{b.venue_draft}/sign", json={"signature": signature}, headers=venue
    )
    assert signed.status_code == 200, signed.text
    assert signed.json()["signed"] == {"cmo": True, "licensee": True}
    again = world.client.post(
        f"/v1/me/contracts/{b.venue_draft}/sign", json={"signature": signature}, headers=venue
    )
    assert again.status_code == 422 and "already signed" in again.json()["detail"]
    world.job.run_once()
    doc = _verifies(world, world.client.get(f"/v1/proofs/{b.venue_draft}", headers=venue).text)
    assert doc["entry"]["kind"] == "contract" and doc["entry"]["body"]["signatures"]["licensee"] == signature


def test_admin_writes_go_through_the_services(world: World) -> None:
    # changes the world: a new license, suspended then revoked; a payment
    admin = world.as_("admin")
    issued = world.client.post(
        "/v1/admin/licenses",
        json={"licensee": "LE-1", "tariff": "KTV-ROOM", "valid_from": "2026-06-01", "valid_to": "2027-05-31"},
        headers=admin,
    )
    assert issued.status_code == 201, issued.text
    number = issued.json()["number"]
    suspended = world.client.post(
        f"/v1/admin/licenses/{number}/suspend", json={"reason": "unpaid"}, headers=admin
    )
    assert suspended.json()["status"] == "suspended" and suspended.json()["reason"] == "unpaid"
    revoked = world.client.post(
        f"/v1/admin/licenses/{number}/revoke", json={"reason": "closed"}, headers=admin
    )
    assert revoked.json()["status"] == "revoked"
    history = world.client.get(f"/v1/licenses/{number}/history").json()["items"]
    assert [v["body"]["status"] for v in history] == ["active", "suspended", "revoked"]
    stated = [(v["version"], v["leaf_hash"]) for v in history]  # each answer names the entry it made
    assert [(r.json()["version"], r.json()["leaf_hash"]) for r in (issued, suspended, revoked)] == stated
    paid = world.client.post(
        "/v1/admin/payments",
        json={
            "invoice": world.business.other_invoice,
            "amount_fen": 500,
            "received_on": "2026-04-10",
            "reference": "BANK-2",
        },
        headers=admin,
    ).json()
    assert paid["new"] and paid["balance_fen"] >= 0
    rerun = world.client.post("/v1/admin/invoices/run", params={"period": "2026-03"}, headers=admin).json()
    assert rerun["issued"] == [] and world.business.venue_invoice in rerun["already_invoiced"]
    same = world.client.post(
        "/v1/admin/distributions",
        json={"period": "2026-03", "source": "karaoke", "pool_fen": 1_000_000},
        headers=admin,
    )
    assert same.status_code == 422  # usage read from the registry differs: an adjustment is needed
