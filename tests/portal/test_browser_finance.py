"""Finance's journey in a real browser (Debian's chromium via Playwright), on a world of its own:
invoice a month, import the bank statement that pays part of it (one line left to allocate by
hand), record the rest as a single payment, and read the balances in Chinese; each step checked
through the API afterwards. Screenshots go to test-artifacts/staff-finance-*.png."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.portal.test_browser import ARTIFACTS, VERDICT_TIMEOUT_MS, browser
from tests.portal.test_browser_staff import api, drawn, log_in, staff_api, staff_portal, staff_world, words

__all__ = ["browser", "staff_api", "staff_portal", "staff_world"]
INVOICE = "INV-202602-000001"  # Golden Voice KTV, February: 10 rooms x 28 days x 10.80 yuan


def statement(day: str) -> bytes:
    """The bank's export (GB18030, Chinese headers) dated the day the invoice was issued: it
    cannot be paid before (a run after midnight issues it on the day after the test began)."""
    return (
        "交易日期,金额,流水号,付款人,附言\n"
        f'{day},"1,000.00",ICBC-0305-1,金嗓子KTV,{INVOICE} 二月版权费\n'
        f"{day},88.00,ICBC-0306-1,某某,版权费\n"
    ).encode("gb18030")


def test_finance_invoices_a_month_and_records_its_payments(
    browser: Browser, staff_portal: str, staff_api: str
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(page, staff_portal, "finance", "en", user="finance")
    page.get_by_text(words("en", "finance.tab.invoices"), exact=True).click()
    page.get_by_label(words("en", "finance.run_period")).fill("2026-02")
    page.get_by_role("button", name=words("en", "finance.run_go")).click()
    issued = words(
        "en", "finance.run_done", period="2026-02", issued=1, amount="3,024.00 CNY", already=0, awaiting=0
    )
    expect(page.get_by_text(issued)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)

    [billed] = api(staff_api, f"/v1/admin/receivables?status=all&q={INVOICE}")["items"]  # type: ignore[index]
    page.get_by_text(words("en", "finance.tab.payments"), exact=True).click()
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        files=[{"name": "icbc-march.csv", "mimeType": "text/csv", "buffer": statement(billed["issued_on"])}]
    )
    page.get_by_role("button", name=words("en", "finance.import"), exact=True).click()
    imported = words(
        "en", "finance.imported", name="icbc-march.csv", lines=2, recorded=1, amount="1,000.00 CNY"
    )
    expect(page.get_by_text(imported)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(page.get_by_text(words("en", "finance.needs_hand"))).to_be_visible()
    drawn(page)
    page.get_by_text(words("en", "finance.needs_hand")).scroll_into_view_if_needed()  # the report, below
    page.screenshot(path=str(ARTIFACTS / "staff-finance-statement-en.png"))

    page.get_by_label(words("en", "finance.invoice")).fill(INVOICE)
    page.get_by_label(words("en", "finance.amount")).fill("2,024.00")
    page.get_by_label(words("en", "finance.reference")).fill("ICBC-0320-7")
    page.get_by_role("button", name=words("en", "finance.record")).click()
    paid = words("en", "finance.recorded", invoice=INVOICE, amount="2,024.00 CNY", balance="0.00 CNY")
    expect(page.get_by_text(paid)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    page.close()

    listed = api(staff_api, f"/v1/admin/receivables?status=all&q={INVOICE}")
    [invoice] = listed["items"]  # type: ignore[index]
    assert (invoice["amount_fen"], invoice["paid_fen"], invoice["balance_fen"]) == (302_400, 302_400, 0)

    zh = browser.new_page(viewport={"width": 1400, "height": 1000})
    log_in(zh, staff_portal, "finance", "zh", user="finance")
    expect(zh.get_by_text(words("zh", "finance.ageing_note"))).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(zh.get_by_text(words("zh", "finance.none"))).to_be_visible()  # all paid: nothing outstanding
    zh.get_by_text(words("zh", "finance.status.all"), exact=True).click()
    expect(zh).to_have_url(re.compile(r"status=all"), timeout=VERDICT_TIMEOUT_MS)  # kept in the link
    drawn(zh)
    zh.screenshot(path=str(ARTIFACTS / "staff-finance-zh.png"), full_page=True)
    zh.close()
