"""API accounts: create users, check passwords (Argon2), issue and check API keys.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106). API keys are 256-bit
random secrets: a SHA-256 of each is enough at rest (nothing to guess), and keeps the check
cheap for machine clients that call often. Neither a password nor a key is ever stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.entity_ids import MEMBER
from registry.errors import RegistryError
from registry.ledger_writer import record
from registry.models import USER_ROLES, ApiKey, ApiUser, Licensee, Party

KEY_PREFIX = "rl_"
MIN_PASSWORD_LENGTH = 12
_HASHER = PasswordHasher()
# Checked when the user is unknown, so that answering takes as long as for a known user.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class UserError(RegistryError):
    """An account request that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: a role, and for members and licensees whose data they may see."""

    role: str  # public | member | licensee | auditor | admin
    user_id: int | None = None
    username: str | None = None
    party_id: int | None = None
    licensee_id: int | None = None

    @property
    def member_id(self) -> str | None:
        return MEMBER.make(self.party_id) if self.party_id is not None else None


PUBLIC = Principal("public")


def principal_of(user: ApiUser) -> Principal:
    return Principal(user.role, user.id, user.username, user.party_id, user.licensee_id)


def create_user(
    session: Session,
    username: str,
    role: str,
    *,
    password: str | None = None,
    party_id: int | None = None,
    licensee_id: int | None = None,
) -> ApiUser:
    username = username.strip()
    if not username or len(username) > 100:
        raise UserError("a username has 1 to 100 characters")
    if role not in USER_ROLES:
        raise UserError(f"unknown role {role!r}; expected one of {', '.join(USER_ROLES)}")
    if (role == "member") != (party_id is not None):
        raise UserError("a member's account needs --member, and only a member's account may have one")
    if (role == "licensee") != (licensee_id is not None):
        raise UserError("a licensee's account needs --licensee, and only a licensee's account may have one")
    if licensee_id is not None and session.get(Licensee, licensee_id) is None:
        raise UserError(f"LE-{licensee_id} is not a licensee")
    if party_id is not None:
        party = session.get(Party, party_id)
        if party is None or not party.is_member:
            raise UserError(f"{MEMBER.make(party_id)} is not a member")
    if session.scalars(select(ApiUser).where(ApiUser.username == username)).first() is not None:
        raise UserError(f"user {username!r} already exists")
    user = ApiUser(
        username=username,
        role=role,
        party_id=party_id,
        licensee_id=licensee_id,
        active=True,
        password_hash=hash_password(password) if password is not None else None,
    )
    session.add(user)
    session.flush()
    record_user(session, user)
    return user


def user_entry_id(user: ApiUser) -> str:
    return entity_ids.API_USER.make(user.id)


def record_user(session: Session, user: ApiUser) -> None:
    """The next version of the account's private `api_user` entry, in the caller's transaction:
    a role, a member or licensee, a password or a key changed behind the service's back is named
    by the audit (registry.audit.checks.access)."""
    record(session, "api_user", user_entry_id(user), user_body(session, user))


def user_body(session: Session, user: ApiUser) -> dict[str, Any]:
    """What the account may do and how it proves who it is: the SHA-256 of its password hash
    (not the hash), its keys' prefixes and hashes (the keys are never kept)."""
    keys = session.scalars(select(ApiKey).where(ApiKey.user_id == user.id).order_by(ApiKey.id))
    password = user.password_hash
    return {
        "username": user.username,
        "role": user.role,
        "member": None if user.party_id is None else f"M-{user.party_id}",
        "licensee": None if user.licensee_id is None else f"LE-{user.licensee_id}",
        "active": bool(user.active),
        "password": None if password is None else hashlib.sha256(password.encode()).hexdigest(),
        "keys": [
            {"prefix": k.prefix, "key_hash": k.key_hash, "revoked": k.revoked_at is not None} for k in keys
        ],
    }


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def authenticate(session: Session, username: str, password: str) -> ApiUser | None:
    """The active user with this username and password, or None (the same for either mistake)."""
    user = session.scalars(select(ApiUser).where(ApiUser.username == username)).first()
    stored = user.password_hash if user is not None and user.active else None
    try:
        _HASHER.verify(stored or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return user if stored is not None else None


def find_user(session: Session, username: str) -> ApiUser:
    user = session.scalars(select(ApiUser).where(ApiUser.username == username)).first()
    if user is None:
        raise UserError(f"no user {username!r}")
    return user


def active_user(session: Session, user_id: int) -> ApiUser | None:
    user = session.get(ApiUser, user_id)
    return user if user is not None and user.active else None


def list_users(session: Session) -> list[ApiUser]:
    return list(session.scalars(select(ApiUser).order_by(ApiUser.id)))


def issue_api_key(session: Session, user: ApiUser, name: str | None = None) -> str:
    """A new key for `user`; returned once, only its hash is kept."""
    prefix = secrets.token_hex(6)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    session.add(ApiKey(user_id=user.id, prefix=prefix, key_hash=_key_hash(key), name=name))
    session.flush()
    record_user(session, user)
    return key


def revoke_api_key(session: Session, prefix: str) -> ApiKey:
    key = session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).first()
    if key is None:
        raise UserError(f"no API key with prefix {prefix!r}")
    key.revoked_at = datetime.now(UTC)
    session.flush()
    record_user(session, key.user)
    return key


def user_for_api_key(session: Session, key: str) -> ApiUser | None:
    """The active user holding this unrevoked key, or None."""
    parts = key.split("_")
    if len(parts) < 3 or not key.startswith(KEY_PREFIX):
        return None
    row = session.scalars(select(ApiKey).where(ApiKey.prefix == parts[1])).first()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.key_hash, _key_hash(key)):
        return None
    return row.user if row.user.active else None


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
