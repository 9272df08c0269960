"""The API server's memory under hostile clients, measured on a real uvicorn process (its peak
resident set, VmHWM): thirty concurrent wrong-password logins (each Argon2 check takes 64 MiB)
and a play log made of one enormous line stay within a small bound of what the server used
before."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from rightsledger.cli import app
from tests.conftest import application_env

MiB = 1024 * 1024
LOGINS = 30
LONG_LINE = 48 * MiB
runner = CliRunner()


@dataclass
class Server:
    base: str
    pid: int
    admin_key: str

    def peak_mib(self) -> float:
        """The process's peak resident set so far (Linux: VmHWM), in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmHWM")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("memory")
    env = {**application_env(), "RIGHTS_DATA_DIR": str(tmp / "data")}
    saved = dict(os.environ)
    os.environ.update(env)
    cwd = Path.cwd()
    os.chdir(tmp)
    try:
        assert runner.invoke(app, ["init"]).exit_code == 0
        added = runner.invoke(app, ["users", "add", "ops", "--role", "admin", "--no-password"])
        assert added.exit_code == 0, added.output
        key = runner.invoke(app, ["users", "apikey", "ops"]).stdout.strip().splitlines()[-1]
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "rightsledger.cli", "serve", "api", "--port", str(port)],
        env=env,
        cwd=tmp,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(f"{base}/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "the API did not start"
            time.sleep(0.3)
        yield Server(base, process.pid, key)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _upload_one_line(server: Server, size: int) -> httpx.Response:
    body = b"licensee,title,played_at,plays\n" + b"x" * size
    return httpx.post(
        f"{server.base}/v1/admin/imports/usage",
        params={"period": "2026-03", "source": "karaoke"},
        files={"file": ("one-line.csv", body, "text/csv")},
        headers={"X-API-Key": server.admin_key},
        timeout=120,
    )


def test_a_play_log_of_one_enormous_line_is_refused_in_little_memory(server: Server) -> None:
    warm = _upload_one_line(server, 1_100_000)  # the same path once, small: what it loads is loaded
    assert warm.status_code == 422, warm.text
    before = server.peak_mib()
    refused = _upload_one_line(server, LONG_LINE)
    growth = server.peak_mib() - before
    print(f"one {LONG_LINE // MiB} MiB line: peak resident set {before:.0f} -> +{growth:.0f} MiB")
    assert refused.status_code == 422
    assert "line 2" in refused.json()["detail"] and "longer than 1048576 bytes" in refused.json()["detail"]
    assert growth < 40, f"the server's peak grew by {growth:.0f} MiB for one {LONG_LINE // MiB} MiB line"


def test_thirty_concurrent_wrong_logins_hash_two_at_a_time(server: Server) -> None:
    def login(n: int) -> int:
        response = httpx.post(
            f"{server.base}/v1/auth/token",
            data={"username": f"guess{n}", "password": f"wrong {n}"},
            timeout=120,
        )
        return response.status_code

    assert login(-1) == 401  # one check first: its 64 MiB are in the baseline
    before = server.peak_mib()
    started = time.monotonic()
    with ThreadPoolExecutor(LOGINS) as pool:
        statuses = list(pool.map(login, range(LOGINS)))
    growth = server.peak_mib() - before
    print(
        f"{LOGINS} concurrent wrong logins: {time.monotonic() - started:.1f} s, "
        f"peak resident set {before:.0f} -> +{growth:.0f} MiB"
    )
    assert statuses == [401] * LOGINS  # one guess per account: none is locked
    assert growth < 160, f"the server's peak grew by {growth:.0f} MiB for {LOGINS} logins"
