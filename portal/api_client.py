"""A small client of the RightsLedger HTTP API (/v1), per its contract.

It fetches data to show and proof files to check; it is never asked whether a proof is valid.
Every failure becomes one of a few named errors the pages turn into plain words: the API is down,
an endpoint does not exist (yet), a thing is not found, a login is refused.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

PAGE_LIMIT = 500  # the contract's maximum page size


class ApiError(Exception):
    """The API answered with an error; `title`/`detail` come from its problem+json when given."""

    def __init__(self, status: int, title: str, detail: str = "") -> None:
        self.status, self.title, self.detail = status, title, detail
        super().__init__(f"{status} {title}" + (f": {detail}" if detail else ""))


class ApiUnavailable(ApiError):
    """No answer: the API is down, unreachable or too slow."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(0, "unavailable", f"{where}: {reason}")
        self.where, self.reason = where, reason


NOT_FOUND_TYPE = "urn:rightsledger:problem:not-found"  # the API's "no such thing" (vs. no such route)


class NotFound(ApiError):
    """404. `route_missing` when the endpoint itself does not exist: the API names a missing thing
    with the problem type NOT_FOUND_TYPE, a missing route as about:blank (or not as problem+json at
    all), so pages can say "not available" instead of "no such"."""

    route_missing: bool = False


class Unauthorised(ApiError):
    """401/403: not logged in, the login expired, or the wrong role."""


@dataclass(frozen=True, slots=True)
class Token:
    access_token: str
    role: str
    subject: str
    expires_in: int | None = None


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Accept": "application/json, application/problem+json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=self.base_url, headers=headers, timeout=timeout, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport --------------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise ApiUnavailable(self.base_url, "no answer in time") from None
        except httpx.HTTPError as exc:
            raise ApiUnavailable(self.base_url, type(exc).__name__) from None
        if response.status_code >= 400:
            raise _error(response)
        return response

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        response = self._request("GET", path, params=_clean(params))
        try:
            return response.json()
        except ValueError:
            raise ApiError(response.status_code, "not JSON", f"{path} did not answer JSON") from None

    def post_json(self, path: str, body: Any = None) -> Any:
        response = self._request("POST", path, json=body)
        try:
            return response.json() if response.content else None
        except ValueError:
            raise ApiError(response.status_code, "not JSON", f"{path} did not answer JSON") from None

    def get_page(self, path: str, params: Mapping[str, Any] | None = None) -> Page:
        doc = self.get_json(path, params)
        if isinstance(doc, list):  # tolerate a bare list
            return Page(doc, len(doc), len(doc), 0)
        if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
            raise ApiError(200, "unexpected answer", f"{path} did not answer a list")
        return Page(
            doc["items"],
            int(doc.get("total", len(doc["items"]))),
            int(doc.get("limit", len(doc["items"]))),
            int(doc.get("offset", 0)),
        )

    def iter_pages(self, path: str, params: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            page = self.get_page(path, {**(params or {}), "limit": PAGE_LIMIT, "offset": offset})
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    # --- the contract's endpoints -------------------------------------------------------------
    def login(self, username: str, password: str) -> Token:
        response = self._request("POST", "/v1/auth/token", data={"username": username, "password": password})
        doc = response.json()
        return Token(
            str(doc["access_token"]),
            str(doc.get("role", "")),
            str(doc.get("subject", username)),
            int(doc["expires_in"]) if doc.get("expires_in") is not None else None,
        )

    def health(self) -> Any:
        return self.get_json("/v1/health")

    def log_info(self) -> dict[str, Any]:
        return dict(self.get_json("/v1/log"))

    def checkpoints(self) -> list[dict[str, Any]]:
        return list(self.iter_pages("/v1/checkpoints"))

    def leaves(self, start: int, end: int) -> list[str]:
        """Leaf hashes (hex) of [start, end), by ranges of at most PAGE_LIMIT (the log feed's cap)."""
        items = self._log_range("/v1/log/leaves", start, end)
        return [item if isinstance(item, str) else str(item["leaf_hash"]) for item in items]

    def log_entries(self, start: int, end: int) -> list[dict[str, Any]]:
        """The log feed's entries of [start, end): {index, leaf_hash, private, entry or null}."""
        return [dict(item) for item in self._log_range("/v1/log/entries", start, end)]

    def _log_range(self, path: str, start: int, end: int) -> list[Any]:
        out: list[Any] = []
        while start < end:
            stop = min(end, start + PAGE_LIMIT)
            doc = self.get_json(path, {"start": start, "end": stop})
            items = doc.get("items", []) if isinstance(doc, dict) else doc
            if not items and path.endswith("/leaves"):
                raise ApiError(200, "short answer", f"{path}: nothing from {start}")
            out.extend(items)
            start = stop
        return out

    def proof(
        self, entry_id: str, *, kind: str | None = None, version: int | None = None, fmt: str = "rlproof"
    ) -> bytes:
        params = {"kind": kind, "version": version, "format": fmt}
        return self._request("GET", f"/v1/proofs/{_seg(entry_id)}", params=_clean(params)).content

    def works(self, **query: Any) -> Page:
        return self.get_page("/v1/works", query)

    def recordings(self, **query: Any) -> Page:
        return self.get_page("/v1/recordings", query)

    def history(self, what: str, ident: str) -> list[dict[str, Any]]:
        doc = self.get_json(f"/v1/{what}/{_seg(ident)}/history")
        return list(doc.get("items", []) if isinstance(doc, dict) else doc)

    def thing(self, what: str, ident: str) -> dict[str, Any]:
        return dict(self.get_json(f"/v1/{what}/{_seg(ident)}"))

    def licenses(self, **query: Any) -> Page:
        return self.get_page("/v1/licenses", query)

    def distributions(self, **query: Any) -> Page:
        return self.get_page("/v1/distributions", query)

    def me(self) -> dict[str, Any]:
        return dict(self.get_json("/v1/me"))

    def statements(self, period: str | None = None) -> list[dict[str, Any]]:
        doc = self.get_json("/v1/me/statements", {"period": period})
        return list(doc.get("items", []) if isinstance(doc, dict) else doc)

    def statement_lines(self, period: str, source: str) -> list[dict[str, Any]]:
        """The lines of the member's statement(s) of a period and source (the distribution's, then
        adjustments'), each carrying its statement's entry id, version and leaf hash: a line is
        proven by the proof of the statement entry that lists it."""
        doc = self.get_json(f"/v1/me/statements/{_seg(period)}/{_seg(source)}")
        lines = []
        for statement in doc.get("items", []) if isinstance(doc, dict) else []:
            carried = {
                k: statement.get(k) for k in ("entry_id", "version", "leaf_hash", "currency", "run", "kind")
            }
            lines += [{**line, **carried} for line in statement.get("lines", [])]
        return lines

    def report(self, month: str) -> dict[str, Any]:
        return dict(self.get_json(f"/v1/reports/{_seg(month)}"))


def _seg(value: str) -> str:
    """One path segment: ids go in the URL escaped, never as path syntax."""
    return quote(str(value), safe="")


def _clean(params: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (params or {}).items() if v not in (None, "")}


def _error(response: httpx.Response) -> ApiError:
    problem = response.headers.get("content-type", "").startswith("application/problem+json")
    title, detail = response.reason_phrase or "error", ""
    try:
        doc = response.json()
    except ValueError:
        doc = None
    if isinstance(doc, dict):
        title = str(doc.get("title") or title)
        raw = doc.get("detail")
        detail = raw if isinstance(raw, str) else ""
    status = response.status_code
    if status == 404:
        error = NotFound(status, title, detail)
        kind = doc.get("type") if isinstance(doc, dict) else None
        error.route_missing = not problem or kind != NOT_FOUND_TYPE
        return error
    if status in (401, 403):
        return Unauthorised(status, title, detail)
    return ApiError(status, title, detail)
