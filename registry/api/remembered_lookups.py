"""Anonymous proof and license lookups answered from memory, in front of the routes.

These are the API's hottest public requests, and most of their cost is FastAPI's routing and
parameter parsing, not the answer: an anonymous GET without a query string whose answer the
route already rendered for the current epoch is answered here, with the route's bytes and
headers, after the same rate limit. Anything else (a miss, a query string, credentials, a limited
client) goes on to the route, which stays the one place with the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp, Receive, Scope, Send

from registry.services.access.users import PUBLIC

if TYPE_CHECKING:
    from registry.api.deps import AppState

PROOFS, LICENSES = "/v1/proofs/", "/v1/licenses/"
_CREDENTIALS = (b"authorization", b"x-api-key")


class RememberedLookups:
    def __init__(self, app: ASGIApp, state: AppState) -> None:
        self.app, self.state = app, state
        # PROOFS and LICENSES -> the route each stands for, learnt from the requests it served
        # (nothing is remembered before the route answered once): its template labels metrics.
        self.routes: dict[str, Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self._remembered(scope) if scope["type"] == "http" else None
        if found is None:
            await self.app(scope, receive, send)
            if scope["type"] == "http" and "route" in scope:
                prefix = _prefix(scope["path"])
                if prefix is not None and prefix not in self.routes:
                    self.routes[prefix] = scope["route"]
            return
        prefix, body, headers = found
        if prefix in self.routes:
            scope["route"] = self.routes[prefix]
        headers = [(b"content-length", str(len(body)).encode()), *headers]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _remembered(self, scope: Scope) -> tuple[str, bytes, list[tuple[bytes, bytes]]] | None:
        if scope["method"] != "GET" or scope["query_string"]:
            return None
        if any(name in _CREDENTIALS for name, _ in scope["headers"]):
            return None  # a caller who signed in may see more: the route decides
        path: str = scope["path"]
        found: tuple[str, bytes, list[tuple[bytes, bytes]]] | None = None
        prefix = _prefix(path)
        if prefix == PROOFS:
            document = self.state.proofs.from_memory(PUBLIC, path[len(PROOFS) :])
            if document is not None:
                disposition = f'inline; filename="{ascii_filename(document.filename)}"'
                headers = [
                    (b"content-type", document.media_type.encode()),
                    (b"content-disposition", disposition.encode()),
                ]
                found = (PROOFS, document.text.encode(), headers)
        elif prefix == LICENSES:
            answer = self.state.licenses.from_memory(path[len(LICENSES) :])
            if answer is not None:
                found = (LICENSES, answer, [(b"content-type", b"application/json")])
        if found is None:
            return None
        client = scope.get("client")
        if self.state.buckets.take(client[0] if client else "unknown") > 0:
            return None  # the route answers 429 with its problem details
        return found


def _prefix(path: str) -> str | None:
    """Which remembered lookup a path is: a proof, a license (not its history), or neither."""
    if path.startswith(PROOFS):
        return PROOFS
    if path.startswith(LICENSES) and "/" not in path[len(LICENSES) :]:
        return LICENSES
    return None


def ascii_filename(name: str) -> str:
    """A file name safe inside a quoted Content-Disposition parameter."""
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\/' else "_" for c in name)
