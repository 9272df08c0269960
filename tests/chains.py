"""Real development chains for tests: a Hardhat node and Anvil, both from node_modules (npm ci).

Register in tests/conftest.py with `pytest_plugins = ["tests.chains"]`; then a test asks for
`hardhat_url` or `anvil_url` (one node per session, chain id 31337, on a free loopback port).
A node that cannot start fails the tests that need it, in CI and on a developer's machine alike:
the project installs its nodes (`make test` runs `npm ci`), so a missing one is a fault, and a
skipped chain would be an untested one.

`running_node(kind, log_dir)` starts one outside the fixtures; `rpc(url, method, params)` sends
any JSON-RPC call, including the nodes' own (`evm_mine`, `evm_snapshot`, `anvil_*`, `hardhat_*`).
"""

from __future__ import annotations

import json
import os
import platform
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
CHAIN_ID = 31337
# Hardhat loads a few hundred modules before it listens: slow on a busy 2-core machine.
START_TIMEOUT = {"hardhat": 60.0, "anvil": 30.0}
STOP_TIMEOUT = 10.0

# Hardhat's and Anvil's default accounts come from this mnemonic; #0 is the funded deployer.
DEV_MNEMONIC = "test test test test test test test test test test test junk"
DEV_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

# Foundry publishes anvil as one npm package per platform (the binary in bin/anvil); package.json
# lists the one this project's machines use as an optional dependency.
_ANVIL_PACKAGES = {
    ("Linux", "x86_64"): "anvil-linux-amd64",
    ("Linux", "aarch64"): "anvil-linux-arm64",
    ("Darwin", "x86_64"): "anvil-darwin-amd64",
    ("Darwin", "arm64"): "anvil-darwin-arm64",
}


class RpcError(Exception):
    """A JSON-RPC error answer, or no usable answer at all."""


class NodeUnavailable(Exception):
    """The node could not be started; the message says why and ends with its log's tail."""


def rpc(url: str, method: str, params: list[Any] | None = None, timeout: float = 10.0) -> Any:
    """One JSON-RPC call; returns `result` or raises RpcError (with the node's error object)."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or []}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise RpcError(f"{method} at {url}: {exc}") from exc
    if "error" in answer:
        raise RpcError(f"{method} at {url}: {answer['error']}")
    return answer.get("result")


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def anvil_binary() -> Path:
    """The anvil executable from node_modules."""
    package = _ANVIL_PACKAGES.get((platform.system(), platform.machine()))
    candidates = [NODE_MODULES / "@foundry-rs" / package / "bin" / "anvil"] if package else []
    candidates.append(NODE_MODULES / ".bin" / "anvil")
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.resolve()
    raise NodeUnavailable(
        f"anvil binary not found (looked at {', '.join(map(str, candidates))}): run `npm ci`"
        f" (package.json ships it for Linux x86-64 only)"
    )


def hardhat_binary() -> Path:
    path = NODE_MODULES / ".bin" / "hardhat"
    if not path.exists():
        raise NodeUnavailable(f"{path} not found: run `npm ci`")
    return path


def node_command(kind: str, port: int) -> list[str]:
    if kind == "hardhat":
        return [str(hardhat_binary()), "node", "--port", str(port), "--hostname", "127.0.0.1"]
    if kind == "anvil":
        return [
            str(anvil_binary()),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--chain-id",
            str(CHAIN_ID),
        ]
    raise ValueError(f"unknown node kind {kind!r}")


@dataclass
class RunningNode:
    kind: str
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    startup_seconds: float

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self, lines: int = 40) -> str:
        return log_tail(self.log_path, lines)


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs (zombies, already dead, do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            return True
    return False


def stop_group(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the node's whole process group, SIGKILL whatever is left, and reap the leader."""
    pgid = process.pid  # started with start_new_session: it leads its own group
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        if _wait_gone(process, pgid, timeout):
            break
    if process.poll() is None or group_alive(pgid):
        raise RuntimeError(f"process group {pgid} survived SIGKILL")


def _wait_gone(process: subprocess.Popen[bytes], pgid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None and not group_alive(pgid):
            return True
        time.sleep(0.05)
    return False


def start_node(kind: str, log_dir: Path, timeout: float | None = None) -> RunningNode:
    """Start a node on a free port and wait until it answers eth_chainId; raises NodeUnavailable."""
    timeout = START_TIMEOUT[kind] if timeout is None else timeout
    command = node_command(kind, port := free_port())
    url = f"http://127.0.0.1:{port}"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{kind}-{port}.log"
    env = {**os.environ, "HARDHAT_DISABLE_TELEMETRY_PROMPT": "true", "NO_COLOR": "1"}
    started = time.monotonic()
    with open(log_path, "wb") as log:
        try:
            process = subprocess.Popen(
                command,
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            raise NodeUnavailable(f"{kind}: cannot run {command[0]}: {exc}") from exc
    deadline = started + timeout
    last_error = "no answer yet"
    while True:
        if process.poll() is not None:
            stop_group(process)
            raise NodeUnavailable(
                f"{kind} exited with code {process.returncode} before answering on {url}\n"
                f"--- {log_path} (tail) ---\n{log_tail(log_path)}"
            )
        try:
            chain_id = int(rpc(url, "eth_chainId", timeout=2.0), 16)
        except RpcError as exc:
            last_error = str(exc)
        else:
            if chain_id != CHAIN_ID:
                stop_group(process)
                raise NodeUnavailable(f"{kind} at {url} answered chain id {chain_id}, not {CHAIN_ID}")
            return RunningNode(kind, url, process, log_path, time.monotonic() - started)
        if time.monotonic() > deadline:
            stop_group(process)
            raise NodeUnavailable(
                f"{kind} did not answer eth_chainId on {url} within {timeout:.0f} s ({last_error})\n"
                f"--- {log_path} (tail) ---\n{log_tail(log_path)}"
            )
        time.sleep(0.2)


@contextmanager
def running_node(kind: str, log_dir: Path, timeout: float | None = None) -> Iterator[RunningNode]:
    node = start_node(kind, log_dir, timeout)
    try:
        yield node
    finally:
        stop_group(node.process)


def unavailable(reason: str) -> None:
    """Fail loudly: no run may pass without its chains."""
    pytest.fail(f"chain node unavailable: {reason}", pytrace=False)


def _session_node(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNode]:
    try:
        node = start_node(kind, tmp_path_factory.mktemp(f"{kind}-node"))
    except NodeUnavailable as exc:
        unavailable(str(exc))
        raise  # unreachable: pytest.fail raises
    try:
        yield node
    finally:
        stop_group(node.process)


@pytest.fixture(scope="session")
def hardhat_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNode]:
    """A Hardhat node (chain id 31337) for the whole session."""
    yield from _session_node("hardhat", tmp_path_factory)


@pytest.fixture(scope="session")
def anvil_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningNode]:
    """An Anvil node (chain id 31337) for the whole session."""
    yield from _session_node("anvil", tmp_path_factory)


@pytest.fixture(scope="session")
def hardhat_url(hardhat_node: RunningNode) -> str:
    return hardhat_node.url


@pytest.fixture(scope="session")
def anvil_url(anvil_node: RunningNode) -> str:
    return anvil_node.url
