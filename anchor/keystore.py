"""The publisher's key at rest: a standard (V3, scrypt) Ethereum keystore JSON file, the format
Geth, Foundry (`cast wallet`) and eth-account read and write.

The passphrase comes from the caller, else `RIGHTS_KEYSTORE_PASSPHRASE`, else the file named by
`RIGHTS_KEYSTORE_PASSPHRASE_FILE` (e.g. a mounted secret). Errors name the keystore file, never
the passphrase.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from eth_account import Account

from anchor.errors import KeystoreError

# Names of environment variables, not secrets.
PASSPHRASE_ENV = "RIGHTS_KEYSTORE_PASSPHRASE"  # noqa: S105
PASSPHRASE_FILE_ENV = "RIGHTS_KEYSTORE_PASSPHRASE_FILE"  # noqa: S105


def create_keystore(
    path: Path, passphrase: str, *, private_key: bytes | None = None, iterations: int | None = None
) -> str:
    """Encrypt a new random key (or `private_key`, to import one) into a keystore file at `path`,
    mode 0600, written atomically; return its address. An existing file is never overwritten:
    it may hold the only copy of a key. `iterations` lowers the scrypt cost (tests only)."""
    if not passphrase:
        raise KeystoreError(f"refusing to create keystore {path} with an empty passphrase")
    if path.exists():
        raise KeystoreError(f"keystore {path} already exists; refusing to overwrite it")
    account = Account.from_key(private_key) if private_key is not None else Account.create()
    document = Account.encrypt(account.key, passphrase, kdf="scrypt", iterations=iterations)
    _write_private(path, json.dumps(document).encode())
    return str(account.address)


def decrypt_keystore(path: Path, passphrase: str | None) -> bytes:
    """The private key in the keystore at `path`. KeystoreError if the file is missing or not a
    keystore, if there is no passphrase, or if it is wrong."""
    if passphrase is None:
        raise KeystoreError(
            f"no passphrase for keystore {path}: set {PASSPHRASE_ENV} or {PASSPHRASE_FILE_ENV}"
        )
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise KeystoreError(f"keystore {path} does not exist") from None
    except (OSError, ValueError) as exc:
        raise KeystoreError(f"cannot read keystore {path}: {type(exc).__name__}") from None
    try:
        return bytes(Account.decrypt(document, passphrase))
    except ValueError as exc:
        # eth-keyfile says "MAC mismatch" for a wrong passphrase; other ValueErrors are bad files.
        if "MAC mismatch" in str(exc):
            raise KeystoreError(f"wrong passphrase for keystore {path}") from None
        raise KeystoreError(f"keystore {path} is not a valid V3 keystore: {exc}") from None
    except (KeyError, TypeError, NotImplementedError) as exc:
        raise KeystoreError(f"keystore {path} is not a valid V3 keystore ({type(exc).__name__})") from None


def read_passphrase(env: Mapping[str, str] | None = None) -> str | None:
    """The passphrase from `RIGHTS_KEYSTORE_PASSPHRASE`, else from the file named by
    `RIGHTS_KEYSTORE_PASSPHRASE_FILE` (one trailing newline dropped), else None."""
    env = os.environ if env is None else env
    if env.get(PASSPHRASE_ENV):
        return env[PASSPHRASE_ENV]
    file = env.get(PASSPHRASE_FILE_ENV)
    if not file:
        return None
    try:
        text = Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise KeystoreError(f"cannot read the passphrase file {file}: {exc.strerror}") from None
    return text.removesuffix("\n").removesuffix("\r")


def _write_private(path: Path, data: bytes) -> None:
    # Created 0600 from the start (no window where others could read it), then renamed into
    # place so a crash never leaves a half-written keystore.
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
