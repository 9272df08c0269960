"""`rightsledger report --month`: publish the transparency report from the command line."""

import json
from datetime import UTC, datetime

from typer.testing import CliRunner

from registry.services.reporting.transparency import previous_month
from rightsledger.cli import app

runner = CliRunner()


def test_report_publishes_once_and_refuses_a_bad_month(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    assert runner.invoke(app, ["init"]).exit_code == 0
    this_month = datetime.now(UTC).strftime("%Y-%m")
    month = previous_month(this_month)  # the last closed month

    first = runner.invoke(app, ["report", "--month", month, "--json"])
    assert first.exit_code == 0, first.output
    doc = json.loads(first.output)
    assert doc["entry"] == f"TR-{month}" and doc["report"]["month"] == month
    assert set(doc["report"]) >= {"repertoire", "conflicts", "anchoring"}

    again = json.loads(runner.invoke(app, ["report", "--month", month, "--json"]).output)
    assert again["entry"] is None and again["status"] == "unchanged since last published"

    table = runner.invoke(app, ["report", "--month", month])
    assert table.exit_code == 0 and "works_registered" in table.output

    unclosed = runner.invoke(app, ["report", "--month", this_month])
    assert unclosed.exit_code == 1 and f"month {this_month} is not closed yet" in unclosed.output

    bad = runner.invoke(app, ["report", "--month", "2026-13"])
    assert bad.exit_code == 1 and "error:" in bad.output and "not YYYY-MM" in bad.output
