"""Dependencies of the routes: a database session, the caller (principal), role checks, the rate
limit of public endpoints, and pagination parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy.orm import Session, sessionmaker

from registry.api.config import ApiSettings
from registry.api.problems import ApiProblem
from registry.api.ratelimit import TokenBuckets
from registry.api.tokens import TokenIssuer
from registry.services.proof_access import ProofService
from registry.services.users import PUBLIC, Principal, active_user, principal_of, user_for_api_key

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refuse it as bad input, not a server error


@dataclass
class AppState:
    """What the routes share, kept on `app.state.rl`."""

    settings: ApiSettings
    sessions: sessionmaker[Session]
    tokens: TokenIssuer
    buckets: TokenBuckets
    proofs: ProofService


def state(request: Request) -> AppState:
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


def principal(
    db: Db,
    app_state: State,
    token: Annotated[str | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> Principal:
    """The caller: from a bearer token or an API key; anonymous callers are the public."""
    if token:
        claims = app_state.tokens.read(token)
        user = active_user(db, int(claims["sub"])) if claims and str(claims["sub"]).isdigit() else None
        if user is None:
            raise ApiProblem(
                401,
                "the access token is invalid or has expired: get a new one from /v1/auth/token",
                slug="invalid-token",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return principal_of(user)
    if api_key:
        user = user_for_api_key(db, api_key)
        if user is None:
            raise ApiProblem(401, "the API key is unknown or revoked", slug="invalid-api-key")
        return principal_of(user)
    return PUBLIC


Caller = Annotated[Principal, Depends(principal)]


def require(*roles: str):  # type: ignore[no-untyped-def]
    """A dependency admitting only callers in `roles`."""

    def check(caller: Caller) -> Principal:
        if caller.role in roles:
            return caller
        if caller.role == "public":
            raise ApiProblem(
                401,
                "sign in first (OAuth2 bearer token or X-API-Key)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        raise ApiProblem(403, f"this needs the role {' or '.join(roles)}; you act as {caller.role}")

    return check


def rate_limited(request: Request, app_state: State) -> None:
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


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")] = 0,
) -> Paging:
    return Paging(limit, offset)


Pages = Annotated[Paging, Depends(paging)]
