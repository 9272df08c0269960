"""Usage ingest + match speed: a generated karaoke play log imported into a database holding
generated recordings, beside the floor (a bare Polars read and group-by of the same file).

    python bench/usage_bench.py [--lines 1000000] [--recordings 100000] [--postgres]

Prints figures; never passes or fails.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

import polars as pl
from sqlalchemy import create_engine, insert, text

from registry.db import make_engine, make_session_factory, normalise_url, transaction
from registry.migrate import upgrade
from registry.models import Recording
from registry.normalise import name_key, normalise_title
from registry.services.usage.reports import import_usage
from registry.usage.generate import generate_play_log
from registry.usage.matched import matched_usage

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--recordings", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        url, drop = _database(data_dir, args.postgres)
        try:
            run(data_dir, url, args.lines, args.recordings)
        finally:
            drop()


def run(data_dir: Path, url: str, lines: int, recordings: int) -> None:
    upgrade(url)
    engine = make_engine(url)
    isrcs = [f"CNA01{24 + n // 100_000:02d}{n % 100_000:05d}" for n in range(recordings)]
    titles = [f"歌曲 {n} Song" for n in range(recordings)]
    artists = [f"Artist {n % 5000}" for n in range(recordings)]
    durations = [150 + n % 180 for n in range(recordings)]
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(
            insert(Recording),
            [
                {
                    "isrc": i,
                    "title": t,
                    "title_key": normalise_title(t),
                    "artist": a,
                    "artist_key": name_key(a),
                    "duration_seconds": d,
                    "status": "incomplete",
                }
                for i, t, a, d in zip(isrcs, titles, artists, durations, strict=True)
            ],
        )
    print(f"{recordings:,} recordings inserted in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    log = data_dir / "plays.csv"
    started = time.perf_counter()
    generate_play_log(
        log, lines=lines, isrcs=isrcs, titles=titles, artists=artists, durations=durations, seed=7
    )
    print(f"{lines:,} lines generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    factory = make_session_factory(engine)
    started, cpu = time.perf_counter(), time.process_time()
    with transaction(factory) as session:
        report = import_usage(session, data_dir, log, "2026-03", "karaoke")
    ingest, ingest_cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    with transaction(factory) as session:
        usage = matched_usage(session, data_dir, "2026-03", "karaoke")
        per_recording = usage.group_by("recording_id").agg(pl.col("weight").sum()).collect()
    read = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    floor = (
        pl.scan_csv(log, schema_overrides={"isrc": pl.Utf8})
        .group_by("isrc")
        .agg(pl.col("plays").sum())
        .collect(engine="streaming")
    )
    bare, bare_cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database: {engine.dialect.name}; {lines:,} lines, {recordings:,} recordings")
    print(
        f"ingest + match: {ingest:.2f} s wall, {ingest_cpu:.2f} s CPU ({lines / ingest:,.0f} lines/s); "
        f"matched {report.lines_matched:,}, "
        f"unidentified {report.lines_unidentified:,} in {report.unidentified_groups:,} groups"
    )
    print(f"matched_usage group-by per recording: {read:.2f} s ({per_recording.height:,} rows)")
    print(
        f"floor (bare Polars read + group-by of the CSV): {bare:.2f} s wall, {bare_cpu:.2f} s CPU "
        f"({floor.height:,} groups); ratio {ingest / bare:.1f}x wall, {ingest_cpu / bare_cpu:.1f}x CPU"
    )
    print(
        f"peak memory (max RSS): {peak:,.0f} MiB; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    engine.dispose()


def _database(data_dir: Path, postgres: bool) -> tuple[str, object]:
    if not postgres:
        return f"sqlite:///{data_dir / 'bench.db'}", lambda: None
    name = f"rl_usage_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(PG_ADMIN_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{PG_ADMIN_URL}/{name}", drop


if __name__ == "__main__":
    main()
