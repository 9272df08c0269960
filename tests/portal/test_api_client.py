"""The API client: the contract's shapes, and every failure as one named error; against the real
API, every answer the portal reads parsed into its shared payload model and dumped back unchanged."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from portal.api_client import ApiClient, ApiError, ApiUnavailable, NotFound, Unauthorised
from tests.portal.conftest import ApiServer, free_port
from tests.portal.world import GOLDEN, MOON, PASSWORDS, PERIOD, REPORT_MONTH, SOURCE, World


def client(handler) -> ApiClient:  # type: ignore[no-untyped-def]
    return ApiClient("http://api.test", token="tok", transport=httpx.MockTransport(handler))


def test_ids_are_one_escaped_path_segment_and_the_token_is_sent() -> None:
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.raw_path, request.headers.get("authorization")))
        return httpx.Response(200, content=b"proof")

    assert client(handler).proof("../admin/x y", version=2) == b"proof"
    assert seen == [(b"/v1/proofs/..%2Fadmin%2Fx%20y?version=2&format=rlproof", "Bearer tok")]


def test_a_missing_route_and_a_missing_thing_are_told_apart() -> None:
    problem = {"content-type": "application/problem+json"}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/v1/works"):  # a plain 404 (no problem+json)
            return httpx.Response(404, json={"detail": "Not Found"})
        if request.url.path.startswith("/v1/reports"):  # the API's 404 of a route it does not serve
            body = {
                "type": "about:blank",
                "title": "Not Found",
                "status": 404,
                "detail": "no resource at /v1/reports/x",
            }
            return httpx.Response(404, json=body, headers=problem)
        body = {
            "type": "urn:rightsledger:problem:not-found",
            "title": "no license X",
            "status": 404,
            "detail": "no license X",
        }
        return httpx.Response(404, json=body, headers=problem)

    errors = []
    for call in (lambda c: c.works(title="x"), lambda c: c.report("x"), lambda c: c.license("X")):
        with pytest.raises(NotFound) as caught:
            call(client(handler))
        errors.append(caught.value)
    assert [e.route_missing for e in errors] == [True, True, False]
    assert errors[2].detail == "no license X"


def test_refusals_and_server_errors_are_named() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/me":
            return httpx.Response(401, json={"title": "Unauthorized"})
        return httpx.Response(500, text="boom")

    with pytest.raises(Unauthorised):
        client(handler).me()
    with pytest.raises(ApiError) as error:
        client(handler).log_info()
    assert error.value.status == 500 and not isinstance(error.value, NotFound | Unauthorised)


def test_an_api_that_is_down_is_unavailable_not_a_crash() -> None:
    with pytest.raises(ApiUnavailable) as error:
        ApiClient(f"http://127.0.0.1:{free_port()}", timeout=2).health()
    assert "127.0.0.1" in error.value.where


def test_pages_of_a_list_are_followed_to_the_total() -> None:
    items = [
        {
            "index": n,
            "tree_size": n + 1,
            "root": "ab" * 32,
            "note": "note",
            "note_hash": "cd" * 32,
            "tx_hash": None,
            "block_number": None,
            "anchored_at": None,
        }
        for n in range(1203)
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        limit, offset = int(request.url.params["limit"]), int(request.url.params["offset"])
        return httpx.Response(
            200,
            json={
                "items": items[offset : offset + limit],
                "total": len(items),
                "limit": limit,
                "offset": offset,
            },
        )

    assert [c.model_dump(mode="json") for c in client(handler).checkpoints()] == items


def test_an_answer_not_as_the_contract_says_is_a_named_error_not_a_guess() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/log":  # a renamed field
            doc = {"origin": "o", "verifier_key": None, "size": 3, "chain_id": None, "contract_address": None}
            return httpx.Response(200, json=doc)
        return httpx.Response(200, content=b"<html>")  # not JSON at all

    for call in (lambda c: c.log_info(), lambda c: c.health()):
        with pytest.raises(ApiError) as error:
            call(client(handler))
        assert error.value.title == "unexpected answer" and not isinstance(error.value, NotFound)
    assert error_of(lambda c: c.log_info(), handler).detail == "/v1/log: tree_size: Field required"


def error_of(call, handler) -> ApiError:  # type: ignore[no-untyped-def]
    with pytest.raises(ApiError) as error:
        call(client(handler))
    return error.value


def test_the_log_feed_is_read_in_ranges_the_api_accepts() -> None:
    leaves = [f"{n:064x}" for n in range(1203)]
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        start, end = int(request.url.params["start"]), int(request.url.params["end"])
        asked.append((start, end))
        if end - start > 500:
            return httpx.Response(422, json={"title": "too many"})
        items = [{"index": i, "leaf_hash": leaves[i]} for i in range(start, min(end, len(leaves)))]
        return httpx.Response(
            200, json={"items": items, "total": len(leaves), "limit": end - start, "offset": start}
        )

    assert client(handler).leaves(0, 1203) == leaves
    assert asked == [(0, 500), (500, 1000), (1000, 1203)]


def test_login_posts_the_oauth2_password_form() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert request.content == b"username=m%40x&password=p+w"
        return httpx.Response(
            200,
            json={
                "access_token": "t",
                "token_type": "bearer",
                "expires_in": 60,
                "role": "member",
                "subject": "M-1",
            },
        )

    token = client(handler).login("m@x", "p w")
    assert (token.access_token, token.role, token.subject, token.expires_in) == ("t", "member", "M-1", 60)


# --- against the real API: every answer the portal reads is its payload, whole -----------------


def answer(api_server: ApiServer, path: str, token: str | None = None, **params: Any) -> Any:
    """The API's JSON itself, read without the client."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.get(api_server.url + path, params=params, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def dumped(typed: BaseModel | list[BaseModel]) -> Any:
    if isinstance(typed, list):
        return [item.model_dump(mode="json") for item in typed]
    return typed.model_dump(mode="json")


def test_every_answer_the_portal_reads_parses_into_its_payload_and_back(
    world: World, api_server: ApiServer
) -> None:
    """The typed answer dumps back to the API's very JSON: no field the API sends is dropped or
    renamed, no value changes type (a field the models lacked would be missing here)."""
    public = ApiClient(api_server.url, timeout=30)
    tokens = {}
    for role in ("member", "auditor", "admin"):
        token = public.login(role, PASSWORDS[role])
        assert (token.role, token.subject, token.token_type) == (role, role, "bearer")
        tokens[role] = token.access_token
    member, auditor, admin = (ApiClient(api_server.url, token=tokens[r], timeout=30) for r in tokens)
    size = public.log_info().tree_size
    assert public.leaves(0, size) == world.leaves
    everything = {"limit": 500}
    pairs = [
        (public.health(), answer(api_server, "/v1/health")),
        (public.log_info(), answer(api_server, "/v1/log")),
        (public.checkpoints(), answer(api_server, "/v1/checkpoints", **everything)["items"]),
        (public.log_entries(0, size), answer(api_server, "/v1/log/entries", start=0, end=size)["items"]),
        (public.works(), answer(api_server, "/v1/works")),
        (public.recordings(), answer(api_server, "/v1/recordings")),
        (public.history("works", MOON), answer(api_server, f"/v1/works/{MOON}/history")["items"]),
        (public.history("licenses", GOLDEN), answer(api_server, f"/v1/licenses/{GOLDEN}/history")["items"]),
        (public.license(GOLDEN), answer(api_server, f"/v1/licenses/{GOLDEN}")),
        (public.licenses(), answer(api_server, "/v1/licenses")),
        (public.distributions(), answer(api_server, "/v1/distributions")),
        (public.all_distributions(), answer(api_server, "/v1/distributions", **everything)["items"]),
        (public.report(REPORT_MONTH), answer(api_server, f"/v1/reports/{REPORT_MONTH}")),
        (member.me(), answer(api_server, "/v1/me", tokens["member"])),
        (
            member.statements(),
            answer(api_server, "/v1/me/statements", tokens["member"], **everything)["items"],
        ),
        (
            member.statement(PERIOD, SOURCE),
            answer(api_server, f"/v1/me/statements/{PERIOD}/{SOURCE}", tokens["member"])["items"],
        ),
        (auditor.audit_summary(), answer(api_server, "/v1/audit/summary", tokens["auditor"])),
        (admin.anchoring_status(), answer(api_server, "/v1/admin/anchoring/status", tokens["admin"])),
        (
            admin.anchoring_history(limit=20),
            answer(api_server, "/v1/admin/anchoring/history", tokens["admin"], limit=20),
        ),
    ]
    for typed, raw in pairs:
        assert raw and dumped(typed) == raw
    # The answers name what the portal shows: the statement lines, the license's latest entry.
    assert sum(len(s.lines) for s in member.statement(PERIOD, SOURCE)) == world.statement_lines
    golden = public.license(GOLDEN)
    latest = world.version(GOLDEN)
    assert (golden.version, golden.leaf_hash, golden.status) == (latest.version, latest.leaf_hash, "revoked")
    ran = admin.run_anchoring()  # nothing is pending: a run changes nothing
    assert (ran.status, ran.tree_size, ran.anchored) == ("up to date", size, None)
