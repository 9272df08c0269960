"""Load: concurrent clients on public lookups and proofs against `rightsledger serve api`, while an
anchoring job and a distribution run execute; afterwards every proof served is verified (leaf
hash, inclusion, signature, and on chain: anchor.verify.chain_checks).

    python bench/load_bench.py               # 64 clients, 60 s
    python bench/load_bench.py --quick       # 64 clients, 10 s
    python bench/load_bench.py --clients 16 --seconds 20 --works 200

Builds its own data directory (SQLite, embedded chain) with the registry services and the demo
builders (rightsledger/demodata): members, works with recordings, a month of play logs and a DSR,
anchored once. The server runs as a subprocess on loopback, rate limit off. Prints figures: it
never passes or fails (an error count above zero, or a proof that does not verify, is reported).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import select

REPO = Path(__file__).resolve().parents[1]
for folder in (REPO, REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from anchor.job import JobSettings  # noqa: E402
from anchor.trust import verification_policy  # noqa: E402
from anchor.verify import chain_checks  # noqa: E402
from ledger import load_proof, verify_proof  # noqa: E402
from registry.crypto import field_cipher  # noqa: E402
from registry.db import transaction  # noqa: E402
from registry.ledger_writer import record  # noqa: E402
from registry.log_store import lock_log  # noqa: E402
from registry.models import Recording, Work  # noqa: E402
from registry.services.anchoring.job import anchoring_job, ensure_contract  # noqa: E402
from registry.services.distribution.runs import distribute  # noqa: E402
from registry.usage.matched import matched_usage, usage_reports_for  # noqa: E402
from rightsledger.context import initialise, open_chain, publisher, sessions  # noqa: E402
from rightsledger.demodata.repertoire import seed_repertoire  # noqa: E402
from rightsledger.demodata.usage import seed_usage  # noqa: E402
from rightsledger.settings import Settings, load_settings  # noqa: E402

PERIOD = "2026-03"


@dataclass
class World:
    settings: Settings
    env: dict[str, str]
    works: list[str]
    recordings: list[str]
    vkey: str
    contract: str


@dataclass
class Outcome:
    requests: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # "status 500", "ReadError"...
    latencies: list[float] = field(default_factory=list)
    proofs: dict[str, bytes] = field(default_factory=dict)  # sha256 -> each distinct proof served
    anchored_runs: int = 0
    anchoring_failures: list[str] = field(default_factory=list)
    distribution: str = ""
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def build_world(
    data_dir: Path, *, members: int, works: int, plays: int, database_url: str | None = None
) -> World:
    """A small CMO: members, works, usage, anchored once (SQLite in `data_dir` unless a URL)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
        "RIGHTS_DATA_DIR": str(data_dir),
        "RIGHTS_API_RATE_LIMIT": "0",
        "PYTHONPATH": str(REPO),
    }
    if database_url:
        env["RIGHTS_DATABASE_URL"] = database_url
    settings = load_settings(data_dir=data_dir, database_url=database_url, log_key_path=None, chain_url=None)
    signer = initialise(settings)
    factory = sessions(settings)
    cipher = field_cipher(settings.data_key_file)
    with transaction(factory) as session:
        seed_repertoire(session, cipher, seed=7, members=members, works=works)
    with transaction(factory) as session:
        seed_usage(session, data_dir, seed=7, period=PERIOD, plays=plays)
    with open_chain(settings) as conn:
        account = publisher(settings, conn)
        contract, _ = ensure_contract(factory, conn, account, settings.log_origin)
        job = anchoring_job(factory, conn, account, signer, JobSettings(settings.log_origin))
        result = job.run_once()
        assert result.status == "anchored", result.to_dict()
    with factory() as session:
        work_ids = [w.ledger_id for w in session.scalars(select(Work))]
        recording_ids = [r.ledger_id for r in session.scalars(select(Recording))]
    factory.kw["bind"].dispose()
    return World(settings, env, work_ids, recording_ids, signer.verifier().vkey, contract.address)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_api(world: World, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "rightsledger.cli", "serve", "api", "--port", str(port)],
        env=world.env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            raise SystemExit(
                f"the API exited with {server.returncode}: {server.stderr.read().decode()[-2000:]}"
            )  # type: ignore[union-attr]
        time.sleep(0.3)
    server.kill()
    raise SystemExit("the API did not start within 120 s")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def paths_for(world: World) -> list[str]:
    """The request mix: proofs (about half), lookups by id and by query, the log and checkpoints."""
    rng = random.Random(1)
    sample_w = rng.sample(world.works, min(200, len(world.works)))
    sample_r = rng.sample(world.recordings, min(200, len(world.recordings)))
    paths = [f"/v1/proofs/{w}" for w in sample_w[:100]] + [f"/v1/proofs/{r}" for r in sample_r[:100]]
    paths += [f"/v1/proofs/{w}?format=tlog-proof" for w in sample_w[100:150]]
    paths += [f"/v1/works/{w}" for w in sample_w[:60]] + [f"/v1/recordings/{r}" for r in sample_r[:60]]
    paths += [f"/v1/works/{w}/history" for w in sample_w[:20]]
    paths += ["/v1/works?limit=20", "/v1/works?q=%E7%88%B1", "/v1/recordings?limit=20&offset=40"] * 10
    paths += ["/v1/log", "/v1/checkpoints"] * 10
    return paths


async def _client(port: int, paths: list[str], stop_at: float, out: Outcome, seed: int) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop_at:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    (
                        int(line[15:])
                        for line in head.split(b"\r\n")
                        if line[:15].lower() == b"content-length:"
                    ),
                    0,
                )
                body = await reader.readexactly(length) if length else b""
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
                out.errors[type(exc).__name__] = out.errors.get(type(exc).__name__, 0) + 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            out.latencies.append(time.perf_counter() - started)
            out.requests += 1
            status = int(head[9:12])
            if status != 200:
                out.errors[f"status {status}"] = out.errors.get(f"status {status}", 0) + 1
            elif path.startswith("/v1/proofs/"):
                out.proofs.setdefault(hashlib.sha256(body).hexdigest(), body)
    finally:
        writer.close()


def _anchoring(world: World, stop_at: float, out: Outcome) -> None:
    """New facts keep arriving and the job anchors them, as in production, during the load."""
    settings = world.settings
    factory = sessions(settings)
    n = 0
    try:
        with open_chain(settings) as conn:
            account = publisher(settings, conn)
            from rightsledger.context import log_key

            job = anchoring_job(factory, conn, account, log_key(settings), JobSettings(settings.log_origin))
            while time.perf_counter() < stop_at:
                with transaction(factory) as session:
                    for _ in range(5):
                        n += 1
                        digest = hashlib.sha256(f"load evidence {n} {time.time_ns()}".encode()).hexdigest()
                        record(
                            session,
                            "evidence",
                            f"EV-{digest[:16]}",
                            {"sha256": digest, "size": n, "name": f"e{n}"},
                        )
                result = job.run_once()
                if result.status == "anchored":
                    out.anchored_runs += 1
                elif result.status not in ("nothing to anchor", "idle", "up to date"):
                    out.anchoring_failures.append(str(result.to_dict())[:300])
                time.sleep(0.5)
    except Exception as exc:  # reported, never swallowed
        out.anchoring_failures.append(f"{type(exc).__name__}: {exc}")
    finally:
        factory.kw["bind"].dispose()


def _distribution(world: World, out: Outcome) -> None:
    factory = sessions(world.settings)
    try:
        with transaction(factory) as session:
            lock_log(session)  # SQLite: the write lock before any read (see distribute_period)
            usage = matched_usage(session, world.settings.data_dir, PERIOD, "karaoke")
            result = distribute(
                session,
                period=PERIOD,
                source="karaoke",
                usage=usage,
                pool=12_345_678,
                reports=usage_reports_for(session, PERIOD, "karaoke"),
            )
            out.distribution = (
                f"{result.status}: {result.summary.get('lines', '?')} lines, run {result.run_id}"
            )
    except Exception as exc:
        out.distribution = f"FAILED {type(exc).__name__}: {exc}"
    finally:
        factory.kw["bind"].dispose()


def run_load(world: World, port: int, *, clients: int, seconds: float, distribution: bool = True) -> Outcome:
    out = Outcome()
    paths = paths_for(world)
    start = time.perf_counter()
    stop_at = start + seconds
    background = [threading.Thread(target=_anchoring, args=(world, stop_at, out), daemon=True)]
    if distribution:
        background.append(threading.Thread(target=_distribution, args=(world, out), daemon=True))
    for thread in background:
        thread.start()

    async def main() -> None:
        await asyncio.gather(*(_client(port, paths, stop_at, out, n) for n in range(clients)))

    asyncio.run(main())
    out.seconds = time.perf_counter() - start
    for thread in background:
        thread.join(timeout=300)
    return out


def verify_served(world: World, out: Outcome) -> tuple[int, list[str]]:
    """Verify every distinct proof served; (verified, failures)."""
    failures: list[str] = []
    verified = 0
    with open_chain(world.settings, read_only=True) as conn:
        policy = verification_policy(
            vkeys=[world.vkey], origin=world.settings.log_origin, contracts=[world.contract]
        )
        checks = chain_checks(conn, policy)
        for digest, body in out.proofs.items():
            try:
                proof = load_proof(body)
                report = verify_proof(proof, policy, checks)
            except Exception as exc:
                failures.append(f"{digest[:12]}: {type(exc).__name__}: {exc}")
                continue
            if report.ok:
                verified += 1
            else:
                failed = report.failed
                failures.append(
                    f"{digest[:12]}: {failed.name if failed else '?'}: {failed.detail if failed else ''}"
                )
    return verified, failures


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="10 s instead of 60")
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--works", type=int, default=600)
    parser.add_argument("--plays", type=int, default=20_000)
    parser.add_argument(
        "--sqlite", action="store_true", help="SQLite instead of PostgreSQL (one writer at a time)"
    )
    args = parser.parse_args()
    seconds = 10.0 if args.quick else args.seconds
    from common import create_pg_database, drop_pg_database

    database_url = None if args.sqlite else create_pg_database("rl_load")
    with tempfile.TemporaryDirectory(prefix="rl-load-") as tmp:
        try:
            _bench(args, seconds, Path(tmp), database_url)
        finally:
            if database_url:
                drop_pg_database(database_url)


def _bench(args: argparse.Namespace, seconds: float, tmp: Path, database_url: str | None) -> None:
    started = time.perf_counter()
    world = build_world(
        tmp / "data", members=args.members, works=args.works, plays=args.plays, database_url=database_url
    )
    print(
        f"data: {len(world.works)} works, {len(world.recordings)} recordings, built in "
        f"{time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    port = free_port()
    server = start_api(world, port)
    try:
        out = run_load(world, port, clients=args.clients, seconds=seconds)
    finally:
        stop(server)
    verified, failures = verify_served(world, out)
    backend = "PostgreSQL" if database_url else "SQLite"
    print(f"load: {args.clients} clients for {out.seconds:.1f} s, `serve api` (1 worker, {backend})")
    print(f"  requests:        {out.requests}")
    print(f"  requests/s:      {out.requests / out.seconds:.0f}")
    print(
        f"  latency p50/p99: {percentile(out.latencies, 0.5):.1f} / {percentile(out.latencies, 0.99):.1f} ms"
    )
    print(f"  errors:          {out.error_count} {out.errors or ''}")
    print(
        f"  anchoring:       {out.anchored_runs} checkpoints anchored during the run; failures: "
        f"{out.anchoring_failures or 'none'}"
    )
    print(f"  distribution:    {out.distribution}")
    print(f"  proofs served:   {len(out.proofs)} distinct; verified {verified}; failed {len(failures)}")
    for failure in failures[:10]:
        print(f"    {failure}")


if __name__ == "__main__":
    main()
