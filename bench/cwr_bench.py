"""Benchmark of the CWR import: a generated file of works with writers, publishers and recordings.

    .venv/bin/python bench/cwr_bench.py [--works N] [--small N] [--quick] [--no-pg] [--seed N]

Target of the issue: "a generated CWR file of 100,000 works with writers, publishers and
recordings imports in at most 60 s on SQLite; print the PostgreSQL figure beside it."

A full 100,000-work run takes a few minutes per database (brand-new works are written in bulk,
registry.services.repertoire.new_works). By default the bench imports a sample (3,000 works) and
EXTRAPOLATES to 100,000, saying so in the table; it also imports a smaller file (a third of the
size) on its own fresh database and prints the per-work time of both, so a per-work time that
grows with the size (a non-linear cost: the extrapolation is then too kind) shows, with a second
extrapolation fitted to that growth. `--works 100000` runs the real thing (long: run it with nohup
in the background).

Per database: `registry.services.repertoire.cwr_import.import_cwr` of the whole file in ONE transaction (as
the CLI does), commit included, on a fresh database (SQLite: a file in a fresh temporary
directory, WAL, the project's pragmas; PostgreSQL: a temporary database created on
RIGHTS_TEST_PG_URL and dropped afterwards, skipped with a note without a server). Then the same
file again, which must be instant: already imported, nothing written. Generation (generate_cwr)
and parsing alone (parse_cwr) are timed too; the import includes its own parse.

Prints one table: each figure, the named baseline it is compared with (measured in the same
run), their ratio, and the target with MET / NOT MET. It never asserts and always exits 0:
CI may run `--quick` (300 works) as a smoke test, the figures are for people to read.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import (
    Any,
)  # bench/ is run as a script from the project root or anywhere: make the project importable.

from common import Row, add, create_pg_database, drop_pg_database, note, print_table, verdict

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_WORKS = 100_000
TARGET_S = 60.0
NEEDED_RATE = TARGET_WORKS / TARGET_S  # 1,667 works/s
DEFAULT_WORKS = 3_000
QUICK_WORKS = 300
SMALL_CAP = 10_000  # the linearity check's smaller file: a third of --works, at most this
GROWTH_NOISE = 0.10  # per-work time growing by more than this between the two sizes is reported
FIT_NOISE = 0.05  # the same within one import (tenths of one run: less noisy than two runs)
DUP_NOISE = 0.10  # the same for duplicate detection alone (a small part: noisier)
GROWTH_MIN_WORKS = 1_000  # below this, no growth-aware extrapolation
SLICES = 10  # progress marks per import, for the fit of the per-work time
REIMPORT_INSTANT_S = 1.0
COUNTED_TABLES = ("work", "work_share", "recording", "party", "ledger_entry", "duplicate_candidate")
# --------------------------------------------------------------------------------------------
# figures (the table itself: bench/common.py)


def fmt_s(seconds: float) -> str:
    if seconds >= 600:
        return f"{seconds:,.0f} s ({seconds / 60:.0f} min)"
    return f"{seconds:.3f} s" if seconds >= 0.1 else f"{seconds * 1000:.2f} ms"


def fmt_rate(per_s: float, unit: str = "/s") -> str:
    return f"{per_s:,.0f}{unit}" if per_s >= 100 else f"{per_s:,.1f}{unit}"


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms/work"


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Smallest wall time of `repeat` runs (the least disturbed by the machine), and a result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


# --------------------------------------------------------------------------------------------
# the file: generation and parsing
@dataclass
class CwrSample:
    works: int
    data: bytes
    t_generate: float


def generate(works: int, seed: int) -> CwrSample:
    from registry.cwr.generate import generate_cwr

    gc.collect()
    start = time.perf_counter()
    data = generate_cwr(works, seed)
    return CwrSample(works, data, time.perf_counter() - start)


def bench_file(big: CwrSample, small: CwrSample | None, repeat: int) -> float:
    """Rows for generation and parse_cwr alone; returns the parse time of the big file."""
    from registry.cwr import parse_cwr

    section = "file"
    for sample in (small, big):
        if sample is None:
            continue
        add(
            Row(
                section,
                f"generate_cwr({sample.works:,} works), CWR 2.2 (info)",
                fmt_s(sample.t_generate),
                verdict=f"{len(sample.data) / 1e6:,.1f} MB, "
                f"{fmt_rate(sample.works / sample.t_generate, ' works/s')}",
            )
        )
    t_parse, parsed = best_of(repeat, lambda: parse_cwr(big.data, name="bench.cwr"))
    accepted = sum(1 for t in parsed.transactions if t.accepted)
    if accepted != big.works:
        note(f"parse_cwr accepted {accepted:,} of {big.works:,} generated transactions (expected all).")
    del parsed
    add(
        Row(
            section,
            f"parse_cwr alone, {big.works:,} works (info, best of {repeat})",
            fmt_s(t_parse),
            f"budget {TARGET_S:.0f} s for the whole import" if big.works == TARGET_WORKS else "",
            f"{t_parse / TARGET_S:.0%} of it" if big.works == TARGET_WORKS else "",
            verdict=fmt_rate(big.works / t_parse, " works/s"),
        )
    )
    if big.works != TARGET_WORKS:
        scaled = t_parse * TARGET_WORKS / big.works
        add(
            Row(
                section,
                f"parse_cwr alone, {TARGET_WORKS:,} works (info, {_how(big.works)})",
                fmt_s(scaled),
                f"budget {TARGET_S:.0f} s for the whole import",
                f"{scaled / TARGET_S:.0%} of it",
            )
        )
    return t_parse


def _how(works: int) -> str:
    return "measured" if works == TARGET_WORKS else f"extrapolated from {works:,}"


# --------------------------------------------------------------------------------------------
# the import
@dataclass
class ImportRun:
    works: int
    seconds: float
    report: Any
    reimport_seconds: float | None = None
    reimport_report: Any = None
    counts_before: dict[str, int] | None = None
    counts_after: dict[str, int] | None = None
    # (transactions done, seconds since the start, of which in duplicate detection)
    marks: list[tuple[int, float, float]] = field(default_factory=list)

    @property
    def per_work(self) -> float:
        return self.seconds / self.works

    def fit(self, part: str = "all") -> Fit | None:
        """Per-work time as c + d * (works already imported), least squares over the slices
        between progress marks, the first slice left out (it holds the parse and the set-up).
        `part`: all | duplicates (duplicate detection only) | rest (all but that)."""
        points = [(k, _part(part, t, d)) for k, t, d in self.marks]
        slices = [
            ((k0 + k1) / 2, (t1 - t0) / (k1 - k0), k1 - k0)
            for (k0, t0), (k1, t1) in pairwise(points)
            if k1 > k0
        ]
        if len(slices) < 4:
            return None
        first, rest = slices[0], slices[1:]
        mean_k = sum(k for k, _, _ in rest) / len(rest)
        mean_t = sum(t for _, t, _ in rest) / len(rest)
        spread = sum((k - mean_k) ** 2 for k, _, _ in rest)
        slope = sum((k - mean_k) * (t - mean_t) for k, t, _ in rest) / spread if spread else 0.0
        at_zero = mean_t - slope * mean_k
        # what the first slice took beyond its works' fitted time: parse, set-up (per file)
        overhead = max(0.0, (first[1] - (at_zero + slope * first[0])) * first[2])
        return Fit(at_zero, slope, rest[0][0], rest[-1][0], rest[0][1], overhead)


def _part(part: str, seconds: float, in_duplicates: float) -> float:
    if part == "duplicates":
        return in_duplicates
    return seconds - in_duplicates if part == "rest" else seconds


@dataclass
class Fit:
    at_zero: float  # s per work, fitted, into an empty database
    slope: float  # s per work, per work already imported
    k_first: float  # middle of the first fitted slice (works already imported)
    k_last: float
    measured_first: float  # s per work measured in the first fitted slice
    overhead: float  # s, per file (parse, set-up), from the first slice

    def at(self, k: float) -> float:
        return self.at_zero + self.slope * k

    @property
    def growth(self) -> float:
        return self.at(self.k_last) / self.at(self.k_first)

    def total(self, works: int, measured_works: int) -> float:
        """Time for `works`: the per-file overhead scaled with the file, plus the sum of the
        fitted per-work times."""
        scaled = self.overhead * works / measured_works
        return scaled + self.at_zero * works + self.slope * works * (works - 1) / 2


def import_once(url: str, sample: CwrSample, label: str, reimport: bool) -> ImportRun:
    """Migrate the fresh database at `url`, import the file in one transaction (commit
    included); with `reimport`, import the same file again and count rows around it."""
    from registry.db import make_engine, make_session_factory, transaction
    from registry.migrate import upgrade
    from registry.services.repertoire.cwr_import import import_cwr

    upgrade(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    name = f"bench-{sample.works}.cwr"
    marks: list[tuple[int, float, float]] = []
    try:
        gc.collect()
        with _timing_duplicates() as in_duplicates:
            start = time.perf_counter()
            progress = _progress(label, sample.works, start, marks, in_duplicates)
            with transaction(factory) as session:
                report = import_cwr(session, sample.data, name=name, progress=progress)
            run = ImportRun(sample.works, time.perf_counter() - start, report, marks=marks)
        print(
            f"    {label}: {sample.works:,} works imported in {fmt_s(run.seconds)} "
            f"({fmt_rate(sample.works / run.seconds, ' works/s')})",
            file=sys.stderr,
            flush=True,
        )
        if reimport:
            run.counts_before = _counts(factory)
            gc.collect()
            start = time.perf_counter()
            with transaction(factory) as session:
                run.reimport_report = import_cwr(session, sample.data, name=f"again-{name}")
            run.reimport_seconds = time.perf_counter() - start
            run.counts_after = _counts(factory)
        return run
    finally:
        engine.dispose()


@contextmanager
def _timing_duplicates() -> Iterator[list[float]]:
    """A timing wrapper around duplicate detection, set at run time in this process only: yields
    a one-item list holding the seconds spent in it so far. Both paths are timed: one work at a
    time (registry.services.repertoire.duplicates.find_duplicate_candidates, which register_work looks up
    in its module at each call) and a bulk batch at a time (the two matching functions as
    registry.services.repertoire.new_works calls them). Nothing in the code is changed."""
    from registry.services.repertoire import duplicates, new_works

    spent = [0.0]

    def timed(original: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - begin

        return call

    patched = [
        (duplicates, "find_duplicate_candidates"),
        (new_works, "title_and_writer_matches"),
        (new_works, "title_artist_duration_matches"),
    ]
    originals = [getattr(module, name) for module, name in patched]
    for (module, name), original in zip(patched, originals, strict=True):
        setattr(module, name, timed(original))
    try:
        yield spent
    finally:
        for (module, name), original in zip(patched, originals, strict=True):
            setattr(module, name, original)


def _progress(
    label: str,
    total_works: int,
    start: float,
    marks: list[tuple[int, float, float]],
    in_duplicates: list[float],
) -> Callable[[int, int], None]:
    """At every tenth of the transactions, a mark (done, seconds since `start`, of which in
    duplicate detection) for the fits of the per-work time; for a long import, also a line on
    stderr (elapsed time, rate so far)."""
    step = max(1, total_works // SLICES)
    marks.append((0, 0.0, 0.0))

    def progress(done: int, total: int) -> None:
        if done % step and done != total:
            return
        elapsed = time.perf_counter() - start
        marks.append((done, elapsed, in_duplicates[0]))
        if total_works >= 2_000 and done < total:
            print(
                f"    {label}: {done:,}/{total:,} transactions, {elapsed:,.0f} s, "
                f"{fmt_rate(done / elapsed, ' works/s')}",
                file=sys.stderr,
                flush=True,
            )

    return progress


def _counts(factory: Any) -> dict[str, int]:
    from sqlalchemy import text

    from registry.db import transaction

    with transaction(factory) as session:
        return {
            table: int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in COUNTED_TABLES
        }


def check_report(label: str, run: ImportRun) -> None:
    report = run.report
    if report.accepted != run.works or report.rejected or report.works_created != run.works:
        note(
            f"{label}, {run.works:,} works: accepted {report.accepted:,}, rejected {report.rejected:,}, "
            f"created {report.works_created:,} (expected all {run.works:,} accepted and created): "
            "the figure does not measure a clean import."
        )


# --------------------------------------------------------------------------------------------
# rows per database
_FIRST: dict[str, ImportRun] = {}  # the SQLite runs, the baseline of the PostgreSQL rows


def bench_database(
    label: str,
    section: str,
    make_url: Callable[[], Any],
    big: CwrSample,
    small: CwrSample | None,
    t_parse: float,
) -> None:
    runs: dict[str, ImportRun] = {}
    for key, sample in (("small", small), ("big", big)):
        if sample is None:
            continue
        with make_url() as url:
            if url is None:
                return
            runs[key] = import_once(url, sample, label, reimport=key == "big")
        check_report(label, runs[key])
    big_run, small_run = runs["big"], runs.get("small")
    sqlite = _FIRST.get(key_of(big_run)) if section != "sqlite" else None
    if section == "sqlite":
        _FIRST[key_of(big_run)] = big_run
        if small_run is not None:
            _FIRST[key_of(small_run)] = small_run  # per-work time at both sizes: a linear cost keeps it flat
    for run in (small_run, big_run):
        if run is None:
            continue
        base = _FIRST.get(key_of(run)) if section != "sqlite" else None
        add(
            Row(
                section,
                f"{label}: import_cwr {run.works:,} works, fresh db, 1 transaction",
                f"{fmt_s(run.seconds)} = {fmt_rate(run.works / run.seconds, ' works/s')}",
                f"SQLite: {fmt_rate(base.works / base.seconds, ' works/s')}"
                if base
                else (f"parse_cwr alone: {fmt_s(t_parse)}" if run is big_run else ""),
                f"{run.seconds / base.seconds:.2f}x the time"
                if base
                else (f"{run.seconds / t_parse:,.0f}x the time" if run is big_run else ""),
                f">= {fmt_rate(NEEDED_RATE, ' works/s')}" if section == "sqlite" else "(info)",
                verdict(run.works / run.seconds >= NEEDED_RATE) if section == "sqlite" else "",
            )
        )
    # linearity: the per-work time at two sizes, and along the big import itself
    grows = False
    if small_run is not None:
        growth = big_run.per_work / small_run.per_work
        grows = grows or growth > 1 + GROWTH_NOISE
        add(
            Row(
                section,
                f"{label}: per-work time, {small_run.works:,} -> {big_run.works:,} works",
                f"{fmt_ms(small_run.per_work)} -> {fmt_ms(big_run.per_work)}",
                f"{small_run.works:,} works: {fmt_ms(small_run.per_work)}",
                f"{growth:.2f}x",
                "flat (linear cost)",
                _growth_verdict(growth, GROWTH_NOISE),
            )
        )
    fit = big_run.fit()
    if fit is not None:
        grows = grows or fit.growth > 1 + FIT_NOISE
        add(
            Row(
                section,
                f"{label}: per-work time along the {big_run.works:,}-work import (fit of tenths 2-10)",
                f"{fmt_ms(fit.at(fit.k_first))} -> {fmt_ms(fit.at(fit.k_last))}",
                f"2nd tenth measured: {fmt_ms(fit.measured_first)}",
                f"{fit.growth:.2f}x",
                "flat (linear cost)",
                _growth_verdict(fit.growth, FIT_NOISE),
            )
        )
    # the one part known to depend on what is already imported, on its own (more sensitive)
    dup_fit, rest_fit = big_run.fit("duplicates"), big_run.fit("rest")
    dup_grows = False
    if dup_fit is not None and dup_fit.at(dup_fit.k_first) > 0:
        dup_grows = dup_fit.growth > 1 + DUP_NOISE and dup_fit.slope > 0
        grows = grows or dup_grows
        add(
            Row(
                section,
                f"{label}:   of which duplicate detection, along the import",
                f"{fmt_ms(dup_fit.at(dup_fit.k_first))} -> {fmt_ms(dup_fit.at(dup_fit.k_last))}",
                f"its share: {dup_fit.at(dup_fit.k_first) / fit.at(fit.k_first):.0%} -> "
                f"{dup_fit.at(dup_fit.k_last) / fit.at(fit.k_last):.0%}"
                if fit is not None
                else "",
                f"{dup_fit.growth:.2f}x",
                "flat (linear cost)",
                _growth_verdict(dup_fit.growth, DUP_NOISE),
            )
        )
    if grows:
        note(
            f"{label}: the per-work time GROWS with the number of works already imported: a cost that "
            "is not linear in the size of the file (a query whose work grows with what is already in "
            "the database). The linear extrapolation is then too optimistic. The 'growth-aware' row "
            "assumes each registration costs c + d x (works already imported), c and d fitted along "
            "the import for duplicate detection and for the rest apart (a part whose fit is flat within "
            "the noise is scaled linearly); without a fit, from the two sizes."
        )  # 100,000 works: measured, or extrapolated linearly (and with the growth, if any)
    estimates = [("linear", big_run.per_work * TARGET_WORKS)]
    if grows and big_run.works < GROWTH_MIN_WORKS:
        note(
            f"{label}: {big_run.works:,} works are too few to extrapolate a growth to {TARGET_WORKS:,} "
            f"(warm-up and noise dominate): no growth-aware row below {GROWTH_MIN_WORKS:,} works."
        )
    elif grows and big_run.works < TARGET_WORKS:
        if fit is not None and dup_fit is not None and rest_fit is not None:
            in_dup = big_run.marks[-1][2] if big_run.marks else 0.0
            parts = (
                (dup_fit, in_dup, dup_grows),
                (rest_fit, big_run.seconds - in_dup, rest_fit.growth > 1 + FIT_NOISE and rest_fit.slope > 0),
            )
            seconds = sum(
                part.total(TARGET_WORKS, big_run.works) if growing else spent * TARGET_WORKS / big_run.works
                for part, spent, growing in parts
            )
            estimates.append(("growth-aware", seconds))
        elif small_run is not None:
            # average per-work time linear in the size: c + d x n / 2
            slope = (big_run.per_work - small_run.per_work) / (big_run.works - small_run.works)
            seconds = TARGET_WORKS * (big_run.per_work + slope * (TARGET_WORKS - big_run.works))
            estimates.append(("growth-aware", seconds))
    for kind, seconds in estimates:
        how = _how(big_run.works)
        if big_run.works != TARGET_WORKS:
            how += f", {kind}"
        base_seconds = None
        if sqlite is not None:
            base_seconds = sqlite.per_work * TARGET_WORKS if kind == "linear" else _GROWTH_AWARE.get("sqlite")
        add(
            Row(
                section,
                f"{label}: import {TARGET_WORKS:,} works ({how})",
                fmt_s(seconds),
                f"SQLite: {fmt_s(base_seconds)}"
                if base_seconds
                else f"needed: {fmt_rate(NEEDED_RATE, ' works/s')}",
                f"{seconds / base_seconds:.2f}x the time"
                if base_seconds
                else f"{seconds / TARGET_S:.1f}x the target",
                f"<= {TARGET_S:.0f} s" if section == "sqlite" else "(info: SQLite's target)",
                verdict(seconds <= TARGET_S) if section == "sqlite" else "",
            )
        )
        if kind == "growth-aware":
            _GROWTH_AWARE[section] = seconds  # the same file again
    again = big_run.reimport_report
    if again is not None and big_run.reimport_seconds is not None:
        unchanged = big_run.counts_before == big_run.counts_after
        ok = again.already_imported and unchanged and big_run.reimport_seconds <= REIMPORT_INSTANT_S
        add(
            Row(
                section,
                f"{label}: the same {big_run.works:,}-work file again",
                fmt_s(big_run.reimport_seconds),
                f"first import: {fmt_s(big_run.seconds)}",
                f"{big_run.reimport_seconds / big_run.seconds:.5f}x the time",
                f"already imported, nothing written, <= {REIMPORT_INSTANT_S:.0f} s",
                verdict(ok),
            )
        )
        if not again.already_imported:
            note(f"{label}: the second import of the same file was NOT reported as already imported.")
        if not unchanged:
            note(
                f"{label}: the second import changed rows: {big_run.counts_before} -> {big_run.counts_after}."
            )


_GROWTH_AWARE: dict[str, float] = {}  # section -> growth-aware estimate of 100,000 works


def _growth_verdict(growth: float, noise: float) -> str:
    if growth > 1 + noise:
        return f"GROWS {growth - 1:+.0%}: non-linear"
    return f"flat within {noise:.0%}: linear"


def key_of(run: ImportRun) -> str:
    return f"{run.works}"


class _SqliteUrl:
    """A fresh SQLite file in a fresh temporary directory, removed afterwards."""

    def __enter__(self) -> str:
        self._tmp = tempfile.TemporaryDirectory(prefix="rl-cwr-bench-")
        return f"sqlite:///{self._tmp.name}/bench.sqlite"

    def __exit__(self, *exc: object) -> None:
        self._tmp.cleanup()


class _PgUrl:
    """A fresh PostgreSQL database, dropped afterwards; None (with a note) without a server."""

    def __enter__(self) -> str | None:
        self._url = create_pg_database("rl_cwr_bench")
        return self._url

    def __exit__(self, *exc: object) -> None:
        if self._url is not None:
            drop_pg_database(self._url)


# --------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--works",
        type=int,
        default=None,
        help=f"works in the file (default {DEFAULT_WORKS:,}, extrapolated to {TARGET_WORKS:,}; "
        f"{TARGET_WORKS:,} is a real full run, a few minutes per database)",
    )
    parser.add_argument(
        "--small",
        type=int,
        default=None,
        help=f"works in the smaller file of the linearity check (default a third of --works, at most "
        f"{SMALL_CAP:,}; 0 skips it)",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of generate_cwr (default 1)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="parse_cwr alone: best of this many (default 3)"
    )
    parser.add_argument("--quick", action="store_true", help=f"small smoke run: {QUICK_WORKS} works")
    parser.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args(argv)
    # killed by its pid (a long nohup run): unwind, so temporary files and databases go away
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    works = args.works or (QUICK_WORKS if args.quick else DEFAULT_WORKS)
    works = max(3, works)
    small_works = min(works // 3, SMALL_CAP) if args.small is None else min(args.small, works - 1)
    repeat = 1 if args.quick and args.repeat == 3 else max(1, args.repeat)

    print(
        f"RightsLedger CWR import bench: Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), "
        f"{works:,} works (+ {small_works:,} for the linearity check)",
        file=sys.stderr,
    )
    started = time.perf_counter()
    state: dict[str, Any] = {}

    def file_step() -> None:
        state["big"] = generate(works, args.seed)
        state["small"] = generate(small_works, args.seed + 1) if small_works > 0 else None
        state["t_parse"] = bench_file(state["big"], state["small"], repeat)

    steps: list[tuple[str, Callable[[], Any]]] = [("file", file_step)]
    steps.append(
        (
            "sqlite",
            lambda: bench_database(
                "SQLite (file, WAL)", "sqlite", _SqliteUrl, state["big"], state["small"], state["t_parse"]
            ),
        )
    )
    if not args.no_pg:
        steps.append(
            (
                "postgresql",
                lambda: bench_database(
                    "PostgreSQL", "postgresql", _PgUrl, state["big"], state["small"], state["t_parse"]
                ),
            )
        )
    for name, step in steps:
        try:
            step()
        except Exception:  # a broken step is reported, the others still run; never fail the job
            note(f"{name}: step raised, its figures are missing:\n" + traceback.format_exc())
            if name == "file":
                break
    note(
        f"the file: generate_cwr(n, seed={args.seed}), CWR 2.2: per work one NWR with 1-3 controlled "
        "writers (SWR/SWT/PWR), a controlled publisher (SPU/SPT), every third work a co-publisher with "
        "its own writer (OPU/OWR), an alternative title, a performer, a recording (REC) and its ISRC "
        "(XRF); 200 writers recur across works. The smaller file of the linearity check has the next "
        "seed. Each import goes into its own fresh, empty database."
    )
    if works != TARGET_WORKS:
        note(
            f"{TARGET_WORKS:,}-work figures are EXTRAPOLATED from the {works:,}-work import (its per-work "
            f"time x {TARGET_WORKS:,}), not measured: run --works {TARGET_WORKS} for the real figure."
        )
    print_table(
        f"RightsLedger CWR import bench: {works:,} works (+ {small_works:,}), seed {args.seed}, "
        f"{os.cpu_count()} CPU(s), total {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
