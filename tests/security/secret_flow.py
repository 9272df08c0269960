"""A full-ish run of RightsLedger with every logger at DEBUG into one file, for
test_secrets_not_logged.py: `python -m tests.security.secret_flow <log file> <secrets file>`.

Settings come from the environment (RIGHTS_DATA_DIR, the passphrases). The flow: `rightsledger
init`, a licensee with a contact person (CLI), a member with contact and bank details, API users
with passwords and an API key, `rightsledger anchor` through the encrypted keystore, then the API:
password login, the member's own pages with the token and with the API key, a proof. The secrets
the flow makes (API key) go to <secrets file> for the test to look for; nothing prints them."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from registry.api import create_app
from registry.crypto import field_cipher
from registry.services.access.users import issue_api_key
from rightsledger.cli import app as cli_app
from rightsledger.commands.serve import api_settings
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings
from tests.society.access import add_users, log_in
from tests.society.members import add_member

MEMBER_EMAIL = "wang.secret-mail@example.cn"
MEMBER_PHONE = "+86 138 0013 8000"
MEMBER_IBAN = "CN77 SECRET 4242 9999 0001"
CONTACT_NAME = "Zhang Secretperson"
CONTACT_PHONE = "+86 139 7777 6543"
CONTACT_EMAIL = "zhang.contact-secret@example.cn"
PASSWORD = "Tr0ub4dor&3-very-secret-password"


def cli(*args: str) -> None:
    print(f"$ rightsledger {' '.join(args)}", flush=True)
    try:
        cli_app(list(args), standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover - a failing command fails the test
        if exc.code:
            raise


def main(log_file: Path, secrets_file: Path) -> None:
    logging.basicConfig(
        level=logging.DEBUG,
        filename=log_file,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
        force=True,
    )
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "httpx", "httpcore", "web3", "uvicorn", "fastapi"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    cli("init")
    cli(
        "licensees",
        "add",
        "--kind",
        "karaoke_venue",
        "--name",
        "金嗓子 KTV",
        "--city",
        "上海",
        "--rooms",
        "8",
        "--contact-name",
        CONTACT_NAME,
        "--contact-phone",
        CONTACT_PHONE,
        "--contact-email",
        CONTACT_EMAIL,
    )
    settings = load_settings()
    cipher = field_cipher(settings.data_key_file)
    with unit_of_work(settings) as session:
        member = add_member(
            session,
            cipher,
            "Wang",
            first_name="Lan",
            ipi=4242,
            joined_on=date(2022, 1, 1),
            contact={"email": MEMBER_EMAIL, "phone": MEMBER_PHONE},
            bank={"iban": MEMBER_IBAN},
        )
        users = add_users(session, PASSWORD, members={"wang": member.id}, staff=("admin",))
        api_key = issue_api_key(session, users["wang"])
        member_id = member.ledger_id
    secrets_file.write_text(json.dumps({"api_key": api_key}))
    cli("anchor")
    cli("checkpoints")
    with TestClient(create_app(api_settings(settings))) as client:
        bearer = log_in(client, "wang", PASSWORD)
        wrong = client.post("/v1/auth/token", data={"username": "wang", "password": PASSWORD + "x"})
        assert wrong.status_code == 401, wrong.text
        for headers in (bearer, {"X-API-Key": api_key}, {"X-API-Key": api_key + "x"}):
            print("GET /v1/me", client.get("/v1/me", headers=headers).status_code, flush=True)
        auth = log_in(client, "admin", PASSWORD)
        print("anchoring", client.post("/v1/admin/anchoring/run", headers=auth).status_code, flush=True)
        print("proof", client.get(f"/v1/proofs/{member_id}", headers=bearer).status_code, flush=True)
        print("log", client.get("/v1/log").json()["tree_size"], flush=True)
    cli("proof", member_id, "--output", str(settings.data_dir / "member.rlproof"))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
