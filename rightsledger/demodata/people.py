"""The demo's API logins: an admin, an auditor, the staff (clerk, licensing officer, finance,
approver), a member who has statement lines, a licensee.

Passwords are drawn fresh on every run and only handed back to be printed to the person running
the demo: they are stored as hashes like any password and written nowhere else.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from registry.entity_ids import MEMBER
from registry.services.access.users import create_user


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    who: str  # what the login stands for, e.g. "M-12 王伟"


def create_logins(
    session: Session, *, member: tuple[int, str] | None, licensee: tuple[int, str] | None
) -> list[Login]:
    """`member` and `licensee` are (id, name) of the party and licensee the logins belong to."""
    wanted: list[tuple[str, str, dict[str, int], str]] = [
        ("admin", "admin", {}, "CMO staff"),
        ("auditor", "auditor", {}, "an outside auditor"),
        ("clerk", "clerk", {}, "the registry clerk: CWR files, review queues"),
        ("licensing", "licensing", {}, "the licensing officer: licensees and licenses"),
        ("finance", "finance", {}, "finance: prepares the distributions"),
        ("approver", "approver", {}, "the distribution approver: the second pair of eyes"),
    ]
    if member is not None:
        wanted.append(("member", "member", {"party_id": member[0]}, f"{MEMBER.make(member[0])} {member[1]}"))
    if licensee is not None:
        wanted.append(
            ("licensee", "licensee", {"licensee_id": licensee[0]}, f"LE-{licensee[0]} {licensee[1]}")
        )
    logins = []
    for username, role, ids, who in wanted:
        password = secrets.token_urlsafe(12)
        create_user(session, username, role, password=password, **ids)
        logins.append(Login(username, password, role, who))
    return logins
