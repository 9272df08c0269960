"""Field encryption: members' contact and bank details are sealed before they reach a column.

AES-256-GCM with a random 96-bit nonce per value. The associated data names the table, column
and row id, so a sealed value copied into another row (or another column) fails to open instead
of silently becoming that member's bank account. Sealed values never go to the ledger or a log.

The data key is 32 random bytes: from the environment (RIGHTS_DATA_KEY, base64) when set, else
from a key file in the data directory, created with mode 0600 on first use. Losing the key loses
the sealed fields: back it up apart from the database (a database dump alone reveals nothing).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from registry.errors import RegistryError

KEY_ENV = "RIGHTS_DATA_KEY"
KEY_BYTES = 32
_NONCE_BYTES = 12
_FORMAT = b"\x01"  # first byte of every sealed value: lets a later key or scheme coexist
_CONTEXT = b"rightsledger-field/v1"


class DataKeyError(RegistryError):
    """The data key is missing, malformed or unreadable."""


class FieldDecryptionError(RegistryError):
    """A sealed value does not open: wrong key, altered bytes, or moved from another row."""


class FieldCipher:
    """Seals and opens JSON-able values bound to (table, column, row id)."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise DataKeyError(f"the data key must be {KEY_BYTES} bytes, got {len(key)}")
        self._aead = AESGCM(key)

    def __repr__(self) -> str:
        return "FieldCipher(<key hidden>)"

    def encrypt(self, value: Any, *, table: str, column: str, row_id: int | str) -> bytes:
        plain = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain, _associated(table, column, row_id))
        return _FORMAT + nonce + sealed

    def decrypt(self, blob: bytes, *, table: str, column: str, row_id: int | str) -> Any:
        blob = bytes(blob)
        where = f"{table}.{column} of row {row_id}"
        if blob[:1] != _FORMAT or len(blob) < 1 + _NONCE_BYTES + 16:
            raise FieldDecryptionError(f"{where} is not a sealed value of a known format")
        nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
        try:
            plain = self._aead.decrypt(nonce, sealed, _associated(table, column, row_id))
        except InvalidTag:
            raise FieldDecryptionError(
                f"{where} does not open: wrong data key, altered, or moved from another row"
            ) from None
        return json.loads(plain)


def _associated(table: str, column: str, row_id: int | str) -> bytes:
    return b"\x00".join((_CONTEXT, table.encode(), column.encode(), str(row_id).encode()))


def load_or_create_data_key(path: Path, environ: Mapping[str, str] | None = None) -> bytes:
    """The data key: RIGHTS_DATA_KEY (base64) when set, else the key file, created if missing."""
    env = os.environ if environ is None else environ
    if env.get(KEY_ENV):
        return _decode(env[KEY_ENV], KEY_ENV)
    if path.exists():
        return _decode(path.read_text(), str(path))
    _create_key_file(path)
    return _decode(path.read_text(), str(path))


def field_cipher(path: Path, environ: Mapping[str, str] | None = None) -> FieldCipher:
    return FieldCipher(load_or_create_data_key(path, environ))


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise DataKeyError(f"{where}: the data key is not base64") from None
    if len(key) != KEY_BYTES:
        raise DataKeyError(f"{where}: the data key must be {KEY_BYTES} bytes, got {len(key)}")
    return key


def _create_key_file(path: Path) -> None:
    """Write a new key, readable by its owner only. Written aside then linked into place: the key
    file appears whole or not at all, and of two processes starting at once only one key wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode() + "\n")
        with contextlib.suppress(FileExistsError):  # another process created it first: use theirs
            os.link(tmp, path)
    finally:
        tmp.unlink()
