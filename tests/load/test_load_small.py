"""The load test in small (bench/load_bench.py is the full one): a few clients for a few seconds
on public lookups and proofs against `rightsledger serve api` (a subprocess on loopback) while the
anchoring job anchors new facts and a distribution runs; zero errors, the distribution recorded,
and every proof served verifies afterwards, on chain too. SQLite here (the bench uses PostgreSQL)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.paths import REPO


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_bench", REPO / "bench" / "load_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_bench"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_a_few_clients_while_anchoring_no_errors_and_every_proof_verifies(tmp_path: Path) -> None:
    bench = _bench()
    world = bench.build_world(tmp_path / "data", members=12, works=40, plays=500)
    server = bench.start_api(world, port := bench.free_port())
    try:
        out = bench.run_load(world, port, clients=4, seconds=4.0, distribution=True)
    finally:
        bench.stop(server)
    assert out.requests > 20, out
    assert out.error_count == 0, out.errors
    assert out.anchored_runs >= 1 and not out.anchoring_failures, out.anchoring_failures
    assert out.distribution.startswith("recorded"), out.distribution  # SQLite's one writer waits
    assert len(out.proofs) >= 5
    verified, failures = bench.verify_served(world, out)
    assert not failures and verified == len(out.proofs), failures[:5]
