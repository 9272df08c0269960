"""A month of usage for the demo: karaoke play logs over the registered recordings (with some
songs nobody registered, some lines without ISRC) and one DSR file from a streaming service,
written under ``<data dir>/usage/incoming`` and imported like any report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Recording
from registry.services.usage.reports import import_usage
from registry.usage.errors import UsageError
from registry.usage.generate import DsrResource, generate_dsr, generate_play_log
from registry.usage.schema import parse_period

DSR_RESOURCES = 20


def seed_usage(session: Session, data_dir: Path, *, seed: int, period: str, plays: int) -> dict[str, Any]:
    """Write and import `plays` lines of karaoke play logs and one small DSR for `period`.
    Returns the two import reports (as dicts) under "play_log" and "dsr"."""
    parse_period(period)
    rows = session.execute(
        select(Recording.isrc, Recording.title, Recording.artist, Recording.duration_seconds)
        .where(Recording.merged_into_id.is_(None))
        .order_by(Recording.id)
    ).all()
    if not rows:
        raise UsageError("no recordings are registered: register a catalogue before seeding usage")
    incoming = data_dir / "usage" / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    log = generate_play_log(
        incoming / f"karaoke-{period}-{seed}.csv",
        lines=plays,
        isrcs=[r.isrc for r in rows],
        titles=[r.title for r in rows],
        artists=[r.artist for r in rows],
        durations=[r.duration_seconds for r in rows],
        period=period,
        seed=seed,
        without_isrc_share=0.15,
        unknown_share=0.03,
    )
    play_log = import_usage(session, data_dir, log, period, "karaoke")
    resources = [
        DsrResource(r.isrc, r.title, r.artist or "", r.duration_seconds) for r in rows[:DSR_RESOURCES]
    ]
    resources += [
        DsrResource(None, "未登记的歌 Unregistered Song", "无名乐队"),
        DsrResource(None, "Another Unknown Track", "Nobody"),
    ]
    dsr_file = generate_dsr(
        incoming / f"DSR_StreamCo_{period}_{seed}.tsv", resources, period=period, seed=seed
    )
    dsr = import_usage(session, data_dir, dsr_file, period, "online")
    return {"play_log": play_log.to_dict(), "dsr": dsr.to_dict()}
