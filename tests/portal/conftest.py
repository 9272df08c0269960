"""Fixtures of the portal's tests: a real anchored ledger on the embedded chain (built once), an
API answering for it, and the portal's pinned settings pointing at both.

`api_server` is the one place to switch to the real API when it lands (see fake_api.py)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.verification import close_chains
from tests.portal.fake_api import FakeApi
from tests.portal.world import World, build_world

REPO = Path(__file__).resolve().parents[2]
VIEWS = REPO / "portal" / "views"


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield build_world(tmp_path_factory.mktemp("portal-world"))
    close_chains()


@pytest.fixture
def api_server(world: World) -> Iterator[FakeApi]:
    """The API beside the portal. SWITCH: the real API app on `world.data_dir` when it lands."""
    with FakeApi(world) as api:
        yield api


@pytest.fixture
def portal_env(world: World, api_server: FakeApi, monkeypatch: pytest.MonkeyPatch) -> World:
    for name, value in world.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", api_server.url)
    monkeypatch.setenv("RIGHTS_PORTAL_PUBLIC_URL", "http://portal.example")
    return world


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def api_down(monkeypatch: pytest.MonkeyPatch) -> str:
    """An API address nobody answers on."""
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", url)
    return url
