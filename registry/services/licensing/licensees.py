"""Licensees: onboarding karaoke venues, platforms, chat-room apps, broadcasters, shops and hotels.

A karaoke venue is known by its unified social credit code (GB 32100-2015, check character
verified); other licensees give theirs when they have one. Contact persons' names, phones and
e-mails are sealed (registry.crypto) and never reach the ledger. Coordinates are decimal
degrees given as text and kept as integer micro-degrees: no float on the way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ledger.entry import Entry
from registry.crypto import FieldCipher
from registry.identifiers import InvalidIdentifier, normalise_uscc
from registry.kinds.licensee import licensee_body
from registry.ledger_writer import record
from registry.models import LICENSEE_KINDS, SOURCE_OF_KIND, Licensee, LicenseeContact
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.provinces import PROVINCES, normalise_province
from registry.services.licensing.signing_keys import (
    fingerprint,
    load_public_pem,
    new_private_key,
    private_pem,
    raw_public,
)

VENUE_KINDS = ("karaoke_venue",)
AREA_KINDS = ("shop", "hotel")
_CONTACT_FIELDS = ("name", "phone", "email")
_REF = re.compile(r"(?:LE-?)?([0-9]+)", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class ContactInput:
    role: str
    # Personal data: kept out of repr so it cannot leak into a log line or a traceback.
    name: str = field(repr=False)
    phone: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)


@dataclass(frozen=True, kw_only=True)
class LicenseeInput:
    kind: str
    name: str
    uscc: str | None = None
    address: str | None = None
    city: str | None = None
    province: str | None = None
    latitude: str | None = None  # decimal degrees as text, e.g. "31.230416"
    longitude: str | None = None
    rooms: int | None = None
    floor_area_m2: int | None = None
    service: str | None = None
    contacts: Sequence[ContactInput] = ()


def add_licensee(session: Session, cipher: FieldCipher, data: LicenseeInput) -> Licensee:
    """Onboard a licensee; checks what its kind requires. Nothing is written if anything fails."""
    licensee = Licensee(**checked_columns(session, data))
    session.add(licensee)
    session.flush()  # the row ids bind the sealed contact details
    for contact in data.contacts:
        add_contact(session, cipher, licensee, contact)
    record_licensee(session, licensee)
    return licensee


def checked_columns(session: Session, data: LicenseeInput, *, own_id: int | None = None) -> dict[str, Any]:
    """The row's columns from `data`, checked as its kind requires (each error names its field);
    `own_id`: the licensee being edited, whose own code is not "taken"."""
    if data.kind not in LICENSEE_KINDS:
        raise LicensingError(
            f"unknown licensee kind {data.kind!r}; expected one of {', '.join(LICENSEE_KINDS)}", field="kind"
        )
    name = data.name.strip()
    if not name:
        raise LicensingError("a licensee needs a name", field="name")
    uscc = _uscc(data.uscc)
    if data.kind in VENUE_KINDS and uscc is None:
        raise LicensingError(f"a {data.kind} needs its unified social credit code (--uscc)", field="uscc")
    if uscc is not None:
        holder = session.scalars(select(Licensee).where(Licensee.uscc == uscc)).one_or_none()
        if holder is not None and holder.id != own_id:
            raise LicensingError(
                f"unified social credit code {uscc} is already licensee {holder.ref}", field="uscc"
            )
    rooms = _positive(data.rooms, "rooms", "rooms")
    area = _positive(data.floor_area_m2, "floor area (m2)", "floor_area_m2")
    if data.kind in VENUE_KINDS and rooms is None:
        raise LicensingError(f"a {data.kind} needs its number of rooms", field="rooms")
    if data.kind in AREA_KINDS and area is None:
        raise LicensingError(f"a {data.kind} needs its floor area in m2", field="floor_area_m2")
    if (data.latitude is None) != (data.longitude is None):
        raise LicensingError(
            "give both latitude and longitude, or neither",
            field="longitude" if data.longitude is None else "latitude",
        )
    return {
        "kind": data.kind,
        "name": name,
        "uscc": uscc,
        "address": _text(data.address),
        "city": _text(data.city),
        "province": _province(data.province),
        "latitude_e6": micro_degrees(data.latitude, "latitude", 90) if data.latitude is not None else None,
        "longitude_e6": micro_degrees(data.longitude, "longitude", 180)
        if data.longitude is not None
        else None,
        "rooms": rooms,
        "floor_area_m2": area,
        "service": _text(data.service),
    }


def _uscc(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    try:
        return normalise_uscc(text)
    except InvalidIdentifier as exc:
        raise InvalidUscc(exc.kind, exc.value, exc.reason) from None


def _province(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    try:
        return normalise_province(text)
    except LicensingError as exc:
        raise LicensingError(str(exc), field="province") from None


class InvalidUscc(InvalidIdentifier):
    """A unified social credit code that is not one (its check character, its length...)."""

    field = "uscc"  # the input at fault, as LicensingError names it


def record_licensee(session: Session, licensee: Licensee) -> Entry:
    """The licensee's `licensee` entry, next version: after it was added or any of its public
    facts changed (registry.kinds.licensee compares the row with the latest)."""
    session.flush()
    return record(session, "licensee", licensee.ref, licensee_body(licensee))


def add_contact(
    session: Session, cipher: FieldCipher, licensee: Licensee, data: ContactInput
) -> LicenseeContact:
    if not data.role.strip() or not data.name.strip():
        raise LicensingError(f"a contact person of {licensee.ref} needs a role and a name")
    contact = LicenseeContact(role=data.role.strip(), details_sealed=b"")
    licensee.contacts.append(contact)
    session.flush()
    details = {k: getattr(data, k).strip() for k in _CONTACT_FIELDS if getattr(data, k)}
    contact.details_sealed = cipher.encrypt(
        details, table="licensee_contact", column="details_sealed", row_id=contact.id
    )
    return contact


def contact_details(cipher: FieldCipher, contact: LicenseeContact) -> dict[str, Any]:
    """A contact person's details, opened."""
    details: dict[str, Any] = cipher.decrypt(
        contact.details_sealed, table="licensee_contact", column="details_sealed", row_id=contact.id
    )
    return {"role": contact.role, **details}


def generate_signing_key(licensee: Licensee, passphrase: str | None = None) -> bytes:
    """Give the licensee a new e-contract key: store its public half, return the private key as
    PEM to hand over (we never keep it)."""
    key = new_private_key()
    set_signing_key(licensee, raw_public(key), "generated")
    return private_pem(key, passphrase)


def register_signing_key(licensee: Licensee, public_key_pem: bytes) -> None:
    """Register the licensee's own Ed25519 public key (PEM)."""
    key = load_public_pem(public_key_pem, where=f"the public key of {licensee.ref}")
    set_signing_key(licensee, raw_public(key), "registered")


def set_signing_key(licensee: Licensee, public_key: bytes, origin: str) -> None:
    """A new e-contract key is a new public fact of the licensee: its next `licensee` entry."""
    licensee.signing_key, licensee.signing_key_origin = public_key, origin
    session = object_session(licensee)
    if session is None:
        raise LicensingError(f"{licensee.ref} is not in the registry yet")
    record_licensee(session, licensee)


def find_licensee(session: Session, ref: str | int) -> Licensee:
    """A licensee by reference (LE-12 or 12) or by unified social credit code."""
    text = str(ref).strip()
    match = _REF.fullmatch(text)
    licensee = session.get(Licensee, int(match[1])) if match else None
    if licensee is None and len(text) >= 15:
        licensee = session.scalars(
            select(Licensee).where(Licensee.uscc == text.upper().replace(" ", ""))
        ).one_or_none()
    if licensee is None:
        raise LicensingError(f"unknown licensee {text!r}")
    return licensee


def list_licensees(session: Session, *, kind: str | None = None, city: str | None = None) -> list[Licensee]:
    query = select(Licensee).order_by(Licensee.id)
    if kind:
        query = query.where(Licensee.kind == kind)
    if city:
        query = query.where(Licensee.city == city)
    return list(session.scalars(query))


def licensee_summary(licensee: Licensee, cipher: FieldCipher | None = None) -> dict[str, Any]:
    """A licensee as staff see it; contact details only when a cipher is given."""
    out: dict[str, Any] = {
        "ref": licensee.ref,
        "kind": licensee.kind,
        "source": SOURCE_OF_KIND[licensee.kind],
        "name": licensee.name,
        "uscc": licensee.uscc,
        "address": licensee.address,
        "city": licensee.city,
        "province": licensee.province,
        "province_name": PROVINCES.get(licensee.province or ""),
        "latitude": degrees_text(licensee.latitude_e6),
        "longitude": degrees_text(licensee.longitude_e6),
        "rooms": licensee.rooms,
        "floor_area_m2": licensee.floor_area_m2,
        "service": licensee.service,
        "signing_key": fingerprint(licensee.signing_key) if licensee.signing_key else None,
        "signing_key_origin": licensee.signing_key_origin,
        "closed_on": licensee.closed_on.isoformat() if licensee.closed_on else None,
        "closed_reason": licensee.closed_reason,
    }
    if cipher is not None:
        out["contacts"] = [contact_details(cipher, c) for c in licensee.contacts]
    return out


def micro_degrees(text: str, what: str, limit: int) -> int:
    """Decimal degrees (text or Decimal, at most 6 decimals) as integer micro-degrees. `what`
    names the field (latitude, longitude)."""
    if not isinstance(text, str | Decimal):
        raise LicensingError(f"{what} must be decimal degrees written as text, e.g. '31.230416'", field=what)
    try:
        value = Decimal(text.strip() if isinstance(text, str) else text)
    except InvalidOperation:
        raise LicensingError(f"{what} {text!r} is not a decimal number of degrees", field=what) from None
    if not value.is_finite() or abs(value) > limit:
        raise LicensingError(f"{what} {text!r} is out of range (-{limit} to {limit})", field=what)
    scaled = value.scaleb(6)
    if scaled != scaled.to_integral_value():
        raise LicensingError(f"{what} {text!r} has more than 6 decimals (about 0.1 m)", field=what)
    return int(scaled)


def degrees_text(value: int | None) -> str | None:
    return None if value is None else str(Decimal(value).scaleb(-6).quantize(Decimal("0.000001")))


def _positive(value: int | None, what: str, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise LicensingError(f"{what} must be a whole number above 0, got {value!r}", field=field)
    return value


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def contact_inputs(items: Sequence[Mapping[str, Any]]) -> list[ContactInput]:
    return [ContactInput(**dict(item)) for item in items]
