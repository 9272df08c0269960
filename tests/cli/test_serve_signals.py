"""Every `rightsledger serve ...` command, stopped by SIGTERM or SIGINT sent to it alone (as a
supervisor does, not to its process group), stops its children: afterwards no process of its
session is left and its port is free for the restart."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from rightsledger.cli import app
from tests.conftest import application_env

SERVES = {
    "api": (["serve", "api"], "/v1/health"),
    "api, two workers": (["serve", "api", "--workers", "2"], "/v1/health"),
    "portal": (["serve", "portal"], "/_stcore/health"),
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("serve") / "data"
    result = CliRunner().invoke(app, ["init"], env={"RIGHTS_DATA_DIR": str(data_dir)})
    assert result.exit_code == 0, result.output
    yield data_dir


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _session_members(session_id: int) -> list[int]:
    """Processes (not zombies) of the session that the command leads, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        state, session = fields[0], int(fields[3])
        if session == session_id and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("serve", list(SERVES))
def test_a_stopped_serve_command_leaves_no_child_and_frees_its_port(
    data_dir: Path, serve: str, stop: signal.Signals
) -> None:
    arguments, health = SERVES[serve]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "rightsledger.cli", *arguments, "--port", str(port)],
        env={**application_env(), "RIGHTS_DATA_DIR": str(data_dir)},
        cwd=data_dir.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own session: every process it starts can be found
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}{health}", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, f"{serve} did not start"
            time.sleep(0.3)
        assert len(_session_members(server.pid)) >= (2 if serve != "api" else 1)
        server.send_signal(stop)  # to the command alone
        server.wait(timeout=30)
        deadline = time.monotonic() + 5  # children may take a moment to be reaped by init
        while _session_members(server.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _session_members(server.pid) == []
        assert _port_free(port)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
