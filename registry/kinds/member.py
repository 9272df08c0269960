"""`member`: a membership version of a rights holder (private)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration, Figures
from registry.kinds.figures import first_versions
from registry.kinds.rows import batch_loader
from registry.models import Party

IDS = entity_ids.MEMBER


def member_body(party: Party) -> dict[str, Any]:
    """The facts of a membership version, as its ledger entry states them."""
    return {
        "kind": party.kind,
        "name": party.name,
        "first_name": party.first_name,
        "roles": party.role_names,
        "ipi_name": party.ipi_name,
        "ipi_base": party.ipi_base,
        "isni": party.isni,
        "status": party.status,
        "society": party.society,
        "joined_on": _iso(party.joined_on),
        "left_on": _iso(party.left_on),
        "mandates": sorted(
            (
                {
                    "right_type": m.right_type,
                    "territory": m.territory,
                    "starts_on": _iso(m.starts_on),
                    "ends_on": _iso(m.ends_on),
                }
                for m in party.mandates
            ),
            key=lambda m: (m["right_type"], m["territory"]),
        ),
        "contact_revision": party.contact_revision,
        "bank_revision": party.bank_revision,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def owner(_session: Session, entity_id: str) -> tuple[str | None, int | None]:
    """A membership belongs to the member it states."""
    return entity_id, None


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    party = session.get(Party, IDS.parse(entity_id))
    if party is None or not party.is_member:
        return None
    return member_body(party)


def _ids(session: Session) -> Iterable[str]:
    # External parties (named in registrations, not our members) have no membership entry.
    return (IDS.make(n) for n in session.scalars(select(Party.id).where(Party.status != "external")))


def _figures(session: Session, start: Any, end: Any, month: str) -> dict[str, Any]:
    return {
        "members_joined": first_versions(session, "member", start, end),
        "members_total": int(
            session.scalar(select(func.count()).select_from(Party).where(Party.status == "member")) or 0
        ),
    }


DECLARATION = Declaration(
    kind=Kind("member", 1, True, "a membership version of a rights holder"),
    ids=IDS,
    body=member_body,
    about="A membership version of a rights holder (writer, publisher, performer, producer).",
    fields={
        "kind": "person | company",
        "name": "the name (a person's family name)",
        "first_name": "a person's given name, or null",
        "roles": "composer, lyricist, publisher, performer, producer...",
        "ipi_name": "the IPI name number, or null",
        "ipi_base": "the IPI base number, or null",
        "isni": "the ISNI, or null",
        "status": "applicant | member | suspended | terminated",
        "society": "the society the rights holder belongs to",
        "joined_on": "the date of joining, or null",
        "left_on": "the date of leaving, or null",
        "mandates": "each `right_type`, `territory`, `starts_on`, `ends_on`",
        "contact_revision": "counts changes of the contact details",
        "bank_revision": "counts changes of the bank details",
    },
    notes="Contact and bank details themselves are never in an entry: they are sealed at rest with "
    "the data key; the revisions only say that they changed.",
    owner=owner,
    checks=Checks(
        body=(
            BodyCheck(
                "member",
                expected,
                ids=_ids,
                prefetch=batch_loader(Party, IDS, selectinload(Party.roles), selectinload(Party.mandates)),
            ),
        )
    ),
    figures=(Figures("repertoire", _figures),),
)
