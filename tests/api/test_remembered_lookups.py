"""Anonymous proof and license lookups answered from memory in front of the routes
(registry/api/remembered_lookups.py): the same bytes and headers as the route, the same rate
limit and metrics, and never an answer the route would not give now."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from registry.api import create_app
from registry.api.remembered_lookups import RememberedLookups
from tests.api.conftest import World

_SAME_HEADERS = ("content-type", "content-disposition", "content-length", "x-content-type-options")


@pytest.fixture()
def remembering(world: World) -> Iterator[TestClient]:
    """An app that trusts a read epoch for a minute: repeated lookups come from memory."""
    settings = world.settings.model_copy(update={"proof_epoch_seconds": 60.0})
    with TestClient(create_app(settings)) as client:
        yield client


def _inner_calls(client: TestClient) -> list[str]:
    """Wrap what RememberedLookups passes requests on to, recording each path it passes on."""
    app: Any = client.app
    client.get("/v1/health")  # the first request builds the middleware stack
    calls: list[str] = []
    layer = app.middleware_stack
    while not isinstance(layer, RememberedLookups):
        layer = layer.app
    inner = layer.app

    async def recording(scope: Any, receive: Any, send: Any) -> None:
        calls.append(scope["path"])
        await inner(scope, receive, send)

    layer.app = recording
    return calls


def test_a_repeated_anonymous_proof_comes_from_memory_with_the_routes_bytes(
    world: World, remembering: TestClient
) -> None:
    calls = _inner_calls(remembering)
    path = f"/v1/proofs/{world.bob_work}"
    first = remembering.get(path)
    second = remembering.get(path)
    assert first.status_code == second.status_code == 200
    assert calls == [path]  # the second never reached the routes
    assert second.content == first.content
    for name in _SAME_HEADERS:
        assert second.headers.get(name) == first.headers.get(name), name
    metrics = remembering.get("/metrics").text
    assert 'route="/v1/proofs/{entry_id:path}",status="200"} 2.0' in metrics


def test_a_repeated_license_lookup_comes_from_memory_and_matches_the_route(
    world: World, remembering: TestClient
) -> None:
    calls = _inner_calls(remembering)
    number = world.business.venue_license
    first = remembering.get(f"/v1/licenses/{number}")
    second = remembering.get(f"/v1/licenses/{number}")
    assert first.status_code == 200 and first.json()["number"] == number
    assert calls == [f"/v1/licenses/{number}"]
    assert second.content == first.content and second.headers["content-type"] == "application/json"
    # the route's own rendering agrees with the list's view of the same license
    listed = remembering.get("/v1/licenses", params={"number": number}).json()["items"]
    assert [item for item in listed if item["number"] == number] == [first.json()]


def test_queries_credentials_misses_and_history_go_to_the_routes(
    world: World, remembering: TestClient
) -> None:
    calls = _inner_calls(remembering)
    proof = f"/v1/proofs/{world.bob_work}"
    number = world.business.venue_license
    remembering.get(proof)
    remembering.get(f"/v1/licenses/{number}")
    calls.clear()
    assert remembering.get(proof, params={"format": "tlog-proof"}).status_code == 200
    assert remembering.get(proof, headers=world.as_("auditor")).status_code == 200
    assert remembering.get(f"/v1/licenses/{number}/history").status_code == 200
    assert remembering.get("/v1/licenses/LIC-1999-000404").status_code == 404
    assert remembering.get("/v1/licenses/LIC-1999-000404").status_code == 404  # misses stay misses
    assert calls == [
        proof,
        proof,
        f"/v1/licenses/{number}/history",
        "/v1/licenses/LIC-1999-000404",
        "/v1/licenses/LIC-1999-000404",
    ]


def test_a_private_entry_is_never_answered_from_memory_to_the_public(
    world: World, remembering: TestClient
) -> None:
    statement = world.business.alice_statement
    own = remembering.get(f"/v1/proofs/{statement}", headers=world.as_("alice"))
    assert own.status_code == 200
    # the member's answer (with salt) is remembered, but not for anonymous callers
    for _ in range(2):
        assert remembering.get(f"/v1/proofs/{statement}").status_code == 404


def test_the_rate_limit_holds_for_remembered_answers(world: World) -> None:
    settings = world.settings.model_copy(
        update={"proof_epoch_seconds": 60.0, "rate_per_second": 0.001, "rate_burst": 3}
    )
    with TestClient(create_app(settings)) as client:
        statuses = [client.get(f"/v1/proofs/{world.bob_work}").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]


def test_a_suspended_license_shows_once_the_trusted_epoch_ends(world: World) -> None:
    # changes the world: one more license, suspended
    settings = world.settings.model_copy(update={"proof_epoch_seconds": 0.3})
    admin = world.as_("admin")
    with TestClient(create_app(settings)) as client:
        issued = client.post(
            "/v1/admin/licenses",
            json={
                "licensee": "LE-1",
                "tariff": "KTV-ROOM",
                "valid_from": "2026-06-01",
                "valid_to": "2027-05-31",
            },
            headers=admin,
        )
        number = issued.json()["number"]
        assert [client.get(f"/v1/licenses/{number}").json()["recorded_status"] for _ in range(2)] == [
            "active",
            "active",
        ]
        suspended = client.post(
            f"/v1/admin/licenses/{number}/suspend", json={"reason": "unpaid"}, headers=admin
        )
        assert suspended.status_code == 200, suspended.text
        time.sleep(0.4)
        assert client.get(f"/v1/licenses/{number}").json()["recorded_status"] == "suspended"


def test_the_trusted_epoch_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rightsledger.commands.serve import api_settings
    from rightsledger.settings import load_settings

    monkeypatch.setenv("RIGHTS_API_PROOF_EPOCH_SECONDS", "7.5")
    assert api_settings(load_settings(data_dir=tmp_path)).proof_epoch_seconds == 7.5
    monkeypatch.setenv("RIGHTS_API_PROOF_EPOCH_SECONDS", "-1")
    with pytest.raises(ValueError, match="api_proof_epoch_seconds"):
        load_settings(data_dir=tmp_path)
