"""`license`: a license granted to a venue or platform, with its status (public)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration
from registry.models import License

IDS = entity_ids.LICENSE


def license_body(license: License) -> dict[str, Any]:
    """The public facts of a license version, as its ledger entry states them."""
    licensee = license.licensee
    return {
        "number": license.number,
        "licensee": licensee.name,
        "kind": licensee.kind,
        "city": licensee.city,
        "province": licensee.province,
        "rooms": licensee.rooms,
        "floor_area_m2": licensee.floor_area_m2,
        "tariff": {"code": license.tariff.code, "version": license.tariff.version},
        "scope": license.scope,
        "territory": license.territory,
        "valid_from": license.valid_from.isoformat(),
        "valid_to": license.valid_to.isoformat(),
        "status": license.status,
        "reason": license.status_reason,
        "status_on": license.status_on.isoformat(),
    }


def expected(session: Session, number: str) -> Mapping[str, Any] | None:
    row = session.scalars(select(License).where(License.number == number)).one_or_none()
    return None if row is None else license_body(row)


def _numbers(session: Session) -> Iterable[str]:
    return session.scalars(select(License.number))


DECLARATION = Declaration(
    kind=Kind("license", 1, False, "a license granted to a venue or platform, with status"),
    ids=IDS,
    body=license_body,
    about='Answers "is this venue licensed?". Each status change is the next version.',
    fields={
        "number": "the license number",
        "licensee": "the licensee's name",
        "kind": "karaoke_venue, streaming_platform, chat_room_app, vod_platform, broadcaster, shop, hotel",
        "city": "the licensee's city",
        "province": "the licensee's province",
        "rooms": "the rooms of a venue, or null",
        "floor_area_m2": "the floor area of a venue, or null",
        "tariff": "`code`, `version`",
        "scope": "what the license covers",
        "territory": "where it applies",
        "valid_from": "the first day it is valid",
        "valid_to": "the last day it is valid: expiry is computed by readers from it (a license past "
        "its end reads as expired everywhere)",
        "status": "active | suspended | revoked",
        "reason": "why the status was set, or null",
        "status_on": "the day the status was set",
    },
    checks=Checks(body=(BodyCheck("license", expected, ids=_numbers),)),
)
