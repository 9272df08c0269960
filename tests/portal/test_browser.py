"""End to end in a real browser: Debian's chromium, driven by Playwright, against the portal
started by `portal_server` (streamlit on a free port) beside the API (`api_server`).

Upload a valid proof and see the verdict; upload a tampered one and see the failing step.
Screenshots go to test-artifacts/; the time from upload to verdict is printed (not asserted).
If chromium cannot start, the test fails: it never skips."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.portal.conftest import REPO, ApiServer, free_port, portal_settings_env
from tests.portal.world import GOLDEN, MOON, PASSWORDS, STATEMENT, World
from tests.serving import chromium, streamlit_portal

ARTIFACTS = REPO / "test-artifacts"
VERDICT_TIMEOUT_MS = 30_000


@pytest.fixture
def portal_server(world: World, api_server: ApiServer, tmp_path: Path) -> Iterator[str]:
    """`streamlit run portal/app.py` on a free port, pinned to the world's ledger and reading the
    API of `api_server` (the real API slots in there). Yields the portal's URL."""
    port = free_port()
    env = portal_settings_env(world, api_server.url, port)
    with streamlit_portal(env, tmp_path, port=port) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def upload_and_time(page: Page, path: Path, verdict_text: str) -> float:
    started = time.perf_counter()
    page.locator("input[type=file]").set_input_files(str(path))
    expect(page.get_by_text(verdict_text)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    return time.perf_counter() - started


def report_timing(name: str, seconds: float) -> None:
    line = f"browser: {name}: verdict {seconds:.2f} s after the upload"
    print(line)
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "browser-timings.txt").open("a") as out:
        out.write(line + "\n")


def test_verify_in_the_browser_a_valid_then_a_tampered_proof(
    portal_server: str, browser: Browser, world: World, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    valid = tmp_path / f"{MOON}.rlproof"
    valid.write_bytes(world.rlproof(MOON))
    tampered = tmp_path / f"{MOON}.tampered.rlproof"
    tampered.write_bytes(world.tampered(MOON))

    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{portal_server}/verify?lang=en")
    expect(page.get_by_role("heading", name="Verify")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)

    seconds = upload_and_time(page, valid, "Proven: every required step passed.")
    report_timing("valid proof", seconds)
    expect(page.get_by_text("Checkpoint on chain", exact=True)).to_be_visible()
    expect(page.get_by_text("The anchor contract on the chain itself confirms")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "verify-valid.png"), full_page=True)

    # Then the tampered one, replacing the first in the same uploader, as a reader would.
    seconds = upload_and_time(page, tampered, "Invalid: the step “Leaf hash” failed.")
    report_timing("tampered proof", seconds)
    expect(page.get_by_text("The entry was changed after it was recorded")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "verify-tampered.png"), full_page=True)
    assert "Traceback" not in page.content()


def test_the_portal_opens_in_chinese(portal_server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(portal_server)
    expect(page.get_by_role("heading", name="RightsLedger 公开门户")).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    page.screenshot(path=str(ARTIFACTS / "home-zh.png"), full_page=True)


def test_license_lookup_in_the_browser(portal_server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(f"{portal_server}/licenses?lang=en")
    page.get_by_label("City").fill("Shanghai")
    page.get_by_role("button", name="Look up").click()
    expect(page.get_by_text(f"{GOLDEN} · Golden Voice KTV")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    # What each license states, apart from whether it is proven; neither reads as licensed.
    expect(page.get_by_text("License revoked on").first).to_be_visible()
    expect(page.get_by_text("License expired on 2020-12-31.")).to_be_visible()
    expect(page.get_by_text("This venue or platform is not licensed now.")).to_have_count(2)
    page.get_by_role("button", name="Verify", exact=True).first.click()
    expect(page.get_by_text("Proven: every required step passed.")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(page.get_by_text("This status (expired) is the latest anchored version (v1)")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "licenses.png"), full_page=True)


def test_member_statement_in_the_browser(
    portal_server: str, browser: Browser, world: World, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1800})
    page.goto(f"{portal_server}/payouts?lang=en")
    page.get_by_label("Username").fill("member")
    page.get_by_role("textbox", name="Password").fill(PASSWORDS["member"])
    page.get_by_role("button", name="Log in").click()
    # The statement's table, filters, verification and downloads: tests/portal/test_browser_statements.py
    expect(page.get_by_text("Statement lines · 2026-03 · Karaoke")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)

    # The member's statement proof with the amount altered: the Verify page names the failing step.
    tampered = tmp_path / "statement.tampered.rlproof"
    tampered.write_bytes(world.tampered(STATEMENT))
    page.goto(f"{portal_server}/verify?lang=en")
    expect(page.get_by_role("heading", name="Verify")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    seconds = upload_and_time(page, tampered, "Invalid: the step “Leaf hash” failed.")
    report_timing("tampered statement", seconds)
    expect(page.get_by_text("The entry was changed after it was recorded")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "verify-tampered-statement.png"), full_page=True)
