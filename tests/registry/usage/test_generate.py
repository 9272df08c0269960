"""The synthetic usage generator and the demo's month of usage; crash safety of an import."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import UsageReport
from registry.services.usage import reports as usage_service
from registry.services.usage.reports import import_usage, parquet_path
from registry.usage.generate import generate_play_log
from rightsledger.demodata.usage import seed_usage
from tests.registry.usage.helpers import catalogue


def _log(path: Path, seed: int, lines: int = 2000) -> Path:
    return generate_play_log(
        path,
        lines=lines,
        isrcs=["CNA012400001", "CNA012400002", None],
        titles=["月亮代表我的心", "甜蜜蜜", "The Moon Represents My Heart"],
        artists=["邓丽君", "邓丽君", "Teresa Teng"],
        durations=[205, 210, 200],
        period="2026-03",
        seed=seed,
        unknown_share=0.1,
    )


def test_the_play_log_generator_is_deterministic_and_its_output_ingests(
    session: Session, tmp_path: Path
) -> None:
    first, again, other = (
        _log(tmp_path / "a.csv", 1),
        _log(tmp_path / "b.csv", 1),
        _log(tmp_path / "c.csv", 2),
    )
    assert first.read_bytes() == again.read_bytes() != other.read_bytes()
    catalogue(session)
    report = import_usage(session, tmp_path / "data", first, "2026-03", "karaoke")
    assert (report.lines_read, report.lines_ingested, report.errors) == (2000, 2000, 0)
    frame = pl.read_csv(first, schema_overrides={"isrc": pl.Utf8})
    unknown = frame.filter(pl.col("title").str.starts_with("Unregistered"))
    assert unknown.height == report.lines_unidentified > 0
    assert report.weight_total == frame["plays"].sum()


def test_seed_usage_imports_a_month_of_play_logs_and_a_dsr(session: Session, tmp_path: Path) -> None:
    catalogue(session)
    result = seed_usage(session, tmp_path / "data", seed=3, period="2026-03", plays=5000)
    play_log, dsr = result["play_log"], result["dsr"]
    assert (play_log["lines_ingested"], play_log["errors"]) == (5000, 0)
    assert 0 < play_log["lines_unidentified"] < 5000 and play_log["lines_matched"] > 0
    assert (dsr["format"], dsr["lines_ingested"], dsr["lines_matched"], dsr["unidentified_groups"]) == (
        "dsr",
        5,
        3,
        2,
    )
    assert dsr["revenue_minor"] > 0 and dsr["currency"] == "CNY"
    assert session.scalar(select(func.count()).select_from(UsageReport)) == 2


def test_a_crash_before_the_database_rows_leaves_nothing_that_counts(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    log = _log(tmp_path / "a.csv", 1, lines=300)

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(usage_service, "record", crash)
    with pytest.raises(RuntimeError, match="power cut"), session.begin_nested():  # the rollback
        import_usage(session, data_dir, log, "2026-03", "karaoke")
    assert session.scalar(select(func.count()).select_from(UsageReport)) == 0
    assert not [p for p in (data_dir / "usage").iterdir() if p.name.startswith(".tmp")]
    monkeypatch.undo()
    report = import_usage(session, data_dir, log, "2026-03", "karaoke")  # not "already imported"
    assert not report.already_imported and report.lines_ingested == 300
    assert pl.read_parquet(parquet_path(data_dir, report.sha256)).height == 300
