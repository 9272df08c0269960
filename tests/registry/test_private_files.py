"""Private data is created readable by its owner only, whatever the umask: the SQLite database
and its -wal/-shm files 0600 in a 0700 folder, usage Parquet files, uploaded evidence, staging
folders; and what a killed run staged is removed by the next run on the host, however young."""

from __future__ import annotations

import io
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.db import make_engine
from registry.services.enforcement.evidence_uploads import record_uploaded_evidence
from registry.services.usage.reports import import_usage
from registry.staging import new_staging_dir
from tests.registry.usage.helpers import catalogue, play_log


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The usual umask (022): without explicit modes, files would be 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_sqlite_database_and_its_wal_files_are_private(tmp_path: Path) -> None:
    database = tmp_path / "data" / "rightsledger.db"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
        files = [
            database,
            database.with_name("rightsledger.db-wal"),
            database.with_name("rightsledger.db-shm"),
        ]
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    engine.dispose()
    assert mode(database.parent) == 0o700


def test_usage_files_are_private(session: Session, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    catalogue(session)
    log = play_log(tmp_path / "march.csv", ["KTV-1,A,CNA012400001,x,y,,2026-03-01 20:00,2"])
    report = import_usage(session, data_dir, log, "2026-03", "karaoke")
    assert mode(data_dir / report.parquet) == 0o600
    assert mode(data_dir / "usage") == 0o700


def test_uploaded_evidence_is_private(session: Session, tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    entry = record_uploaded_evidence(session, io.BytesIO(b"a photo of the venue"), "visit.jpg", documents)
    kept = documents / "evidence" / entry.body["sha256"]
    assert mode(kept) == 0o600 and mode(kept.parent) == 0o700


STAGER = """
import sys, time
from pathlib import Path
from registry.staging import new_staging_dir
print(new_staging_dir(Path(sys.argv[1]), ".tmp-"), flush=True)
time.sleep(120)
"""


def test_a_killed_runs_young_staging_folder_is_removed_by_the_next_run(tmp_path: Path) -> None:
    killed = subprocess.Popen(
        [sys.executable, "-c", STAGER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert killed.stdout is not None
    left = Path(killed.stdout.readline().strip())
    (left / "part-0.parquet").write_bytes(b"half a report")
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    running = new_staging_dir(tmp_path, ".tmp-")  # this process's: alive, so kept by the next run
    elsewhere = tmp_path / ".tmp-another.host-1-abcdef"  # another host's: only its age tells
    elsewhere.mkdir()
    assert mode(running) == 0o700
    fresh = new_staging_dir(tmp_path, ".tmp-")
    assert not left.exists()
    assert running.exists() and elsewhere.exists() and fresh.exists()
    assert f"-{os.getpid()}-" in fresh.name
