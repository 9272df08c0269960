"""The members' roster as staff read it: paged and searched in the database (name, IPI name
number or M-number), each member with its mandates, roles and the revisions of its sealed
details; those details opened only for the staff whose work needs them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from registry.crypto import FieldCipher
from registry.entity_ids import MEMBER
from registry.kinds.member import member_body
from registry.models import Party
from registry.normalise import name_key
from registry.services.members.membership import member_bank, member_contact
from registry.services.parties.parties import EXTERNAL, MemberError


@dataclass(frozen=True)
class RosterPage:
    total: int
    items: list[dict[str, Any]]


def members_page(
    session: Session, *, q: str | None = None, status: str | None = None, limit: int = 50, offset: int = 0
) -> RosterPage:
    """Members (every status but external parties), by M-number."""
    query = select(Party).where(Party.status != EXTERNAL)
    if status:
        query = query.where(Party.status == status)
    text = (q or "").strip()
    if text:
        found = [Party.name_key.contains(name_key(text), autoescape=True)] if name_key(text) else []
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and len(digits) <= 18:
            found.append(Party.ipi_name == digits.zfill(11))
            if MEMBER.parse(text.upper()) > 0:
                found.append(Party.id == MEMBER.parse(text.upper()))
        if not found:
            return RosterPage(0, [])
        query = query.where(or_(*found))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Party.id)
        .limit(limit)
        .offset(offset)
        .options(selectinload(Party.roles), selectinload(Party.mandates))
    )
    return RosterPage(int(total), [member_summary(p) for p in rows])


def find_member(session: Session, member: str) -> Party:
    party = session.get(Party, MEMBER.parse(member.strip().upper()))
    if party is None or not party.is_member:
        raise MemberError(f"{member!r} is not a member")
    return party


def member_summary(party: Party, cipher: FieldCipher | None = None) -> dict[str, Any]:
    """A member as staff see it; contact and bank details only when a cipher is given."""
    out: dict[str, Any] = {"member": party.ledger_id, **member_body(party)}  # what its entry states
    if cipher is not None:
        out["contact"] = member_contact(cipher, party)
        out["bank"] = member_bank(cipher, party)
    return out
