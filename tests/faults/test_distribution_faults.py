"""Fault injection for a distribution run: killed (SIGKILL) at each named crash point of
registry.services.distribution.runs (RIGHTS_CRASH_AT) and just after its commit, with an earlier period
already distributed; after a restart (the same run again) the database holds exactly what one
clean run gives: one run per period, its lines, carry-forward, statements and summary once each,
the money conserved to the fen."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from anchor.faults import DISTRIBUTION, CrashPoint
from registry.db import make_engine, make_session_factory, transaction
from registry.models import DistributionLinesFile, DistributionRun, LedgerEntry, carry_table
from registry.royalty import SourceRules
from registry.services.distribution.runs import check_conservation, distribute
from tests.databases import migrate
from tests.faults.db_clones import clone_database
from tests.paths import REPO
from tests.society.catalogue import build_catalogue
from tests.society.usage import REPORTS, usage_frame

POINTS = [*DISTRIBUTION, CrashPoint.AFTER_COMMIT]
# A minimum payout so that some members carry forward (the carry table is written too).
RULES = {"karaoke": SourceRules(1500, 6000, {"performing": 5000, "mechanical": 5000}, minimum_payout=30_000)}

CHILD = """
import json, sys
from anchor.faults import crash_point
from registry.db import make_engine, make_session_factory, transaction
from registry.royalty import SourceRules
from registry.services.distribution.runs import distribute
from tests.society.usage import REPORTS, usage_frame
url, period, pool, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
rules = {"karaoke": SourceRules(1500, 6000, {"performing": 5000, "mechanical": 5000}, minimum_payout=30_000)}
sessions = make_session_factory(make_engine(url))
with transaction(sessions) as session:
    distribute(session, period=period, source="karaoke", usage=usage_frame([tuple(r) for r in rows]),
               pool=pool, reports=REPORTS, rules=rules)
crash_point("after_commit")
"""


def _rows(recordings: list[int], plays: tuple[int, int, int]) -> list[tuple[int | None, None, int, bool]]:
    return [
        (recordings[0], None, plays[0], True),
        (recordings[1], None, plays[1], True),
        (None, None, plays[2], False),
    ]


def _run(factory: sessionmaker[Session], period: str, pool: int, rows: list) -> str:  # type: ignore[type-arg]
    with transaction(factory) as session:
        return distribute(
            session,
            period=period,
            source="karaoke",
            usage=usage_frame(rows),
            pool=pool,
            reports=REPORTS,
            rules=RULES,
        ).status


def _fingerprint(factory: sessionmaker[Session]) -> dict[str, object]:
    with factory() as session:
        runs = session.scalars(
            select(DistributionRun).order_by(DistributionRun.period, DistributionRun.sequence)
        ).all()
        for run in runs:
            assert check_conservation(session, run.id) == [], run.period
        return {
            "runs": [(r.period, r.sequence, r.lines_root, r.paid, r.carried_forward) for r in runs],
            "line_files": session.scalar(select(func.count()).select_from(DistributionLinesFile)),
            "lines": session.scalar(select(func.coalesce(func.sum(DistributionLinesFile.line_count), 0))),
            "carry": session.scalar(select(func.count()).select_from(carry_table)),
            "entries": [  # statement ids name members (M-n), ids of the catalogue built before
                tuple(e)
                for e in session.execute(
                    select(LedgerEntry.kind, LedgerEntry.entry_id, LedgerEntry.version).order_by(
                        LedgerEntry.kind, LedgerEntry.entry_id, LedgerEntry.version
                    )
                )
            ],
        }


def _prepared(url: str) -> list[int]:
    """Migrate, build the catalogue and distribute March: the template of every run."""
    migrate(url)
    factory = make_session_factory(make_engine(url))
    with transaction(factory) as session:
        recordings = build_catalogue(session).recordings
    assert _run(factory, "2026-03", 100_000, _rows(recordings, (12, 8, 10))) == "recorded"
    factory.kw["bind"].dispose()
    return recordings


@pytest.fixture
def cleanup() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


def test_a_distribution_killed_at_each_point_leaves_all_or_nothing(
    db_url: str, tmp_path: Path, cleanup: ExitStack
) -> None:
    recordings = _prepared(db_url)
    april = _rows(recordings, (30, 5, 7))
    factory = make_session_factory(make_engine(clone_database(db_url, 99, cleanup)))
    before = _fingerprint(factory)
    assert _run(factory, "2026-04", 250_000, april) == "recorded"
    clean = _fingerprint(factory)
    assert clean["carry"] and len(set(clean["entries"])) == len(clean["entries"])  # type: ignore[arg-type]
    factory.kw["bind"].dispose()

    for n, point in enumerate(POINTS):
        url = clone_database(db_url, n, cleanup)
        run = subprocess.run(
            [sys.executable, "-c", CHILD, url, "2026-04", "250000", json.dumps(april)],
            env={**os.environ, "RIGHTS_CRASH_AT": point, "PYTHONPATH": str(REPO)},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == -signal.SIGKILL, f"{point}: exit {run.returncode}: {run.stderr[-2000:]}"
        factory = make_session_factory(make_engine(url))
        assert _fingerprint(factory) == (clean if point == CrashPoint.AFTER_COMMIT else before), point
        again = _run(factory, "2026-04", 250_000, april)  # the restart
        assert again == ("unchanged" if point == CrashPoint.AFTER_COMMIT else "recorded"), point
        assert _fingerprint(factory) == clean, point
        factory.kw["bind"].dispose()
