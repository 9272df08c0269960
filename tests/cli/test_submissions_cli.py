"""The review queue from the command line, on SQLite and PostgreSQL: the blank template written
and sent back, a template sent (a refused row named by line and field), the queue listed, one
submission rejected with a reason, the rest of the file accepted; a file that is no template is
one error line and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from registry.models import Submission, Work
from rightsledger.cli import app
from rightsledger.context import unit_of_work
from rightsledger.settings import load_settings
from tests.registry.submissions.templates import row, template

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RIGHTS_DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)
    assert _run("init")[0] == 0
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _statuses() -> dict[str, str]:
    with unit_of_work(load_settings()) as session:
        return {s.submitter_work_id: s.status for s in session.query(Submission)}


def test_a_clerk_works_the_queue_from_the_command_line(env: Path) -> None:
    for name in ("blank.xlsx", "blank.csv"):
        code, out = _run("submissions", "template", "-o", name, "--language", "zh")
        assert code == 0, out
        code, out = _run("submissions", "send", name, "--submitter", "BLANK")
        assert code == 0 and "1 queued" in out, out
    (env / "sony.csv").write_bytes(template([row(1), row(2), row(3), row(4, writer_1_mr_share=50)]))
    code, out = _run("submissions", "send", "sony.csv", "--submitter", "SONY-CN")
    assert code == 0 and "3 queued" in out and "1 refused" in out and "line 5, mr_share" in out, out
    code, out = _run("submissions", "list", "--q", "SONY-CN")
    assert code == 0 and "3 of 3" in out, out
    first = min(_ids())
    code, out = _run("submissions", "reject", f"SUB-{first}", "--reason", "not ours")
    assert code == 0, out
    code, out = _run("submissions", "accept", "--file", "sony.csv")
    assert code == 0 and "2 of 2 accepted" in out, out
    statuses = _statuses()
    assert [statuses[f"PUB-{n}"] for n in (1, 2, 3)] == ["rejected", "accepted", "accepted"]
    code, out = _run("submissions", "reject", f"SUB-{first}", "--reason", "again")
    assert code == 1 and "already rejected" in out, out


def test_a_file_that_is_no_template_writes_nothing(env: Path) -> None:
    (env / "x.csv").write_text("who,what\n1,2\n")
    code, out = _run("submissions", "send", "x.csv", "--submitter", "SONY-CN")
    assert code == 1 and "error" in out and "who" in out, out
    assert _statuses() == {}
    with unit_of_work(load_settings()) as session:
        assert session.query(Work).count() == 0


def _ids() -> list[int]:
    with unit_of_work(load_settings()) as session:
        return [s.id for s in session.query(Submission).filter(Submission.submitter == "SONY-CN")]
