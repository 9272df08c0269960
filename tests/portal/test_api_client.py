"""The API client: the contract's shapes, and every failure as one named error."""

from __future__ import annotations

import httpx
import pytest

from portal.api_client import ApiClient, ApiError, ApiUnavailable, NotFound, Unauthorised
from tests.portal.conftest import free_port


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
            body = {"type": "about:blank", "title": "Not Found", "detail": "no resource at /v1/reports/x"}
            return httpx.Response(404, json=body, headers=problem)
        body = {
            "type": "urn:rightsledger:problem:not-found",
            "title": "no license X",
            "detail": "no license X",
        }
        return httpx.Response(404, json=body, headers=problem)

    errors = []
    for call in (lambda c: c.works(title="x"), lambda c: c.report("x"), lambda c: c.thing("licenses", "X")):
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
    items = [{"n": n} for n in range(1203)]

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

    assert list(client(handler).iter_pages("/v1/checkpoints")) == items


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
