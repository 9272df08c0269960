"""`api_user`: an API account, its role and keys (private: the member or licensee it acts for)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.declaration import Declaration
from registry.models import ApiUser

IDS = entity_ids.API_USER


def owner(session: Session, entity_id: str) -> tuple[str | None, int | None]:
    """A member's or licensee's account is theirs; a staff account is only the auditors'."""
    row = session.execute(
        select(ApiUser.party_id, ApiUser.licensee_id).where(ApiUser.id == IDS.parse(entity_id))
    ).first()
    if row is None:
        return None, None
    return (None if row.party_id is None else entity_ids.MEMBER.make(row.party_id)), row.licensee_id


DECLARATION = Declaration(
    kind=Kind("api_user", 1, True, "an API account: its role, whom it acts for, its keys (hashes only)"),
    ids=IDS,
    body="`registry/services/access/users.py` `user_body`",
    about="An API account, a new version whenever its role, its keys or its password change: a role "
    "raised behind the service's back is caught by the audit.",
    fields={
        "username": "the account's name",
        "role": "member, licensee, auditor or admin",
        "member": "`M-n` or null",
        "licensee": "`LE-n` or null",
        "active": "whether it may sign in",
        "password": "SHA-256 of the stored Argon2 hash (never the hash), or null",
        "keys": "each `prefix`, `key_hash`, `revoked` (the keys themselves are never kept)",
    },
    unchecked="Compared with its row and keys by registry/audit/checks/access.py, whose body builder "
    "is the access service's (the kinds may not import services).",
    owner=owner,
)
