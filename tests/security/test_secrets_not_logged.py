"""Secrets never reach a log line, the terminal or the database in clear; keys at rest are sealed
when a passphrase is configured. A full-ish run (tests/security/secret_flow.py) with every logger
at DEBUG, then every byte it logged or printed, and the database file, searched for each secret in
the forms it could leak in (text, hex, base64)."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from eth_tester.backends.pyevm.main import get_default_account_keys

from anchor.keystore import create_keystore
from rightsledger.keys import load_log_key
from tests.paths import REPO
from tests.security import secret_flow as flow

LOG_PASSPHRASE = "log-key-passphrase-4f1c9a"
KEYSTORE_PASSPHRASE = "keystore-passphrase-77d2e0"


def _forms(secret: bytes | str) -> set[bytes]:
    """The ways a secret can appear in a log: as text, hex (both cases), base64 (std, url)."""
    raw = secret.encode() if isinstance(secret, str) else secret
    forms = {raw, raw.hex().encode(), raw.hex().upper().encode()}
    for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        forms.add(encoded.rstrip(b"="))
    return {f for f in forms if len(f) >= 8}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("secrets")
    data_dir = tmp / "data"
    keystore = tmp / "publisher.keystore"
    dev_key = get_default_account_keys()[0].to_bytes()
    # The embedded chain's funded account, imported into an encrypted keystore: the publisher key
    # then comes from the keystore and its passphrase from the environment, as in production.
    create_keystore(keystore, KEYSTORE_PASSPHRASE, private_key=dev_key, iterations=2)
    log_file, secrets_file = tmp / "debug.log", tmp / "made-secrets.json"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "RIGHTS_DATA_DIR": str(data_dir),
        "RIGHTS_LOG_KEY_PASSPHRASE": LOG_PASSPHRASE,
        "RIGHTS_KEYSTORE": str(keystore),
        "RIGHTS_KEYSTORE_PASSPHRASE": KEYSTORE_PASSPHRASE,
        "COLUMNS": "200",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.security.secret_flow", str(log_file), str(secrets_file)],
        env=env,
        cwd=tmp,
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-4000:]
    return {
        "data_dir": data_dir,
        "log": log_file.read_bytes(),
        "terminal": done.stdout + done.stderr,
        "made": json.loads(secrets_file.read_text()),
        "dev_key": dev_key,
    }


def _secrets(run: dict[str, object]) -> dict[str, set[bytes]]:
    data_dir = run["data_dir"]
    assert isinstance(data_dir, Path)
    keys = data_dir / "keys"
    signer = load_log_key(keys / "log.key", LOG_PASSPHRASE)
    skey_material = signer.skey.split("+", 4)[4]  # PRIVATE+KEY+<name>+<key id>+<base64>
    made = run["made"]
    assert isinstance(made, dict)
    named: dict[str, bytes | str] = {
        "log private key": signer.skey,
        "log private key material": base64.b64decode(skey_material)[-32:],
        "data key": (keys / "data.key").read_bytes().strip(),
        "API token secret": (keys / "api-token.key").read_bytes().strip(),
        "log key passphrase": LOG_PASSPHRASE,
        "keystore passphrase": KEYSTORE_PASSPHRASE,
        # Not the publisher key itself: the embedded chain's funded key is 0x00...01, public and
        # found in any binary; its keystore's passphrase stands for it.
        "user password": flow.PASSWORD,
        "API key": made["api_key"],
        "member email": flow.MEMBER_EMAIL,
        "member phone": flow.MEMBER_PHONE,
        "member bank account": flow.MEMBER_IBAN,
        "contact name": flow.CONTACT_NAME,
        "contact phone": flow.CONTACT_PHONE,
        "contact email": flow.CONTACT_EMAIL,
    }
    return {name: _forms(value) for name, value in named.items()}


def test_the_flow_really_logged_at_debug(run: dict[str, object]) -> None:
    log = run["log"]
    assert isinstance(log, bytes)
    assert len(log) > 10_000 and b"DEBUG" in log and b"sqlalchemy.engine" in log
    assert b"GET /v1/me 200" in run["terminal"]  # type: ignore[operator]


def _without_licensee_card(terminal: bytes) -> bytes:
    """The terminal less the output of `licensees add`, which shows the staff member the licensee
    card with the contact person they have just typed in (by design: staff see contacts)."""
    start = terminal.index(b"$ rightsledger licensees add")
    end = terminal.index(b"$ rightsledger", start + 1)
    card = terminal[start:end]
    assert flow.CONTACT_NAME.encode() in card  # the card is there: the cut is the right one
    return terminal[:start] + terminal[end:]


def test_no_secret_in_the_logs_or_the_terminal(run: dict[str, object]) -> None:
    found = []
    for where in ("log", "terminal"):
        text = run[where]
        assert isinstance(text, bytes)
        if where == "terminal":
            text = _without_licensee_card(text)
        for name, forms in _secrets(run).items():
            hits = [form for form in forms if form in text]
            if hits:
                found.append(f"{name} in the {where}: {hits[0][:12]!r}...")
    assert not found, found


def test_no_secret_in_the_database_in_clear(run: dict[str, object]) -> None:
    data_dir = run["data_dir"]
    assert isinstance(data_dir, Path)
    database = b"".join(p.read_bytes() for p in data_dir.glob("*.db*"))
    assert len(database) > 10_000
    found = [
        name
        for name, forms in _secrets(run).items()
        if name not in ("data key",) and any(form in database for form in forms)
    ]
    assert not found, found


def test_keys_are_sealed_at_rest_and_private_to_their_owner(run: dict[str, object]) -> None:
    data_dir = run["data_dir"]
    assert isinstance(data_dir, Path)
    keys = data_dir / "keys"
    sealed = (keys / "log.key").read_text()
    signer = load_log_key(keys / "log.key", LOG_PASSPHRASE)
    assert json.loads(sealed)["format"] == "rightsledger-encrypted-key/v1"
    assert signer.skey not in sealed and "PRIVATE+KEY" not in sealed
    for secret in (keys / "log.key", keys / "data.key", keys / "api-token.key"):
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600, secret
