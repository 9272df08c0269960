"""`rightsledger contracts sign-payload`: a licensee signs a contract's payload on its own machine,
with no database and no network; what it writes verifies over the file's exact bytes."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner

from registry.services.licensing.signing_keys import private_pem
from rightsledger.cli import app


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["contracts", "sign-payload", *args])
    return result.exit_code, " ".join(result.output.split())


def test_the_signature_is_over_the_exact_payload_bytes(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    pem = tmp_path / "key.pem"
    pem.write_bytes(private_pem(key, "secret passphrase"))
    payload = tmp_path / "CT-2026-000001.payload.json"
    payload.write_bytes(json.dumps({"number": "CT-2026-000001", "terms": {"fee": "一千"}}).encode())

    code, out = _invoke(str(payload), "--key", str(pem), "--key-passphrase", "secret passphrase")
    assert code == 0
    key.public_key().verify(base64.b64decode(out), payload.read_bytes())  # raises if it does not verify

    written = tmp_path / "ct.sig"
    code, out = _invoke(
        str(payload), "--key", str(pem), "--key-passphrase", "secret passphrase", "--out", str(written)
    )
    assert code == 0 and "CT-2026-000001: signature written to" in out
    key.public_key().verify(base64.b64decode(written.read_text()), payload.read_bytes())


def test_a_file_that_is_no_payload_and_a_wrong_passphrase_are_refused_in_words(tmp_path: Path) -> None:
    pem = tmp_path / "key.pem"
    pem.write_bytes(private_pem(Ed25519PrivateKey.generate(), "secret passphrase"))
    document = tmp_path / "contract.pdf"
    document.write_bytes(b"%PDF-1.7 not a payload")
    code, out = _invoke(str(document), "--key", str(pem), "--key-passphrase", "secret passphrase")
    assert code != 0 and "is not a contract payload" in out
    payload = tmp_path / "p.json"
    payload.write_text('{"number": "CT-1"}')
    code, out = _invoke(str(payload), "--key", str(pem), "--key-passphrase", "wrong")
    assert code != 0 and "passphrase is wrong" in out
