"""A signed token whose subject cannot name a user (too many digits for the database, digits
that are not ASCII) answers 401, never 500."""

from __future__ import annotations

import time

import jwt
import pytest

from registry.api.tokens import ALGORITHM, AUDIENCE
from registry.crypto import load_or_create_data_key
from tests.api.conftest import ORIGIN, World


@pytest.mark.parametrize("subject", ["1" * 30, str(2**63), "١٢", "-1", ""])
def test_a_token_naming_no_possible_user_is_refused_with_401(sqlite_world: World, subject: str) -> None:
    key = load_or_create_data_key(sqlite_world.settings.token_key_path, environ={})
    now = int(time.time())
    claims = {"sub": subject, "role": "admin", "iat": now, "exp": now + 60, "aud": AUDIENCE, "iss": ORIGIN}
    token = jwt.encode(claims, key, algorithm=ALGORITHM)
    answer = sqlite_world.client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
