"""Sealed details (members' contact and bank details, licensees' contact persons) must open with
the data key: AES-GCM's tag fails on a sealed value altered, overwritten with other bytes, or
moved from another row or column (each is bound to its table, column and row id). The audit
only opens them to check the tag: nothing opened is reported."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.audit.findings import AuditReport
from registry.audit.steps import failure
from registry.crypto import FieldCipher
from registry.models import LicenseeContact, Party

_SEALED = (
    (Party, "party", ("contact_sealed", "bank_sealed")),
    (LicenseeContact, "licensee_contact", ("details_sealed",)),
)


def check_sealed(session: Session, report: AuditReport, cipher: FieldCipher) -> None:
    for model, table, columns in _SEALED:
        for column in columns:
            sealed = getattr(model, column)
            rows = session.execute(select(model.id, sealed).where(sealed.is_not(None)))
            for row_id, blob in rows:
                report.count("sealed values")
                try:
                    cipher.decrypt(bytes(blob), table=table, column=column, row_id=row_id)
                except Exception as exc:  # an altered value, or one that is not JSON once opened
                    report.add("sealed", f"{column} does not open: {failure(exc)}", where=f"{table} {row_id}")
