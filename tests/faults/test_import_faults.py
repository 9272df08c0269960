"""Fault injection for imports: a CWR import and a usage import are killed (SIGKILL, as a power
cut) at each named crash point of their services (RIGHTS_CRASH_AT, anchor/faults.py) and just after
their commit; after a restart (the same import run again) the database holds exactly what one
clean import gives: no half-written import, no lost and no duplicate entry."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from anchor.faults import CWR_IMPORT, USAGE_IMPORT, CrashPoint
from registry.cwr.generate import generate_cwr
from registry.db import make_engine, make_session_factory, transaction
from registry.models import CwrImport, LedgerEntry, Recording, UnidentifiedUsage, UsageReport, Work
from registry.services.repertoire.cwr_import import import_cwr
from registry.services.usage.reports import import_usage, parquet_path
from registry.usage.generate import generate_play_log
from tests.databases import migrate
from tests.faults.db_clones import clone_database
from tests.paths import REPO

CWR_POINTS = [*CWR_IMPORT, CrashPoint.AFTER_COMMIT]
USAGE_POINTS = [*USAGE_IMPORT, CrashPoint.AFTER_COMMIT]
PERIOD = "2026-03"

CHILD = """
import sys
from pathlib import Path
from anchor.faults import crash_point
from registry.db import make_engine, make_session_factory, transaction
url, what, path, data_dir = sys.argv[1:5]
sessions = make_session_factory(make_engine(url))
with transaction(sessions) as session:
    if what == "cwr":
        from registry.services.repertoire.cwr_import import import_cwr
        import_cwr(session, Path(path).read_bytes(), name=Path(path).name)
    else:
        from registry.services.usage.reports import import_usage
        import_usage(session, Path(data_dir), Path(path), "2026-03", "karaoke")
crash_point("after_commit")
"""


def _killed_at(point: str, url: str, what: str, path: Path, data_dir: Path) -> None:
    env = {**os.environ, "RIGHTS_CRASH_AT": point, "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [sys.executable, "-c", CHILD, url, what, str(path), str(data_dir)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, (
        f"{point}: not killed there (exit {run.returncode}): {run.stderr[-2000:]}"
    )


def _fingerprint(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        entries = session.execute(
            select(LedgerEntry.kind, LedgerEntry.entry_id, LedgerEntry.version).order_by(
                LedgerEntry.kind, LedgerEntry.entry_id, LedgerEntry.version
            )
        ).all()
        rows = [tuple(e) for e in entries]
        return {
            # Ids come from database sequences, which PostgreSQL does not roll back: a crashed
            # import may shift them. What must match: each kind's versions, no duplicate, the works.
            "entries": sorted((kind, version) for kind, _, version in rows),
            "duplicates": len(rows) - len(set(rows)),
            "catalogue": sorted(session.execute(select(Work.iswc, Work.title)).tuples().all(), key=str),
            "cwr_imports": session.scalar(select(func.count()).select_from(CwrImport)),
            "works": session.scalar(select(func.count()).select_from(Work)),
            "recordings": session.scalar(select(func.count()).select_from(Recording)),
            "usage_reports": session.scalar(select(func.count()).select_from(UsageReport)),
            "unidentified": session.scalar(select(func.count()).select_from(UnidentifiedUsage)),
        }


def _open(url: str) -> sessionmaker[Session]:
    return make_session_factory(make_engine(url))


def test_a_cwr_import_killed_at_each_point_leaves_all_or_nothing(
    db_url: str, tmp_path: Path, cleanup: ExitStack
) -> None:
    first, second = tmp_path / "first.v22", tmp_path / "second.v22"
    first.write_bytes(generate_cwr(3, seed=21))
    second.write_bytes(generate_cwr(4, seed=22))
    migrate(db_url)
    factory = _open(db_url)
    with transaction(factory) as session:
        import_cwr(session, first.read_bytes(), name=first.name)
    before = _fingerprint(factory)
    factory.kw["bind"].dispose()  # db_url is now the template of every run
    factory = _open(clone_database(db_url, 99, cleanup))
    with transaction(factory) as session:
        import_cwr(session, second.read_bytes(), name=second.name)
    clean = _fingerprint(factory)
    assert clean != before and clean["duplicates"] == 0
    factory.kw["bind"].dispose()

    for n, point in enumerate(CWR_POINTS):
        url = clone_database(db_url, n, cleanup)
        _killed_at(point, url, "cwr", second, tmp_path)
        factory = _open(url)
        after_crash = _fingerprint(factory)
        assert after_crash == (clean if point == CrashPoint.AFTER_COMMIT else before), point
        with transaction(factory) as session:  # the restart: the operator runs the import again
            report = import_cwr(session, second.read_bytes(), name=second.name)
        assert report.already_imported == (point == CrashPoint.AFTER_COMMIT), point
        assert _fingerprint(factory) == clean, point
        factory.kw["bind"].dispose()


def test_a_usage_import_killed_at_each_point_leaves_all_or_nothing(
    db_url: str, tmp_path: Path, cleanup: ExitStack
) -> None:
    isrcs = [f"CNA012600{n:03d}" for n in range(4)]
    log = generate_play_log(
        tmp_path / "plays.csv",
        lines=400,
        isrcs=isrcs,
        titles=[f"歌 {n}" for n in range(4)],
        period=PERIOD,
        seed=4,
    )
    reference = tmp_path / "reference"
    migrate(db_url)
    factory = _open(db_url)
    before = _fingerprint(factory)
    factory.kw["bind"].dispose()
    factory = _open(clone_database(db_url, 99, cleanup))
    with transaction(factory) as session:
        clean_report = import_usage(session, reference, log, PERIOD, "karaoke")
    clean = _fingerprint(factory)
    assert clean["usage_reports"] == 1 and clean_report.unidentified_groups > 0
    factory.kw["bind"].dispose()

    for n, point in enumerate(USAGE_POINTS):
        url = clone_database(db_url, n, cleanup)
        data_dir = tmp_path / f"data-{n}"
        _killed_at(point, url, "usage", log, data_dir)
        factory = _open(url)
        assert _fingerprint(factory) == (clean if point == CrashPoint.AFTER_COMMIT else before), point
        with transaction(factory) as session:
            report = import_usage(session, data_dir, log, PERIOD, "karaoke")
        assert report.already_imported == (point == CrashPoint.AFTER_COMMIT), point
        assert _fingerprint(factory) == clean, point
        kept = parquet_path(data_dir, report.sha256)
        lines, expected = pl.read_parquet(kept), pl.read_parquet(parquet_path(reference, report.sha256))
        assert lines.sort("line_no").equals(expected.sort("line_no")), point
        parquets = sorted(p.name for p in (data_dir / "usage").glob("*.parquet"))
        assert parquets == [kept.name], point  # no orphan matched file beside the one the row names
        factory.kw["bind"].dispose()


@pytest.fixture
def cleanup() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack
