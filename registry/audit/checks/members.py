"""Members: the latest `member` version states the membership as the party rows hold it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from registry.audit.declarations import BodyCheck, Checks
from registry.audit.ids import row_id
from registry.models import Party
from registry.services.members.membership import member_body
from registry.services.parties.parties import EXTERNAL


def _member_ids(session: Session) -> Iterable[str]:
    return (f"M-{n}" for n in session.scalars(select(Party.id).where(Party.status != EXTERNAL)))


def _prefetch(session: Session, entity_ids: list[str]) -> object:
    return session.scalars(
        select(Party)
        .where(Party.id.in_([row_id(i, "M") for i in entity_ids]))
        .options(selectinload(Party.roles), selectinload(Party.mandates))
    ).all()


def expected_member(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    party = session.get(Party, row_id(entity_id, "M"))
    if party is None or not party.is_member:
        return None
    return member_body(party)


CHECKS = Checks(body=(BodyCheck("member", expected_member, ids=_member_ids, prefetch=_prefetch),))
