"""Security headers on every answer of the API: every route (anonymous and signed in), the
documentation, unknown paths, wrong methods, refused bodies (413), validation errors (422)."""

from __future__ import annotations

import re

from httpx import Response

from tests.api.conftest import World, sqlite_society, sqlite_world  # noqa: F401 - the module-scoped world

REQUIRED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
}


def _check(response: Response, what: str) -> None:
    for name, value in REQUIRED.items():
        assert response.headers.get(name) == value, f"{what}: {name} is {response.headers.get(name)!r}"
    csp = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp, f"{what}: content-security-policy {csp!r}"


def test_every_route_answers_with_the_security_headers(sqlite_world: World) -> None:  # noqa: F811
    client = sqlite_world.client
    operations = [
        (method.upper(), template)
        for template, item in sqlite_world.app.openapi()["paths"].items()
        for method in item
    ]
    assert len(operations) >= 20
    seen = 0
    for method, template in operations:
        path = re.sub(r"\{[^}]+\}", "x", template)
        for who in ("public", "alice", "admin"):
            response = client.request(method, path, headers=sqlite_world.as_(who))
            _check(response, f"{who} {method} {path} -> {response.status_code}")
            if who != "public" and response.status_code < 300:
                assert response.headers.get("cache-control") == "no-store", f"{who} {method} {path}"
            seen += 1
    assert seen >= 60


def test_errors_and_documentation_carry_them_too(sqlite_world: World) -> None:  # noqa: F811
    client = sqlite_world.client
    admin = sqlite_world.as_("admin")
    too_big = b"x" * (sqlite_world.settings.max_body_bytes + 1)
    for response, what in (
        (client.get("/docs"), "docs"),
        (client.get("/openapi.json"), "openapi"),
        (client.get("/metrics"), "metrics"),
        (client.get("/nowhere/../../etc/passwd"), "unknown path"),
        (client.put("/v1/works"), "wrong method"),
        (client.get("/v1/works", params={"limit": "-1"}), "validation error"),
        (client.post("/v1/auth/token", content=too_big, headers={"content-type": "text/plain"}), "413"),
        (client.post("/v1/auth/token", data={"username": "x", "password": "y"}), "401"),
        (client.post("/v1/admin/evidence", headers=admin), "422 upload without a file"),
    ):
        _check(response, f"{what} -> {response.status_code}")
