"""Admin endpoints: CWR and evidence uploads (size-limited), anchoring now, status and history
with gas and cost; auditor endpoints. These tests change the world; each asserts what it adds."""

from __future__ import annotations

import hashlib

from registry.cwr import parse_cwr
from registry.cwr.generate import generate_cwr
from tests.api.conftest import World


def test_a_cwr_upload_registers_works_once(world: World) -> None:
    data = generate_cwr(3, seed=99)
    files = {"file": ("batch.v22", data, "application/octet-stream")}
    report = world.client.post("/v1/admin/imports/cwr", files=files, headers=world.as_("admin")).json()
    assert report["file"] == "batch.v22" and report["sha256"] == hashlib.sha256(data).hexdigest()
    assert report["accepted"] == report["transactions"] == 3 and report["already_imported"] is False
    again = world.client.post("/v1/admin/imports/cwr", files=files, headers=world.as_("admin")).json()
    assert again["already_imported"] is True


def test_a_cwr_file_received_is_listed_and_acknowledged_to_its_publisher(world: World) -> None:
    data = generate_cwr(4, seed=98, version="2.1")
    sha = hashlib.sha256(data).hexdigest()
    admin = world.as_("admin")
    world.client.post("/v1/admin/imports/cwr", files={"file": ("CW260001PUB_999.V21", data)}, headers=admin)
    listed = world.client.get("/v1/admin/imports/cwr", headers=admin).json()
    [row] = [item for item in listed["items"] if item["sha256"] == sha]
    assert (row["name"], row["accepted"], row["acknowledgeable"]) == ("CW260001PUB_999.V21", 4, True)
    response = world.client.get(f"/v1/admin/imports/cwr/{sha[:12]}/acknowledgement", headers=admin)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert 'filename="CW260001PUB_999.ack.V21"' in response.headers["content-disposition"]
    back = parse_cwr(response.content, name="ack")
    assert back.file_type == "acknowledgement" and back.sender_type == "SO"
    acks = [t.ack for t in back.transactions if t.ack is not None]
    assert [a.status for a in acks] == ["AS"] * 4
    for answer in acks:
        assert world.client.get(f"/v1/works/{answer.society_work_id}").status_code == 200
    # a society's own acknowledgement is not acknowledged back: 409 saying so
    world.client.post(
        "/v1/admin/imports/cwr", files={"file": ("their.ack.V21", response.content)}, headers=admin
    )
    theirs = hashlib.sha256(response.content).hexdigest()
    refused = world.client.get(f"/v1/admin/imports/cwr/{theirs}/acknowledgement", headers=admin)
    assert refused.status_code == 409 and "only registrations" in refused.json()["detail"]


def test_a_broken_cwr_file_is_refused_whole_naming_its_line(world: World) -> None:
    before = world.client.get("/v1/works", params={"limit": 1}).json()["total"]
    broken = generate_cwr(2, seed=5).replace(b"TRL", b"XXX")
    response = world.client.post(
        "/v1/admin/imports/cwr", files={"file": ("bad.v22", broken)}, headers=world.as_("admin")
    )
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("bad.v22: line ")
    assert world.client.get("/v1/works", params={"limit": 1}).json()["total"] == before


def test_uploads_above_the_limit_are_refused(tmp_path, world: World) -> None:
    from fastapi.testclient import TestClient

    from registry.api import create_app

    small = create_app(world.settings.model_copy(update={"max_upload_bytes": 1000, "max_body_bytes": 100}))
    with TestClient(small) as client:
        files = {"file": ("big.v22", b"x" * 5000)}
        response = client.post("/v1/admin/imports/cwr", files=files, headers=world.as_("admin"))
        assert response.status_code == 413 and response.json()["type"].endswith("payload-too-large")

        def chunks():  # no Content-Length: the stream is counted as it comes
            for _ in range(20):
                yield b"y" * 100

        streamed = client.post(
            "/v1/admin/evidence",
            content=chunks(),
            headers={**world.as_("admin"), "Content-Type": "multipart/form-data; boundary=x"},
        )
        assert streamed.status_code == 413
        token = client.post("/v1/auth/token", data={"username": "admin", "password": "p" * 200})
        assert token.status_code == 413  # any other body: a small limit


def test_evidence_upload_records_and_keeps_the_document(world: World) -> None:
    content = b"2026-03-14 room 7 unlicensed\n"
    response = world.client.post(
        "/v1/admin/evidence",
        files={"file": ("../../etc/play log.txt", content, "text/plain")},
        data={"case": "CASE-1", "note": "venue 7"},
        headers=world.as_("admin"),
    )
    evidence = response.json()
    sha = hashlib.sha256(content).hexdigest()
    assert evidence["sha256"] == sha and evidence["name"] == "play log.txt" and evidence["case"] == "CASE-1"
    assert (world.data_dir / "documents" / "evidence" / sha).read_bytes() == content
    assert not list((world.data_dir / "documents" / "evidence").glob(".incoming-*"))
    history = world.client.get("/v1/log/entries", params={"start": 0, "end": 500}).json()
    assert evidence["id"] not in str(history)  # recorded, not in the log until anchored
    run = world.client.post("/v1/admin/anchoring/run", headers=world.as_("admin")).json()
    assert run["status"] == "anchored"
    proof = world.client.get(f"/v1/proofs/{evidence['id']}")
    assert proof.status_code == 200 and sha in proof.text


def test_anchoring_status_and_history_report_gas_and_cost(world: World) -> None:
    status = world.client.get("/v1/admin/anchoring/status", headers=world.as_("admin")).json()
    history = world.client.get("/v1/admin/anchoring/history", headers=world.as_("admin")).json()
    assert status["anchors"] == history["total"] >= 1
    newest = history["items"][0]
    assert status["latest_anchor"] == newest
    assert newest["gas_used"] > 21_000 and int(newest["cost_wei"]) == newest["gas_used"] * int(
        newest["gas_price_wei"]
    )
    assert int(status["total_cost_wei"]) == sum(int(a["cost_wei"]) for a in history["items"])
    assert status["total_gas"] == sum(a["gas_used"] for a in history["items"])
    again = world.client.post("/v1/admin/anchoring/run", headers=world.as_("admin")).json()
    if status["pending_entries"] == 0:
        assert again["status"] == "up to date"


def test_anchoring_estimate_is_the_recent_gas_at_the_latest_price(world: World) -> None:
    estimate = world.client.get("/v1/admin/anchoring/estimate", headers=world.as_("admin")).json()
    history = world.client.get("/v1/admin/anchoring/history", headers=world.as_("admin")).json()
    status = world.client.get("/v1/admin/anchoring/status", headers=world.as_("admin")).json()
    gases = sorted(a["gas_used"] for a in history["items"][:10])
    assert estimate["based_on"] == len(gases) and estimate["gas"] == gases[(len(gases) - 1) // 2]
    assert estimate["gas_price_wei"] == history["items"][0]["gas_price_wei"]
    assert int(estimate["cost_wei"]) == estimate["gas"] * int(estimate["gas_price_wei"])
    assert estimate["pending_entries"] == status["pending_entries"]
    assert world.client.get("/v1/admin/anchoring/estimate", headers=world.as_("auditor")).status_code == 403


def test_anchoring_not_configured_says_so(world: World) -> None:
    from fastapi.testclient import TestClient

    from registry.api import create_app

    with TestClient(create_app(world.settings.model_copy(update={"run_anchoring": None}))) as client:
        response = client.post("/v1/admin/anchoring/run", headers=world.as_("admin"))
    assert response.status_code == 503 and "not set up to anchor" in response.json()["detail"]


def test_auditors_see_every_entry_summarised(world: World) -> None:
    summary = world.client.get("/v1/audit/summary", headers=world.as_("auditor")).json()
    assert summary["entries_per_kind"]["member"] == 2 and summary["latest_anchored_size"] >= 1
    entries = world.client.get(
        "/v1/audit/entries", params={"start": 0, "end": 500}, headers=world.as_("auditor")
    ).json()
    members = [e for e in entries["items"] if e["kind"] == "member"]
    assert {e["id"] for e in members} == {world.alice, world.bob} and all(e["private"] for e in members)
    assert "Alice" not in str(entries)  # summaries: no content
    assert entries["total"] == summary["log_size"] == len(entries["items"])
