"""E-contracts: a document, its parties and key terms, signed online by the CMO and the licensee.

The document's bytes are hashed (SHA-256) and kept, content-addressed, in
<data dir>/contracts/<sha256>. Both parties sign the same canonical payload (RFC 8785 bytes of
the document hash, parties with their Ed25519 public keys, and the key terms) with Ed25519.
Anyone holding the bundle (payload and signatures) and the document can verify it, without us:
`verify_bundle`. Once both have signed, a private `contract` entry records the payload and both
signatures, in the same transaction as the second signature.

A signature that does not verify over the stored payload (made over other bytes, or with another
key) is refused and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger.canonical import canonical_bytes
from ledger.entry import Entry
from ledger.errors import CanonicalError
from registry.entity_ids import CONTRACT
from registry.kinds.contract import contract_body, signed_stamp
from registry.ledger_writer import latest_entry, record
from registry.models import LicenseContract
from registry.private_files import open_private, private_folder
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.licensees import find_licensee
from registry.services.licensing.licenses import find_license
from registry.services.licensing.signing_keys import (
    ALGORITHM,
    b64,
    fingerprint,
    raw_public,
    signature_valid,
    unb64,
)

FORMAT = "rightsledger-econtract/v1"
PARTIES = ("cmo", "licensee")
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class ContractInput:
    licensee: str | int
    document: bytes = field(repr=False)
    document_name: str
    terms: Mapping[str, Any]  # key terms: strings and integers (money in fen)
    cmo_name: str
    license: str | None = None  # the license number the contract grants, if issued already
    created_on: date | None = None


def documents_dir(data_dir: Path) -> Path:
    return data_dir / "contracts"


def create_contract(
    session: Session, data_dir: Path, cmo_public_key: bytes, data: ContractInput
) -> LicenseContract:
    """Draft a contract: keep the document, fix the payload both parties will sign."""
    licensee = find_licensee(session, data.licensee)
    if licensee.signing_key is None:
        raise LicensingError(
            f"{licensee.ref} has no signing key: generate one for it or register its own public key"
        )
    license = find_license(session, data.license) if data.license else None
    if license is not None and license.licensee_id != licensee.id:
        raise LicensingError(f"{license.number} belongs to {license.licensee.ref}, not to {licensee.ref}")
    if not data.document:
        raise LicensingError(f"{data.document_name}: the contract document is empty")
    if len(data.document) > MAX_DOCUMENT_BYTES:
        raise LicensingError(f"{data.document_name}: more than {MAX_DOCUMENT_BYTES} bytes")
    if not isinstance(data.terms, Mapping) or not data.terms:
        raise LicensingError("a contract needs its key terms")
    sha = hashlib.sha256(data.document).hexdigest()
    created_on = data.created_on or date.today()
    number = _next_number(session, created_on.year)
    payload = {
        "format": FORMAT,
        "number": number,
        "created_on": created_on.isoformat(),
        "document": {"sha256": sha, "size": len(data.document), "name": data.document_name},
        "license": license.number if license else None,
        "parties": {
            "cmo": {"name": data.cmo_name, "algorithm": ALGORITHM, "public_key": b64(cmo_public_key)},
            "licensee": {
                "ref": licensee.ref,
                "name": licensee.name,
                "uscc": licensee.uscc,
                "algorithm": ALGORITHM,
                "public_key": b64(licensee.signing_key),
            },
        },
        "terms": dict(data.terms),
    }
    try:
        payload_bytes = canonical_bytes(payload)
    except CanonicalError as exc:
        raise LicensingError(f"contract terms must be strings and integers (money in fen): {exc}") from None
    _keep_document(documents_dir(data_dir), sha, data.document)
    contract = LicenseContract(
        number=number,
        licensee_id=licensee.id,
        license_id=license.id if license else None,
        document_sha256=sha,
        payload=payload_bytes,
    )
    session.add(contract)
    try:
        session.flush()
    except IntegrityError:
        raise LicensingError(f"{number} was just drafted by another session: retry") from None
    return contract


def sign_as_cmo(session: Session, number: str, key: Ed25519PrivateKey) -> LicenseContract:
    contract = find_contract(session, number)
    return add_signature(session, contract, "cmo", key.sign(bytes(contract.payload)))


def sign_as_licensee(session: Session, number: str, key: Ed25519PrivateKey) -> LicenseContract:
    """Sign on the licensee's side with its private key (onboarding kiosk, tests, demo)."""
    contract = find_contract(session, number)
    return add_signature(session, contract, "licensee", key.sign(bytes(contract.payload)))


def add_signature(
    session: Session, contract: LicenseContract, party: str, signature: bytes, *, at: datetime | None = None
) -> LicenseContract:
    """Add one party's signature after verifying it over the stored payload with that party's key
    named in the payload; record the `contract` entry when it is the second signature."""
    if party not in PARTIES:
        raise LicensingError(f"unknown party {party!r}; expected cmo or licensee")
    if getattr(contract, f"{party}_signature") is not None:
        raise LicensingError(f"{contract.number} is already signed by the {party}")
    public_key = party_key(bytes(contract.payload), party)
    if not signature_valid(public_key, signature, bytes(contract.payload)):
        raise LicensingError(
            f"the {party} signature does not verify over {contract.number}'s payload "
            f"(made over different bytes, or with a key other than {fingerprint(public_key)[:16]})"
        )
    setattr(contract, f"{party}_signature", signature)
    setattr(contract, f"{party}_signed_at", at or datetime.now(UTC))
    session.flush()
    if contract.fully_signed and latest_entry(session, "contract", contract.number) is None:
        record_contract(session, contract)
    return contract


def record_contract(session: Session, contract: LicenseContract) -> Entry:
    return record(session, "contract", contract.number, contract_body(contract))


def find_contract(session: Session, number: str) -> LicenseContract:
    contract = session.scalars(
        select(LicenseContract).where(LicenseContract.number == number.strip().upper())
    ).one_or_none()
    if contract is None:
        raise LicensingError(f"unknown contract {number!r}")
    return contract


def party_key(payload: bytes, party: str) -> bytes:
    return unb64(json.loads(payload)["parties"][party]["public_key"], where=f"the {party} public key")


def contract_bundle(contract: LicenseContract) -> dict[str, Any]:
    """What a party keeps beside the document: the payload and the signatures made so far."""
    return {
        "format": FORMAT,
        "payload": json.loads(bytes(contract.payload)),
        "signatures": {
            party: b64(sig) if (sig := getattr(contract, f"{party}_signature")) is not None else None
            for party in PARTIES
        },
    }


def document_path(data_dir: Path, contract: LicenseContract) -> Path:
    return documents_dir(data_dir) / contract.document_sha256


@dataclass
class Verification:
    steps: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return bool(self.steps) and all(ok for _, ok, _ in self.steps)

    def add(self, step: str, ok: bool, detail: str) -> bool:
        self.steps.append((step, ok, detail))
        return ok

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "steps": [{"step": s, "ok": ok, "detail": d} for s, ok, d in self.steps],
        }


def verify_bundle(bundle: Mapping[str, Any], document: bytes | None) -> Verification:
    """Verify a contract from its bundle and document alone: the document's hash, then each
    party's signature over the canonical payload with the key the payload names."""
    report = Verification()
    payload = bundle.get("payload") if isinstance(bundle, Mapping) else None
    if not isinstance(payload, Mapping) or payload.get("format") != FORMAT:
        report.add("payload", False, f"not a {FORMAT} payload")
        return report
    try:
        message = canonical_bytes(payload)
    except CanonicalError as exc:
        report.add("payload", False, f"not canonical JSON: {exc}")
        return report
    report.add("payload", True, f"{payload.get('number')}, {len(message)} canonical bytes")
    described = payload.get("document")
    expected = str(described.get("sha256", "")) if isinstance(described, Mapping) else ""
    if document is None:
        report.add("document", False, "no document given")
    else:
        actual = hashlib.sha256(document).hexdigest()
        same = secrets.compare_digest(actual.encode(), expected.encode())
        report.add("document", same, f"sha256 {actual}" + ("" if same else f", the contract says {expected}"))
    signatures = bundle.get("signatures") or {}
    for party in PARTIES:
        try:
            key = unb64(payload["parties"][party]["public_key"], where=f"{party} public key")
        except (KeyError, TypeError, LicensingError):
            report.add(f"{party} signature", False, f"the payload names no {party} public key")
            continue
        text = signatures.get(party) if isinstance(signatures, Mapping) else None
        if not text:
            report.add(f"{party} signature", False, "not signed")
            continue
        try:
            ok = signature_valid(key, unb64(str(text), where=f"{party} signature"), message)
        except LicensingError:
            ok = False
        report.add(
            f"{party} signature", ok, f"key {fingerprint(key)[:16]}" + ("" if ok else ": does not verify")
        )
    return report


def verify_stored(contract: LicenseContract, data_dir: Path) -> Verification:
    path = document_path(data_dir, contract)
    document = path.read_bytes() if path.exists() else None
    return verify_bundle(contract_bundle(contract), document)


def contract_summary(contract: LicenseContract) -> dict[str, Any]:
    payload = json.loads(bytes(contract.payload))
    return {
        "number": contract.number,
        "licensee": payload["parties"]["licensee"]["ref"],
        "licensee_name": payload["parties"]["licensee"]["name"],
        "license": payload["license"],
        "document": payload["document"],
        "terms": payload["terms"],
        "signed": {party: getattr(contract, f"{party}_signature") is not None for party in PARTIES},
        "signed_at": {party: signed_stamp(getattr(contract, f"{party}_signed_at")) for party in PARTIES},
        "payload_sha256": hashlib.sha256(bytes(contract.payload)).hexdigest(),
    }


def public_key_of(key: Ed25519PrivateKey) -> bytes:
    return raw_public(key)


def _keep_document(folder: Path, sha: str, document: bytes) -> None:
    """Store the document under its hash; written aside then renamed, so it is whole or absent."""
    private_folder(folder)
    target = folder / sha
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == sha:
        return
    tmp = folder / f".{sha}.{secrets.token_hex(6)}.tmp"
    with os.fdopen(open_private(tmp), "wb") as out:
        out.write(document)
    os.replace(tmp, target)


def _next_number(session: Session, year: int) -> str:
    prefix = CONTRACT.of_year(year)
    last = session.scalar(
        select(LicenseContract.number)
        .where(LicenseContract.number.startswith(prefix))
        .order_by(LicenseContract.number.desc())
        .limit(1)
    )
    return CONTRACT.make(year, int(last[len(prefix) :]) + 1 if last else 1)
