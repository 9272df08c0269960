"""The staff's journeys in a real browser (Debian's chromium via Playwright), on a world of their
own (they change it): resolve a share conflict by keeping one publisher's claims, keep a
duplicate pair apart, and download the CWR acknowledgement of a publisher's file; each decision
checked through the API afterwards. Screenshots go to test-artifacts/staff-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from portal.i18n import translate
from portal.verification import close_chains
from registry.api import create_app
from registry.cwr import parse_cwr
from rightsledger.commands.serve import api_settings
from tests.portal.conftest import free_port, portal_settings_env
from tests.portal.test_browser import ARTIFACTS, VERDICT_TIMEOUT_MS, browser
from tests.portal.world import CWR_FILE, PASSWORDS, World, build_world
from tests.serving import api_in_thread, streamlit_portal

__all__ = ["browser"]


@pytest.fixture(scope="module")
def staff_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield build_world(tmp_path_factory.mktemp("staff-world"))
    close_chains()


@pytest.fixture(scope="module")
def staff_api(staff_world: World) -> Iterator[str]:
    settings = api_settings(staff_world.settings).model_copy(update={"rate_per_second": 0})
    with api_in_thread(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def staff_portal(
    staff_world: World, staff_api: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    port = free_port()
    env = portal_settings_env(staff_world, staff_api, port)
    with streamlit_portal(env, tmp_path_factory.mktemp("staff-portal"), port=port) as url:
        yield url


def words(lang: str, key: str, **values: object) -> str:
    return translate(key, lang, **values)


def log_in(page: Page, portal: str, path: str, lang: str, user: str = "admin") -> None:
    page.goto(f"{portal}/{path}?lang={lang}")
    page.get_by_label(words(lang, "login.username")).fill(user)
    page.get_by_role("textbox", name=words(lang, "login.password")).fill(PASSWORDS[user])
    page.get_by_role("button", name=words(lang, "login.submit")).click()


def drawn(page: Page) -> None:
    """The tables are drawn on canvases after their data arrives: wait for them before a picture."""
    page.locator("[data-testid=stDataFrame] canvas").first.wait_for(timeout=VERDICT_TIMEOUT_MS)
    page.wait_for_timeout(1500)


def api(staff_api: str, path: str) -> dict[str, object]:
    token = httpx.post(
        f"{staff_api}/v1/auth/token", data={"username": "admin", "password": PASSWORDS["admin"]}
    ).json()["access_token"]
    got = httpx.get(f"{staff_api}{path}", headers={"Authorization": f"Bearer {token}"})
    assert got.status_code == 200, got.text
    answer: dict[str, object] = got.json()
    return answer


def test_staff_resolve_a_conflict_and_keep_a_pair_apart(
    staff_portal: str, staff_api: str, browser: Browser
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    lang = "zh"
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    log_in(page, staff_portal, "review", lang)
    expect(page.get_by_text(words(lang, "review.tab_conflicts", n="1"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    expect(
        page.get_by_text(words(lang, "review.by_submitter", submitter="PUB1", total="100.00%"))
    ).to_be_visible()
    drawn(page)
    page.screenshot(path=str(ARTIFACTS / "staff-conflict-zh.png"), full_page=True)
    page.get_by_role("textbox", name=words(lang, "review.note")).fill("PUB1 的合同在先")
    page.get_by_role("textbox", name=words(lang, "review.note")).press("Enter")
    page.get_by_role("button", name=words(lang, "review.keep", submitter="PUB1")).click()
    expect(page.get_by_text(words(lang, "review.tab_conflicts", n="0"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    expect(page.get_by_text("C-1", exact=False).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "staff-conflict-resolved-zh.png"), full_page=True)
    resolved = api(staff_api, "/v1/admin/conflicts?status=resolved")["items"]
    assert isinstance(resolved, list) and len(resolved) == 1
    assert resolved[0]["decided_by"] == "admin" and resolved[0]["note"] == "PUB1 的合同在先"
    assert {s["submitter"] for s in resolved[0]["claims"]} == {"PUB1", "PUB2"}

    page.get_by_role("tab", name=words(lang, "review.tab_duplicates", n="1")).click()
    expect(
        page.get_by_text(words(lang, "review.reason", reason=words(lang, "review.reason.title_and_writer")))
    ).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    page.screenshot(path=str(ARTIFACTS / "staff-duplicate-zh.png"), full_page=True)
    page.get_by_role("button", name=words(lang, "review.keep_apart")).click()
    expect(page.get_by_text(words(lang, "review.tab_duplicates", n="0"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    kept = api(staff_api, "/v1/admin/duplicates?status=kept_apart")["items"]
    assert isinstance(kept, list) and len(kept) == 1 and kept[0]["decided_by"] == "admin"
    assert "Traceback" not in page.content()


def test_staff_download_the_acknowledgement_of_a_cwr_file(
    staff_portal: str, browser: Browser, tmp_path: Path
) -> None:
    lang = "en"
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    log_in(page, staff_portal, "cwr", lang)
    # the table is drawn on a canvas: the file is read from the choice of registration files
    expect(page.get_by_role("combobox", name=words(lang, "cwr.pick"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    assert CWR_FILE in page.get_by_role("combobox", name=words(lang, "cwr.pick")).input_value()
    page.get_by_role("button", name=words(lang, "cwr.prepare")).click()
    name = "CW260001PUB_000.ack.V21"
    label = words(lang, "cwr.download", name=name)
    page.get_by_role("button", name=label).wait_for(timeout=VERDICT_TIMEOUT_MS)
    drawn(page)
    page.screenshot(path=str(ARTIFACTS / "staff-cwr-en.png"), full_page=True)
    with page.expect_download() as got:
        page.get_by_role("button", name=label).click()
    assert got.value.suggested_filename == name
    target = tmp_path / name
    got.value.save_as(str(target))
    back = parse_cwr(target.read_bytes(), name=name)
    assert back.file_type == "acknowledgement" and len(back.transactions) == 2
    assert [t.ack.status for t in back.transactions if t.ack] == ["AS", "AS"]


def test_four_eyes_finance_prepares_and_the_approver_runs(
    staff_portal: str, staff_api: str, browser: Browser
) -> None:
    lang = "en"
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    log_in(page, staff_portal, "approvals", lang, user="finance")
    page.get_by_label(words(lang, "approvals.period")).fill("2026-05")
    page.get_by_label(words(lang, "approvals.pool")).fill("1,000.00")
    page.get_by_role("button", name=words(lang, "approvals.submit")).click()
    prepared = words(lang, "approvals.prepared", id="DP-2026-05-karaoke-1")
    expect(page.get_by_text(prepared)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(page.get_by_text(words(lang, "approvals.own"))).to_be_visible()  # not theirs to decide
    assert page.get_by_role("button", name=words(lang, "approvals.approve")).count() == 0
    page.screenshot(path=str(ARTIFACTS / "staff-approvals-prepared-en.png"), full_page=True)

    other = browser.new_page(viewport={"width": 1400, "height": 1600})
    log_in(other, staff_portal, "approvals", "zh", user="approver")
    expect(other.get_by_text(words("zh", "approvals.fig.pool"), exact=True)).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    other.screenshot(path=str(ARTIFACTS / "staff-approvals-zh.png"), full_page=True)
    other.get_by_role("button", name=words("zh", "approvals.approve")).click()
    done = words("zh", "approvals.approved", id="DP-2026-05-karaoke-1", summary="DIST-2026-05-karaoke")
    expect(other.get_by_text(done)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    approved = api(staff_api, "/v1/admin/distributions/proposals?status=approved")["items"]
    assert isinstance(approved, list) and [(p["prepared_by"], p["decided_by"]) for p in approved] == [
        ("finance", "approver")
    ]
    published = httpx.get(f"{staff_api}/v1/distributions", params={"period": "2026-05"}).json()
    assert published["total"] == 1 and published["items"][0]["body"]["pool"] == 100_000
