"""Dependencies of the routes: a database session, the caller (principal), role checks, the rate
limit of public endpoints, and pagination parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

import anyio
from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy.orm import Session, sessionmaker

from registry.api.config import ApiSettings
from registry.api.license_answers import LicenseAnswers
from registry.api.login_limits import LoginLimits
from registry.api.problems import ApiProblem
from registry.api.ratelimit import TokenBuckets
from registry.api.tokens import TokenIssuer
from registry.services.access.proof_access import ProofService
from registry.services.access.users import PUBLIC, Principal, active_user, principal_of, user_for_api_key

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
# A month (YYYY-MM) of the society's business: years 1900-2999, so date arithmetic never overflows.
PERIOD = r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$"
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refuse it as bad input, not a server error


CALLER_KEY = "rightsledger_caller"  # where the gatekeeper leaves the caller, in the request's state


@dataclass
class AppState:
    """What the routes share, kept on `app.state.rl`."""

    settings: ApiSettings
    sessions: sessionmaker[Session]
    tokens: TokenIssuer
    buckets: TokenBuckets
    proofs: ProofService
    licenses: LicenseAnswers
    logins: LoginLimits = field(default_factory=LoginLimits)
    hashing: anyio.CapacityLimiter | None = None  # password checks at once (routers/auth.py)


async def state(request: Request) -> AppState:
    return request.app.state.rl  # type: ignore[no-any-return]


State = Annotated[AppState, Depends(state)]


def db_session(app_state: State) -> Iterator[Session]:
    """A session for the request, closed after it (rolling back whatever was not committed): routes
    that write call `db.commit()` once their service call succeeded."""
    with app_state.sessions() as session:
        yield session


Db = Annotated[Session, Depends(db_session)]

_bearer = OAuth2PasswordBearer(tokenUrl="/v1/auth/token", auto_error=False)
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="an API key of a machine client")


async def principal(
    request: Request,
    app_state: State,
    token: Annotated[str | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> Principal:
    """The caller, as the gatekeeper (registry/api/gatekeeper.py) found it on a protected route
    before the body was read, else from a bearer token or an API key."""
    known = request.scope.get("state", {}).get(CALLER_KEY)
    if isinstance(known, Principal):
        return known
    return await identify(app_state, token, api_key)


async def identify(app_state: AppState, token: str | None, api_key: str | None) -> Principal:
    """The caller of these credentials; anonymous callers are the public (no database trip for
    them: public lookups stay on the event loop). Raises ApiProblem(401) for bad credentials."""
    if token:
        claims = app_state.tokens.read(token)
        subject = str(claims["sub"]) if claims else ""
        user = await run_in_threadpool(_user, app_state, int(subject)) if _names_a_user(subject) else None
        if user is None:
            raise ApiProblem(
                401,
                "the access token is invalid or has expired: get a new one from /v1/auth/token",
                slug="invalid-token",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return user
    if api_key:
        user = await run_in_threadpool(_key_holder, app_state, api_key)
        if user is None:
            raise ApiProblem(401, "the API key is unknown or revoked", slug="invalid-api-key")
        return user
    return PUBLIC


def _names_a_user(subject: str) -> bool:
    """A subject that can name a user: ASCII digits within a 64-bit integer (a longer one would
    overflow the database driver)."""
    return subject.isascii() and subject.isdigit() and int(subject) < 2**63


def _user(app_state: AppState, user_id: int) -> Principal | None:
    with app_state.sessions() as session:
        user = active_user(session, user_id)
        return principal_of(user) if user is not None else None


def _key_holder(app_state: AppState, api_key: str) -> Principal | None:
    with app_state.sessions() as session:
        user = user_for_api_key(session, api_key)
        return principal_of(user) if user is not None else None


Caller = Annotated[Principal, Depends(principal)]


def require(*roles: str):  # type: ignore[no-untyped-def]
    """A dependency admitting only callers in `roles`."""

    async def check(caller: Caller) -> Principal:
        refused = refusal(caller, roles)
        if refused is not None:
            raise refused
        return caller

    check.roles = roles  # type: ignore[attr-defined]  # read by the gatekeeper
    return check


def refusal(caller: Principal, roles: tuple[str, ...]) -> ApiProblem | None:
    """Why `caller` may not use a route for `roles` (401 signed out, 403 wrong role), or None."""
    if caller.role in roles:
        return None
    if caller.role == "public":
        return ApiProblem(
            401,
            "sign in first (OAuth2 bearer token or X-API-Key)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return ApiProblem(403, f"this needs the role {' or '.join(roles)}; you act as {caller.role}")


def roles_of(dependant: Any) -> tuple[str, ...] | None:
    """The roles a route's dependencies (at any depth) require, or None for an open route."""
    for sub in dependant.dependencies:
        roles = getattr(sub.call, "roles", None)
        if roles is not None:
            return tuple(roles)
        nested = roles_of(sub)
        if nested is not None:
            return nested
    return None


async def rate_limited(request: Request, app_state: State) -> None:
    """Public endpoints: one token of the client IP's bucket per request."""
    client = request.client.host if request.client else "unknown"
    wait = app_state.buckets.take(client)
    if wait > 0:
        raise ApiProblem(
            429,
            "too many requests from your address; slow down",
            slug="rate-limited",
            headers={"Retry-After": TokenBuckets.retry_after(wait)},
        )


async def public_caller(request: Request) -> Principal:
    """The rate limit and the caller in one dependency, for the hot public lookups (proofs):
    each nested dependency costs FastAPI time on every request."""
    app_state: AppState = request.app.state.rl
    await rate_limited(request, app_state)
    return await identify(
        app_state, bearer_token(request.headers.get("authorization")), request.headers.get("x-api-key")
    )


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer ...` header (as OAuth2PasswordBearer reads it)."""
    scheme, param = get_authorization_scheme_param(authorization)
    return param if authorization and scheme.lower() == "bearer" else None


PublicCaller = Annotated[Principal, Depends(public_caller)]
# What the routes using PublicCaller declare in OpenAPI: a bearer token, an API key, or nobody.
OPTIONAL_AUTH: dict[str, Any] = {"security": [{"OAuth2PasswordBearer": []}, {"APIKeyHeader": []}, {}]}


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


async def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0,
) -> Paging:
    return Paging(limit, offset)


Pages = Annotated[Paging, Depends(paging)]
