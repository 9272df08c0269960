"""`rightsledger audit` as a user runs it: clean on an honest ledger (exit 0), each discrepancy
named with the entry and what differs (exit 1), JSON for scripts, offline without the chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from registry.services.parties.parties import PartyRef
from registry.services.repertoire.registration import ShareInput, WorkInput, register_work
from rightsledger.cli import app
from rightsledger.context import sessions, unit_of_work
from rightsledger.settings import load_settings
from tests.paths import SAMPLES
from tests.registry.audit.tamper import bypass_triggers

runner = CliRunner()
UGC = SAMPLES / "dsr" / "DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv"


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init"]).exit_code == 0
    with unit_of_work(load_settings()) as session:
        for n, title in enumerate(["月亮代表我的心", "甜蜜蜜"]):
            register_work(
                session,
                WorkInput(
                    submitter="CMO",
                    submitter_work_id=f"CMO-{n}",
                    title=title,
                    shares=[
                        ShareInput(party=PartyRef(name="翁清溪"), role="CA", right_type="PR", share=10000)
                    ],
                ),
            )
    (tmp_path / "playlog.txt").write_text("room 7, 21:05, unlicensed\n")
    assert runner.invoke(app, ["evidence", "add", "playlog.txt", "--case", "CASE-1"]).exit_code == 0
    assert runner.invoke(app, ["anchor"]).exit_code == 0
    return tmp_path


def audit_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["audit", "--json", *args])
    return result.exit_code, json.loads(result.stdout)


def tamper(sql: str) -> None:
    """Change the database behind the application's back (triggers off, as an intruder would)."""
    with sessions(load_settings())() as session:
        connection = session.connection()
        bypass_triggers(connection)
        connection.execute(text(sql))
        session.commit()


def test_an_honest_ledger_audits_clean(ledger: Path) -> None:
    code, report = audit_json()
    assert code == 0 and report["clean"] is True and report["findings"] == [], report
    assert report["counts"]["entries"] == 3 and report["counts"]["on-chain checkpoints"] == 1
    assert report["counts"]["work rows"] == 2
    result = runner.invoke(app, ["audit"])
    assert result.exit_code == 0 and "audit clean" in result.stdout


def test_a_changed_title_is_reported_with_the_entry_and_the_difference(ledger: Path) -> None:
    tamper("UPDATE work SET title = '甜蜜密' WHERE title = '甜蜜蜜'")
    code, report = audit_json()
    assert code == 1 and report["clean"] is False
    # The row against its entry, and the title key derived from the title no longer matching it.
    [finding, derived] = report["findings"]
    assert (derived["check"], derived["where"]) == ("derived", "work 2"), derived
    assert (finding["check"], finding["kind"], finding["entry_id"], finding["version"]) == (
        "rows",
        "work",
        "W-2",
        1,
    )
    assert finding["detail"] == "title: the entry says '甜蜜蜜', the rows say '甜蜜密'"
    result = runner.invoke(app, ["audit"])
    assert result.exit_code == 1
    assert "work W-2 v1" in result.stdout and "2 finding(s)" in result.stdout


def test_a_rewritten_checkpoint_is_reported_offline_too(ledger: Path) -> None:
    tamper("UPDATE checkpoint SET note = replace(note, '\n3\n', '\n4\n')")
    code, report = audit_json("--offline")
    assert code == 1
    assert any(f["check"] == "checkpoint" and "does not verify" in f["detail"] for f in report["findings"]), (
        report
    )
    assert "the chain was not checked (offline audit)" in report["notes"]
    code, report = audit_json()  # and on chain: the note hash no longer matches the anchored one
    assert code == 1 and any(f["check"] == "chain" for f in report["findings"]), report


def test_auditing_an_uninitialised_data_directory_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "nothing"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["audit"])
    assert result.exit_code == 1 and "error:" in result.output and "rightsledger init" in result.output


@pytest.fixture
def with_usage(ledger: Path) -> Path:
    """The ledger and one imported usage report: its lines are a Parquet file in the data directory."""
    result = runner.invoke(
        app, ["import", "usage", str(UGC), "--period", "2015-12", "--source", "online", "--json"]
    )
    assert result.exit_code == 0, result.output
    [parquet] = (ledger / "data" / "usage").glob("*.parquet")
    return parquet


def test_a_usage_file_with_one_byte_changed_is_named_in_json(with_usage: Path) -> None:
    code, report = audit_json("--offline")
    assert code == 0 and report["counts"]["usage files"] == 1, report
    raw = bytearray(with_usage.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    with_usage.write_bytes(bytes(raw))
    code, report = audit_json("--offline")
    assert code == 1
    [finding] = report["findings"]
    assert finding["check"] == "files" and with_usage.name in finding["where"], finding
    assert "the file's SHA-256 is" in finding["detail"] and "recorded" in finding["detail"]


def test_a_deleted_usage_file_is_named(with_usage: Path) -> None:
    with_usage.unlink()
    code, report = audit_json("--offline")
    assert code == 1
    assert [(f["check"], f["detail"]) for f in report["findings"]] == [("files", "the file is missing")]


def test_a_file_slipped_into_the_usage_folder_is_named(with_usage: Path) -> None:
    (with_usage.parent / ("0" * 64 + ".parquet")).write_bytes(with_usage.read_bytes())
    code, report = audit_json("--offline")
    assert code == 1
    [finding] = report["findings"]
    assert "no row or entry records" in finding["detail"] and "0" * 64 in finding["where"]


def test_a_damaged_usage_file_and_row_give_every_finding_in_json(with_usage: Path) -> None:
    with_usage.write_bytes(b"PAR1 out of specification PAR1")
    tamper("UPDATE usage_report SET lines_ingested = lines_ingested + 1")
    tamper(
        "UPDATE unidentified_usage SET weight = weight + 1"
        " WHERE id = (SELECT min(id) FROM unidentified_usage)"
    )
    code, report = audit_json("--offline")
    assert code == 1
    details = sorted((f["check"], f["detail"].split(": ")[0].split(" is ")[0]) for f in report["findings"])
    assert details == [
        ("files", "the file's SHA-256"),
        ("rows", "lines.ingested"),
        ("rows", "weight.unidentified"),
    ]


def test_a_damaged_anchor_contract_row_is_a_finding_in_json(ledger: Path) -> None:
    tamper("UPDATE anchor_contract SET address = 'not an address'")
    code, report = audit_json()
    assert code == 1
    assert any(
        f["check"] == "chain" and "the recorded anchor contract cannot be read" in f["detail"]
        for f in report["findings"]
    ), report
