"""End to end in Debian's chromium: the transparency report (a closed month's conflicts and
distribution figures; a month not over says so), the auditor (consistency between two checkpoints;
the full audit downloaded as a signed report whose signature verifies) and the admin (the estimate,
the confirmation, the answer in words), in English and in Chinese. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import datetime as dt
import json

from playwright.sync_api import Browser, Page, expect

from portal import audit_report
from tests.portal.test_browser import ARTIFACTS, browser, portal_server  # noqa: F401  (fixtures)
from tests.portal.world import PASSWORDS, REPORT_MONTH, World

TIMEOUT_MS = 30_000


def opened(browser: Browser, url: str) -> Page:  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    return page


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(500)  # let charts and tables settle
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page: Page, role: str, username: str, password: str, submit: str) -> None:
    page.get_by_role("textbox", name=username).fill(role)
    page.get_by_role("textbox", name=password).fill(PASSWORDS[role])
    page.get_by_role("button", name=submit).click()


def test_report_of_the_period_shows_its_conflicts_and_distribution(
    portal_server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
) -> None:
    page = opened(browser, f"{portal_server}/report?lang=en&month={REPORT_MONTH}")
    expect(page.get_by_text("Conflicts opened", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("3,000.00 CNY").first).to_be_visible()
    expect(page.get_by_text("Previous month's total (2026-02)")).to_be_visible()
    shot(page, "report-en")
    page = opened(browser, f"{portal_server}/report?lang=zh&month={REPORT_MONTH}")
    expect(page.get_by_text("新增争议", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("卡拉OK", exact=True)).to_be_visible()
    shot(page, "report-zh")


def test_a_month_not_over_has_no_report_yet(portal_server: str, browser: Browser) -> None:  # noqa: F811
    month = dt.datetime.now(dt.UTC).strftime("%Y-%m")
    page = opened(browser, f"{portal_server}/report?lang=en&month={month}")
    expect(page.get_by_text(f"{month} is not over yet")).to_be_visible(timeout=TIMEOUT_MS)
    shot(page, "report-unclosed-en")
    page = opened(browser, f"{portal_server}/report?lang=zh&month={month}")
    expect(page.get_by_text(f"{month} 尚未结束")).to_be_visible(timeout=TIMEOUT_MS)
    shot(page, "report-unclosed-zh")


def test_auditor_checks_two_checkpoints_and_downloads_a_signed_report(
    portal_server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    world: World,
) -> None:
    page = opened(browser, f"{portal_server}/auditor?lang=en")
    page.get_by_role("button", name="Check consistency").click()
    expect(page.get_by_text("The contract confirms the proof too.")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("are consistent: the later is an append-only extension")).to_be_visible()
    log_in(page, "auditor", "Username", "Password", "Log in")
    page.get_by_role("button", name="Run the full audit").click()
    expect(page.get_by_text("Audit passed: every check passed.")).to_be_visible(timeout=TIMEOUT_MS)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the signed audit report (JSON)").click()
    doc = json.loads(download.value.path().read_text())
    vkey = audit_report.signing_key(world.data_dir / "keys" / "portal-audit.skey").verifier().vkey
    assert audit_report.verify_signed(doc, vkey) == doc["sha256"]
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download the audit report (PDF)").click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF")
    shot(page, "auditor-en")
    page = opened(browser, f"{portal_server}/auditor?lang=zh")
    page.get_by_role("button", name="核对一致性").click()
    expect(page.get_by_text("合约也确认了这一证明。")).to_be_visible(timeout=TIMEOUT_MS)
    shot(page, "auditor-zh")


def test_admin_sees_the_estimate_confirms_and_reads_the_answer(
    portal_server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
) -> None:
    page = opened(browser, f"{portal_server}/admin?lang=en")
    log_in(page, "admin", "Username", "Password", "Log in")
    expect(page.get_by_text("Nothing is waiting: the whole log is anchored.")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    page.get_by_role("button", name="Run anchoring now…").click()
    expect(page.get_by_text("Estimated gas")).to_be_visible(timeout=TIMEOUT_MS)
    shot(page, "admin-estimate-en")
    page.get_by_role("button", name="Confirm and send the transaction").click()
    expect(page.get_by_text("Nothing was waiting to be anchored")).to_be_visible(timeout=TIMEOUT_MS)
    shot(page, "admin-ran-en")
    page = opened(browser, f"{portal_server}/admin?lang=zh")
    log_in(page, "admin", "用户名", "密码", "登录")
    page.get_by_role("button", name="立即运行锚定…").click()
    expect(page.get_by_text("预估 gas")).to_be_visible(timeout=TIMEOUT_MS)
    shot(page, "admin-estimate-zh")
