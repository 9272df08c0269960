"""A licensee's closing and edits, as the audit sees them: after the services the rows match the
latest `licensee` entries; a `closed_on` or `closed_reason` written into a row without its entry
(a licensee closed, reopened or re-dated behind the ledger's back) is named."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.run import audit
from registry.crypto import FieldCipher
from registry.ledger_writer import latest_entry
from registry.services.licensing.licensee_changes import close_licensee, edit_licensee
from registry.services.licensing.licensees import LicenseeInput, add_licensee
from tests.society.licensing import karaoke_license, karaoke_tariff, karaoke_venue, usable_uscc

VERIFIER = Signer.generate("closing.test/log").verifier()
CIPHER = FieldCipher(bytes(range(32)))


def _findings(session: Session) -> list[str]:
    session.expire_all()
    return [f.line() for f in audit(session, verifier=VERIFIER).findings]


def _shops(session: Session) -> tuple[str, str]:
    """Two shops: one edited and closed through the services, one still trading."""
    closed = add_licensee(session, CIPHER, LicenseeInput(kind="shop", name="Closed Shop", floor_area_m2=90))
    edit_licensee(session, CIPHER, closed.ref, {"name": "Closed Shop Ltd", "city": "上海"})
    close_licensee(session, closed.ref, "stopped trading", date(2026, 6, 30))
    trading = add_licensee(session, CIPHER, LicenseeInput(kind="shop", name="Open Shop", floor_area_m2=60))
    session.flush()
    return closed.ref, trading.ref


def test_closing_through_the_service_audits_clean(session: Session) -> None:
    _shops(session)
    assert _findings(session) == []


def test_a_closed_on_changed_behind_the_ledger_is_named(session: Session) -> None:
    closed, _trading = _shops(session)
    session.execute(
        text("UPDATE licensee SET closed_on = :d WHERE id = :i"),
        {"d": date(2026, 1, 1), "i": int(closed[3:])},
    )
    lines = _findings(session)
    assert any(f"licensee {closed}" in line and "closed_on" in line for line in lines), lines


def test_a_licensee_closed_or_reopened_behind_the_ledger_is_named(session: Session) -> None:
    closed, trading = _shops(session)
    session.execute(
        text("UPDATE licensee SET closed_on = :d, closed_reason = 'gone' WHERE id = :i"),
        {"d": date(2026, 5, 1), "i": int(trading[3:])},
    )
    session.execute(text("UPDATE licensee SET closed_reason = 'moved' WHERE id = :i"), {"i": int(closed[3:])})
    lines = _findings(session)
    assert any(f"licensee {trading}" in line for line in lines), lines
    assert any(f"licensee {closed}" in line and "closed_reason" in line for line in lines), lines
    session.execute(
        text("UPDATE licensee SET closed_on = NULL, closed_reason = NULL WHERE id = :i"),
        {"i": int(closed[3:])},
    )
    lines = _findings(session)
    assert any(f"licensee {closed}" in line for line in lines), lines


def test_an_edit_restates_the_licenses_that_name_the_licensee(session: Session) -> None:
    """A license entry states its licensee's name, city and size: an edit of those is the next
    version of each of its licenses too, so rows and entries still agree."""
    karaoke_tariff(session)
    venue = karaoke_venue(session, CIPHER, "金曲 KTV", usable_uscc(90), "上海", "SH", 8)
    number = karaoke_license(session, venue, date(2026, 1, 1), date(2026, 12, 31))
    _, recorded = edit_licensee(session, CIPHER, venue.ref, {"name": "金曲 KTV 总店", "rooms": 12})
    session.flush()
    assert recorded and _findings(session) == []
    stated = latest_entry(session, "license", number)
    assert stated is not None and stated.version == 2
    assert (stated.body["licensee"], stated.body["rooms"]) == ("金曲 KTV 总店", 12)
    _, again = edit_licensee(session, CIPHER, venue.ref, {"address": "南京路 1 号"})  # not in the license
    session.flush()
    assert again and latest_entry(session, "license", number).version == 2  # type: ignore[union-attr]
