"""`contract`: a signed e-contract (private)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.kinds import Kind
from registry import entity_ids
from registry.kinds.checks import BodyCheck, Checks
from registry.kinds.declaration import Declaration
from registry.models import LicenseContract

IDS = entity_ids.CONTRACT


def contract_body(contract: LicenseContract) -> dict[str, Any]:
    """The private `contract` entry: the signed payload (terms, document hash, keys) and both
    signatures, so whoever is shown the entry can verify the contract from it alone."""
    assert contract.cmo_signature is not None and contract.licensee_signature is not None
    return {
        "number": contract.number,
        "payload": json.loads(bytes(contract.payload)),
        "signatures": {"cmo": _b64(contract.cmo_signature), "licensee": _b64(contract.licensee_signature)},
        "signed_at": {
            "cmo": signed_stamp(contract.cmo_signed_at),
            "licensee": signed_stamp(contract.licensee_signed_at),
        },
    }


def signed_stamp(at: datetime | None) -> str | None:
    if at is None:
        return None
    if at.tzinfo is None:  # SQLite hands back naive datetimes; we only ever store UTC
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def owner(session: Session, number: str) -> tuple[str | None, int | None]:
    """A contract belongs to its licensee."""
    return None, session.scalar(select(LicenseContract.licensee_id).where(LicenseContract.number == number))


def expected(session: Session, number: str) -> Mapping[str, Any] | None:
    row = session.scalars(select(LicenseContract).where(LicenseContract.number == number)).one_or_none()
    if row is None or row.cmo_signature is None or row.licensee_signature is None:
        return None
    if not isinstance(row.payload, bytes):  # altered in place: stored as text, not the signed bytes
        raise ValueError(f"the payload is stored as {type(row.payload).__name__}, not as the signed bytes")
    return contract_body(row)


def _signed(session: Session) -> Iterable[str]:
    # Only contracts both parties signed have an entry: a contract awaiting a signature has none.
    return session.scalars(
        select(LicenseContract.number).where(
            LicenseContract.cmo_signature.is_not(None), LicenseContract.licensee_signature.is_not(None)
        )
    )


DECLARATION = Declaration(
    kind=Kind("contract", 1, True, "a signed e-contract: document hash, parties, key terms"),
    ids=IDS,
    body=contract_body,
    about="A signed e-contract, recorded once both parties have signed. Whoever is shown the entry "
    "can verify the contract from it and the document alone.",
    fields={
        "number": "the contract number",
        "payload": "the canonical payload both signed: `format`, `number`, `created_on`, `document` "
        "(`sha256`, `size`, `name`), `license`, `parties` (`cmo` and `licensee`, each with name, "
        "`algorithm` Ed25519 and `public_key`; the licensee also `ref`, `uscc`), `terms`",
        "signatures": "`cmo`, `licensee`: base64",
        "signed_at": "`cmo`, `licensee`: when each signed (UTC)",
    },
    notes="The audit also verifies both signatures of every version (registry/audit/checks/"
    "licensing.py: the verification is the licensing service's).",
    owner=owner,
    checks=Checks(body=(BodyCheck("contract", expected, ids=_signed),)),
)
