"""The licensing commands as the licensing department runs them, on SQLite and PostgreSQL:
the happy path with --json, and bad input that gives one error line and writes nothing."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from registry.ledger_writer import history
from registry.models import LICENSING_TABLES, entry_table
from registry.services.licensing.signing_keys import load_private_pem
from rightsledger.cli import app
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings
from tests.registry.licensing.builders import uscc

runner = CliRunner()
ROOM_DAY = json.dumps({"rate_fen": 1080, "province_rates_fen": {"GD": 1200}})


@pytest.fixture
def env(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RIGHTS_DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)
    code, out = _run("init")
    assert code == 0, out
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # notes go to stderr, the JSON alone to stdout


def _counts() -> dict[str, int]:
    with unit_of_work(load_settings()) as session:
        counts = {
            t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in LICENSING_TABLES
        }
        counts["ledger_entry"] = session.execute(select(func.count()).select_from(entry_table)).scalar_one()
    return counts


def _setup(env: Path) -> dict:
    _json(
        "tariffs",
        "add",
        "--code",
        "KTV",
        "--name",
        "KTV room-day",
        "--formula",
        "karaoke_room_day",
        "--params",
        ROOM_DAY,
        "--from",
        "2026-01-01",
    )
    _json(
        "tariffs",
        "add",
        "--code",
        "BGM",
        "--name",
        "background music",
        "--formula",
        "flat_annual",
        "--params",
        '{"annual_fen": 36500}',
        "--from",
        "2026-01-01",
        "--applies-to",
        "shop",
    )
    venue = _json(
        "licensees",
        "add",
        "--kind",
        "karaoke_venue",
        "--name",
        "金嗓子KTV",
        "--uscc",
        uscc(1),
        "--city",
        "深圳",
        "--province",
        "广东",
        "--lat",
        "22.543096",
        "--lon",
        "114.057865",
        "--rooms",
        "10",
        "--contact-name",
        "王芳",
        "--contact-phone",
        "13912345678",
        "--generate-key",
        str(env / "venue.pem"),
    )
    license = _json(
        "licenses",
        "issue",
        "--licensee",
        venue["ref"],
        "--tariff",
        "KTV",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--on",
        "2026-01-01",
    )
    return {"venue": venue, "license": license}


def test_the_licensing_department_end_to_end(env: Path) -> None:
    made = _setup(env)
    assert made["venue"]["province"] == "GD" and made["venue"]["signing_key_origin"] == "generated"
    assert (env / "venue.pem").stat().st_mode & 0o777 == 0o600
    number = made["license"]["number"]
    assert (number, made["license"]["status"]) == ("LIC-2026-000001", "active")
    shown = _json("licensees", "show", made["venue"]["ref"])
    assert shown["contacts"][0]["phone"] == "13912345678" and shown["licenses"][0]["number"] == number

    run = _json("invoices", "run", "--period", "2026-03", "--on", "2026-04-01")
    [invoice] = run["issued"]
    assert invoice["amount_fen"] == 10 * 31 * 1200 and invoice["currency"] == "CNY"
    assert _json("invoices", "run", "--period", "2026-03")["already_invoiced"] == [invoice["number"]]
    paid = _json(
        "payments",
        "record",
        "--invoice",
        invoice["number"],
        "--amount",
        "1000.01",
        "--reference",
        "ICBC-1",
        "--on",
        "2026-04-05",
    )
    assert paid["new"] and paid["invoice_balance"] == 372_000 - 100_001
    reminded = _json("payments", "reminders", "--invoice", invoice["number"], "--on", "2026-05-10")
    assert (reminded["stage"], reminded["balance_fen"], reminded["days_overdue"]) == (
        "first_reminder",
        271_999,
        9,
    )
    code, out = _run("payments", "reminders", "--invoice", invoice["number"], "--on", "2026-05-11")
    assert code == 1 and "was sent on 2026-05-10" in out, out
    day_run = _json("payments", "reminders", "--on", "2026-06-10", "--channel", "email")
    assert day_run["sent"] == 1 and day_run["by_stage"]["second_reminder"] == 1
    assert _json("payments", "reminders", "--on", "2026-06-10")["sent"] == 0
    collections = _json("payments", "collections", "--period", "2026-03")
    assert collections["collected_fen"] == {
        "karaoke": 100_001,
        "online": 0,
        "background_music": 0,
        "broadcast": 0,
    }

    (env / "contract.pdf").write_bytes(b"%PDF-1.7 karaoke license contract" * 10)
    contract = _json(
        "contracts",
        "create",
        "--licensee",
        "LE-1",
        "--document",
        "contract.pdf",
        "--license",
        number,
        "--term",
        "annual_fee_fen=4380000",
        "--term",
        "payment=monthly",
        "--on",
        "2026-01-01",
    )
    ct = contract["number"]
    assert contract["terms"] == {"annual_fee_fen": 4380000, "payment": "monthly"}
    assert _json("contracts", "sign", ct, "--as", "cmo")["signed"] == {"cmo": True, "licensee": False}
    signed = _json("contracts", "sign", ct, "--as", "licensee", "--key", "venue.pem")
    assert signed["signed"] == {"cmo": True, "licensee": True}
    assert _json("contracts", "verify", ct)["valid"]
    assert _run("contracts", "show", ct, "--export", "bundle.json")[0] == 0
    code, out = _run("contracts", "verify", "--bundle", "bundle.json", "--document", "contract.pdf")
    assert code == 0 and "VALID" in out
    (env / "altered.pdf").write_bytes(
        b"%PDF-1.7 karaoke license contracT" + b"%PDF-1.7 karaoke license contract" * 9
    )
    code, out = _run("contracts", "verify", "--bundle", "bundle.json", "--document", "altered.pdf")
    assert code == 1 and "FAILED document" in out

    suspended = _json("licenses", "suspend", number, "--reason", "fees unpaid", "--on", "2026-05-01")
    assert suspended["status"] == "suspended"
    assert _json("licenses", "show", number, "--on", "2027-01-01")["status"] == "expired"
    assert [r["number"] for r in _json("licenses", "list", "--status", "expired", "--on", "2027-01-01")] == [
        number
    ]
    with unit_of_work(load_settings()) as session:
        assert [e.body["status"] for e in history(session, "license", number)] == ["active", "suspended"]
        [entry] = history(session, "contract", ct)
        assert entry.private and entry.body["payload"]["license"] == number


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (
                "licenses",
                "issue",
                "--licensee",
                "LE-42",
                "--tariff",
                "KTV",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
            ),
            "unknown licensee 'LE-42'",
        ),
        (
            (
                "licenses",
                "issue",
                "--licensee",
                "LE-1",
                "--tariff",
                "KTV",
                "--from",
                "2026-06-01",
                "--to",
                "2026-05-31",
            ),
            "before it starts",
        ),
        (
            (
                "licenses",
                "issue",
                "--licensee",
                "LE-1",
                "--tariff",
                "BGM",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
            ),
            "applies to shop, not to LE-1 (karaoke_venue)",
        ),
        (
            (
                "licenses",
                "issue",
                "--licensee",
                "LE-1",
                "--tariff",
                "KTV",
                "--from",
                "2026-13-01",
                "--to",
                "2026-12-31",
            ),
            "is not a date",
        ),
        (
            (
                "licensees",
                "add",
                "--kind",
                "karaoke_venue",
                "--name",
                "X",
                "--uscc",
                "91440300MA0000002X",
                "--rooms",
                "3",
            ),
            "invalid USCC",
        ),
        (
            (
                "licensees",
                "add",
                "--kind",
                "karaoke_venue",
                "--name",
                "X",
                "--uscc",
                uscc(9),
                "--rooms",
                "3",
                "--lat",
                "1.5",
            ),
            "both latitude and longitude",
        ),
        (
            (
                "tariffs",
                "add",
                "--code",
                "X",
                "--name",
                "x",
                "--formula",
                "flat_annual",
                "--params",
                '{"annual_fen": 10.5}',
                "--from",
                "2026-01-01",
            ),
            "integer or a decimal string",
        ),
        (("invoices", "run", "--period", "2026-3"), "YYYY-MM"),
        (("licenses", "suspend", "LIC-2026-000001", "--reason", " "), "for a reason"),
        (
            ("payments", "record", "--invoice", "INV-202603-000001", "--amount", "1", "--reference", "R"),
            "unknown invoice",
        ),
        (("contracts", "create", "--licensee", "LE-1", "--document", "missing.pdf"), None),
    ],
)
def test_bad_input_gives_one_error_and_writes_nothing(
    env: Path, args: tuple[str, ...], message: str | None
) -> None:
    _setup(env)
    before = _counts()
    code, out = _run(*args)
    assert code != 0, out
    if message is not None:
        assert code == 1 and out.startswith("error: ") and message in " ".join(out.split()), out
    assert _counts() == before


def test_a_signature_over_different_bytes_is_refused(env: Path) -> None:
    _setup(env)
    (env / "c.pdf").write_bytes(b"contract")
    ct = _json("contracts", "create", "--licensee", "LE-1", "--document", "c.pdf", "--term", "fee=1")[
        "number"
    ]
    _json("contracts", "sign", ct, "--as", "cmo")
    _json("contracts", "show", ct)
    assert _run("contracts", "show", ct, "--payload-out", "payload.bin")[0] == 0
    key = load_private_pem((env / "venue.pem").read_bytes())
    other = key.sign((env / "payload.bin").read_bytes() + b"\n")  # one byte more than the payload
    before = _counts()
    code, out = _run(
        "contracts", "sign", ct, "--as", "licensee", "--signature", base64.b64encode(other).decode()
    )
    assert code == 1 and "does not verify over" in out
    assert _counts() == before
    good = key.sign((env / "payload.bin").read_bytes())  # signed elsewhere over the exact payload
    signed = _json(
        "contracts", "sign", ct, "--as", "licensee", "--signature", base64.b64encode(good).decode()
    )
    assert signed["signed"]["licensee"] and _counts()["ledger_entry"] == before["ledger_entry"] + 1


def test_declarations_file_errors_name_the_license_and_field(env: Path) -> None:
    _json(
        "tariffs",
        "add",
        "--code",
        "ONLINE",
        "--name",
        "online",
        "--formula",
        "online_revenue",
        "--params",
        '{"rate_bp": 300, "min_per_stream_fen": "0.12"}',
        "--from",
        "2026-01-01",
    )
    _json("licensees", "add", "--kind", "streaming_platform", "--name", "云听音乐", "--service", "云听")
    number = _json(
        "licenses",
        "issue",
        "--licensee",
        "LE-1",
        "--tariff",
        "ONLINE",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    )["number"]
    assert _json("invoices", "run", "--period", "2026-03")["awaiting_declaration"] == [number]
    before = _counts()
    (env / "bad.json").write_text(json.dumps({number: {"revenue_fen": 100, "streams": -3}}))
    code, out = _run("invoices", "run", "--period", "2026-03", "--declarations", "bad.json")
    assert code == 1 and f"declaration for {number}: streams" in " ".join(out.split())
    (env / "broken.json").write_text("{")
    code, out = _run("invoices", "run", "--period", "2026-03", "--declarations", "broken.json")
    assert code == 1 and "is not JSON (line 1" in " ".join(out.split())
    assert _counts() == before
    (env / "good.json").write_text(json.dumps({number: {"revenue_fen": 1_000_000, "streams": 500_000}}))
    [invoice] = _json("invoices", "run", "--period", "2026-03", "--declarations", "good.json")["issued"]
    assert invoice["amount_fen"] == 60_000 and invoice["source"] == "online"
    assert invoice["lines"][0]["unit"] == "stream"
