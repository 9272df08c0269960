"""POST /v1/auth/token: the OAuth2 password flow, issuing short-lived bearer tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from payloads.users import Token
from registry.api.deps import Db, State, rate_limited
from registry.api.problems import ApiProblem, problem_responses
from registry.services.access.users import authenticate

router = APIRouter(prefix="/v1/auth", tags=["auth"], dependencies=[Depends(rate_limited)])


@router.post("/token", response_model=Token, responses=problem_responses(401, 422, 429))
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()], db: Db, app_state: State) -> Token:
    """Exchange a username and password for a bearer token (valid for a few minutes)."""
    user = authenticate(db, form.username, form.password)
    if user is None:
        raise ApiProblem(
            401,
            "wrong username or password",
            slug="invalid-credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Token(
        access_token=app_state.tokens.issue(user.id, user.role),
        expires_in=app_state.tokens.lifetime,
        role=user.role,
        subject=user.username,
    )
