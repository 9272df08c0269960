"""E-contracts: the document kept by hash, both parties' Ed25519 signatures over the canonical
payload, verification by anyone holding bundle and document, tampering detected, and the private
`contract` entry appended only once both have signed."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.canonical import canonical_bytes
from registry.crypto import FieldCipher
from registry.ledger_writer import history
from registry.models import LicenseContract, entry_table
from registry.services.licensing.econtracts import (
    ContractInput,
    add_signature,
    contract_bundle,
    create_contract,
    find_contract,
    sign_as_cmo,
    sign_as_licensee,
    verify_bundle,
    verify_stored,
)
from registry.services.licensing.errors import LicensingError
from registry.services.licensing.licensees import generate_signing_key, register_signing_key
from registry.services.licensing.signing_keys import load_private_pem, public_pem, raw_public
from tests.registry.licensing.builders import issue, tariff, venue

DOCUMENT = "卡拉OK著作权许可合同\n许可期限：2026年1月1日至2026年12月31日\n".encode() * 20
TERMS = {"annual_fee_fen": 892800 * 12, "payment": "monthly, 30 days", "rooms": 24}


@pytest.fixture
def cmo_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _draft(session: Session, cipher: FieldCipher, tmp_path: Path, cmo_key: Ed25519PrivateKey):
    tariff(session)
    licensee = venue(session, cipher)
    pem = generate_signing_key(licensee)
    license = issue(session, licensee)
    contract = create_contract(
        session,
        tmp_path,
        raw_public(cmo_key),
        ContractInput(
            licensee=licensee.ref,
            license=license.number,
            document=DOCUMENT,
            document_name="license-contract.pdf",
            terms=TERMS,
            cmo_name="中国音像著作权集体管理协会",
            created_on=date(2026, 1, 1),
        ),
    )
    return contract, load_private_pem(pem)


def _contract_entries(session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(entry_table).where(entry_table.c.kind == "contract")
    ).scalar_one()


def test_both_sign_then_the_private_contract_entry_is_recorded(
    session: Session, cipher: FieldCipher, tmp_path: Path, cmo_key: Ed25519PrivateKey
) -> None:
    contract, licensee_key = _draft(session, cipher, tmp_path, cmo_key)
    sha = hashlib.sha256(DOCUMENT).hexdigest()
    assert contract.number == "CT-2026-000001" and contract.document_sha256 == sha
    assert (tmp_path / "contracts" / sha).read_bytes() == DOCUMENT
    payload = json.loads(contract.payload)
    assert canonical_bytes(payload) == bytes(contract.payload)  # stored exactly as RFC 8785
    assert payload["parties"]["cmo"]["public_key"] == base64.b64encode(raw_public(cmo_key)).decode()

    sign_as_cmo(session, contract.number, cmo_key)
    assert _contract_entries(session) == 0  # one signature is not a contract
    assert not verify_stored(contract, tmp_path).valid
    sign_as_licensee(session, contract.number, licensee_key)
    [entry] = history(session, "contract", contract.number)
    assert entry.private and entry.salt is not None
    assert entry.body["payload"] == payload and entry.body["payload"]["terms"] == TERMS
    assert set(entry.body["signatures"]) == {"cmo", "licensee"}
    report = verify_stored(contract, tmp_path)
    assert report.valid, report.to_dict()
    assert [s for s, _, _ in report.steps] == ["payload", "document", "cmo signature", "licensee signature"]
    # The entry alone is enough to verify the signatures (whoever is shown it, with its salt).
    assert verify_bundle(
        {"payload": entry.body["payload"], "signatures": entry.body["signatures"]}, DOCUMENT
    ).valid
    with pytest.raises(LicensingError, match="already signed by the cmo"):
        sign_as_cmo(session, contract.number, cmo_key)
    assert _contract_entries(session) == 1


def test_a_changed_byte_in_document_or_payload_fails_verification(
    session: Session, cipher: FieldCipher, tmp_path: Path, cmo_key: Ed25519PrivateKey
) -> None:
    contract, licensee_key = _draft(session, cipher, tmp_path, cmo_key)
    sign_as_cmo(session, contract.number, cmo_key)
    sign_as_licensee(session, contract.number, licensee_key)
    bundle = contract_bundle(contract)
    assert verify_bundle(bundle, DOCUMENT).valid

    altered = bytearray(DOCUMENT)
    altered[100] ^= 0x01
    report = verify_bundle(bundle, bytes(altered))
    assert not report.valid and [s for s, ok, _ in report.steps if not ok] == ["document"]

    tampered = copy.deepcopy(bundle)
    tampered["payload"]["terms"]["annual_fee_fen"] -= 1  # one fen less
    report = verify_bundle(tampered, DOCUMENT)
    assert [s for s, ok, _ in report.steps if not ok] == ["cmo signature", "licensee signature"]

    swapped = copy.deepcopy(bundle)  # a signature moved to the other party fails too
    swapped["signatures"]["licensee"] = bundle["signatures"]["cmo"]
    assert [s for s, ok, _ in verify_bundle(swapped, DOCUMENT).steps if not ok] == ["licensee signature"]


def test_a_signature_over_different_bytes_is_refused_and_nothing_written(
    session: Session, cipher: FieldCipher, tmp_path: Path, cmo_key: Ed25519PrivateKey
) -> None:
    contract, licensee_key = _draft(session, cipher, tmp_path, cmo_key)
    sign_as_cmo(session, contract.number, cmo_key)
    wrong = licensee_key.sign(bytes(contract.payload) + b" ")
    with pytest.raises(LicensingError, match="does not verify over CT-2026-000001"):
        add_signature(session, contract, "licensee", wrong)
    stranger = Ed25519PrivateKey.generate().sign(bytes(contract.payload))
    with pytest.raises(LicensingError, match="with a key other than"):
        add_signature(session, contract, "licensee", stranger)
    assert find_contract(session, contract.number).licensee_signature is None
    assert _contract_entries(session) == 0


def test_a_licensee_may_register_its_own_key(
    session: Session, cipher: FieldCipher, tmp_path: Path, cmo_key: Ed25519PrivateKey
) -> None:
    licensee = venue(session, cipher, 5)
    with pytest.raises(LicensingError, match="has no signing key"):
        create_contract(
            session,
            tmp_path,
            raw_public(cmo_key),
            ContractInput(
                licensee=licensee.ref, document=b"x", document_name="c.pdf", terms={"a": 1}, cmo_name="CMO"
            ),
        )
    own = Ed25519PrivateKey.generate()
    register_signing_key(licensee, public_pem(own.public_key()))
    assert licensee.signing_key_origin == "registered"
    with pytest.raises(LicensingError, match="not a PEM public key"):
        register_signing_key(licensee, b"-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n")
    with pytest.raises(LicensingError, match="strings and integers"):
        create_contract(
            session,
            tmp_path,
            raw_public(cmo_key),
            ContractInput(
                licensee=licensee.ref,
                document=b"x",
                document_name="c.pdf",
                terms={"fee": 1.5},
                cmo_name="CMO",
            ),
        )
    contract = create_contract(
        session,
        tmp_path,
        raw_public(cmo_key),
        ContractInput(
            licensee=licensee.ref, document=b"doc", document_name="c.pdf", terms={"a": 1}, cmo_name="CMO"
        ),
    )
    sign_as_licensee(session, contract.number, own)
    sign_as_cmo(session, contract.number, cmo_key)
    assert verify_stored(contract, tmp_path).valid
    assert session.execute(select(func.count()).select_from(LicenseContract)).scalar_one() == 1


@pytest.mark.parametrize(
    "bundle",
    [
        {},
        {"payload": "text"},
        {"payload": {"format": "other/v1"}},
        {"payload": {"format": "rightsledger-econtract/v1", "document": "x", "fee": 1.5}},
        {"payload": {"format": "rightsledger-econtract/v1", "document": {"sha256": "é"}, "parties": []}},
        {"payload": {"format": "rightsledger-econtract/v1"}, "signatures": ["x"]},
    ],
)
def test_a_malformed_bundle_is_invalid_not_a_crash(bundle: dict) -> None:
    report = verify_bundle(bundle, DOCUMENT)
    assert not report.valid and report.steps
