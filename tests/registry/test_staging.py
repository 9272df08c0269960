"""Staging folders left by a killed import are removed by a later import in the same place,
once old enough that no running import can own them; fresh ones and anything else stay."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy.orm import Session

from registry.services.usage.reports import import_usage
from registry.staging import STALE_AFTER_SECONDS, new_staging_dir
from tests.registry.usage.helpers import catalogue, play_log


def _aged(folder: Path, seconds: float) -> Path:
    folder.mkdir(parents=True)
    (folder / "part-0.parquet").write_bytes(b"left by a killed import")
    then = time.time() - seconds
    os.utime(folder, (then, then))
    return folder


def test_a_new_staging_folder_sweeps_only_stale_leftovers_of_its_prefix(tmp_path: Path) -> None:
    stale = _aged(tmp_path / ".tmp-dead", STALE_AFTER_SECONDS + 60)
    running = _aged(tmp_path / ".tmp-running", STALE_AFTER_SECONDS - 600)
    other = _aged(tmp_path / ".incoming-old", STALE_AFTER_SECONDS + 60)
    kept_file = tmp_path / ".tmp-a-file"
    kept_file.write_text("not a staging folder")
    os.utime(kept_file, (0, 0))
    fresh = new_staging_dir(tmp_path, ".tmp-")
    assert fresh.is_dir() and fresh.name.startswith(".tmp-") and fresh != running
    assert not stale.exists()
    assert running.exists() and other.exists() and kept_file.exists()


def test_a_usage_import_removes_what_a_killed_one_left(session: Session, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    leftover = _aged(data_dir / "usage" / ".tmp-killed", STALE_AFTER_SECONDS + 1)
    catalogue(session)
    log = play_log(tmp_path / "march.csv", ["KTV-1,A,CNA012400001,x,y,,2026-03-01 20:00,2"])
    report = import_usage(session, data_dir, log, "2026-03", "karaoke")
    assert report.lines_ingested == 1
    assert not leftover.exists()
    assert not list((data_dir / "usage").glob(".tmp-*"))  # its own staging folder is gone too
