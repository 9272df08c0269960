"""The staff's review queues at size: 100,000 open share conflicts and 100,000 pending duplicate
candidates, paged through the API (`GET /v1/admin/conflicts`, `GET /v1/admin/duplicates`, 50 a
page: the first page, one in the middle, the last), on SQLite then PostgreSQL, beside the floor:
the same page read with two bare SQL statements (the count and the page's rows) on the same
database. Target (issue 19, said of the submissions queue, here of the queues that exist): a page
within 1 s.

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
from registry.models import ConflictShare, DuplicateCandidate, Party, ShareConflict, Work  # noqa: E402
from registry.services.access.users import create_user  # noqa: E402
from tests.databases import migrate, migrated_postgres_database  # noqa: E402

PAGE = 50
TARGET = 1.0
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
    took = time.perf_counter() - started
    note(f"{backend}: {items:,} conflicts and {items:,} candidates written in {took:.0f} s")
    floors = {
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
    print_table(f"Review queues at size: pages of {PAGE} (API in-process) beside two bare SQL statements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
