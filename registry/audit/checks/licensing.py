"""Licenses and e-contracts: the latest `license` version states the license row as it is now;
the latest `contract` entry states the signed contract row, and both signatures verify."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.entry import Entry
from registry.audit.declarations import BodyCheck, Checks, EntryCheck
from registry.models import License, LicenseContract
from registry.services.licensing.econtracts import contract_body, verify_bundle
from registry.services.licensing.licenses import license_body


def _license_numbers(session: Session) -> Iterable[str]:
    return session.scalars(select(License.number))


def _signed_contracts(session: Session) -> Iterable[str]:
    # Only contracts both parties signed have an entry: a contract awaiting a signature has none.
    return session.scalars(
        select(LicenseContract.number).where(
            LicenseContract.cmo_signature.is_not(None), LicenseContract.licensee_signature.is_not(None)
        )
    )


def expected_license(session: Session, number: str) -> Mapping[str, Any] | None:
    row = session.scalars(select(License).where(License.number == number)).one_or_none()
    return None if row is None else license_body(row)


def expected_contract(session: Session, number: str) -> Mapping[str, Any] | None:
    row = session.scalars(select(LicenseContract).where(LicenseContract.number == number)).one_or_none()
    if row is None or row.cmo_signature is None or row.licensee_signature is None:
        return None
    if not isinstance(row.payload, bytes):  # altered in place: stored as text, not the signed bytes
        raise ValueError(f"the payload is stored as {type(row.payload).__name__}, not as the signed bytes")
    return contract_body(row)


def contract_signatures(entry: Entry) -> list[str]:
    """Every contract version must carry two signatures over its own payload."""
    body = entry.body
    bundle = {"payload": body.get("payload"), "signatures": body.get("signatures")}
    try:
        verdict = verify_bundle(bundle, None)
    except Exception as exc:  # a malformed body is a finding, not a crash of the audit
        return [f"the contract cannot be verified: {exc}"]
    # The document itself lives in the data directory, not in the entry: its step is skipped.
    return [f"{step}: {detail}" for step, ok, detail in verdict.steps if not ok and step != "document"]


CHECKS = Checks(
    body=(
        BodyCheck("license", expected_license, ids=_license_numbers),
        BodyCheck("contract", expected_contract, ids=_signed_contracts),
    ),
    entry=(EntryCheck("contract", contract_signatures),),
)
