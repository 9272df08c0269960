"""The log's signing key on disk: created once, readable only by its owner, and encrypted with
scrypt + AES-GCM when a passphrase is configured. The key never reaches a log line or the database."""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ledger.note import Signer, Verifier

_FORMAT = "rightsledger-encrypted-key/v1"


class KeyFileError(Exception):
    """The key file is missing, unreadable, or the passphrase is wrong."""


def _kdf(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def _seal(skey: str, passphrase: str) -> str:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_kdf(passphrase, salt)).encrypt(nonce, skey.encode(), _FORMAT.encode())
    doc = {"format": _FORMAT, "kdf": "scrypt", "n": 2**15, "r": 8, "p": 1}
    doc |= {
        k: base64.b64encode(v).decode() for k, v in (("salt", salt), ("nonce", nonce), ("sealed", sealed))
    }
    return json.dumps(doc) + "\n"


def _open(text: str, passphrase: str | None, path: Path) -> str:
    if text.startswith("PRIVATE+KEY+"):
        return text.strip()
    try:
        doc = json.loads(text)
        salt, nonce, sealed = (base64.b64decode(doc[k]) for k in ("salt", "nonce", "sealed"))
    except (ValueError, KeyError, TypeError):
        raise KeyFileError(f"{path}: neither a signer key nor an encrypted key file") from None
    if doc.get("format") != _FORMAT:
        raise KeyFileError(f"{path}: unknown key file format {doc.get('format')!r}")
    if not passphrase:
        raise KeyFileError(f"{path} is encrypted: set RIGHTS_LOG_KEY_PASSPHRASE")
    try:
        return AESGCM(_kdf(passphrase, salt)).decrypt(nonce, sealed, _FORMAT.encode()).decode()
    except InvalidTag:
        raise KeyFileError(f"{path}: wrong passphrase (or the file was altered)") from None


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)
    os.replace(tmp, path)  # atomic: a crash never leaves half a key


def create_log_key(path: Path, origin: str, passphrase: str | None = None) -> Signer:
    """Generate the log key named after the log's origin; refuse to overwrite an existing one."""
    if path.exists():
        raise KeyFileError(f"{path} already exists: a log keeps its key (rotate it deliberately)")
    signer = Signer.generate(origin)
    _write_private(path, _seal(signer.skey, passphrase) if passphrase else signer.skey + "\n")
    path.with_suffix(".vkey").write_text(signer.verifier().vkey + "\n")
    return signer


def load_log_key(path: Path, passphrase: str | None = None) -> Signer:
    if not path.exists():
        raise KeyFileError(f"{path} does not exist: run `rightsledger init` first")
    return Signer.from_skey(_open(path.read_text(), passphrase, path))


def load_or_create_log_key(path: Path, origin: str, passphrase: str | None = None) -> Signer:
    return load_log_key(path, passphrase) if path.exists() else create_log_key(path, origin, passphrase)


def read_verifier_key(path: Path) -> Verifier:
    return Verifier.from_vkey(path.read_text())
