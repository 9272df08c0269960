"""A licensee's life after onboarding: an officer corrects its facts (each change the next version
of its `licensee` entry, and of its licenses' entries, which state its name, place and size) or
closes it once it stopped trading (never while a license of it is
still in force: the officer revokes those first). A closed licensee gets no new license."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.kinds.license import license_body
from registry.ledger_writer import latest_entry
from registry.models import License, Licensee
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.licensees import (
    ContactInput,
    LicenseeInput,
    add_contact,
    checked_columns,
    degrees_text,
    find_licensee,
    record_licensee,
)
from registry.services.licensing.licenses import record_license

# What an edit may change (the kind never changes: a venue that becomes a shop is a new licensee).
EDITABLE = (
    "name",
    "uscc",
    "address",
    "city",
    "province",
    "latitude",
    "longitude",
    "rooms",
    "floor_area_m2",
    "service",
)
IN_FORCE = ("active", "suspended")


def edit_licensee(
    session: Session, cipher: FieldCipher, ref: str | int, changes: Mapping[str, Any]
) -> tuple[Licensee, bool]:
    """Apply `changes` (EDITABLE fields, None clears one; `contacts` replaces the contact persons)
    checked as onboarding checks them; the next `licensee` entry when a public fact changed.
    Returns the licensee and whether a new version was recorded."""
    licensee = find_licensee(session, ref)
    if licensee.closed_on is not None:
        raise LicensingError(f"{licensee.ref} closed on {licensee.closed_on}: it cannot be edited")
    unknown = sorted(set(changes) - {*EDITABLE, "contacts"})
    if unknown:
        raise LicensingError(f"{', '.join(unknown)} cannot be edited", field=unknown[0])
    wanted = replace(_as_input(licensee), **{k: v for k, v in changes.items() if k in EDITABLE})
    columns = checked_columns(session, wanted, own_id=licensee.id)
    changed = {k: v for k, v in columns.items() if getattr(licensee, k) != v}
    for column, value in changed.items():
        setattr(licensee, column, value)
    if "contacts" in changes:
        _replace_contacts(session, cipher, licensee, changes["contacts"])
    if changed:
        record_licensee(session, licensee)
        restate_licenses(session, licensee)
    return licensee, bool(changed)


def restate_licenses(session: Session, licensee: Licensee) -> list[str]:
    """A `license` entry states its licensee's name, place and size: each license whose entry no
    longer says what its row does gets its next version (the audit compares the two)."""
    session.flush()
    restated = []
    for license in session.scalars(select(License).where(License.licensee_id == licensee.id)):
        stated = latest_entry(session, "license", license.number)
        if stated is None or dict(stated.body) != license_body(license):
            record_license(session, license)
            restated.append(license.number)
    return restated


def close_licensee(session: Session, ref: str | int, reason: str, on: date | None = None) -> Licensee:
    """Record that the licensee stopped trading on `on` (default today), and why."""
    licensee = find_licensee(session, ref)
    day = on or date.today()
    why = (reason or "").strip()
    if not why:
        raise LicensingError(f"{licensee.ref} closes for a reason: give one", field="reason")
    if licensee.closed_on is not None:
        raise LicensingError(f"{licensee.ref} is already closed (on {licensee.closed_on})")
    in_force = list(
        session.scalars(
            select(License.number)
            .where(License.licensee_id == licensee.id, License.status_on_day(day).in_(IN_FORCE))
            .order_by(License.number)
        )
    )
    if in_force:
        raise LicensingError(
            f"{licensee.ref} ({licensee.name}) still holds {', '.join(in_force)} in force on {day}: "
            "revoke them first"
        )
    licensee.closed_on, licensee.closed_reason = day, why
    record_licensee(session, licensee)
    return licensee


def _as_input(licensee: Licensee) -> LicenseeInput:
    """The licensee as onboarding would have been given it, to check the edited whole again."""
    return LicenseeInput(
        kind=licensee.kind,
        name=licensee.name,
        uscc=licensee.uscc,
        address=licensee.address,
        city=licensee.city,
        province=licensee.province,
        latitude=degrees_text(licensee.latitude_e6),
        longitude=degrees_text(licensee.longitude_e6),
        rooms=licensee.rooms,
        floor_area_m2=licensee.floor_area_m2,
        service=licensee.service,
    )


def _replace_contacts(
    session: Session, cipher: FieldCipher, licensee: Licensee, contacts: Sequence[ContactInput]
) -> None:
    # Sealed and never in the ledger: a new set replaces the old, with no entry of its own.
    licensee.contacts.clear()
    session.flush()
    for contact in contacts:
        add_contact(session, cipher, licensee, contact)
