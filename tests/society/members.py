"""Members of the society: a person or a company, with sealed contact and bank details and
mandates, registered by the membership service."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.identifiers import generate_ipi_name
from registry.models import Party
from registry.services.members.membership import MandateInput, MemberInput, register_member
from registry.services.parties.parties import PartyRef


def add_member(
    session: Session,
    cipher: FieldCipher,
    name: str,
    *,
    ipi: int,
    first_name: str | None = None,
    roles: Sequence[str] = ("composer",),
    kind: str = "person",
    joined_on: date | None = None,
    mandates: Sequence[MandateInput] = (),
    contact: Mapping[str, Any] | None = None,
    bank: Mapping[str, Any] | None = None,
    **more: Any,
) -> Party:
    """A member whose IPI name number is the generated one for `ipi`; contact and bank sealed."""
    return register_member(
        session,
        cipher,
        MemberInput(
            name=name,
            kind=kind,
            first_name=first_name,
            roles=roles,
            ipi_name=generate_ipi_name(ipi),
            joined_on=joined_on,
            mandates=mandates,
            contact=contact,
            bank=bank,
            **more,
        ),
    )


def ref(member: Party) -> PartyRef:
    """How a work registration names the member."""
    return PartyRef(
        name=member.name, first_name=member.first_name, ipi_name=member.ipi_name, kind=member.kind
    )
