"""Rate limits, CORS for the portal only, security headers, problem+json everywhere, metrics."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from registry.api import create_app
from registry.api.ratelimit import TokenBuckets
from tests.api.conftest import World

PORTAL = "https://portal.cmo.example"


@pytest.fixture
def strict(sqlite_world: World) -> Iterator[TestClient]:
    settings = sqlite_world.settings.model_copy(
        update={"rate_per_second": 1.0, "rate_burst": 3, "portal_origins": (PORTAL,)}
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_public_endpoints_are_rate_limited_per_client(strict: TestClient) -> None:
    codes = [strict.get("/v1/works").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    limited = strict.get("/v1/log")
    assert limited.status_code == 429 and limited.headers["content-type"] == "application/problem+json"
    assert int(limited.headers["retry-after"]) >= 1 and limited.json()["type"].endswith("rate-limited")
    assert strict.get("/v1/health").status_code == 200  # health is not a public lookup


def test_token_buckets_refill_and_stay_bounded() -> None:
    buckets = TokenBuckets(rate=2.0, burst=2, max_clients=3)
    assert [buckets.take("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.5]
    assert buckets.take("a", now=0.6) == 0.0  # refilled 1.2 tokens meanwhile
    for n in range(10):
        buckets.take(f"ip{n}", now=1.0)
    assert len(buckets._buckets) == 3
    assert TokenBuckets(rate=0, burst=1).take("x") == 0.0  # 0: no limit


def test_cors_allows_the_portal_origin_only(strict: TestClient) -> None:
    preflight = {"Access-Control-Request-Method": "GET"}
    ok = strict.options("/v1/health", headers={"Origin": PORTAL, **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == PORTAL
    other = strict.options("/v1/health", headers={"Origin": "https://evil.example", **preflight})
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers
    plain = strict.get("/v1/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in plain.headers


def test_no_cors_at_all_without_a_portal_origin(sqlite_world: World) -> None:
    response = sqlite_world.client.get("/v1/health", headers={"Origin": PORTAL})
    assert "access-control-allow-origin" not in response.headers


def test_security_headers_on_every_answer(sqlite_world: World) -> None:
    for response in (
        sqlite_world.client.get("/v1/health"),
        sqlite_world.client.get("/v1/nowhere"),
        sqlite_world.client.get("/v1/me", headers=sqlite_world.as_("alice")),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "no-referrer"
    me = sqlite_world.client.get("/v1/me", headers=sqlite_world.as_("alice"))
    assert me.headers["cache-control"] == "no-store"


def test_every_error_is_problem_json(sqlite_world: World) -> None:
    client = sqlite_world.client
    for response, status in (
        (client.get("/v1/nowhere"), 404),
        (client.delete("/v1/works"), 405),
        (client.get("/v1/works", params={"offset": "x"}), 422),
        (client.get("/v1/audit/summary"), 401),
        (client.get("/v1/audit/summary", headers=sqlite_world.as_("alice")), 403),
    ):
        assert response.status_code == status
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["status"] == status and body["title"] and body["detail"] and body["instance"]


def test_an_unexpected_error_is_a_500_problem_without_details(
    sqlite_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from registry.services.reporting import lookups

    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(lookups, "log_size", broken)
    client = TestClient(sqlite_world.app, raise_server_exceptions=False)
    response = client.get("/v1/log")
    assert response.status_code == 500 and response.headers["content-type"] == "application/problem+json"
    assert "secret" not in response.text


def test_openapi_is_served_and_lists_every_router(sqlite_world: World) -> None:
    spec = sqlite_world.client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    for path in (
        "/v1/auth/token",
        "/v1/log/leaves",
        "/v1/proofs/{entry_id}",
        "/v1/works/{work_id}/history",
        "/v1/me/works",
        "/v1/audit/entries",
        "/v1/admin/imports/cwr",
        "/v1/admin/anchoring/history",
    ):
        assert path in spec["paths"], path
    problem = spec["paths"]["/v1/works"]["get"]["responses"]["422"]["content"]
    assert "application/problem+json" in problem


def test_metrics_count_requests_per_route(sqlite_world: World) -> None:
    sqlite_world.client.get(f"/v1/works/{sqlite_world.bob_work}")
    text = sqlite_world.client.get("/metrics").text
    assert 'rightsledger_api_requests_total{method="GET",route="/v1/works/{work_id}",status="200"}' in text
    assert "rightsledger_api_request_seconds_bucket" in text
    assert sqlite_world.bob_work not in text  # route templates, never raw paths
