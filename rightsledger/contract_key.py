"""The CMO's e-contract signing key: an Ed25519 key of its own, never the log key.

Kept in <data dir>/keys/contract.key as PKCS#8 PEM, readable by its owner only, encrypted when
RIGHTS_CONTRACT_KEY_PASSPHRASE is set; its public half beside it in contract.pub, so drafting a
contract (which names the CMO's public key) needs no passphrase."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from registry.services.licensing.signing_keys import (
    load_private_pem,
    load_public_pem,
    new_private_key,
    private_pem,
    public_pem,
    raw_public,
)
from rightsledger.keys import KeyFileError
from rightsledger.settings import Settings

KEY_NAME = "contract.key"


def contract_key_file(data_dir: Path) -> Path:
    return data_dir / "keys" / KEY_NAME


def create_contract_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    if path.exists():
        raise KeyFileError(f"{path} already exists: the CMO keeps its contract key")
    key = new_private_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(private_pem(key, passphrase))
    os.replace(tmp, path)  # whole or absent
    path.with_suffix(".pub").write_bytes(public_pem(key.public_key()))
    return key


def load_contract_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    if not path.exists():
        raise KeyFileError(f"{path} does not exist: the CMO has no contract signing key yet")
    return load_private_pem(path.read_bytes(), passphrase, where=str(path))


def load_or_create_contract_key(path: Path, passphrase: str | None = None) -> Ed25519PrivateKey:
    return load_contract_key(path, passphrase) if path.exists() else create_contract_key(path, passphrase)


def contract_public_key(path: Path, passphrase: str | None = None) -> bytes:
    """The raw public key: from contract.pub, creating the key pair on first use."""
    pub = path.with_suffix(".pub")
    if not path.exists():
        create_contract_key(path, passphrase)
    return raw_public(load_public_pem(pub.read_bytes(), where=str(pub)))


def settings_passphrase(settings: Settings) -> str | None:
    secret = settings.contract_key_passphrase
    return secret.get_secret_value() if secret else None
