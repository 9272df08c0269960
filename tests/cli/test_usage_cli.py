"""`rightsledger import usage` and `rightsledger claims`: reports, idempotence, clear errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rightsledger.cli import app
from tests.paths import SAMPLES

runner = CliRunner()
UGC = SAMPLES / "dsr" / "DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_import_usage_and_claims(env) -> None:
    assert _run("init")[0] == 0
    code, out = _run("import", "usage", str(UGC), "--period", "2015-12", "--source", "online", "--json")
    report = json.loads(out)
    assert code == 0 and (report["lines_ingested"], report["unidentified_groups"]) == (6, 3)
    assert (env / "data" / report["parquet"]).is_file()
    code, out = _run("import", "usage", str(UGC), "--period", "2015-12", "--source", "online")
    assert code == 0 and "already imported" in out
    broken = env / "broken.tsv"
    broken.write_bytes(UGC.read_bytes().replace(b"FOOT\t35\t35\t4\t3\t3", b"FOOT\t35\t35\t4\t9\t9"))
    code, out = _run("import", "usage", str(broken), "--period", "2015-12", "--source", "online")
    assert code == 1 and "error:" in out and "NumberOfBlocksInFile is 9" in out
    code, out = _run("import", "usage", str(UGC), "--period", "2015-12", "--source", "radio")
    assert code == 1 and "source 'radio'" in out
    code, out = _run("claims", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [i["weight"] for i in listed["unidentified"]] == [7810, 2045, 355]
    code, out = _run("claims", "submit", "1", "--member", "1", "--recording", "1")
    assert code == 1 and "error:" in out and "not a member" in out
    code, out = _run("claims", "accept", "42")
    assert code == 1 and "no claim 42" in out


def test_import_usage_lenient_counts_imports_a_foot_off_by_one_and_shows_both_counts(env) -> None:
    assert _run("init")[0] == 0
    off = env / "off-by-one.tsv"
    off.write_bytes(UGC.read_bytes().replace(b"FOOT\t35\t35\t4\t3\t3", b"FOOT\t36\t36\t4\t3\t3"))
    code, out = _run("import", "usage", str(off), "--period", "2015-12", "--source", "online")
    assert code == 1 and "NumberOfLinesInFile is 36, the file has 35" in out and "--lenient-counts" in out
    code, out = _run(
        "import", "usage", str(off), "--period", "2015-12", "--source", "online", "--lenient-counts"
    )
    assert code == 0 and "FOOT NumberOfLinesInFile: stated 36, the file has 35 (lenient counts)" in out
    code, out = _run("import", "usage", str(UGC), "--period", "2015-12", "--source", "online", "--json")
    assert code == 1 and "already in 'off-by-one.tsv'" in out  # the same lines: refused, not counted twice
