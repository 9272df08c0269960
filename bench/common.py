"""What the benchmarks share: the rows of their tables, progress on stderr, verdicts, and a
temporary PostgreSQL database. The scripts run as `python bench/<name>.py`, so this is `common`."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

PG_ADMIN_URL = os.environ.get("RIGHTS_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432")


@dataclass
class Row:
    section: str
    what: str
    figure: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


ROWS: list[Row] = []
NOTES: list[str] = []


def add(row: Row) -> None:
    ROWS.append(row)
    # progress to stderr, so a long run shows life and stdout stays the table
    print(f"  [{row.section}] {row.what}: {row.figure} {row.verdict}", file=sys.stderr, flush=True)


def note(text: str) -> None:
    NOTES.append(text)
    print(f"  note: {text}", file=sys.stderr, flush=True)


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds >= 0.1 else f"{seconds * 1000:.2f} ms"


def fmt_rate(per_s: float, unit: str = "/s") -> str:
    return f"{per_s:,.0f}{unit}"


def print_rows(title: str, headers: tuple[str, ...], cells: Sequence[tuple[str, ...]]) -> None:
    """A plain-text table, a blank line between sections (the first cell of each row)."""
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    print(title)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print(line)
    previous = None
    for cell in cells:
        if previous is not None and cell[0] != previous:
            print()
        previous = cell[0]
        print("  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip())
    print(line)


def print_table(title: str, *, notes: bool = True) -> None:
    """The rows added so far, then (unless the caller prints more first) the notes."""
    headers = ("section", "measure", "figure", "baseline (same run)", "ratio", "target", "")
    cells = [(r.section, r.what, r.figure, r.baseline, r.ratio, r.target, r.verdict) for r in ROWS]
    print_rows(title, headers, cells)
    for text in NOTES if notes else ():
        print(f"* {text}")


def create_pg_database(prefix: str) -> str | None:
    """A fresh database `<prefix>_<random>` on the PostgreSQL server, or None (with a note)."""
    from sqlalchemy import create_engine, text

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(_pg(PG_ADMIN_URL, "postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:  # no server, no rights: say so and go on
        note(
            f"PostgreSQL skipped, cannot create a database at {PG_ADMIN_URL}: {exc.__class__.__name__}: {exc}"
        )
        return None
    return _pg(PG_ADMIN_URL, name)


def drop_pg_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    admin = create_engine(_pg(PG_ADMIN_URL, "postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _pg(url: str, database: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.set(database=database).render_as_string(hide_password=False)
