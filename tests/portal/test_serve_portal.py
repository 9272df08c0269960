"""`rightsledger serve portal`: what it pins for the portal from this installation, and that it
serves. (The coordinator registers `portal` in the `serve` group; here it runs on its own.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from rightsledger.commands.serve_portal import portal_environment
from rightsledger.settings import load_settings
from tests.conftest import application_env
from tests.portal.conftest import free_port
from tests.portal.world import World


def test_the_portal_is_pinned_to_this_installations_key_origin_contract_and_chain(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(data_dir=world.data_dir, log_origin=world.origin)
    env = portal_environment(settings, "http://api:8000", "https://portal.example")
    assert env["RIGHTS_PORTAL_LOG_VKEY"] == world.vkey
    assert env["RIGHTS_PORTAL_CONTRACT_ADDRESS"] == world.contract
    assert env["RIGHTS_PORTAL_LOG_ORIGIN"] == world.origin
    assert env["RIGHTS_PORTAL_DATA_DIR"] == str(world.data_dir)
    assert "RIGHTS_PORTAL_CHAIN_URL" not in env  # the embedded chain
    assert (env["RIGHTS_PORTAL_API_URL"], env["RIGHTS_PORTAL_PUBLIC_URL"]) == (
        "http://api:8000",
        "https://portal.example",
    )
    # What the operator set explicitly wins.
    monkeypatch.setenv("RIGHTS_PORTAL_CONTRACT_ADDRESS", "0x00000000000000000000000000000000DeaDBeef")
    env = portal_environment(settings, "http://api:8000", "https://portal.example")
    assert env["RIGHTS_PORTAL_CONTRACT_ADDRESS"] == "0x00000000000000000000000000000000DeaDBeef"


def test_an_uninitialised_directory_pins_no_contract(tmp_path: Path) -> None:
    env = portal_environment(load_settings(data_dir=tmp_path / "none"), "http://a", "http://p")
    assert "RIGHTS_PORTAL_CONTRACT_ADDRESS" not in env and "RIGHTS_PORTAL_LOG_VKEY" not in env


def test_serve_portal_serves(world: World, tmp_path: Path) -> None:
    port = free_port()
    env = {**application_env(), "RIGHTS_DATA_DIR": str(world.data_dir), "RIGHTS_LOG_ORIGIN": world.origin}
    code = "import typer; from rightsledger.commands.serve_portal import portal; typer.run(portal)"
    process = subprocess.Popen(  # the command as the `serve` group will run it
        [sys.executable, "-c", code, "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).text == "ok":
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail(f"the portal did not serve: {process.stdout.read() if process.stdout else ''}")
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)
