"""`rightsledger distribute` and `rightsledger statements` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rightsledger.cli import app
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings
from tests.databases import migrate
from tests.society.catalogue import build_catalogue
from tests.society.usage import usage_frame

runner = CliRunner()


@pytest.fixture
def usage_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[int]]:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    migrate(load_settings().db_url)
    with unit_of_work(load_settings()) as session:
        c = build_catalogue(session)
    path = tmp_path / "usage-2026-03.parquet"
    usage_frame(
        [(c.recordings[0], None, 12, True), (c.recordings[1], None, 8, True), (None, None, 10, False)]
    ).collect().write_parquet(path)
    return path, c.parties


def test_distribute_then_statements(usage_file: tuple[Path, list[int]]) -> None:
    path, parties = usage_file
    args = [
        "distribute",
        "--period",
        "2026-03",
        "--source",
        "karaoke",
        "--usage",
        str(path),
        "--pool",
        "10000.00",
    ]
    dry = runner.invoke(app, [*args, "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.output)["status"] == "dry-run"
    real = runner.invoke(app, [*args, "--json"])
    assert real.exit_code == 0, real.output
    summary = json.loads(real.output)
    assert summary["status"] == "recorded" and summary["pool"] == 1_000_000
    assert summary["usage_reports"][0]["name"] == "usage-2026-03.parquet"
    assert summary["lines_root"] == json.loads(dry.output)["lines_root"]
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "already distributed" in again.output
    refused = runner.invoke(app, [*args[:-1], "10000.01"])
    assert refused.exit_code == 1 and "adjustment" in refused.output
    shown = runner.invoke(app, ["statements", "--member", f"M-{parties[0]}", "--period", "2026-03", "--json"])
    assert shown.exit_code == 0, shown.output
    statement = json.loads(shown.output)[0]
    assert statement["entry_id"] == f"DIST-2026-03-karaoke/M-{parties[0]}"
    as_csv = runner.invoke(app, ["statements", "--member", str(parties[0]), "--period", "2026-03", "--csv"])
    rows = as_csv.output.strip().splitlines()
    assert rows[0].startswith("period,source,run,id,code")
    assert sum(int(r.rsplit(",", 1)[1]) for r in rows[1:]) == statement["earned"]
    missing = runner.invoke(app, ["statements", "--member", "M-999", "--period", "2026-03"])
    assert missing.exit_code == 1 and "no statement" in missing.output


def test_distribute_reads_the_collections_and_imported_usage_by_default(
    usage_file: tuple[Path, list[int]], tmp_path: Path
) -> None:
    log = tmp_path / "ktv.csv"
    log.write_text(
        "licensee,room,isrc,title,artist,duration,played_at,plays\n"
        "KTV-1,A,CNA012600000,Song 0,,,2026-03-01 20:00,5\n",
        encoding="utf-8",
    )
    imported = runner.invoke(app, ["import", "usage", str(log), "--period", "2026-03", "--source", "karaoke"])
    assert imported.exit_code == 0, imported.output
    dry = runner.invoke(
        app, ["distribute", "--period", "2026-03", "--source", "karaoke", "--dry-run", "--json"]
    )
    assert dry.exit_code == 0, dry.output
    summary = json.loads(dry.output)
    assert summary["pool"] == 0  # nothing collected for March: no invoice was paid
    assert [r["name"] for r in summary["usage_reports"]] == ["ktv.csv"]
    assert summary["usage"]["lines"] == 1 and summary["claims_adjustments"] == []
