"""The API's documentation renders with the network cut off: `/docs` (Swagger UI) and `/redoc`
in Debian's chromium, every request to another host aborted and recorded, and none attempted.

The API runs on an empty data directory: the documentation reads only the OpenAPI schema."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from registry.api import ApiSettings, create_app
from registry.api.docs import ASSETS
from tests.portal.conftest import REPO
from tests.serving import api_in_thread, chromium

ARTIFACTS = REPO / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("docs-api")
    settings = ApiSettings(db_url=f"sqlite:///{data_dir / 'empty.db'}", data_dir=data_dir)
    with api_in_thread(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def offline_page(browser: Browser, attempted: list[str]) -> Page:
    """A page whose every request to a host other than this one is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, service_workers="block")

    def cut(route: Route) -> None:
        url = route.request.url
        if (
            urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).hostname not in LOCAL_HOSTS
        ):
            attempted.append(url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    context.route("**/*", cut)
    return context.new_page()


def operations(api_url: str) -> list[str]:
    paths = httpx.get(f"{api_url}/openapi.json", timeout=10).json()["paths"]
    return [f"{method.upper()} {path}" for path, item in paths.items() for method in item]


def test_the_assets_are_installed_locally() -> None:
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        assert (ASSETS / name).stat().st_size > 100_000, name


def test_the_pages_name_only_this_host(api_url: str) -> None:
    for page in ("/docs", "/redoc"):
        html = httpx.get(f"{api_url}{page}", timeout=10).text
        assert "cdn.jsdelivr.net" not in html and "fonts.googleapis" not in html, page
        assert "/docs/assets/" in html, page
    asset = httpx.get(f"{api_url}/docs/assets/swagger-ui-bundle.js", timeout=10)
    assert asset.status_code == 200 and "javascript" in asset.headers["content-type"]
    redoc = httpx.get(f"{api_url}/docs/assets/redoc.standalone.js", timeout=10)
    assert redoc.status_code == 200 and b"cdn.redoc.ly" not in redoc.content
    csp = httpx.get(f"{api_url}/docs", timeout=10).headers["content-security-policy"]
    assert "https:" not in csp and "frame-ancestors 'none'" in csp


def test_swagger_ui_renders_every_operation_offline(api_url: str, browser: Browser) -> None:
    attempted: list[str] = []
    page = offline_page(browser, attempted)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{api_url}/docs")
    expect(page.get_by_role("heading", name="RightsLedger API")).to_be_visible(timeout=TIMEOUT_MS)
    expected = operations(api_url)
    assert len(expected) >= 20
    blocks = page.locator(".opblock-summary")
    expect(blocks.first).to_be_visible(timeout=TIMEOUT_MS)
    assert blocks.count() == len(expected)
    expect(page.locator(".opblock-summary-path", has_text="/v1/works").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-docs-swagger.png"))
    page.context.close()
    assert attempted == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_redoc_renders_the_operations_offline(api_url: str, browser: Browser) -> None:
    attempted: list[str] = []
    page = offline_page(browser, attempted)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{api_url}/redoc")
    expect(page.get_by_role("heading", name="RightsLedger API", exact=False).first).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expected = operations(api_url)
    expect(page.locator("[data-section-id^='operation/']").first).to_be_attached(timeout=TIMEOUT_MS)
    rendered = page.locator("[data-section-id^='operation/']")
    assert rendered.count() == len(expected)
    expect(page.get_by_text("/v1/works", exact=True).first).to_be_attached()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-docs-redoc.png"))
    page.context.close()
    assert attempted == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_the_assets_folder_is_not_listed(api_url: str) -> None:
    assert httpx.get(f"{api_url}/docs/assets/", timeout=10).status_code == 404
