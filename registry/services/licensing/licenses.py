"""Licenses: issue, suspend, reinstate, revoke; each recorded as a public `license` entry.

The entry answers "is this venue licensed?" for anyone: number, licensee name, kind, city and
province, rooms or floor area, tariff, scope, territory, validity and status with its reason
and date; never contact data. Each change is the next version of the entry, recorded in the same
transaction as the change.

Expiry is computed, never stored: `license_status` (License.status_on_day) reads a license past
its valid_to as expired, everywhere (CLI, API, lists, invoicing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.entity_ids import LICENSE
from registry.kinds.license import license_body
from registry.ledger_writer import record
from registry.models import License, Licensee, Tariff
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.licensees import find_licensee
from registry.services.licensing.tariffs import find_tariff

DEFAULT_SCOPE = "the society's repertoire of musical works and audio-visual recordings"
DEFAULT_TERRITORY = "CN"
_TERRITORY = re.compile(r"[A-Z]{2}(-[A-Z0-9]{1,3})?|[0-9]{1,4}")  # ISO 3166 (-2) or a CISAC TIS code


@dataclass(frozen=True, kw_only=True)
class LicenseInput:
    licensee: str | int  # LE-12, 12 or the unified social credit code
    tariff: str  # tariff code
    valid_from: date
    valid_to: date
    tariff_version: int | None = None  # default: the version in force on valid_from
    scope: str = DEFAULT_SCOPE
    territory: str = DEFAULT_TERRITORY
    issued_on: date | None = None  # default: today


def license_status(license: License, on: date | None = None) -> str:
    """The status of a license on a day (default today): active, suspended, revoked or expired."""
    return license.status_on_day(on or date.today())


def issue_license(session: Session, data: LicenseInput) -> License:
    """Issue a license and record its first `license` entry."""
    licensee = find_licensee(session, data.licensee)
    if licensee.closed_on is not None:
        raise LicensingError(
            f"{licensee.ref} ({licensee.name}) closed on {licensee.closed_on}: no new license",
            field="licensee",
        )
    if data.valid_to < data.valid_from:
        raise LicensingError(f"the license would end ({data.valid_to}) before it starts ({data.valid_from})")
    tariff = find_tariff(session, data.tariff, data.tariff_version, on=data.valid_from)
    check_tariff_fits(tariff, licensee, data.valid_from)
    scope = data.scope.strip()
    if not scope:
        raise LicensingError("a license needs a repertoire scope")
    territory = data.territory.strip().upper()
    if not _TERRITORY.fullmatch(territory):
        raise LicensingError(
            f"territory {data.territory!r} is neither an ISO 3166 code (CN, CN-GD) nor a TIS code"
        )
    issued_on = data.issued_on or date.today()
    license = License(
        number=_next_number(session, issued_on.year),
        licensee=licensee,
        tariff=tariff,
        scope=scope,
        territory=territory,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        status="active",
        status_reason=None,
        status_on=issued_on,
        issued_on=issued_on,
    )
    session.add(license)
    try:
        session.flush()
    except IntegrityError:
        raise LicensingError(f"{license.number} was just issued by another session: retry") from None
    record_license(session, license)
    return license


def check_tariff_fits(tariff: Tariff, licensee: Licensee, day: date) -> None:
    """Refuse a tariff made for another kind of licensee, or not in force on `day`."""
    if licensee.kind not in tariff.applies_to:
        raise LicensingError(
            f"tariff {tariff.code} v{tariff.version} ({tariff.formula}) applies to "
            f"{', '.join(tariff.applies_to)}, not to {licensee.ref} ({licensee.kind})"
        )
    if tariff.valid_from > day or (tariff.valid_to is not None and tariff.valid_to < day):
        until = tariff.valid_to.isoformat() if tariff.valid_to else "open-ended"
        raise LicensingError(
            f"tariff {tariff.code} v{tariff.version} is valid {tariff.valid_from} to {until}, not on {day}"
        )


def suspend_license(session: Session, number: str, reason: str, on: date | None = None) -> License:
    return _change(session, number, "suspended", reason, on, allowed_from=("active",))


def reinstate_license(
    session: Session, number: str, reason: str | None = None, on: date | None = None
) -> License:
    return _change(session, number, "active", reason, on, allowed_from=("suspended",))


def revoke_license(session: Session, number: str, reason: str, on: date | None = None) -> License:
    return _change(session, number, "revoked", reason, on, allowed_from=("active", "suspended"))


def _change(
    session: Session,
    number: str,
    status: str,
    reason: str | None,
    on: date | None,
    *,
    allowed_from: tuple[str, ...],
) -> License:
    license = find_license(session, number)
    day = on or date.today()
    reason = (reason or "").strip() or None
    if status != "active" and reason is None:
        raise LicensingError(f"a license is {status} for a reason: give one")
    current = license_status(license, day)
    if current == "expired":
        raise LicensingError(f"{license.number} expired on {license.valid_to}: issue a new license instead")
    if current not in allowed_from:
        raise LicensingError(f"{license.number} is {current}; it cannot become {status}")
    if day < license.status_on:
        raise LicensingError(f"{license.number} changed status on {license.status_on}; {day} is earlier")
    license.status, license.status_reason, license.status_on = status, reason, day
    session.flush()
    record_license(session, license)
    return license


def find_license(session: Session, number: str) -> License:
    license = session.scalars(select(License).where(License.number == number.strip().upper())).one_or_none()
    if license is None:
        raise LicensingError(f"unknown license {number!r}")
    return license


def list_licenses(
    session: Session,
    *,
    status: str | None = None,
    city: str | None = None,
    name: str | None = None,
    licensee: str | int | None = None,
    on: date | None = None,
) -> list[License]:
    """Licenses, filtered by their status on `on` (computed, so `expired` works), city or name."""
    query = select(License).join(License.licensee).order_by(License.number)
    if status:
        query = query.where(License.status_on_day(on or date.today()) == status)
    if city:
        query = query.where(Licensee.city == city)
    if name:
        query = query.where(Licensee.name.contains(name, autoescape=True))
    if licensee is not None:
        query = query.where(License.licensee_id == find_licensee(session, licensee).id)
    return list(session.scalars(query))


def record_license(session: Session, license: License) -> Entry:
    return record(session, "license", license.number, license_body(license))


def license_summary(license: License, on: date | None = None) -> dict[str, Any]:
    """A license as shown to people: the entry's facts plus the status on `on` (expiry computed)."""
    return license_body(license) | {
        "licensee_ref": license.licensee.ref,
        "recorded_status": license.status,
        "status": license_status(license, on),
        "issued_on": license.issued_on.isoformat(),
    }


def _next_number(session: Session, year: int) -> str:
    prefix = LICENSE.of_year(year)
    last = session.scalar(
        select(License.number)
        .where(License.number.startswith(prefix))
        .order_by(License.number.desc())
        .limit(1)
    )
    return LICENSE.make(year, int(last[len(prefix) :]) + 1 if last else 1)
