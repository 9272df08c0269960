"""The demo's servers: `rightsledger serve api` and `rightsledger serve portal` as child processes
over the demo's data directory, started, waited for until they answer, and stopped cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Settings the demo overrides for itself; its servers must not pick up other values for them.
OVERRIDDEN = ("RIGHTS_DATABASE_URL", "RIGHTS_LOG_KEY_PATH", "RIGHTS_CHAIN_URL", "RIGHTS_CONTRACT_ADDRESS")
START_TIMEOUT = 120.0  # Streamlit imports a lot: slow on a busy 2-core machine
STOP_TIMEOUT = 10.0


class ServeError(Exception):
    """A server that did not start; the message ends with the tail of its log."""


@dataclass
class Server:
    name: str
    url: str
    ready_url: str
    process: subprocess.Popen[bytes]
    log: Path


def server_environment(data_dir: Path, chain_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OVERRIDDEN}
    env["RIGHTS_DATA_DIR"] = str(data_dir)
    if chain_url:
        env["RIGHTS_CHAIN_URL"] = chain_url
    return env


@contextmanager
def serving(data_dir: Path, chain_url: str | None, api_port: int, portal_port: int) -> Iterator[list[Server]]:
    """Start the API and the portal; yield them once both answer; stop both on the way out."""
    env = server_environment(data_dir, chain_url)
    logs = data_dir / "logs"
    logs.mkdir(exist_ok=True)
    api_url = f"http://127.0.0.1:{api_port}"
    portal_url = f"http://127.0.0.1:{portal_port}"
    specs = [
        ("api", api_url, f"{api_url}/v1/health", ["serve", "api", "--port", str(api_port)]),
        (
            "portal",
            portal_url,
            f"{portal_url}/_stcore/health",
            ["serve", "portal", "--port", str(portal_port), "--api-url", api_url],
        ),
    ]
    for name, port, option in (("API", api_port, "--api-port"), ("portal", portal_port, "--portal-port")):
        # Another server on the port would answer the readiness check in ours' place.
        if not port_free(port):
            raise ServeError(
                f"port {port} on 127.0.0.1 is in use (another server, or an earlier demo still "
                f"running?): stop it, or give the {name} another port with {option}"
            )
    servers: list[Server] = []
    try:
        for name, url, ready, args in specs:
            log = logs / f"{name}.log"
            with log.open("wb") as out:
                process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                    [sys.executable, "-m", "rightsledger.cli", *args],
                    env=env,
                    cwd=data_dir,  # no stray .env from the caller's directory
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own group: stopped with its children (Streamlit)
                )
            servers.append(Server(name, url, ready, process, log))
        for server in servers:
            _wait_ready(server)
        yield servers
    finally:
        for server in reversed(servers):
            stop(server)


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_until_interrupted(servers: list[Server]) -> str:
    """Block until Ctrl-C or SIGTERM (returns "interrupted") or a server exits by itself (returns
    its name). SIGTERM (kill, a supervisor, a container stopping) counts as Ctrl-C, so the
    caller still stops the servers: they run in process groups of their own and would be left
    behind by a process that just died."""
    previous = signal.signal(signal.SIGTERM, _as_interrupt)
    try:
        while True:
            for server in servers:
                if server.process.poll() is not None:
                    return server.name
            time.sleep(0.5)
    except KeyboardInterrupt:
        return "interrupted"
    finally:
        signal.signal(signal.SIGTERM, previous)


def _as_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def stop(server: Server) -> None:
    """SIGINT to the server's process group (a Ctrl-C, which uvicorn and Streamlit end cleanly on),
    then SIGKILL if it lingers."""
    process = server.process
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServeError(
                f"{server.name} exited with code {server.process.returncode}: {_tail(server.log)}"
            )
        try:
            with urllib.request.urlopen(server.ready_url, timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise ServeError(
        f"{server.name} did not answer {server.ready_url} within {START_TIMEOUT:.0f} s: {_tail(server.log)}"
    )


def _tail(log: Path, lines: int = 5) -> str:
    text = log.read_text(errors="replace").strip().splitlines() if log.exists() else []
    return " | ".join(text[-lines:]) or "(no output)"
