"""`licensee`: a venue or platform the society licenses, as registered (private: the licensee's).

The facts a licensee is known and bound by: its registered name and code, where it is, its size
(what its tariff bills by) and the key it signs e-contracts with. Contact persons stay sealed and
never reach the ledger. A change of any of these facts (an edit, a new signing key, its closing)
is the next version.
Private because onboarding alone states nothing publicly: a venue may never sign; what a license
makes public (name, city, size) its `license` entry states."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration
from registry.models import Licensee

IDS = entity_ids.LICENSEE


def licensee_body(licensee: Licensee) -> dict[str, Any]:
    """The public facts of a licensee, as its ledger entry states them."""
    located = licensee.latitude_e6 is not None and licensee.longitude_e6 is not None
    body: dict[str, Any] = {
        "licensee": licensee.ref,
        "kind": licensee.kind,
        "name": licensee.name,
        "uscc": licensee.uscc,
        "address": licensee.address,
        "city": licensee.city,
        "province": licensee.province,
        "location_e6": [licensee.latitude_e6, licensee.longitude_e6] if located else None,
        "rooms": licensee.rooms,
        "floor_area_m2": licensee.floor_area_m2,
        "service": licensee.service,
        "signing_key": None
        if licensee.signing_key is None
        else {
            "algorithm": "Ed25519",
            "public_key": base64.b64encode(bytes(licensee.signing_key)).decode(),
            "origin": licensee.signing_key_origin,
        },
    }
    # Only once closed: the entries of licensees still trading stay byte for byte as they were.
    if licensee.closed_on is not None:
        body["closed_on"] = licensee.closed_on.isoformat()
        body["closed_reason"] = licensee.closed_reason
    return body


def expected(session: Session, entity_id: str) -> Mapping[str, Any] | None:
    row = session.get(Licensee, IDS.parse(entity_id))
    return None if row is None else licensee_body(row)


def owner(session: Session, entity_id: str) -> tuple[str | None, int | None]:
    """A licensee's entry is its own."""
    row_id = IDS.parse(entity_id)
    return None, (row_id if session.get(Licensee, row_id) is not None else None)


def _refs(session: Session) -> Iterable[str]:
    return (IDS.make(n) for n in session.scalars(select(Licensee.id)))


DECLARATION = Declaration(
    kind=Kind("licensee", 1, True, "a licensee as registered: name, code, place, size, signing key"),
    ids=IDS,
    body=licensee_body,
    about="A venue or platform as registered; an edit, a new signing key or its closing is the next "
    "version. Contact persons are sealed and never in the ledger.",
    fields={
        "licensee": "`LE-n`",
        "kind": "karaoke_venue, streaming_platform, chat_room_app, vod_platform, broadcaster, shop, hotel",
        "name": "the registered name",
        "uscc": "the unified social credit code (GB 32100-2015), or null",
        "address": "the address, or null",
        "city": "the city, or null",
        "province": "the ISO 3166-2:CN province code, or null",
        "location_e6": "`[latitude, longitude]` in micro-degrees (integers), or null",
        "rooms": "the rooms of a venue, or null",
        "floor_area_m2": "the floor area of a shop or hotel, or null",
        "service": "the platform, app or channel name, or null",
        "signing_key": "`algorithm` Ed25519, `public_key` (base64 of 32 bytes), `origin` generated or "
        "registered; or null",
        "closed_on": "the day it stopped trading (`YYYY-MM-DD`); only in the entries of a closed licensee",
        "closed_reason": "why it closed, in words; only beside `closed_on`",
    },
    checks=Checks(body=(BodyCheck("licensee", expected, ids=_refs),)),
    owner=owner,
)
