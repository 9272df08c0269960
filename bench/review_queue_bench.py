"""The staff's review queues at size: 100,000 pending submissions from outside, 100,000 open share
conflicts and 100,000 pending duplicate candidates, paged through the API
(`GET /v1/admin/submissions`, `/conflicts`, `/duplicates`, 50 a page: the first page, one in the
middle, the last), on SQLite then PostgreSQL, beside the floor: the same page read with two bare
SQL statements (the count and the page's rows) on the same database. Then 10,000 of the
submissions accepted at once (`POST /v1/admin/submissions/accept`: 10,000 new works registered
with their entries, and the submissions' next entries). Targets (issue 19): a page within 1 s;
bulk approval at least 2,000 a second.

    .venv/bin/python bench/review_queue_bench.py                 # 100,000 of each (~2 min)
    .venv/bin/python bench/review_queue_bench.py --items 10000 --no-pg

The rows are written straight into the tables (parties, works, cases, claims, candidates): the
bench times reading the queues, not making them. Figures only; it never fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for folder in (REPO, REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from common import Row, add, fmt_s, note, print_table, verdict  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Engine, insert, text  # noqa: E402

from registry.api import ApiSettings, create_app  # noqa: E402
from registry.db import make_engine, make_session_factory, transaction  # noqa: E402
from registry.models import ConflictShare, DuplicateCandidate, Party, ShareConflict, Submission, Work  # noqa: E402
from registry.services.access.users import create_user  # noqa: E402
from tests.databases import migrate, migrated_postgres_database  # noqa: E402

PAGE = 50
TARGET = 1.0
BULK = 10_000
BULK_TARGET = 2000  # submissions accepted a second
WRITERS = 200  # a publisher's catalogue names the same writers again and again
PASSWORD = "bench-password-1"


def fill(engine: Engine, items: int) -> None:
    """`items` open conflicts (two claims each) and `items` pending candidates (over 2 x items works)."""
    chunk = 5000
    with engine.begin() as db:
        db.execute(
            insert(Party),
            [
                {
                    "id": n,
                    "kind": "company",
                    "name": f"Publisher {n}",
                    "name_key": f"publisher {n}",
                    "status": "external",
                }
                for n in (1, 2)
            ],
        )
        for start in range(1, 2 * items + 1, chunk):
            db.execute(
                insert(Work),
                [
                    {
                        "id": n,
                        "title": f"Song {n}",
                        "title_key": f"song {n}",
                        "status": "in_conflict" if n <= items else "incomplete",
                        "primary_submitter": "PUB1",
                    }
                    for n in range(start, min(start + chunk, 2 * items + 1))
                ],
            )
        for start in range(1, items + 1, chunk):
            ids = range(start, min(start + chunk, items + 1))
            db.execute(
                insert(ShareConflict),
                [
                    {
                        "id": n,
                        "work_id": n,
                        "right_type": "performing",
                        "status": "open",
                        "claimed_total": 15000,
                    }
                    for n in ids
                ],
            )
            db.execute(
                insert(ConflictShare),
                [
                    {
                        "conflict_id": n,
                        "party_id": p,
                        "stage": "claimed",
                        "submitter": f"PUB{p}",
                        "role": "publisher",
                        "share": s,
                    }
                    for n in ids
                    for p, s in ((1, 10_000), (2, 5000))
                ],
            )
            db.execute(  # candidate n: works n and items + n (a pair is stored lowest id first)
                insert(DuplicateCandidate),
                [
                    {
                        "id": n,
                        "subject": "work",
                        "first_work_id": n,
                        "second_work_id": items + n,
                        "reason": "title_and_writer",
                        "detail": "bench",
                        "status": "pending",
                    }
                    for n in ids
                ],
            )


def fill_submissions(engine: Engine, items: int) -> None:
    """`items` pending submissions from one template: brand-new works, one writer each."""
    with engine.begin() as db:
        for start in range(1, items + 1, 5000):
            db.execute(
                insert(Submission),
                [
                    {
                        "id": n,
                        "channel": "template",
                        "file_sha256": "b" * 64,
                        "file_name": "bench.xlsx",
                        "line": n + 1,
                        "submitter": "BENCH-PUB",
                        "submitter_work_id": f"B-{n}",
                        "title": f"Bench Song {n}",
                        "title_key": f"bench song {n}",
                        "proposed": _proposed(n),
                        "suggestions": [{"kind": "iswc_missing", "field": "iswc"}],
                        "status": "pending",
                        "submitted_by": "bench",
                    }
                    for n in range(start, min(start + 5000, items + 1))
                ],
            )


def sync_sequences(engine: Engine) -> None:
    """PostgreSQL: the rows above were written with their ids, so move each table's sequence past
    them (the registry's own inserts draw from it)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as db:
        for table in (
            "party",
            "work",
            "share_conflict",
            "conflict_share",
            "duplicate_candidate",
            "submission",
        ):
            db.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            )


def _proposed(n: int) -> dict[str, object]:
    writer: dict[str, object] = {"name": f"Writer{n % WRITERS}, Ann", "ipi_name": None, "role": "CA"}
    writer |= {"pr_share": 10_000, "mr_share": 10_000, "sr_share": 10_000}
    return {
        "submitter_work_id": f"B-{n}",
        "title": f"Bench Song {n}",
        "iswc": None,
        "language": "zh",
        "duration_seconds": 200,
        "alt_titles": [],
        "writers": [writer],
        "publishers": [],
        "recordings": [],
        "ai": None,
    }


def bulk_accept(backend: str, client: TestClient, headers: dict[str, str], items: int) -> None:
    """The last BULK submissions accepted in one request (the pages read above stay as they were)."""
    count = min(BULK, items)
    ids = [f"SUB-{n}" for n in range(items - count + 1, items + 1)]
    started = time.perf_counter()
    answer = client.post("/v1/admin/submissions/accept", json={"ids": ids}, headers=headers)
    took = time.perf_counter() - started
    assert answer.status_code == 200 and answer.json()["accepted"] == count, answer.text[:300]
    rate = count / took
    add(
        Row(
            backend,
            f"POST /v1/admin/submissions/accept, {count:,} at once ({fmt_s(took)})",
            f"{rate:,.0f}/s",
            f"{BULK_TARGET:,}/s",
            f"{rate / BULK_TARGET:.2f}x",
            target=f">= {BULK_TARGET:,}/s",
            verdict=verdict(rate >= BULK_TARGET),
        )
    )


@contextmanager
def client_for(url: str, data_dir: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as session:
        create_user(session, "staff", "clerk", password=PASSWORD)
    engine.dispose()
    app = create_app(ApiSettings(db_url=url, data_dir=data_dir, rate_per_second=0))
    with TestClient(app) as client:
        token = client.post("/v1/auth/token", data={"username": "staff", "password": PASSWORD}).json()
        yield client, {"Authorization": f"Bearer {token['access_token']}"}


def timed(call: Callable[[], object], runs: int) -> float:
    call()  # warm: the first read of a page pulls it into the cache
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def measure(backend: str, url: str, data_dir: Path, items: int, runs: int) -> None:
    engine = make_engine(url)
    started = time.perf_counter()
    fill(engine, items)
    fill_submissions(engine, items)
    sync_sequences(engine)
    took = time.perf_counter() - started
    note(f"{backend}: {items:,} submissions, conflicts and candidates each written in {took:.0f} s")
    floors = {
        "submissions": (
            "SELECT count(*) FROM submission WHERE status = 'pending'",
            "SELECT * FROM submission WHERE status = 'pending' ORDER BY id LIMIT :n OFFSET :o",
        ),
        "conflicts": (
            "SELECT count(*) FROM share_conflict WHERE status = 'open'",
            "SELECT * FROM share_conflict WHERE status = 'open' ORDER BY id LIMIT :n OFFSET :o",
        ),
        "duplicates": (
            "SELECT count(*) FROM duplicate_candidate WHERE status = 'pending'",
            "SELECT * FROM duplicate_candidate WHERE status = 'pending' ORDER BY id LIMIT :n OFFSET :o",
        ),
    }
    with client_for(url, data_dir) as (client, headers):
        for queue, (count_sql, page_sql) in floors.items():
            for name, offset in (
                ("first", 0),
                ("middle", (items // 2 // PAGE) * PAGE),
                ("last", items - PAGE),
            ):

                def api(offset: int = offset, queue: str = queue) -> object:
                    got = client.get(
                        f"/v1/admin/{queue}", params={"limit": PAGE, "offset": offset}, headers=headers
                    )
                    assert got.status_code == 200 and len(got.json()["items"]) == PAGE, got.text[:300]
                    return got

                def bare(
                    offset: int = offset, count_sql: str = count_sql, page_sql: str = page_sql
                ) -> object:
                    with engine.connect() as db:
                        db.execute(text(count_sql)).scalar()
                        return db.execute(text(page_sql), {"n": PAGE, "o": offset}).all()

                figure, floor = timed(api, runs), timed(bare, runs)
                add(
                    Row(
                        backend,
                        f"GET /v1/admin/{queue}, {name} page of {items:,} (median of {runs})",
                        fmt_s(figure),
                        fmt_s(floor),
                        f"{figure / floor:.1f}x" if floor else "",
                        target=f"<= {TARGET:.0f} s",
                        verdict=verdict(figure <= TARGET),
                    )
                )
        bulk_accept(backend, client, headers, items)
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rl-review-bench-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'rightsledger.db'}"
        migrate(url)
        measure("sqlite", url, Path(scratch), args.items, args.runs)
        if not args.no_pg:
            try:
                with contextmanager(migrated_postgres_database)() as pg_url:
                    measure("postgresql", pg_url, Path(scratch), args.items, args.runs)
            except Exception as exc:  # no server: say so, keep SQLite's figures
                note(f"postgresql skipped: {type(exc).__name__}: {exc}"[:300])
    print_table(
        f"Review queues at size: pages of {PAGE} (API in-process) beside two bare SQL statements; "
        f"bulk approval beside its target"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
