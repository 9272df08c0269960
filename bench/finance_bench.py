"""Finance at size: 100,000 venues' invoices for a month (half of them part-paid), paged through
the API as finance reads them (`GET /v1/admin/receivables`, 50 a page: first, middle, last; the
overdue list; `GET /v1/admin/receivables/ageing`), beside the floor: the same page read with two
bare SQL statements (the count and the page's rows, payments summed); then a bank statement of
5,000 receipts imported (`POST /v1/admin/payments/bank-statement`), beside the floor of writing
the same 5,000 payment rows with one bare INSERT. On SQLite, then PostgreSQL. Target (the
guide's real sizes; issue 19 names a page within 1 s for its queues): a page within 1 s.

    .venv/bin/python bench/finance_bench.py                 # 100,000 invoices (~1 min)
    .venv/bin/python bench/finance_bench.py --invoices 10000 --no-pg

Licensees, licenses, invoices and the first payments are written straight into the tables: the
bench times reading and importing, not billing. Figures only; it never fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
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
from registry.models import Invoice, License, Licensee, Payment, Tariff  # noqa: E402
from registry.services.access.users import create_user  # noqa: E402
from tests.databases import migrate, migrated_postgres_database  # noqa: E402

PAGE = 50
TARGET = 1.0
STATEMENT_LINES = 5000
PASSWORD = "bench-password-1"
PERIOD, ISSUED, DUE = "2026-03", date(2026, 4, 1), date(2026, 5, 1)
AS_OF = "2026-06-15"  # 45 days past due: every unpaid invoice owes a second reminder
AMOUNT = 24 * 31 * 1080


def fill(engine: Engine, invoices: int) -> None:
    chunk = 5000
    with engine.begin() as db:
        db.execute(
            insert(Tariff),
            [
                {
                    "id": 1,
                    "code": "KTV-ROOM-DAY",
                    "version": 1,
                    "name": "karaoke rooms",
                    "formula": "karaoke_room_day",
                    "applies_to": ["karaoke_venue"],
                    "params": {"rate_fen": 1080},
                    "currency": "CNY",
                    "rounding": "ROUND_HALF_UP",
                    "valid_from": date(2020, 1, 1),
                    "valid_to": None,
                }
            ],
        )
        for start in range(1, invoices + 1, chunk):
            ids = range(start, min(start + chunk, invoices + 1))
            db.execute(
                insert(Licensee),
                [
                    {"id": n, "kind": "karaoke_venue", "name": f"KTV {n}", "city": "上海", "rooms": 24}
                    for n in ids
                ],
            )
            db.execute(
                insert(License),
                [
                    {
                        "id": n,
                        "number": f"LIC-2026-{n:06d}",
                        "licensee_id": n,
                        "tariff_id": 1,
                        "scope": "all",
                        "territory": "CN",
                        "valid_from": date(2026, 1, 1),
                        "valid_to": date(2026, 12, 31),
                        "status": "active",
                        "status_on": date(2026, 1, 1),
                        "issued_on": date(2026, 1, 1),
                    }
                    for n in ids
                ],
            )
            db.execute(
                insert(Invoice),
                [
                    {
                        "id": n,
                        "number": f"INV-202603-{n:06d}",
                        "license_id": n,
                        "period": PERIOD,
                        "source": "karaoke",
                        "currency": "CNY",
                        "amount_fen": AMOUNT,
                        "tariff": {"code": "KTV-ROOM-DAY", "version": 1},
                        "basis": {"days": 31, "rooms": 24},
                        "issued_on": ISSUED,
                        "due_on": DUE,
                    }
                    for n in ids
                ],
            )
            db.execute(  # every other invoice paid in half
                insert(Payment),
                [
                    {
                        "invoice_id": n,
                        "amount_fen": AMOUNT // 2,
                        "currency": "CNY",
                        "received_on": date(2026, 4, 10),
                        "reference": f"BENCH-{n}",
                        "method": "bank_transfer",
                    }
                    for n in ids
                    if n % 2 == 0
                ],
            )


def statement(invoices: int) -> bytes:
    """5,000 receipts paying the rest of part-paid invoices, spread over the month's invoices."""
    step = max(2, (invoices // STATEMENT_LINES) // 2 * 2)
    lines = ["交易日期,金额,流水号,付款人,附言"]
    for k in range(STATEMENT_LINES):
        n = 2 + (k * step) % invoices // 2 * 2
        lines.append(f"2026-06-01,{AMOUNT // 2 / 100:.2f},STMT-{k},KTV {n},INV-202603-{n:06d}")
    return ("\n".join(lines) + "\n").encode("gb18030")


def timed(call: Callable[[], object], runs: int) -> float:
    call()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


PAID = "(SELECT invoice_id, sum(amount_fen) AS paid FROM payment GROUP BY invoice_id)"
COUNT_SQL = (
    f"SELECT count(*) FROM invoice i LEFT JOIN {PAID} p ON p.invoice_id = i.id "
    "WHERE i.amount_fen > coalesce(p.paid, 0)"
)
PAGE_SQL = (
    f"SELECT i.*, l.number, e.name, coalesce(p.paid, 0) FROM invoice i JOIN license l ON l.id = i.license_id "
    f"JOIN licensee e ON e.id = l.licensee_id LEFT JOIN {PAID} p ON p.invoice_id = i.id "
    "WHERE i.amount_fen > coalesce(p.paid, 0) ORDER BY i.due_on, i.number LIMIT :n OFFSET :o"
)


def measure(backend: str, url: str, data_dir: Path, invoices: int, runs: int) -> None:
    engine = make_engine(url)
    started = time.perf_counter()
    fill(engine, invoices)
    note(f"{backend}: {invoices:,} invoices written in {time.perf_counter() - started:.0f} s")
    with transaction(make_session_factory(engine)) as session:
        create_user(session, "finance", "finance", password=PASSWORD)
    app = create_app(ApiSettings(db_url=url, data_dir=data_dir, rate_per_second=0))
    with TestClient(app) as client:
        token = client.post("/v1/auth/token", data={"username": "finance", "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        for name, offset in (
            ("first", 0),
            ("middle", (invoices // 2 // PAGE) * PAGE),
            ("last", invoices - PAGE),
        ):

            def api(offset: int = offset) -> object:
                params = {"limit": PAGE, "offset": offset, "as_of": AS_OF}
                got = client.get("/v1/admin/receivables", params=params, headers=headers)
                assert got.status_code == 200 and len(got.json()["items"]) == PAGE, got.text[:300]
                return got

            def bare(offset: int = offset) -> object:
                with engine.connect() as db:
                    db.execute(text(COUNT_SQL)).scalar()
                    return db.execute(text(PAGE_SQL), {"n": PAGE, "o": offset}).all()

            figure, floor = timed(api, runs), timed(bare, runs)
            add(
                Row(
                    backend,
                    f"GET /v1/admin/receivables, {name} page of {invoices:,} (median of {runs})",
                    fmt_s(figure),
                    fmt_s(floor),
                    f"{figure / floor:.1f}x" if floor else "",
                    target=f"<= {TARGET:.0f} s",
                    verdict=verdict(figure <= TARGET),
                )
            )

        def aged() -> object:
            got = client.get("/v1/admin/receivables/ageing", params={"as_of": AS_OF}, headers=headers)
            assert got.status_code == 200 and got.json()["invoices"] == invoices, got.text[:300]
            return got

        def aged_bare() -> object:
            with engine.connect() as db:
                return db.execute(text(COUNT_SQL)).scalar()

        figure, floor = timed(aged, runs), timed(aged_bare, runs)
        add(
            Row(
                backend,
                f"GET /v1/admin/receivables/ageing over {invoices:,} (median of {runs})",
                fmt_s(figure),
                fmt_s(floor),
                f"{figure / floor:.1f}x" if floor else "",
                target=f"<= {TARGET:.0f} s",
                verdict=verdict(figure <= TARGET),
            )
        )

        data = statement(invoices)
        started = time.perf_counter()
        got = client.post(
            "/v1/admin/payments/bank-statement", files={"file": ("bank.csv", data)}, headers=headers
        )
        took = time.perf_counter() - started
        assert got.status_code == 200, got.text[:300]
        counts = got.json()["counts"]
        assert counts["recorded"] == STATEMENT_LINES, counts
        with engine.begin() as db:
            db.execute(text("CREATE TEMPORARY TABLE floor_payment AS SELECT * FROM payment WHERE 1 = 0"))
            started = time.perf_counter()
            db.execute(
                text(
                    "INSERT INTO floor_payment (id, invoice_id, amount_fen, currency, received_on, "
                    "reference, method) VALUES (:id, :i, :a, 'CNY', :d, :r, 'bank_transfer')"
                ),
                [
                    {"id": k, "i": 1, "a": 1, "d": date(2026, 6, 1), "r": f"F-{k}"}
                    for k in range(STATEMENT_LINES)
                ],
            )
            floor = time.perf_counter() - started
        add(
            Row(
                backend,
                f"bank statement of {STATEMENT_LINES:,} receipts imported "
                f"({STATEMENT_LINES / took:,.0f} a second)",
                fmt_s(took),
                fmt_s(floor),
                f"{took / floor:.0f}x" if floor else "",
                target="",
                verdict="",
            )
        )
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rl-finance-bench-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'rightsledger.db'}"
        migrate(url)
        measure("sqlite", url, Path(scratch), args.invoices, args.runs)
        if not args.no_pg:
            try:
                with contextmanager(migrated_postgres_database)() as pg_url:
                    measure("postgresql", pg_url, Path(scratch), args.invoices, args.runs)
            except Exception as exc:  # no server: say so, keep SQLite's figures
                note(f"postgresql skipped: {type(exc).__name__}: {exc}"[:300])
    print_table(
        "Finance at size: receivables pages of 50 and a bank statement, API in-process, beside bare SQL"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
