"""The public look-up end to end in Debian's chromium (Playwright), against a world with the
portal's society plus 62 karaoke venues in Beijing (one revoked because the venue closed) and a
second version of a work (an English title, a lyricist's half): find the Beijing licenses by
"Beijing", go to page 2, open a license's shareable URL in a new page and read its status date
and reason in Chinese; open a work, read its writers table and its version's changes; search the
log by leaf hash and by log index. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from portal.verification import close_chains
from registry.api import create_app
from registry.crypto import field_cipher
from registry.models import Party
from registry.services.licensing.licensees import LicenseeInput, add_licensee
from registry.services.licensing.licenses import revoke_license
from rightsledger.commands.serve import api_settings
from rightsledger.context import initialise, open_chain, publisher, sessions, unit_of_work
from tests.portal.conftest import ApiServer
from tests.portal.test_browser import ARTIFACTS, VERDICT_TIMEOUT_MS, browser, portal_server
from tests.portal.world import MOON, ORIGIN, STATEMENT, WORKS, World, build_world
from tests.serving import api_in_thread
from tests.society.anchoring import start_anchoring
from tests.society.licensing import karaoke_license, usable_uscc
from tests.society.members import add_member, ref
from tests.society.repertoire import add_work, shares

__all__ = ["browser", "portal_server"]  # the fixtures this module borrows
BEIJING = 62
REVOKED = 55  # the 56th Beijing license: on page 2
NUMBERS = [f"LIC-2026-{n:06d}" for n in range(2, BEIJING + 2)]  # after GOLDEN, LIC-2026-000001


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    built = build_world(tmp_path_factory.mktemp("public-world"))
    settings = built.settings
    signer = initialise(settings)
    factory = sessions(settings)
    cipher = field_cipher(settings.data_dir / "keys" / "data.key")
    numbers: list[str] = []
    with open_chain(settings) as conn:
        anchoring = start_anchoring(factory, conn, publisher(settings, conn), signer, ORIGIN)
        with unit_of_work(settings) as session:
            for n in range(BEIJING):
                venue = add_licensee(
                    session,
                    cipher,
                    LicenseeInput(
                        kind="karaoke_venue",
                        name=f"京城欢唱 KTV {n + 1:02d}",
                        uscc=usable_uscc(500 + n),
                        address=f"北京市朝阳区建国路{n + 1}号",
                        city="北京",
                        province="BJ",
                        rooms=8,
                    ),
                )
                session.flush()
                numbers.append(karaoke_license(session, venue, date(2026, 1, 1), date(2099, 12, 31)))
            revoke_license(session, numbers[REVOKED], "venue closed", on=date(2026, 3, 15))
            # The second version of the first work: an English title, and half to a lyricist.
            deng = session.scalars(select(Party).where(Party.name == "Deng")).one()
            zhuang = add_member(session, cipher, "Zhuang", first_name="Nu", ipi=7002)
            title = WORKS[MOON][0]
            add_work(
                session,
                "CMO-1",
                title,
                shares=[*shares(ref(deng), "C", ("PR",), 5000), *shares(ref(zhuang), "A", ("PR",), 5000)],
                alt_titles=[("The Moon Represents My Heart", "AT", "EN")],
            )
        anchoring.anchor()
    factory.kw["bind"].dispose()
    assert numbers == NUMBERS, numbers
    yield built
    close_chains()


@pytest.fixture(scope="module")
def api_server(world: World) -> Iterator[ApiServer]:
    """The real API on this module's world (as tests/portal/conftest.py serves the shared one)."""
    settings = api_settings(world.settings).model_copy(
        update={"rate_per_second": 0, "proof_epoch_seconds": 0}
    )
    with api_in_thread(create_app(settings)) as url:
        yield ApiServer(url)


def shot(page: Page, name: str) -> Path:
    """A full-page screenshot once the page has finished running (no rerun going on)."""
    settle(page)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def settle(page: Page) -> None:
    """Wait until Streamlit says the script is no longer running (and stays so), so a page that
    reran itself for ever would fail here rather than be photographed half drawn."""
    running = page.locator('[data-testid="stStatusWidget"]')
    for _ in range(2):
        page.wait_for_timeout(700)
        expect(running).to_have_count(0, timeout=VERDICT_TIMEOUT_MS)


def test_beijing_licenses_page_two_and_a_shared_license_in_chinese(
    portal_server: str, browser: Browser
) -> None:
    numbers = NUMBERS
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(f"{portal_server}/licenses?lang=en")
    page.get_by_label("City").fill("Beijing")
    page.get_by_role("button", name="Look up").click()
    expect(page.get_by_text("1–50 of 62")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(page.get_by_text(f"{numbers[0]} · 京城欢唱 KTV 01")).to_be_visible()
    assert "city=Beijing" in page.url
    page.get_by_role("button", name="Next page").click()
    expect(page.get_by_text("51–62 of 62")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    assert "page=2" in page.url and "city=Beijing" in page.url
    revoked = numbers[REVOKED]
    expect(page.get_by_text(f"{revoked} · 京城欢唱 KTV 56")).to_be_visible()
    expect(page.get_by_text("License revoked on 2026-03-15: venue closed")).to_be_visible()
    shot(page, "public-licenses-beijing-page2-en.png")

    # Its shareable link, opened in a new page in Chinese, shows the same license.
    href = page.locator(f'a[href*="license={revoked}"]').first.get_attribute("href")
    assert href is not None and href.startswith("?")
    shared = browser.new_page(viewport={"width": 1280, "height": 1400})
    shared.goto(f"{portal_server}/licenses{href.replace('lang=en', 'lang=zh')}")
    expect(shared.get_by_text(f"{revoked} · 京城欢唱 KTV 56")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(shared.get_by_text("许可已于 2026年3月15日 撤销：场所已停业")).to_be_visible()
    expect(shared.get_by_text("北京市朝阳区建国路56号").first).to_be_visible()
    expect(shared.get_by_text("该场所或平台目前未获许可。")).to_be_visible()
    shot(shared, "public-license-shared-zh.png")
    assert "Traceback" not in page.content() + shared.content()


def test_a_work_with_its_writers_table_and_its_version_changes(portal_server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 2000})
    page.goto(f"{portal_server}/works?lang=en")
    page.get_by_label("Title").fill("月亮")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1–1 of 1")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(page.get_by_text("Writers, publishers and shares")).to_be_visible()
    expect(page.get_by_text("Changes against the previous version")).to_be_visible()
    assert f"id={MOON}" in page.url
    shot(page, "public-work-en.png")
    # The same view from its URL, in Chinese: the shares table and the changes, translated.
    zh = browser.new_page(viewport={"width": 1280, "height": 2000})
    zh.goto(f"{portal_server}/works?title=%E6%9C%88%E4%BA%AE&id={MOON}&lang=zh")
    expect(zh.get_by_text("权利人与份额")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(zh.get_by_text("与上一版相比的变化")).to_be_visible()
    expect(zh.get_by_text("首次登记：")).to_be_visible()
    shot(zh, "public-work-zh.png")
    # Streamlit draws tables on a canvas: their cells are checked in the AppTest tests; here
    # the page must simply hold no raw JSON body.
    assert "Traceback" not in page.content() + zh.content() and '{"' not in zh.inner_text("body")


def test_log_search_by_leaf_hash_and_by_log_index(portal_server: str, browser: Browser, world: World) -> None:
    moon = world.version(MOON, 1)
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{portal_server}/lookup?lang=en")
    page.get_by_label("Entry id, leaf hash or log index").fill(moon.leaf_hash)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("By leaf hash: 1 found")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(page.get_by_text(f"Log index {moon.leaf_index} · work · {MOON} · v1")).to_be_visible()
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page.get_by_text("Proven: every required step passed.")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    shot(page, "public-lookup-leaf-hash-en.png")

    line = world.version(STATEMENT)
    page.goto(f"{portal_server}/lookup?q={line.leaf_index}&lang=zh")
    expect(page.get_by_text(f"日志序号 {line.leaf_index} · 保密记录")).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    page.get_by_role("button", name="核对指纹").click()
    expect(page.get_by_text("已证明：所有必需步骤均通过。")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    shot(page, "public-lookup-private-zh.png")
    assert "Traceback" not in page.content()
