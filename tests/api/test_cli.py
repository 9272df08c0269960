"""`rightsledger users add/apikey/list` and `rightsledger serve api` as a user runs them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from rightsledger.cli import app
from tests.conftest import application_env

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


def test_users_add_apikey_and_list(data_dir: Path) -> None:
    added = runner.invoke(
        app, ["users", "add", "ops", "--role", "admin", "--password-stdin"], input="a long passphrase\n"
    )
    assert added.exit_code == 0 and "user ops (admin) created" in added.output
    assert "a long passphrase" not in added.output
    key = runner.invoke(app, ["users", "apikey", "ops", "--name", "cron"])
    assert key.exit_code == 0
    secret = key.stdout.strip().splitlines()[-1]
    assert secret.startswith("rl_")
    listed = runner.invoke(app, ["users", "list"])
    assert "ops" in listed.output and secret.split("_")[1] in listed.output and secret not in listed.output
    for args, message in (
        (
            ["users", "add", "m", "--role", "member", "--member", "M-99", "--no-password"],
            "M-99 is not a member",
        ),
        (["users", "add", "m", "--role", "member", "--member", "nobody", "--no-password"], "not a member id"),
        (["users", "add", "x", "--role", "root", "--no-password"], "unknown role"),
        (["users", "apikey", "ghost"], "no user 'ghost'"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and message in result.output, result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_api_answers_over_http(data_dir: Path) -> None:
    runner.invoke(app, ["users", "add", "ops", "--role", "admin", "--no-password"])
    key = runner.invoke(app, ["users", "apikey", "ops"]).stdout.strip().splitlines()[-1]
    port = _free_port()
    env = {**application_env(), "RIGHTS_DATA_DIR": str(data_dir)}
    server = subprocess.Popen(
        [sys.executable, "-m", "rightsledger.cli", "serve", "api", "--port", str(port)],
        env=env,
        cwd=data_dir.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "the API did not start"
            time.sleep(0.3)
        assert httpx.get(f"{base}/v1/ready").json()["status"] == "ready"
        assert httpx.get(f"{base}/v1/log").json()["contract_address"].startswith("0x")
        status = httpx.get(f"{base}/v1/admin/anchoring/status", headers={"X-API-Key": key})
        assert status.status_code == 200 and status.json()["anchors"] == 0
        assert "server" not in httpx.get(f"{base}/v1/health").headers  # uvicorn's banner is off
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()
    assert key not in output


def test_serve_api_refuses_an_uninitialised_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTS_DATA_DIR", str(tmp_path / "empty"))
    result = runner.invoke(app, ["serve", "api", "--port", "1"])
    assert result.exit_code == 1 and "rightsledger init" in result.output
