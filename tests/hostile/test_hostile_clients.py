"""Hostile clients of the API: nothing of a request's body is read before its caller may use
the route (401/403 first, even for a malformed body), and password guessing is slowed per
account and per address (429 with Retry-After, a delay doubling with each failure)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from registry.api.login_limits import LoginLimits, LoginPolicy
from tests.api.conftest import PASSWORD, World, sqlite_society, sqlite_world  # noqa: F401 - the module-scoped world

UPLOADS = ("/v1/admin/imports/usage?period=2026-03&source=ktv", "/v1/admin/imports/cwr", "/v1/admin/evidence")


def _call(world: World, path: str, headers: dict[str, str], body: bytes) -> tuple[int, int]:
    """POST `body` straight to the ASGI app; (status, body messages the app asked for)."""
    target, _, query = path.partition("?")
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw_headers += [
        (b"content-type", b"multipart/form-data; boundary=xyz"),
        (b"content-length", str(len(body)).encode()),
    ]
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": target,
        "raw_path": target.encode(),
        "query_string": query.encode(),
        "headers": raw_headers,
        "client": ("203.0.113.9", 4000),
        "server": ("testserver", 80),
        "root_path": "",
        "state": {},
    }
    asked = 0
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    asyncio.run(world.app(scope, receive, send))
    return status, asked


@pytest.mark.parametrize("path", UPLOADS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("public", 401), ("bad token", 401), ("bad key", 401), ("alice", 403), ("auditor", 403)],
)
def test_an_upload_body_is_not_read_before_the_caller_may_upload(
    sqlite_world: World,  # noqa: F811
    path: str,
    who: str,
    expected: int,
) -> None:
    headers = {
        "bad token": {"Authorization": "Bearer not.a.token"},
        "bad key": {"X-API-Key": "rl_unknown_key"},
    }.get(who) or sqlite_world.as_(who)
    uploads = sqlite_world.data_dir / "usage" / "incoming"
    before = sorted(uploads.iterdir()) if uploads.exists() else []
    status, asked = _call(sqlite_world, path, headers, b"--xyz\r\n" + b"x" * 1_000_000)
    assert (status, asked) == (expected, 0)
    assert (sorted(uploads.iterdir()) if uploads.exists() else []) == before


def test_an_admin_upload_is_read(sqlite_world: World) -> None:  # noqa: F811
    # The same call as an admin does reach the body (so the test above can fail): a broken
    # multipart body is then the client's mistake.
    status, asked = _call(sqlite_world, UPLOADS[1], sqlite_world.as_("admin"), b"--xyz\r\nbroken")
    assert asked >= 1 and status in (400, 422)


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/v1/admin/licenses", {}),
        ("/v1/admin/payments", {"Authorization": "Bearer expired.or.forged"}),
        ("/v1/admin/distributions", {"X-API-Key": "rl_nobody"}),
        ("/v1/me/contracts/LC-1/sign", {}),
        ("/v1/me/claims", {"Authorization": "Basic YTpi"}),
    ],
)
def test_malformed_json_without_valid_credentials_answers_401(
    sqlite_world: World,  # noqa: F811
    path: str,
    headers: dict[str, str],
) -> None:
    response = sqlite_world.client.post(
        path, content=b'{"broken": ', headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_malformed_json_of_an_admin_is_still_a_client_error(sqlite_world: World) -> None:  # noqa: F811
    response = sqlite_world.client.post(
        "/v1/admin/licenses",
        content=b'{"broken": ',
        headers={**sqlite_world.as_("admin"), "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)


def test_failed_logins_lock_an_account_with_a_doubling_delay() -> None:
    limits = LoginLimits(
        LoginPolicy(free_failures=5, first_delay=1.0, max_delay=8.0),
        LoginPolicy(free_failures=100, first_delay=1.0, max_delay=8.0),
    )
    now = 1000.0
    for _ in range(5):
        assert limits.wait("Alice", "198.51.100.1", now) == 0
        limits.failed("alice", "198.51.100.1", now)
    assert limits.wait("alice", "198.51.100.2", now) == 0  # five mistakes are free
    delays = []
    for _ in range(5):
        limits.failed(" ALICE ", "198.51.100.1", now)
        delays.append(limits.wait("alice", "198.51.100.7", now))  # from any address
        now += delays[-1]
    assert delays == [1.0, 2.0, 4.0, 8.0, 8.0]
    assert limits.wait("bob", "198.51.100.7", now) == 0  # other accounts are not locked
    limits.failed("alice", "198.51.100.1", now)
    limits.succeeded("alice")
    assert limits.wait("alice", "198.51.100.7", now) == 0


def test_failed_logins_lock_an_address_across_accounts() -> None:
    limits = LoginLimits(
        LoginPolicy(free_failures=5, first_delay=1.0, max_delay=60.0),
        LoginPolicy(free_failures=20, first_delay=2.0, max_delay=60.0),
    )
    for n in range(21):  # one guess each for 21 accounts: no account is locked, the address is
        limits.failed(f"user{n}", "198.51.100.1", 0.0)
    assert limits.wait("somebody", "198.51.100.1", 0.0) == 2.0
    assert limits.wait("somebody", "198.51.100.2", 0.0) == 0


def test_guessing_a_password_over_http_draws_429_and_a_growing_retry_after(
    sqlite_world: World,  # noqa: F811
) -> None:
    def login(password: str) -> Any:
        return sqlite_world.client.post("/v1/auth/token", data={"username": "bob", "password": password})

    statuses = [login(f"guess {n}").status_code for n in range(8)]
    assert statuses == [401] * 6 + [429] * 2  # five mistakes are free, the sixth locks
    refused = login(PASSWORD)  # even the right password waits out the lock
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert refused.headers["content-type"] == "application/problem+json"
    time.sleep(1.1)
    assert login("guess again").status_code == 401
    assert login(PASSWORD).headers["Retry-After"] == "2"  # the next lock is twice as long
    time.sleep(2.1)
    assert login(PASSWORD).status_code == 200  # and a success clears the account
    assert login("one typo").status_code == 401
    assert login(PASSWORD).status_code == 200
