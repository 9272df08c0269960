"""The licensing and distribution areas' audit checks: licenses and contracts against their rows,
contract signatures, and every distribution run's conservation, as `rightsledger audit` runs them."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ledger.note import Signer
from registry.audit.run import audit
from registry.crypto import field_cipher
from registry.models import License, LicenseContract
from registry.services.distribution.runs import distribute
from registry.services.enforcement.evidence_uploads import record_uploaded_evidence
from rightsledger.demodata.licensing import seed_licensing
from tests.registry.audit.tamper import bypass_triggers
from tests.registry.royalty.test_distribution import RULES
from tests.society.catalogue import build_catalogue
from tests.society.usage import REPORTS, usage_frame

VERIFIER = Signer.generate("business.test/log").verifier()


def _findings(session: Session) -> list[str]:
    return [f.line() for f in audit(session, verifier=VERIFIER).findings]


def _licensing(session: Session, tmp_path: Path) -> None:
    seed_licensing(
        session, field_cipher(tmp_path / "data.key"), tmp_path, seed=3, venues=3, platforms=1, shops=1,
        period="2026-03",
    )  # fmt: skip
    session.flush()


def test_a_license_row_changed_without_a_new_version_is_named(session: Session, tmp_path: Path) -> None:
    _licensing(session, tmp_path)
    assert _findings(session) == []
    number = session.scalars(select(License.number).order_by(License.number)).first()
    session.execute(
        text("UPDATE license SET territory = 'XX' WHERE number = :n"), {"n": number}
    )  # a state table: the service would have recorded a new version; this did not
    session.expire_all()
    lines = _findings(session)
    assert any(f"license {number}" in line and "territory" in line for line in lines), lines


def test_a_contract_whose_signature_was_swapped_is_named(session: Session, tmp_path: Path) -> None:
    _licensing(session, tmp_path)
    contract = session.scalars(
        select(LicenseContract).where(LicenseContract.licensee_signature.is_not(None))
    ).first()
    assert contract is not None
    number, cmo = contract.number, contract.cmo_signature
    session.execute(
        text("UPDATE license_contract SET licensee_signature = :s WHERE number = :n"), {"s": cmo, "n": number}
    )
    session.expire_all()
    lines = _findings(session)
    assert any(f"contract {number}" in line and "licensee_signature" not in line for line in lines), lines


def test_a_distribution_run_that_no_longer_adds_up_is_named(session: Session) -> None:
    catalogue = build_catalogue(session)
    usage = usage_frame([(catalogue.recordings[0], None, 12, True), (None, None, 3, False)])
    result = distribute(
        session, period="2026-03", source="karaoke", usage=usage, pool=1_000_000, reports=REPORTS, rules=RULES
    )
    session.flush()
    # (the test catalogue's parties are written without member entries: only conservation matters)
    assert not [line for line in _findings(session) if "conservation" in line]
    bypass_triggers(session.connection())
    session.execute(text("UPDATE distribution_run SET pool = pool + 1 WHERE id = :i"), {"i": result.run_id})
    session.expire_all()
    lines = _findings(session)
    assert any(
        "distribution conservation" in line and "lines + deduction + reserve" in line for line in lines
    )


def _distributed(session: Session) -> int:
    catalogue = build_catalogue(session)
    usage = usage_frame([(catalogue.recordings[0], None, 12, True), (None, None, 3, False)])
    result = distribute(
        session, period="2026-03", source="karaoke", usage=usage, pool=1_000_000, reports=REPORTS, rules=RULES
    )
    session.flush()
    bypass_triggers(session.connection())
    return result.run_id


def test_a_damaged_lines_file_is_a_finding_not_a_crash(session: Session) -> None:
    run_id = _distributed(session)
    session.execute(
        text("UPDATE distribution_lines_file SET content = :c WHERE run_id = :i"),
        {"c": b"PAR1 not a parquet file PAR1", "i": run_id},
    )
    lines = _findings(session)
    assert any("its lines file does not match its SHA-256" in line for line in lines), lines


def test_an_unreadable_lines_file_with_a_matching_hash_is_a_finding_not_a_crash(session: Session) -> None:
    """The attacker rewrote the hash too: the file cannot be read, the audit says so and goes on."""
    run_id = _distributed(session)
    damaged = b"PAR1 not a parquet file PAR1"
    session.execute(
        text("UPDATE distribution_lines_file SET content = :c, sha256 = :h WHERE run_id = :i"),
        {"c": damaged, "h": hashlib.sha256(damaged).hexdigest(), "i": run_id},
    )
    lines = _findings(session)
    assert any(
        line.startswith("[run] (distribution conservation") and "could not be checked: ComputeError" in line
        for line in lines
    ), lines


def test_a_contract_payload_that_is_not_json_is_named(session: Session, tmp_path: Path) -> None:
    _licensing(session, tmp_path)
    number = session.scalars(
        select(LicenseContract.number).where(LicenseContract.licensee_signature.is_not(None))
    ).first()
    bypass_triggers(session.connection())
    session.execute(
        text("UPDATE license_contract SET payload = :p WHERE number = :n"),
        {"p": b"\xff{not json", "n": number},
    )
    session.expire_all()
    lines = _findings(session)
    assert any(f"contract {number}" in line and "cannot be read" in line for line in lines), lines


def test_a_contract_document_changed_or_deleted_is_named(session: Session, tmp_path: Path) -> None:
    _licensing(session, tmp_path)
    report = audit(session, verifier=VERIFIER, data_dir=tmp_path)
    assert report.findings == [] and report.counts["contract documents"] >= 1, report.findings
    first, *_others = sorted((tmp_path / "contracts").iterdir())
    raw = bytearray(first.read_bytes())
    raw[0] ^= 0x20
    first.write_bytes(bytes(raw))
    lines = [f.line() for f in audit(session, verifier=VERIFIER, data_dir=tmp_path).findings]
    assert len(lines) == 1 and f"document {first.name}" in lines[0] and "SHA-256 is" in lines[0], lines
    first.unlink()
    lines = [f.line() for f in audit(session, verifier=VERIFIER, data_dir=tmp_path).findings]
    assert len(lines) == 1 and lines[0].endswith("the file is missing"), lines


def test_an_evidence_file_kept_by_the_registry_changed_is_named(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    entry = record_uploaded_evidence(session, io.BytesIO(b"room 7, 21:05\n"), "log.txt", folder, case="C-1")
    session.flush()
    kept = folder / "evidence" / str(entry.body["sha256"])
    assert audit(session, verifier=VERIFIER, data_dir=tmp_path).counts["evidence files"] == 1
    kept.write_bytes(b"room 7, 21:06\n")
    lines = [f.line() for f in audit(session, verifier=VERIFIER, data_dir=tmp_path).findings]
    assert len(lines) == 1 and f"evidence file {kept.name}" in lines[0] and "SHA-256 is" in lines[0], lines


def test_sealed_details_overwritten_with_random_bytes_are_named(session: Session, tmp_path: Path) -> None:
    _licensing(session, tmp_path)
    cipher = field_cipher(tmp_path / "data.key")
    report = audit(session, verifier=VERIFIER, cipher=cipher)
    assert report.findings == [] and report.counts["sealed values"] >= 1, report.findings
    contact_id, blob = session.execute(text("SELECT id, details_sealed FROM licensee_contact LIMIT 1")).one()
    bypass_triggers(session.connection())
    session.execute(
        text("UPDATE licensee_contact SET details_sealed = :b WHERE id = :i"),
        {"b": bytes(blob)[:1] + os.urandom(len(bytes(blob)) - 1), "i": contact_id},
    )
    lines = [f.line() for f in audit(session, verifier=VERIFIER, cipher=cipher).findings]
    assert lines == [
        f"[sealed] (licensee_contact {contact_id}): details_sealed does not open: FieldDecryptionError: "
        f"licensee_contact.details_sealed of row {contact_id} does not open: wrong data key, altered, "
        "or moved from another row"
    ], lines


def test_a_contract_payload_rewritten_as_text_is_named_plainly(session: Session, tmp_path: Path) -> None:
    """SQLite stores what it is given: a payload written back as text is not the signed bytes."""
    _licensing(session, tmp_path)
    number = session.scalars(
        select(LicenseContract.number).where(LicenseContract.licensee_signature.is_not(None))
    ).first()
    bypass_triggers(session.connection())
    rewrite = text("UPDATE license_contract SET payload = :p WHERE number = :n")
    session.execute(rewrite, {"p": '{"terms": {}}', "n": number})
    session.expire_all()
    lines = _findings(session)
    assert any(f"contract {number}" in line and "payload" in line for line in lines), lines
    assert not any("string argument without an encoding" in line for line in lines), lines
