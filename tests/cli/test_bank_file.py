"""`rightsledger bank-file`: the bank's payment file of a run, as finance runs it. One transfer per
member paid with bank details, the amount their statement nets; members without bank details
held apart; the parts add up to the run's paid; the file 0600; a name that looks like a formula
written as text."""

from __future__ import annotations

import csv
import io
import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from registry.crypto import field_cipher
from rightsledger.cli import app
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings
from tests.society.licensing import karaoke_tariff
from tests.society.members import add_member, ref
from tests.society.repertoire import add_work, shares
from tests.society.usage import REPORT_SHA256, distribute_karaoke, usage_frame

runner = CliRunner()


@pytest.fixture
def paid_run(env: Path) -> Path:
    assert runner.invoke(app, ["init"]).exit_code == 0
    settings = load_settings()
    cipher = field_cipher(settings.data_key_file)
    with unit_of_work(settings) as session:
        karaoke_tariff(session)
        members = [
            add_member(
                session,
                cipher,
                "Wang",
                first_name="Fei",
                ipi=8101,
                bank={"account": "6222 0001", "bank": "ICBC"},
            ),
            add_member(session, cipher, "=HYPERLINK(1)", ipi=8102, bank={"account": "6222 0002"}),
            add_member(session, cipher, "Zhang", first_name="Xueyou", ipi=8103),  # no bank details
        ]
        works = [
            add_work(session, f"BF-{n}", f"Song {n}", shares=shares(ref(m), "CA", ("PR",), 10_000))
            for n, m in enumerate(members)
        ]
        usage = usage_frame([(None, w.id, 10 * (n + 1), True) for n, w in enumerate(works)])
        distribute_karaoke(session, "2026-04", usage, 1_000_000, [(REPORT_SHA256, "plays.csv", 3)])
    return env


def test_the_bank_file_pays_each_member_the_net_of_their_statement(paid_run: Path) -> None:
    out = paid_run / "bank-2026-04.csv"
    done = runner.invoke(app, ["bank-file", "--period", "2026-04", "--source", "karaoke", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert [r["member"] for r in rows] == ["M-1", "M-2"]  # M-3 has no bank details
    assert rows[0]["payee"] == "Wang, Fei" and rows[0]["account"] == "6222 0001" and rows[0]["bank"] == "ICBC"
    assert rows[1]["payee"].startswith("'=")  # never a formula in the bank's spreadsheet
    assert all(r["reference"] == f"DIST-2026-04-karaoke/{r['member']}" for r in rows)
    sent = sum(Decimal(r["amount"]) for r in rows)
    assert "2 transfers" in done.output and "1 members paid" in done.output and "M-3" in done.output
    # the parts add up to the run's paid: the transfers and the amount held
    paid_line = next(line for line in done.output.splitlines() if line.startswith("the run paid"))
    paid = Decimal(paid_line.split()[3].replace(",", ""))
    held_line = next(line for line in done.output.splitlines() if "have no bank details" in line)
    held = Decimal(held_line.split(" paid ")[1].split()[0].replace(",", ""))
    assert sent + held == paid and sent > 0 and held > 0


def test_a_run_that_does_not_exist_says_so(paid_run: Path) -> None:
    done = runner.invoke(app, ["bank-file", "--period", "2026-05", "--source", "karaoke", "-o", "x.csv"])
    assert done.exit_code == 1 and "has not been distributed" in done.output
    done = runner.invoke(
        app, ["bank-file", "--period", "2026-04", "--source", "karaoke", "--run", "3", "-o", "x.csv"]
    )
    assert done.exit_code == 1 and "has no run 3" in done.output
    assert not (paid_run / "x.csv").exists()
