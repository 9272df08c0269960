"""Demo: a registry clerk's day on the members' roster: a songwriter applies (performing and
mechanical rights in China, world-wide performing), the clerk admits them once the papers are
in, and records their bank account; each step the member's next `member` entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.identifiers import generate_ipi_name
from registry.services.members.membership import (
    MandateInput,
    MemberInput,
    MemberUpdate,
    register_member,
    update_member,
)


def clerk_day(session: Session, cipher: FieldCipher, *, today: date, seed: int) -> dict[str, Any]:
    applicant = register_member(
        session,
        cipher,
        MemberInput(
            name="周",
            first_name="杰",
            roles=("composer", "lyricist"),
            ipi_name=generate_ipi_name(880_000 + seed % 1000),
            status="applicant",
            mandates=(
                MandateInput(right_type="performing", territory="2136"),
                MandateInput(right_type="mechanical", territory="CN"),
            ),
        ),
    )
    admitted = update_member(
        session,
        cipher,
        applicant.id,
        MemberUpdate(
            status="member", joined_on=today, bank={"holder": "周杰", "account": "6222 0000 8800 0001"}
        ),
    )
    return {"member": admitted.ledger_id, "mandates": len(admitted.mandates), "status": admitted.status}
