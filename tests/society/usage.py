"""Usage: matched usage frames in registry.usage's columns, a play log naming a recording nobody
registered (it stays unidentified), and a distribution of a period's pool over matched usage."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from sqlalchemy.orm import Session

from registry.services.distribution.runs import DistributionResult, distribute
from registry.services.usage.claims import UnidentifiedItem, list_unidentified
from registry.services.usage.reports import import_usage
from registry.usage.matched import MATCHED_SCHEMA

REPORT_SHA256 = "ab" * 32
REPORTS = [(REPORT_SHA256, "venue-log-2026-03.csv", 3)]


def usage_frame(rows: list[tuple[int | None, int | None, int, bool]]) -> pl.LazyFrame:
    """Matched usage in registry.usage's columns: (recording_id, work_id, plays, matched)."""
    return pl.LazyFrame(
        {
            "report_sha256": [REPORT_SHA256] * len(rows),
            "line_no": list(range(1, len(rows) + 1)),
            "recording_id": [r[0] for r in rows],
            "work_id": [r[1] for r in rows],
            "weight": [r[2] for r in rows],
            "revenue_minor": [None] * len(rows),
            "matched": [r[3] for r in rows],
            "adjustment_of_period": [None] * len(rows),
        },
        schema=MATCHED_SCHEMA,
    )


def distribute_karaoke(
    session: Session, period: str, usage: pl.LazyFrame, pool: int, reports: list[tuple[str, str, int]]
) -> DistributionResult:
    """Distribute the period's karaoke pool (fen) over `usage`; it must be recorded."""
    result = distribute(session, period=period, source="karaoke", usage=usage, pool=pool, reports=reports)
    assert result.status == "recorded", result.messages
    return result


def unknown_plays(session: Session, data_dir: Path, period: str, source: str) -> UnidentifiedItem:
    """Import a venue's play log of an ISRC nobody registered; the unidentified usage it leaves."""
    log = data_dir / f"plays-{period}.csv"
    log.write_text(
        "licensee,room,isrc,title,artist,duration,played_at,plays\n"
        f"LE-1,1,CN-Z99-26-99999,无名之歌,Nobody,180,{period}-03T20:00:00+08:00,4\n",
        encoding="utf-8",
    )
    import_usage(session, data_dir, log, period, source)
    groups = list_unidentified(session, open_only=True)
    assert groups, "the unknown ISRC should leave unidentified usage"
    return groups[0]
