"""E-contracts: both signatures of every `contract` version verify over its payload (the
verification is the licensing service's; the comparison with the rows is the kind's own check,
registry/kinds/contract.py); a contract awaiting the licensee, which no entry states yet, still
holds the exact payload the CMO signed, under the CMO's recorded key."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.canonical import canonical_bytes
from ledger.entry import Entry
from registry.kinds.checks import Checks, EntryCheck, RunCheck
from registry.ledger_writer import latest_entry
from registry.models import LicenseContract
from registry.services.licensing.econtracts import verify_bundle


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


def _awaiting(session: Session) -> Iterable[str]:
    """Contracts the CMO signed that await the licensee: no entry states them yet."""
    return session.scalars(
        select(LicenseContract.number).where(
            LicenseContract.cmo_signature.is_not(None), LicenseContract.licensee_signature.is_(None)
        )
    )


def awaiting_signature(session: Session, number: str) -> list[str]:
    """A contract awaiting its licensee has no entry yet: its stored payload must still be the
    canonical bytes the CMO signed, under a CMO key that the recorded contracts state."""
    row = session.scalars(select(LicenseContract).where(LicenseContract.number == number)).one()
    try:
        payload = json.loads(bytes(row.payload))
        if canonical_bytes(payload) != bytes(row.payload):
            return ["the stored payload is not the canonical bytes that were signed"]
        key = base64.b64decode(payload["parties"]["cmo"]["public_key"], validate=True)
        Ed25519PublicKey.from_public_bytes(key).verify(bytes(row.cmo_signature or b""), bytes(row.payload))
    except InvalidSignature:
        return ["the CMO's signature does not verify over the stored payload"]
    except Exception as exc:  # a malformed payload or key is a finding, not a crash of the audit
        return [f"the stored payload cannot be checked: {type(exc).__name__}: {exc}"]
    known = _recorded_cmo_keys(session)
    if known and payload["parties"]["cmo"]["public_key"] not in known:
        return ["the CMO key it names is not the one the recorded contracts state"]
    return []


def _recorded_cmo_keys(session: Session) -> set[str]:
    keys = set()
    for number in session.scalars(
        select(LicenseContract.number).where(LicenseContract.licensee_signature.is_not(None))
    ):
        entry = latest_entry(session, "contract", number)
        try:
            keys.add(str(entry.body["payload"]["parties"]["cmo"]["public_key"]))  # type: ignore[union-attr]
        except (AttributeError, KeyError, TypeError):
            continue  # the contract's own check names what is wrong with it
    return keys


CHECKS = Checks(
    entry=(EntryCheck("contract", contract_signatures),),
    run=(RunCheck("contract awaiting the licensee", runs=_awaiting, check=awaiting_signature),),
)
