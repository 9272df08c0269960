"""Users of the API: members' and licensees' own users, staff named after their role (auditor,
admin...), and their log-in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from registry.models import ApiUser
from registry.services.access.users import create_user


def add_users(
    session: Session,
    passwords: str | Mapping[str, str],
    *,
    members: Mapping[str, int] | None = None,
    licensees: Mapping[str, int] | None = None,
    staff: Sequence[str] = (),
) -> dict[str, ApiUser]:
    """Users by name: `members` and `licensees` map a user name to the party or licensee id it
    acts for; each staff user is named after its role. One password for all, or one per name."""

    def password(name: str) -> str:
        return passwords if isinstance(passwords, str) else passwords[name]

    users = {}
    for name, party in (members or {}).items():
        users[name] = create_user(session, name, "member", password=password(name), party_id=party)
    for name, licensee in (licensees or {}).items():
        users[name] = create_user(session, name, "licensee", password=password(name), licensee_id=licensee)
    for role in staff:
        users[role] = create_user(session, role, role, password=password(role))
    return users


def log_in(client: TestClient, username: str, password: str) -> dict[str, str]:
    """The Authorization header of a password log-in."""
    response = client.post("/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
