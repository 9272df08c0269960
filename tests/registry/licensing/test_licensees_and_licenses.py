"""Licensees (USCC, sealed contacts, coordinates without floats) and the license lifecycle, with
its public `license` entries and computed expiry."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.identifiers import InvalidIdentifier
from registry.ledger_writer import history
from registry.models import License, Licensee, entry_table
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.licensees import contact_details, licensee_summary
from registry.services.licensing.licenses import (
    LicenseInput,
    issue_license,
    license_status,
    license_summary,
    list_licenses,
    reinstate_license,
    revoke_license,
    suspend_license,
)
from tests.registry.licensing.builders import issue, tariff, uscc, venue


def _entries(session: Session) -> int:
    return session.execute(select(func.count()).select_from(entry_table)).scalar_one()


def test_a_venue_is_onboarded_with_its_uscc_and_sealed_contacts(
    session: Session, cipher: FieldCipher
) -> None:
    licensee = venue(session, cipher)
    assert licensee.uscc == uscc(1) and licensee.province == "GD"
    assert (licensee.latitude_e6, licensee.longitude_e6) == (22_543_096, 114_057_865)
    summary = licensee_summary(licensee, cipher)
    assert (summary["latitude"], summary["longitude"]) == ("22.543096", "114.057865")
    assert summary["source"] == "karaoke"
    [contact] = licensee.contacts
    assert contact_details(cipher, contact)["phone"] == "+86 139 1234 5678"
    raw = session.execute(text("SELECT details_sealed FROM licensee_contact")).scalar_one()
    assert b"1234 5678" not in bytes(raw) and "王芳".encode() not in bytes(raw)
    # Onboarding alone states nothing publicly: one private entry, the licensee's own.
    assert session.execute(select(entry_table.c.kind, entry_table.c.private)).all() == [("licensee", True)]


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"uscc": "91440300MA0000001X"}, InvalidIdentifier, "check character"),
        ({"uscc": None}, LicensingError, "unified social credit code"),
        ({"rooms": None}, LicensingError, "number of rooms"),
        ({"rooms": 0}, LicensingError, "above 0"),
        ({"province": "Atlantis"}, LicensingError, "unknown province"),
        ({"latitude": "91.0"}, LicensingError, "out of range"),
        ({"latitude": "22.1234567"}, LicensingError, "more than 6 decimals"),
        ({"longitude": None}, LicensingError, "both latitude and longitude"),
        ({"kind": "nightclub"}, LicensingError, "unknown licensee kind"),
    ],
)
def test_bad_licensee_input_is_refused(
    session: Session, cipher: FieldCipher, overrides, error, message
) -> None:
    with pytest.raises(error, match=message):
        venue(session, cipher, **overrides)


def test_a_shop_needs_its_floor_area_and_a_uscc_is_unique(session: Session, cipher: FieldCipher) -> None:
    with pytest.raises(LicensingError, match="floor area"):
        venue(session, cipher, kind="shop", rooms=None, uscc=None)
    venue(session, cipher, 7)
    with pytest.raises(LicensingError, match="already licensee"):
        venue(session, cipher, 7)


def test_issue_records_a_public_license_entry_without_contact_data(
    session: Session, cipher: FieldCipher
) -> None:
    tariff(session)
    licensee = venue(session, cipher)
    license = issue(session, licensee)
    assert license.number == "LIC-2026-000001"
    [entry] = history(session, "license", license.number)
    assert not entry.private and entry.salt is None
    assert entry.body == {
        "number": "LIC-2026-000001",
        "licensee": licensee.name,
        "kind": "karaoke_venue",
        "city": "深圳",
        "province": "GD",
        "rooms": 24,
        "floor_area_m2": None,
        "tariff": {"code": "KTV-ROOM", "version": 1},
        "scope": license.scope,
        "territory": "CN",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "status": "active",
        "reason": None,
        "status_on": "2026-01-01",
    }
    canonical = session.execute(
        select(entry_table.c.canonical).where(entry_table.c.kind == "license")
    ).scalar_one()
    for secret in ("王芳", "1234 5678", "wf@ktv.example"):
        assert secret.encode() not in bytes(canonical)
    assert issue(session, venue(session, cipher, 2)).number == "LIC-2026-000002"


def test_each_status_change_is_a_new_chained_version(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    license = issue(session, venue(session, cipher))
    suspend_license(session, license.number, "fees unpaid for March", on=date(2026, 4, 10))
    reinstate_license(session, license.number, "paid in full", on=date(2026, 4, 20))
    revoke_license(session, license.number, "unlicensed rooms found", on=date(2026, 6, 1))
    versions = history(session, "license", license.number)
    assert [(e.version, e.body["status"], e.body["reason"], e.body["status_on"]) for e in versions] == [
        (1, "active", None, "2026-01-01"),
        (2, "suspended", "fees unpaid for March", "2026-04-10"),
        (3, "active", "paid in full", "2026-04-20"),
        (4, "revoked", "unlicensed rooms found", "2026-06-01"),
    ]
    assert [e.prev for e in versions[1:]] == [e.leaf_hash().hex() for e in versions[:-1]]
    with pytest.raises(LicensingError, match="is revoked; it cannot become active"):
        reinstate_license(session, license.number, on=date(2026, 6, 2))
    assert len(history(session, "license", license.number)) == 4


def test_expiry_is_computed_everywhere(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    license = issue(session, venue(session, cipher), valid_to=date(2026, 3, 31))
    revoked = issue(session, venue(session, cipher, 2), valid_to=date(2026, 3, 31))
    revoke_license(session, revoked.number, "fraud", on=date(2026, 2, 1))
    assert license_status(license, date(2026, 3, 31)) == "active"
    assert license_status(license, date(2026, 4, 1)) == "expired"
    assert license_status(revoked, date(2026, 4, 1)) == "revoked"  # revoked stays revoked
    assert license_summary(license, date(2026, 4, 1))["status"] == "expired"
    assert license.status == "active"  # never stored: nothing to forget to update
    # The same rule in SQL: lists filter by the computed status.
    assert [lic.number for lic in list_licenses(session, status="expired", on=date(2026, 4, 1))] == [
        license.number
    ]
    assert list_licenses(session, status="active", on=date(2026, 4, 1)) == []
    sql = session.scalars(select(License.status_on_day(date(2026, 4, 1))).order_by(License.id)).all()
    assert sql == ["expired", "revoked"]
    with pytest.raises(LicensingError, match="expired on 2026-03-31"):
        suspend_license(session, license.number, "late", on=date(2026, 4, 2))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"licensee": "LE-999"}, "unknown licensee 'LE-999'"),
        ({"valid_to": date(2025, 12, 31)}, "end .* before it starts"),
        ({"tariff": "BGM"}, "applies to hotel, shop, not to LE-"),
        ({"tariff": "NOPE"}, "no tariff with code 'NOPE'"),
        ({"tariff_version": 7}, "has no version 7"),
        ({"valid_from": date(2025, 6, 1)}, "is valid 2026-01-01 to open-ended, not on 2025-06-01"),
        ({"territory": "China!"}, "territory"),
    ],
)
def test_bad_license_requests_write_nothing(session: Session, cipher: FieldCipher, change, message) -> None:
    tariff(session)
    tariff(session, "BGM", "background_music")
    licensee = venue(session, cipher)
    fields = {
        "licensee": licensee.ref,
        "tariff": "KTV-ROOM",
        "valid_from": date(2026, 1, 1),
        "valid_to": date(2026, 12, 31),
    } | change
    before = _entries(session)  # the tariffs' entries
    with pytest.raises(LicensingError, match=message):
        issue_license(session, LicenseInput(**fields))
    assert session.execute(select(func.count()).select_from(License)).scalar_one() == 0
    assert _entries(session) == before


def test_suspend_and_revoke_need_a_reason(session: Session, cipher: FieldCipher) -> None:
    tariff(session)
    license = issue(session, venue(session, cipher))
    with pytest.raises(LicensingError, match="reason"):
        suspend_license(session, license.number, "  ", on=date(2026, 2, 1))
    with pytest.raises(LicensingError, match="unknown license"):
        revoke_license(session, "LIC-2026-999999", "x")
    assert len(history(session, "license", license.number)) == 1
    assert session.get(Licensee, license.licensee_id) is not None
