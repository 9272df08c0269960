"""The caller checked before any body is read: a pure ASGI layer in front of the routes.

FastAPI reads and parses a request's body (a multipart upload spooled to disk, a JSON document)
before it runs the route's dependencies, so an anonymous client could make the server store a
256 MB upload, or answer 400 for malformed JSON, before hearing 401. Here a request for a route
that requires roles is authenticated from its headers alone (bearer token or API key) and
refused with 401/403 as the route would refuse it; a caller let through is left in the request's
state, so the route's own check does not look the user up again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from registry.api.deps import CALLER_KEY, bearer_token, identify, refusal, roles_of
from registry.api.problems import ApiProblem, problem_response

if TYPE_CHECKING:
    from registry.api.deps import AppState


class Gatekeeper:
    def __init__(self, app: ASGIApp, state: AppState, routes: list[BaseRoute]) -> None:
        self.app, self.state = app, state
        # Every route, in the router's order (the first full match serves), with the roles it
        # requires (None: open to anyone).
        self.routes: list[tuple[BaseRoute, tuple[str, ...] | None]] = [
            (route, roles_of(route.dependant) if isinstance(route, APIRoute) else None) for route in routes
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        roles = self._roles_for(scope) if scope["type"] == "http" else None
        if roles is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        try:
            caller = await identify(
                self.state,
                bearer_token(request.headers.get("authorization")),
                request.headers.get("x-api-key"),
            )
            refused = refusal(caller, roles)
        except ApiProblem as problem:
            refused = problem
        if refused is not None:
            response = problem_response(
                request,
                refused.status,
                refused.detail,
                slug=refused.slug,
                title=refused.title,
                headers={**refused.headers, "Connection": "close"},  # the unread body is not drained
            )
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})[CALLER_KEY] = caller
        await self.app(scope, receive, send)

    def _roles_for(self, scope: Scope) -> tuple[str, ...] | None:
        for route, roles in self.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return roles
        return None
