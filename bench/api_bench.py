"""Benchmark of the HTTP API: proof (and, once licensing is merged, license) lookups under load.

    .venv/bin/python bench/api_bench.py [--clients 64] [--seconds 10] [--workers 1] [--quick]

Target of issue 7: "proof and license lookups: at least 1,500 requests/s with p99 at most 50 ms at
64 concurrent clients on this 2-core machine, printed beside a bare FastAPI endpoint on the same
machine (target ratio at least 0.5)".

How: `rightsledger demo --scale small --no-serve` builds demo data (SQLite, embedded chain, 300+
works anchored) in a
temporary folder; the API runs under uvicorn in a subprocess (`serve api`'s app factory, rate
limit off, access log off), and this process is the load generator: a small asyncio HTTP/1.1
client keeping `--clients` keep-alive connections on loopback, each sending its next request as
soon as the last answer arrived. After a warm-up, requests/s and latency percentiles are measured,
in rounds alternating between the targets (a change of the shared machine's load hits each alike),
for GET /v1/proofs/{id} over the demo's works (rlproof JSON, ~1.5 KB), then for a bare FastAPI
endpoint (bench/api_bare.py) under the same uvicorn settings; the ratio is proof / bare.
License lookups (GET /v1/licenses/{number}, status computed on the day) are measured over the
demo's licenses when it has some.

The machine is shared with other work: the figures move with its load, which is printed. Prints
a table, never asserts, always exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from common import Row, add, note, print_table, verdict

REPO = Path(__file__).resolve().parents[1]
TARGET_RPS, TARGET_P99_MS, TARGET_RATIO = 1500.0, 50.0, 0.5
ROUTE_ONLY = "proof, through the route"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed_licenses(data_dir: Path, count: int = 200) -> int:
    """Issue `count` licenses through the licensing services when the demo data holds none (the
    demo may record license entries without the registry's licenses): what lookups read."""
    from datetime import date

    from sqlalchemy import func, select
    from stdnum.cn import uscc

    from registry.crypto import field_cipher
    from registry.models import License
    from registry.services.licensing.licensees import LicenseeInput, add_licensee
    from registry.services.licensing.licenses import LicenseInput, issue_license
    from registry.services.licensing.tariffs import TariffInput, add_tariff
    from rightsledger.context import unit_of_work
    from rightsledger.settings import load_settings

    settings = load_settings(data_dir=data_dir)
    with unit_of_work(settings) as session:
        if session.scalar(select(func.count()).select_from(License)):
            return 0
        cipher = field_cipher(settings.data_dir / "keys" / "data.key")
        tariff = "BENCH-KTV-ROOM"
        add_tariff(
            session,
            TariffInput(
                code=tariff,
                name="karaoke rooms",
                formula="karaoke_room_day",
                params={"rate_fen": 1080},
                valid_from=date(2015, 1, 1),
            ),
        )
        for n in range(count):
            body = f"91310000MB{n:07d}"
            licensee = add_licensee(
                session,
                cipher,
                LicenseeInput(
                    kind="karaoke_venue",
                    name=f"Bench KTV {n}",
                    uscc=body + uscc.calc_check_digit(body),
                    city="Shanghai",
                    province="SH",
                    rooms=10,
                ),
            )
            session.flush()
            start = date(2026 - n % 8, 1, 1)  # some current, some expired
            issue_license(
                session,
                LicenseInput(
                    licensee=licensee.ref,
                    tariff=tariff,
                    valid_from=start,
                    valid_to=date(start.year, 12, 31),
                    issued_on=start,
                ),
            )
    return count


def start_server(
    target: str, port: int, workers: int, env: dict[str, str], factory: bool
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    command += ["--factory"] if factory else []
    server = subprocess.Popen(command, env=env, cwd=REPO, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
            return server
        except httpx.TransportError:
            if server.poll() is not None:
                raise SystemExit(f"the server {target} exited with {server.returncode}") from None
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server {target} did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


async def _client(
    port: int,
    paths: list[str],
    stop_at: float,
    measure_from: float,
    latencies: list[float],
    errors: list[int],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    rng = random.Random()
    try:
        while True:
            now = time.perf_counter()
            if now >= stop_at:
                return
            path = rng.choice(paths)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            done = time.perf_counter()
            if now >= measure_from:
                latencies.append(done - now)
                if status != 200:
                    errors.append(status)
    finally:
        writer.close()


def load(port: int, paths: list[str], clients: int, seconds: float, warmup: float) -> tuple[list[float], int]:
    """The latencies of the requests answered within `seconds` after `warmup`, and the non-200s."""
    latencies: list[float] = []
    errors: list[int] = []

    async def main() -> None:
        start = time.perf_counter()
        measure_from, stop_at = start + warmup, start + warmup + seconds
        await asyncio.gather(
            *(_client(port, paths, stop_at, measure_from, latencies, errors) for _ in range(clients))
        )

    try:
        import uvloop

        uvloop.run(main())
    except ImportError:
        asyncio.run(main())
    return latencies, len(errors)


def figures(latencies: list[float], seconds: float) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms)."""
    ordered = sorted(latencies)
    count = len(ordered)
    if not count:
        return 0.0, 0.0, 0.0
    return count / seconds, ordered[count // 2] * 1000, ordered[min(count - 1, int(count * 0.99))] * 1000


def build_demo(folder: Path, env: dict[str, str]) -> None:
    started = time.perf_counter()
    demo = ["demo", "--data-dir", str(folder), "--scale", "small", "--no-serve"]
    subprocess.run(
        [sys.executable, "-m", "rightsledger.cli", *demo],
        env=env,
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    note(f"demo data built in {time.perf_counter() - started:.0f} s (rightsledger demo)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes (API and bare alike)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per target")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 s per measure")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.warmup = 2.0, 0.5

    base_env = {
        k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_") or k == "RIGHTS_TEST_PG_URL"
    }
    folder = Path(tempfile.mkdtemp(prefix="api-bench-"))
    try:
        build_demo(folder / "demo", base_env)
        seeded = seed_licenses(folder / "demo")
        env = {**base_env, "RIGHTS_DATA_DIR": str(folder / "demo"), "RIGHTS_API_RATE_LIMIT": "0"}
        port, bare_port = free_port(), free_port()
        load1 = os.getloadavg()[0]
        server = start_server(
            "rightsledger.commands.serve:app_from_environment", port, args.workers, env, True
        )
        bare_env = {**base_env, "PYTHONPATH": str(Path(__file__).parent)}
        bare_server = start_server("api_bare:app", bare_port, args.workers, bare_env, False)
        try:
            api = f"http://127.0.0.1:{port}"
            works = httpx.get(f"{api}/v1/works", params={"limit": 500}).json()["items"]
            paths = [
                f"/v1/proofs/{w['id']}"
                for w in works
                if httpx.get(f"{api}/v1/proofs/{w['id']}").status_code == 200
            ]
            note(
                f"proof lookups over {len(paths)} anchored works of the demo "
                "(GET /v1/proofs/W-n, rlproof JSON)"
            )
            targets = {"proof": (port, paths)}
            # The same proofs asked with a query string skip the remembered answers in front of
            # the routes (registry/api/remembered_lookups.py): what FastAPI's routing costs.
            targets[ROUTE_ONLY] = (port, [f"{path}?format=rlproof" for path in paths])
            spec = httpx.get(f"{api}/openapi.json").json()
            if "/v1/licenses/{number}" in spec["paths"]:
                licenses = httpx.get(f"{api}/v1/licenses", params={"limit": 500}).json()["items"]
                license_paths = [f"/v1/licenses/{item['number']}" for item in licenses]
                if license_paths:
                    targets["license"] = (port, license_paths)
                    note(f"license lookups over {len(license_paths)} licenses (GET /v1/licenses/{{number}})")
                else:
                    note("license lookups: the demo data holds no licenses: not measured")
                if seeded:
                    note(f"{seeded} karaoke licenses issued into the demo data for this run (it had none)")
            else:
                note("license lookups: /v1/licenses is not in this API yet (issue 5): not measured")
            targets["bare"] = (bare_port, ["/bare"])
            # Rounds alternate the targets, so a change of the shared machine's load hits each alike.
            slice_seconds = args.seconds / args.rounds
            raw: dict[str, tuple[list[float], int]] = {name: ([], 0) for name in targets}
            for round_number in range(args.rounds):
                for name, (target_port, target_paths) in targets.items():
                    warmup = args.warmup if round_number == 0 else min(args.warmup, 0.5)
                    latencies, bad = load(target_port, target_paths, args.clients, slice_seconds, warmup)
                    raw[name] = (raw[name][0] + latencies, raw[name][1] + bad)
        finally:
            stop(server)
            stop(bare_server)
        load2 = os.getloadavg()[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    bare = figures(raw.pop("bare")[0], args.seconds)
    measured = {name: (*figures(latencies, args.seconds), bad) for name, (latencies, bad) in raw.items()}
    bare_rps = bare[0]
    add(
        Row(
            "bare",
            'GET /bare (FastAPI, async, {"status": "ok"})',
            f"{bare_rps:,.0f} req/s, p50 {bare[1]:.1f} ms, p99 {bare[2]:.1f} ms",
        )
    )
    for name, (rps, p50, p99, bad) in measured.items():
        if name == ROUTE_ONLY:
            add(
                Row(
                    name,
                    "requests/s, p99 (info)",
                    f"{rps:,.0f}, p99 {p99:.1f} ms",
                    f"bare {bare_rps:,.0f}",
                    f"{rps / bare_rps:.2f}" if bare_rps else "-",
                )
            )
            continue
        add(
            Row(
                name,
                "requests/s",
                f"{rps:,.0f}",
                f"bare {bare_rps:,.0f}",
                f"{rps / bare_rps:.2f}" if bare_rps else "-",
                f">= {TARGET_RPS:,.0f}",
                verdict(rps >= TARGET_RPS),
            )
        )
        add(
            Row(
                name,
                "p99 latency",
                f"{p99:.1f} ms (p50 {p50:.1f})",
                f"bare p99 {bare[2]:.1f} ms",
                "",
                f"<= {TARGET_P99_MS:.0f} ms",
                verdict(p99 <= TARGET_P99_MS),
            )
        )
        add(
            Row(
                name,
                "ratio to bare FastAPI",
                f"{rps / bare_rps:.2f}" if bare_rps else "-",
                "",
                "",
                f">= {TARGET_RATIO}",
                verdict(bool(bare_rps) and rps / bare_rps >= TARGET_RATIO),
            )
        )
        if bad:
            note(f"{name}: {bad} answers were not 200")
    note(
        f"{args.clients} clients, {args.seconds:.0f} s per target in {args.rounds} alternating rounds, "
        f"uvicorn --workers {args.workers}, load generator in this process (1 core at most)"
    )
    note(f"{os.cpu_count()} CPUs shared with other work: load average {load1:.1f} before, {load2:.1f} after")
    print_table("API lookups under load (bench/api_bench.py)")


if __name__ == "__main__":
    main()
