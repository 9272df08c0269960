"""Fixtures of the portal's tests: a real anchored ledger on the embedded chain (built once), the
real API (uvicorn in a thread) answering for it, and the portal's pinned settings pointing at
both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from portal.verification import close_chains
from registry.api import create_app
from rightsledger.commands.serve import api_settings
from tests import serving
from tests.conftest import application_env
from tests.portal.world import World, build_world
from tests.serving import api_in_thread

REPO = Path(__file__).resolve().parents[2]
VIEWS = REPO / "portal" / "views"


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield build_world(tmp_path_factory.mktemp("portal-world"))
    close_chains()


@dataclass(frozen=True)
class ApiServer:
    url: str


@pytest.fixture(scope="session")
def api_server(world: World) -> Iterator[ApiServer]:
    """The real API on the world's data directory, as `rightsledger serve api` configures it
    (no rate limit: the tests are one client asking quickly)."""
    settings = api_settings(world.settings).model_copy(
        update={"rate_per_second": 0, "proof_epoch_seconds": 0}
    )
    with api_in_thread(create_app(settings)) as url:
        yield ApiServer(url)


@pytest.fixture
def portal_env(world: World, api_server: ApiServer, monkeypatch: pytest.MonkeyPatch) -> World:
    for name, value in world.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", api_server.url)
    monkeypatch.setenv("RIGHTS_PORTAL_PUBLIC_URL", "http://portal.example")
    return world


def free_port() -> int:
    return serving.free_port()


def portal_settings_env(world: World, api_url: str, port: int) -> dict[str, str]:
    """The environment of `streamlit run portal/app.py` on `port`: pinned to the world's ledger,
    reading the API at `api_url`."""
    return {
        **application_env(),
        **world.env(),
        "RIGHTS_PORTAL_API_URL": api_url,
        "RIGHTS_PORTAL_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }


@pytest.fixture
def api_down(monkeypatch: pytest.MonkeyPatch) -> str:
    """An API address nobody answers on."""
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", url)
    return url
