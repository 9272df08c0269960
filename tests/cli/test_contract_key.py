"""The CMO's e-contract key: its own Ed25519 key file (not the log key), owner-only, encrypted
when a passphrase is set."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from registry.services.licensing.errors import LicensingError
from registry.services.licensing.signing_keys import raw_public
from rightsledger.contract_key import (
    contract_key_file,
    contract_public_key,
    create_contract_key,
    load_contract_key,
    load_or_create_contract_key,
)
from rightsledger.keys import KeyFileError, create_log_key


def test_an_encrypted_key_needs_its_passphrase(tmp_path: Path) -> None:
    path = contract_key_file(tmp_path)
    key = create_contract_key(path, "correct horse")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes()
    assert raw_public(load_contract_key(path, "correct horse")) == raw_public(key)
    assert contract_public_key(path) == raw_public(key)  # the public half needs no passphrase
    with pytest.raises(LicensingError):
        load_contract_key(path, "wrong")
    with pytest.raises(LicensingError):
        load_contract_key(path)
    with pytest.raises(KeyFileError, match="already exists"):
        create_contract_key(path)


def test_it_is_not_the_log_key(tmp_path: Path) -> None:
    log = create_log_key(tmp_path / "keys" / "log.key", "cmo.example/log")
    key = load_or_create_contract_key(contract_key_file(tmp_path))
    assert contract_key_file(tmp_path) != tmp_path / "keys" / "log.key"
    log_public = base64.b64decode(log.verifier().vkey.split("+", 2)[2])[1:]  # C2SP vkey: 0x01 || key
    assert len(log_public) == 32 and log_public != raw_public(key)
    assert raw_public(load_or_create_contract_key(contract_key_file(tmp_path))) == raw_public(key)
