"""API accounts: the latest `api_user` version states the account as it is now (role, member or
licensee, active, password hash's digest, keys): a role raised to admin, or a key slipped in,
behind the service's back is named."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.models import ApiUser
from registry.services.access.users import user_body


def _user_ids(session: Session) -> Iterable[str]:
    return (entity_ids.API_USER.make(n) for n in session.scalars(select(ApiUser.id)))


def expected_user(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    user = session.get(ApiUser, entity_ids.API_USER.parse(entity_id))
    return None if user is None else user_body(session, user)


CHECKS = Checks(body=(BodyCheck("api_user", expected_user, ids=_user_ids),))
