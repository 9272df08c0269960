"""POST /v1/auth/token: the OAuth2 password flow, issuing short-lived bearer tokens.

Password guessing is slowed per account and per address (registry/api/login_limits.py), and
password hashes are checked by at most HASHING_AT_ONCE threads: each Argon2 check takes 64 MiB,
so thirty concurrent logins would otherwise take two gigabytes. Logins beyond those wait their
turn without holding a thread."""

from __future__ import annotations

from typing import Annotated

import anyio
from anyio import to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm

from payloads.users import Token
from registry.api.deps import AppState, Db, State, rate_limited
from registry.api.login_limits import LoginLimits
from registry.api.problems import ApiProblem, problem_responses
from registry.services.access.users import authenticate

HASHING_AT_ONCE = 2
router = APIRouter(prefix="/v1/auth", tags=["auth"], dependencies=[Depends(rate_limited)])


@router.post("/token", response_model=Token, responses=problem_responses(401, 422, 429))
async def token(
    request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()], db: Db, app_state: State
) -> Token:
    """Exchange a username and password for a bearer token (valid for a few minutes). After a few
    wrong passwords for an account, or from an address, logins wait (429, Retry-After) for a delay
    that doubles with each further failure."""
    address = request.client.host if request.client else "unknown"
    wait = app_state.logins.wait(form.username, address)
    if wait > 0:
        raise ApiProblem(
            429,
            "too many failed logins for this account or from your address: wait before trying again",
            slug="login-throttled",
            headers={"Retry-After": LoginLimits.retry_after(wait)},
        )
    user = await to_thread.run_sync(
        authenticate, db, form.username, form.password, limiter=_hashing(app_state)
    )
    if user is None:
        app_state.logins.failed(form.username, address)
        raise ApiProblem(
            401,
            "wrong username or password",
            slug="invalid-credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )
    app_state.logins.succeeded(form.username)
    return Token(
        access_token=app_state.tokens.issue(user.id, user.role),
        expires_in=app_state.tokens.lifetime,
        role=user.role,
        subject=user.username,
    )


def _hashing(app_state: AppState) -> anyio.CapacityLimiter:
    """The pool of password-checking threads, made on first use (it belongs to the event loop)."""
    if app_state.hashing is None:
        app_state.hashing = anyio.CapacityLimiter(HASHING_AT_ONCE)
    return app_state.hashing
