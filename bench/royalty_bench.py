"""Benchmark of the royalty engine: one period's usage through ingest, match, distribute and
statements, beside a bare Polars group-by of the same file (the floor).

    .venv/bin/python bench/royalty_bench.py [--lines N] [--recordings N] [--members N] [--seed N]
                                            [--pg] [--keep DIR] [--quick]

Target of the issue: "10,000,000 usage lines for one period, 1,000,000 recordings, 100,000
members: ingest + match + distribute + statements in at most 60 s with peak memory at most 2 GiB
on this 2-core machine; print beside it the time of a bare Polars or DuckDB group-by of the same
file (the floor) and the ratio (target: at most 3x the floor)." Those sizes are the defaults.

A child process generates the synthetic data (untimed): a Parquet play log (ISRC, venue, room,
plays; about 5% of the lines name an ISRC the registry does not know) and the registry it is
matched against, written straight into the tables (parties; recordings, each with a performer and
a producer; works, each embodied by two recordings, with a composer's performing share and a
composer's and a publisher's mechanical shares). The parent then times, each once:

- ingest: read the Parquet file (the columns matching needs) into memory;
- match: ISRC -> recording (the registry's recordings read from the database, then a hash join);
- distribute: registry.services.distribution.runs.distribute of the whole period, recorded in one
  transaction (lines, carry-forward, 1 statement entry per member, the summary), commit included;
- statements: export_statements of the run (every member's lines with ISRC/ISWC and title) to CSV;

and the floor: `scan_parquet(file).group_by("isrc").agg(sum("plays"))`. Peak memory is the
parent's ru_maxrss read after the statements (the child's generation is not in it; the audit
that follows, check_conservation, is printed apart as information). Prints one table with MET / NOT MET;
never asserts, always exits 0 (when the full size is too slow for the machine, run smaller
sizes and read the per-line figures).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

from common import (
    Row,
    add,
    create_pg_database,
    drop_pg_database,
    fmt_s,
    note,
    print_table,
    verdict,
)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_LINES = 10_000_000
TARGET_RECORDINGS = 1_000_000
TARGET_MEMBERS = 100_000
TARGET_S = 60.0
TARGET_RATIO = 3.0
TARGET_MEMORY = 2 * 1024**3
UNKNOWN_SHARE = 0.05  # of the usage lines name a recording the registry does not have
PERIOD, SOURCE = "2026-03", "karaoke"
POOL = 12_345_678_901  # fen: 123,456,789.01 yuan


# --------------------------------------------------------------------------------------------
# table (the house style of bench/cwr_bench.py)


def fmt_mib(size: int) -> str:
    return f"{size / 1024**2:,.0f} MiB"


# --------------------------------------------------------------------------------------------
# the synthetic period (child process)
def isrc(ids: Any) -> Any:
    import polars as pl

    return pl.lit("CNX") + ids.cast(pl.Utf8).str.pad_start(9, "0")


def prepare(directory: Path, url: str, lines: int, recordings: int, members: int, seed: int) -> None:
    """Write usage.parquet and the registry the usage is matched against."""
    import polars as pl

    from registry.bulk import insert_rows
    from registry.db import make_engine, make_session_factory, transaction
    from registry.migrate import upgrade
    from registry.models import (
        party_table,
        recording_table,
        recording_work,
        work_table,
    )
    from registry.models.repertoire import RecordingShare, WorkShare

    started = time.perf_counter()
    known = int(recordings / (1 - UNKNOWN_SHARE))  # ids above `recordings` are unknown ISRCs
    n = pl.int_range(1, lines + 1, dtype=pl.Int64)
    usage = pl.select(
        isrc((n.hash(seed) % known + 1).cast(pl.Int64)).alias("isrc"),
        (pl.lit("V") + (n % 5_000).cast(pl.Utf8)).alias("venue"),
        (n % 40 + 1).cast(pl.Int32).alias("room"),
        (n.hash(seed + 1) % 5 + 1).cast(pl.Int64).alias("plays"),
    )
    usage.write_parquet(directory / "usage.parquet")
    del usage
    print(f"    usage.parquet: {lines:,} lines in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    upgrade(url)
    engine = make_engine(url)
    works = recordings // 2
    r = pl.int_range(1, recordings + 1, dtype=pl.Int64, eager=True).alias("id").to_frame()
    w = pl.int_range(1, works + 1, dtype=pl.Int64, eager=True).alias("id").to_frame()
    m = pl.int_range(1, members + 1, dtype=pl.Int64, eager=True).alias("id").to_frame()
    member_of = lambda ids, salt: (ids.hash(seed + salt) % members + 1).cast(pl.Int64)  # noqa: E731
    tables: list[tuple[Any, pl.DataFrame]] = [
        (
            party_table,
            m.select(
                "id",
                pl.lit("person").alias("kind"),
                (pl.lit("Member ") + pl.col("id").cast(pl.Utf8)).alias("name"),
                (pl.lit("member ") + pl.col("id").cast(pl.Utf8)).alias("name_key"),
                pl.lit("member").alias("status"),
                pl.lit(0).alias("contact_revision"),
                pl.lit(0).alias("bank_revision"),
            ),
        ),
        (
            recording_table,
            r.select(
                "id",
                isrc(pl.col("id")).alias("isrc"),
                (pl.lit("Song ") + pl.col("id").cast(pl.Utf8)).alias("title"),
                (pl.lit("song ") + pl.col("id").cast(pl.Utf8)).alias("title_key"),
                pl.lit("artist").alias("artist_key"),
                pl.lit("complete").alias("status"),
            ),
        ),
        (
            work_table,
            w.select(
                "id",
                (pl.lit("T") + pl.col("id").cast(pl.Utf8).str.pad_start(10, "0")).alias("iswc"),
                (pl.lit("Work ") + pl.col("id").cast(pl.Utf8)).alias("title"),
                (pl.lit("work ") + pl.col("id").cast(pl.Utf8)).alias("title_key"),
                pl.lit("complete").alias("status"),
                pl.lit("CMO").alias("primary_submitter"),
            ),
        ),
        (
            RecordingShare.__table__,
            pl.concat(
                [
                    r.select(
                        pl.col("id").alias("recording_id"),
                        member_of(pl.col("id"), 2).alias("party_id"),
                        pl.lit("performer").alias("role"),
                        pl.lit(5000).alias("share"),
                    ),
                    r.select(
                        pl.col("id").alias("recording_id"),
                        member_of(pl.col("id"), 3).alias("party_id"),
                        pl.lit("producer").alias("role"),
                        pl.lit(5000).alias("share"),
                    ),
                ]
            ).unique(["recording_id", "party_id", "role"]),
        ),
        (
            WorkShare.__table__,
            pl.concat(
                [
                    w.select(
                        pl.col("id").alias("work_id"),
                        member_of(pl.col("id"), 4).alias("party_id"),
                        pl.lit("CMO").alias("submitter"),
                        pl.lit(role).alias("role"),
                        pl.lit(right).alias("right_type"),
                        pl.lit(share).alias("share"),
                        pl.lit(True).alias("controlled"),
                    )
                    for role, right, share in (
                        ("composer", "performing", 10000),
                        ("composer", "mechanical", 6000),
                    )
                ]
                + [
                    w.select(
                        pl.col("id").alias("work_id"),
                        member_of(pl.col("id"), 5).alias("party_id"),
                        pl.lit("CMO").alias("submitter"),
                        pl.lit("publisher").alias("role"),
                        pl.lit("mechanical").alias("right_type"),
                        pl.lit(4000).alias("share"),
                        pl.lit(True).alias("controlled"),
                    )
                ]
            ),
        ),
        (
            recording_work,
            r.select(
                pl.col("id").alias("recording_id"),
                ((pl.col("id") - 1) % works + 1).alias("work_id"),
            ),
        ),
    ]
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        for table, frame in tables:
            for start in range(0, frame.height, 200_000):
                chunk = frame.slice(start, 200_000)
                insert_rows(session, table, chunk.columns, chunk.rows())
    engine.dispose()
    print(
        f"    registry: {members:,} members, {recordings:,} recordings, {works:,} works "
        f"(all in {time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )


# --------------------------------------------------------------------------------------------
# the timed pipeline (parent)
def floor(path: Path) -> float:
    import polars as pl

    gc.collect()
    start = time.perf_counter()
    pl.scan_parquet(path).group_by("isrc").agg(pl.col("plays").sum()).collect()
    return time.perf_counter() - start


def pipeline(path: Path, url: str, out: Path) -> dict[str, Any]:
    import polars as pl
    from sqlalchemy import select

    from registry.db import make_engine, make_session_factory, transaction
    from registry.models import recording_table
    from registry.services.distribution.runs import check_conservation, distribute, export_statements

    engine = make_engine(url)
    factory = make_session_factory(engine)
    times: dict[str, float] = {}
    gc.collect()
    start = time.perf_counter()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    usage = pl.read_parquet(path, columns=["isrc", "plays"])
    times["ingest"] = time.perf_counter() - start

    start = time.perf_counter()
    with transaction(factory) as session:
        rows = session.execute(select(recording_table.c.isrc, recording_table.c.id)).all()
    catalogue = pl.DataFrame(rows, schema={"isrc": pl.Utf8, "recording_id": pl.Int64}, orient="row")
    del rows
    matched = usage.join(catalogue, on="isrc", how="left").select(
        "recording_id",
        pl.lit(None, pl.Int64).alias("work_id"),
        pl.col("plays").alias("weight"),
        pl.col("recording_id").is_not_null().alias("matched"),
    )
    del usage, catalogue
    times["match"] = time.perf_counter() - start

    steps: list[tuple[str, float]] = []
    start = time.perf_counter()
    with transaction(factory) as session:
        result = distribute(
            session,
            period=PERIOD,
            source=SOURCE,
            usage=matched.lazy(),
            pool=POOL,
            reports=[(digest, path.name, matched.height)],
            progress=lambda what, done, total: steps.append((what, time.perf_counter() - start)),
        )
    times["distribute"] = time.perf_counter() - start
    run_id, status, summary = int(result.run_id or 0), result.status, result.summary
    del matched, result  # the statements are read back from the database, as the CLI does

    start = time.perf_counter()
    with transaction(factory) as session:
        exported = export_statements(session, run_id)
    exported.write_csv(out / "statements.csv")
    del exported
    times["statements"] = time.perf_counter() - start
    # The peak of the four timed stages; the audit below (info) is not part of the target.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    with transaction(factory) as session:
        start = time.perf_counter()
        findings = check_conservation(session, run_id)
        times["audit"] = time.perf_counter() - start
    engine.dispose()
    audit_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if status != "recorded":
        note(
            f"distribute answered '{status}': this database (--keep) already holds the run, so the "
            "figure is the idempotent re-run (allocate and compare), not a first recording"
        )
    return {
        "times": times,
        "summary": summary,
        "findings": findings,
        "steps": steps,
        "peak": peak,
        "audit_peak": audit_peak,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=TARGET_LINES)
    parser.add_argument("--recordings", type=int, default=TARGET_RECORDINGS)
    parser.add_argument("--members", type=int, default=TARGET_MEMBERS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="smoke run: 200,000 lines, 20,000 recordings")
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)  # the child's job
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.lines, args.recordings, args.members = 200_000, 20_000, 2_000
    if args.prepare:
        prepare(args.prepare, args.url, args.lines, args.recordings, args.members, args.seed)
        return 0

    print(
        f"RightsLedger royalty bench: Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), "
        f"{args.lines:,} usage lines, {args.recordings:,} recordings, {args.members:,} members",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="royalty-bench-") as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        url = create_pg_database("royalty_bench") if args.pg else f"sqlite:///{directory / 'bench.db'}"
        if url is None:
            print_table("RightsLedger royalty bench")
            return 0
        try:
            if not (directory / "usage.parquet").exists() or args.pg:
                started = time.perf_counter()
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--prepare",
                        str(directory),
                        "--url",
                        url,
                        "--lines",
                        str(args.lines),
                        "--recordings",
                        str(args.recordings),
                        "--members",
                        str(args.members),
                        "--seed",
                        str(args.seed),
                    ],
                    check=True,
                )
                spent = time.perf_counter() - started
                note(f"generation and registry set-up (child process, untimed): {spent:.0f} s")
            path = directory / "usage.parquet"
            t_floor = min(floor(path) for _ in range(3))
            run = pipeline(path, url, directory)
        finally:
            if args.pg:
                drop_pg_database(url)
    report(args, t_floor, run, "PostgreSQL" if args.pg else "SQLite")
    return 0


def report(args: argparse.Namespace, t_floor: float, run: dict[str, Any], database: str) -> None:
    peak = run["peak"]
    times, summary = run["times"], run["summary"]
    total = sum(times[k] for k in ("ingest", "match", "distribute", "statements"))
    full = (args.lines, args.recordings, args.members) == (TARGET_LINES, TARGET_RECORDINGS, TARGET_MEMBERS)
    size = "the issue's size" if full else "NOT the issue's size"
    add(Row("floor", "bare Polars group-by of the file (best of 3)", fmt_s(t_floor)))
    for stage in ("ingest", "match", "distribute", "statements"):
        add(Row("pipeline", stage, fmt_s(times[stage]), verdict=f"{args.lines / times[stage]:,.0f} lines/s"))
    steps = [*run["steps"], ("end", times["distribute"])]
    spent: dict[str, float] = {}
    for (what, at), (_, until) in pairwise(steps):
        spent[what] = spent.get(what, 0.0) + until - at  # progress marks the start of a step
    for what, seconds in spent.items():
        add(Row("distribute", f"... {what}", fmt_s(seconds)))
    add(
        Row(
            "total",
            f"ingest + match + distribute + statements ({size}, {database})",
            fmt_s(total),
            fmt_s(t_floor),
            f"{total / t_floor:.1f}x",
            f"<= {TARGET_RATIO:.0f}x floor",
            verdict(total <= TARGET_RATIO * t_floor),
        )
    )
    add(
        Row(
            "total",
            "wall time",
            fmt_s(total),
            target=f"<= {TARGET_S:.0f} s",
            verdict=verdict(total <= TARGET_S),
        )
    )
    add(
        Row(
            "total",
            "peak memory of these four stages (ru_maxrss)",
            fmt_mib(peak),
            target=f"<= {fmt_mib(TARGET_MEMORY)}",
            verdict=verdict(peak <= TARGET_MEMORY),
        )
    )
    add(
        Row(
            "audit",
            "check_conservation of the run (info)",
            fmt_s(times["audit"]),
            verdict="money adds up" if not run["findings"] else f"{len(run['findings'])} finding(s)",
        )
    )
    add(Row("audit", "peak memory with the audit (info)", fmt_mib(run["audit_peak"])))
    note(
        f"run: {summary['lines']:,} lines, {summary['members']:,} members, "
        f"{summary['recordings']:,} recordings, "
        f"{summary['works']:,} works; unidentified reserve {summary['reserve']['unidentified']:,} fen "
        f"of pool {summary['pool']:,}"
    )
    if not full:
        note("smaller than the issue's 10M lines / 1M recordings / 100k members: figures are for this size")
    for finding in run["findings"][:5]:
        note(f"conservation: {finding}")
    print_table("RightsLedger royalty bench")


if __name__ == "__main__":
    sys.exit(main())
