"""A registry clerk's journey with the members' roster in a real browser (Debian's chromium via
Playwright), on a world of its own: register a member with a mandate and bank details, find it
opened on the roster, suspend it, and read it in Chinese; each step checked through the API.
Screenshots go to test-artifacts/staff-members-*.png."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from registry.identifiers import generate_ipi_name
from tests.portal.test_browser import ARTIFACTS, VERDICT_TIMEOUT_MS, browser
from tests.portal.test_browser_licensing import choose
from tests.portal.test_browser_staff import api, drawn, log_in, staff_api, staff_portal, staff_world, words

__all__ = ["browser", "staff_api", "staff_portal", "staff_world"]


def test_a_clerk_registers_and_suspends_a_member(browser: Browser, staff_portal: str, staff_api: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    log_in(page, staff_portal, "members", "en", user="clerk")
    page.get_by_text(words("en", "members.tab.register"), exact=True).click()
    page.get_by_label(words("en", "members.name"), exact=True).fill("Zhou")
    page.get_by_label(words("en", "members.first_name"), exact=True).fill("Jie")
    page.get_by_label(words("en", "members.ipi_name"), exact=True).fill(generate_ipi_name(7701))
    page.get_by_label(words("en", "members.account"), exact=True).fill("6222 0000 7701")
    page.get_by_role("button", name=words("en", "members.register")).click()
    said = page.get_by_text("Member M-", exact=False)
    expect(said).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    member = said.inner_text().split()[1]
    heading = page.get_by_role("heading", name=f"{member} · Jie Zhou")
    expect(heading).to_be_visible(timeout=VERDICT_TIMEOUT_MS)  # opened on the roster
    choose(page, words("en", "members.status"), words("en", "enum.member_status.suspended"))
    page.get_by_role("button", name=words("en", "members.save")).click()
    expect(page.get_by_text(words("en", "members.saved", member=member))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    drawn(page)
    page.screenshot(path=str(ARTIFACTS / "staff-members-en.png"), full_page=True)
    page.close()

    seen = api(staff_api, f"/v1/admin/members/{member}")
    assert (seen["status"], seen["ipi_name"], seen["bank"]) == (
        "suspended",
        generate_ipi_name(7701),
        {"account": "6222 0000 7701"},
    )
    assert seen["mandates"] == [
        {"right_type": "performing", "territory": "2136", "starts_on": None, "ends_on": None}
    ]

    zh = browser.new_page(viewport={"width": 1400, "height": 1100})
    log_in(zh, staff_portal, "members", "zh", user="clerk")
    zh.get_by_label(words("zh", "members.search"), exact=True).fill("Zhou")
    zh.get_by_label(words("zh", "members.search"), exact=True).press("Enter")
    choose(zh, words("zh", "members.pick"), f"{member} · Jie Zhou")
    expect(zh.get_by_role("heading", name=f"{member} · Jie Zhou")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    facts = zh.locator("[data-testid=stTable]").first
    expect(facts.get_by_text(words("zh", "enum.member_status.suspended"), exact=True)).to_be_visible()
    drawn(zh)
    zh.screenshot(path=str(ARTIFACTS / "staff-members-zh.png"), full_page=True)
    zh.get_by_text(words("zh", "members.tab.register"), exact=True).click()
    expect(zh.get_by_role("button", name=words("zh", "members.register"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    drawn(zh)
    zh.screenshot(path=str(ARTIFACTS / "staff-members-register-zh.png"), full_page=True)
    zh.close()
