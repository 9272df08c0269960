"""The demo's servers: stopped on SIGTERM as on Ctrl-C (they run in process groups of their own,
so a demo that just died would leave them running), and never started on a port in use."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from rightsledger.demodata.serving import ServeError, Server, serving, stop, wait_until_interrupted


def _server(tmp_path: Path) -> Server:
    process = subprocess.Popen(["sleep", "60"], start_new_session=True)
    return Server("portal", "http://127.0.0.1:1", "http://127.0.0.1:1", process, tmp_path / "log")


def test_sigterm_ends_the_wait_like_ctrl_c_and_the_servers_are_stopped(tmp_path: Path) -> None:
    server = _server(tmp_path)
    before = signal.getsignal(signal.SIGTERM)

    def terminate_once_waiting() -> None:  # as `kill` would, once the demo is waiting
        deadline = time.monotonic() + 30
        while signal.getsignal(signal.SIGTERM) == before and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGTERM)

    killer = threading.Thread(target=terminate_once_waiting)
    killer.start()
    try:
        assert wait_until_interrupted([server]) == "interrupted"
    finally:
        stop(server)
        killer.join()
    assert server.process.poll() is not None
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is the demo's only while it waits


def test_a_server_that_exits_by_itself_is_named(tmp_path: Path) -> None:
    server = _server(tmp_path)
    server.process.kill()
    assert wait_until_interrupted([server]) == "portal"


def test_a_port_in_use_is_refused_before_anything_starts(tmp_path: Path) -> None:
    """Another server on the port would answer the readiness check in the demo's place."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = pytest.raises(ServeError, match=f"port {port} on 127.0.0.1 is in use.*--api-port")
        with refused, serving(tmp_path, None, port, port + 1):
            raise AssertionError("the servers started")
    assert not (tmp_path / "logs" / "api.log").exists()  # nothing was started
