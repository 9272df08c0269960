"""Signing in: the OAuth2 password flow, short-lived JWTs, API keys hashed at rest, Argon2."""

from __future__ import annotations

import os
import stat
import time

import jwt
import pytest
from sqlalchemy import select

from registry.db import transaction
from registry.models import ApiKey, ApiUser
from registry.services.access.users import (
    UserError,
    authenticate,
    create_user,
    find_user,
    issue_api_key,
    revoke_api_key,
    user_for_api_key,
)
from tests.api.conftest import PASSWORD, World


def test_a_token_names_its_role_and_lifetime(world: World) -> None:
    response = world.client.post("/v1/auth/token", data={"username": "auditor", "password": PASSWORD})
    token = response.json()
    assert token["token_type"] == "bearer" and token["role"] == "auditor" and token["subject"] == "auditor"
    assert token["expires_in"] == 15 * 60
    claims = jwt.decode(token["access_token"], options={"verify_signature": False})
    assert claims["role"] == "auditor" and claims["exp"] - claims["iat"] == 15 * 60
    assert PASSWORD not in str(claims)


def test_wrong_credentials_are_one_problem_for_either_mistake(world: World) -> None:
    for username, password in (("auditor", "wrong password!"), ("nobody", PASSWORD)):
        response = world.client.post("/v1/auth/token", data={"username": username, "password": password})
        assert response.status_code == 401 and response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == "wrong username or password"
    missing = world.client.post("/v1/auth/token", data={"username": "auditor"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "body.password"


def test_a_forged_expired_or_foreign_token_is_refused(world: World) -> None:
    good = world.as_("admin")["Authorization"].split()[1]
    claims = jwt.decode(good, options={"verify_signature": False})
    forged = jwt.encode({**claims, "role": "admin"}, "not our key" * 4, algorithm="HS256")
    key = world.app.state.rl.tokens._secret()
    expired = jwt.encode({**claims, "iat": 0, "exp": int(time.time()) - 1}, key, algorithm="HS256")
    unsigned = jwt.encode(claims, None, algorithm="none")
    for token in (forged, expired, unsigned, "garbage"):
        response = world.client.get("/v1/audit/summary", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401 and "invalid" in response.json()["detail"], token
    assert world.client.get("/v1/audit/summary", headers=world.as_("admin")).status_code == 200


def test_the_token_key_is_a_private_file_in_the_data_dir(world: World) -> None:
    path = world.data_dir / "keys" / "api-token.key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "key hidden" in repr(world.app.state.rl.tokens)


def test_api_keys_work_are_hashed_at_rest_and_can_be_revoked(world: World) -> None:
    key = world.api_keys["auditor"]
    assert world.client.get("/v1/audit/summary", headers={"X-API-Key": key}).status_code == 200
    with world.sessions() as session:
        stored = session.scalars(select(ApiKey.key_hash, ApiKey.prefix)).all()
    assert key not in str(stored) and all(len(h) == 64 for h in stored)
    bad = world.client.get("/v1/audit/summary", headers={"X-API-Key": key[:-2] + "xx"})
    assert bad.status_code == 401
    with transaction(world.sessions) as session:
        user = find_user(session, "bob")
        spare = issue_api_key(session, user, "spare")
    assert world.client.get("/v1/me", headers={"X-API-Key": spare}).json()["subject"] == "bob"
    with transaction(world.sessions) as session:
        revoke_api_key(session, spare.split("_")[1])
    assert world.client.get("/v1/me", headers={"X-API-Key": spare}).status_code == 401


def test_a_disabled_user_loses_access_at_once(world: World) -> None:
    with transaction(world.sessions) as session:
        user = create_user(session, "temp", "auditor", password=PASSWORD)
    token = world.client.post("/v1/auth/token", data={"username": "temp", "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    assert world.client.get("/v1/audit/summary", headers=headers).status_code == 200
    with transaction(world.sessions) as session:
        session.get(ApiUser, user.id).active = False  # type: ignore[union-attr]
    assert world.client.get("/v1/audit/summary", headers=headers).status_code == 401
    with world.sessions() as session:
        assert authenticate(session, "temp", PASSWORD) is None


def test_passwords_are_argon2_and_accounts_are_checked(world: World) -> None:
    with world.sessions() as session:
        stored = find_user(session, "alice").password_hash
        assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
        assert user_for_api_key(session, "rl_nothing_here") is None
        for kwargs, message in (
            ({"username": "x", "role": "member"}, "needs --member"),
            ({"username": "x", "role": "auditor", "party_id": 1}, "needs --member"),
            ({"username": "x", "role": "root"}, "unknown role"),
            ({"username": "x", "role": "auditor", "password": "short"}, "at least 12"),
            ({"username": "alice", "role": "auditor"}, "already exists"),
            ({"username": "x", "role": "member", "party_id": 9999}, "is not a member"),
            ({"username": "x", "role": "admin", "licensee_id": 3}, "only a licensee"),
            ({"username": "x", "role": "licensee"}, "needs --licensee"),
            ({"username": "x", "role": "licensee", "licensee_id": 9999}, "is not a licensee"),
        ):
            with pytest.raises(UserError, match=message):
                create_user(session, **kwargs)  # type: ignore[arg-type]
        session.rollback()
