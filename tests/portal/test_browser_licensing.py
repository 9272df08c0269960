"""The licensing officer's journey in a real browser (Debian's chromium via Playwright), on the
staff's own world: add a licensee, edit it, issue it a license, suspend and reinstate that
license, each checked through the API afterwards; then the page in English, with the add form's
warnings. Screenshots go to test-artifacts/staff-licensing-*.png."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.portal.test_browser import ARTIFACTS, VERDICT_TIMEOUT_MS
from tests.portal.test_browser_staff import (
    api,
    browser,
    drawn,
    log_in,
    staff_api,
    staff_portal,
    staff_world,
    words,
)
from tests.society.licensing import usable_uscc

__all__ = ["browser", "staff_api", "staff_portal", "staff_world"]
LANG = "zh"


def form(page: Page, key: str, lang: str = LANG) -> Locator:
    return page.locator("[data-testid=stForm]").filter(has_text=words(lang, key))


def show(page: Page, view: str, lang: str = LANG) -> None:
    """Switch the page to its licensees or licenses view."""
    page.locator("[data-testid=stRadio]").get_by_text(
        words(lang, f"licensing.view.{view}"), exact=True
    ).click()


def on_licenses(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=False).first).to_be_visible(timeout=VERDICT_TIMEOUT_MS)


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` of a selectbox; a click landing while a run ends closes the list: again."""
    for _ in range(10):
        page.wait_for_timeout(500)
        page.get_by_role("combobox", name=label).click()
        try:
            page.get_by_role("option", name=option).click(timeout=3000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"could not choose {option!r} in {label!r}")


def said(page: Page, text: str) -> None:
    expect(page.get_by_text(text)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)


def test_an_officer_adds_edits_licenses_suspends_and_reinstates(
    staff_portal: str, staff_api: str, browser: Browser
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    log_in(page, staff_portal, "licensing", LANG, user="licensing")
    expect(page.get_by_text(words(LANG, "pager.range", first="1", last="2", total="2"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    adding = form(page, "licensing.add")
    for field, value in (
        ("name", "歌王 KTV"),
        ("uscc", usable_uscc(50)),
        ("city", "广州"),
        ("province", "GD"),
    ):
        adding.get_by_label(words(LANG, f"licensing.f.{field}"), exact=True).fill(value)
    adding.get_by_label(words(LANG, "licensing.f.rooms")).fill("12")
    adding.get_by_label(words(LANG, "licensing.f.contact_role")).fill("店长")
    adding.get_by_label(words(LANG, "licensing.f.contact_name")).fill("陈静")
    adding.get_by_role("button", name=words(LANG, "licensing.add_submit")).click()
    said(page, words(LANG, "licensing.added", ref="LE-3", name="歌王 KTV"))

    choose(page, words(LANG, "licensing.pick"), "LE-3 · 歌王 KTV")
    # by the inputs' keys: the form of the licensee shown before may linger, stale, until the rerun ends
    name = page.locator(".st-key-edit_LE-3_name input")
    expect(name).to_have_value("歌王 KTV", timeout=VERDICT_TIMEOUT_MS)
    name.fill("歌王 KTV 旗舰店")
    page.locator(".st-key-edit_LE-3_rooms input").fill("16")
    editing = form(page, "licensing.edit")
    editing.get_by_role("button", name=words(LANG, "licensing.edit_submit")).click()
    said(page, words(LANG, "licensing.edited", ref="LE-3", version=2))
    expect(page.get_by_text("店长 · 陈静")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    # the picker names the licensee as it now is, not as it was before the edit
    picker = page.get_by_role("combobox", name=words(LANG, "licensing.pick"))
    expect(picker).to_have_count(1, timeout=VERDICT_TIMEOUT_MS)  # the rerun over: one picker
    picker.click()
    expect(page.get_by_role("option", name="LE-3 · 歌王 KTV 旗舰店", exact=True)).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    assert page.get_by_role("option", name="LE-3 · 歌王 KTV", exact=True).count() == 0
    page.keyboard.press("Escape")
    drawn(page)
    page.screenshot(path=str(ARTIFACTS / "staff-licensing-licensee-zh.png"), full_page=True)

    show(page, "licenses")
    issuing = form(page, "licensing.issue")
    issuing.get_by_label(words(LANG, "licensing.f.licensee")).fill("LE-3")
    issuing.get_by_label(words(LANG, "licensing.f.tariff")).fill("KTV-ROOM")
    issuing.get_by_role("button", name=words(LANG, "licensing.issue_submit")).click()
    issued = page.get_by_text(re.compile(r"许可证 LIC-[0-9]{4}-[0-9]{6} 已签发给 歌王 KTV 旗舰店"))
    expect(issued).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    number = re.search(r"LIC-[0-9]{4}-[0-9]{6}", issued.inner_text())[0]  # type: ignore[index]

    search = page.get_by_label(words(LANG, "licensing.search_licenses"))
    search.fill(number)
    search.press("Enter")
    on_licenses(
        page, words(LANG, "licensing.license_status", number=number, status="有效", on="").split("（")[0]
    )
    for change, reason, now in (("suspend", "欠缴许可费", "已暂停"), ("reinstate", "已补缴", "有效")):
        page.get_by_label(words(LANG, "licensing.change_reason")).fill(reason)
        page.get_by_label(words(LANG, "licensing.change_reason")).press("Enter")
        page.get_by_role("button", name=words(LANG, f"licensing.{change}"), exact=True).click()
        said(page, words(LANG, f"licensing.changed.{change}", number=number))
        on_licenses(
            page, words(LANG, "licensing.license_status", number=number, status=now, on="").split("（")[0]
        )
        if change == "suspend":  # a suspended license offers reinstate and revoke, not suspend
            assert page.get_by_role("button", name=words(LANG, "licensing.suspend"), exact=True).count() == 0
            drawn(page)
            page.screenshot(path=str(ARTIFACTS / "staff-licensing-suspended-zh.png"), full_page=True)
    drawn(page)
    page.screenshot(path=str(ARTIFACTS / "staff-licensing-reinstated-zh.png"), full_page=True)
    assert "Traceback" not in page.content()

    licensee = api(staff_api, "/v1/admin/licensees/LE-3")
    assert (licensee["name"], licensee["rooms"], licensee["version"]) == ("歌王 KTV 旗舰店", 16, 2)
    license = httpx.get(f"{staff_api}/v1/licenses/{number}").json()
    assert (license["status"], license["reason"], license["version"]) == ("active", "已补缴", 3)

    english(browser, staff_portal, number)


def english(browser: Browser, portal: str, number: str) -> None:
    """The same page in English: the licensee as edited, the add form's warnings, the license."""
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    log_in(page, portal, "licensing", "en", user="licensing")
    expect(page.get_by_text(words("en", "pager.range", first="1", last="3", total="3"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    choose(page, words("en", "licensing.pick"), "LE-3 · 歌王 KTV 旗舰店")
    expect(page.get_by_text("店长 · 陈静")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    drawn(page)
    page.screenshot(path=str(ARTIFACTS / "staff-licensing-licensee-en.png"), full_page=True)
    found = form(page, "licensing.add", "en")
    found.get_by_role("button", name=words("en", "licensing.add_submit")).click()
    warned = page.get_by_text(words("en", "licensing.need", field=words("en", "licensing.f.name")))
    expect(warned).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    warned.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "staff-licensing-add-warnings-en.png"))
    show(page, "licenses", "en")
    search = page.get_by_label(words("en", "licensing.search_licenses"))
    search.fill(number)
    search.press("Enter")
    status = words("en", "licensing.license_status", number=number, status="active", on="").split(" (")[0]
    on_licenses(page, status)
    assert page.get_by_role("button", name=words("en", "licensing.suspend"), exact=True).count() == 1
    drawn(page)
    page.screenshot(path=str(ARTIFACTS / "staff-licensing-licenses-en.png"), full_page=True)
