"""The demo's licensing officer at work: a licensee moved (its address corrected: the next version
of its `licensee` entry), and one of its licenses suspended for an unpaid invoice and reinstated
once paid (two more versions of the `license` entry), through the registry services."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.crypto import FieldCipher
from registry.models import License
from registry.services.licensing.licensee_changes import edit_licensee
from registry.services.licensing.licenses import reinstate_license, suspend_license


def officer_day(session: Session, cipher: FieldCipher, *, today: date, spare: str | None) -> dict[str, Any]:
    """Work on the first license active `today` other than `spare` (the one the demo's story
    tells of); nothing when there is none."""
    query = select(License).where(License.status_on_day(today) == "active").order_by(License.number)
    license = next((lic for lic in session.scalars(query) if lic.number != spare), None)
    if license is None:
        return {}
    licensee, _ = edit_licensee(
        session,
        cipher,
        license.licensee_id,
        {"address": f"{license.licensee.city or ''}人民路 88 号（新址）"},
    )
    suspend_license(session, license.number, "invoice unpaid 30 days after its due date", today)
    reinstate_license(session, license.number, "paid in full", today)
    return {"licensee": licensee.ref, "address": licensee.address, "license": license.number}
