"""A member's statement in a real browser (Debian's chromium via Playwright), in English and in
Chinese: log in, open the statement, read its figures, search and sort its lines, verify every
line, download the CSV, the Excel file and the PDF (twice: the second is not built again).
Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from portal.i18n import translate
from tests.portal.test_browser import ARTIFACTS, VERDICT_TIMEOUT_MS, browser, portal_server
from tests.portal.world import PASSWORDS, STATEMENT, World

__all__ = ["browser", "portal_server"]  # the fixtures, shared with the other browser tests


def words(lang: str, key: str, **values: object) -> str:
    return translate(key, lang, **values)


def log_in(page: Page, portal: str, lang: str) -> None:
    page.goto(f"{portal}/payouts?lang={lang}")
    page.get_by_label(words(lang, "login.username")).fill("member")
    page.get_by_role("textbox", name=words(lang, "login.password")).fill(PASSWORDS["member"])
    page.get_by_role("button", name=words(lang, "login.submit")).click()


def download(page: Page, label: str, to: Path) -> bytes:
    page.get_by_role("button", name=label).wait_for(timeout=VERDICT_TIMEOUT_MS)
    with page.expect_download() as got:
        page.get_by_role("button", name=label).click()
    got.value.save_as(str(to))
    return to.read_bytes()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_member_reads_verifies_and_downloads_a_statement(
    portal_server: str, browser: Browser, world: World, tmp_path: Path, lang: str
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    log_in(page, portal_server, lang)
    n = world.statement_lines
    source = words(lang, "payouts.source.karaoke")
    expect(page.get_by_text(f"{words(lang, 'payouts.lines')} · 2026-03 · {source}")).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    expect(page.get_by_text(words(lang, "payouts.shown", shown=n, n=n))).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"payouts-statement-{lang}.png"), full_page=True)
    expect(page.get_by_text(words(lang, "payouts.gross"), exact=True)).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    expect(page.get_by_text(words(lang, "payouts.payment_date"), exact=True)).to_be_visible()
    expect(page.locator("[data-testid=stDataFrame]").last).to_be_visible()

    # Search by title: one line of the two; then all again, sorted.
    search = page.get_by_role("textbox", name=words(lang, "payouts.search"))
    search.fill("甜蜜蜜")
    search.press("Enter")
    expect(page.get_by_text(words(lang, "payouts.shown", shown=1, n=n))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    page.screenshot(path=str(ARTIFACTS / f"payouts-search-{lang}.png"), full_page=True)
    search.fill("")
    search.press("Enter")
    expect(page.get_by_text(words(lang, "payouts.shown", shown=n, n=n))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    page.get_by_text(words(lang, "payouts.descending"), exact=True).click()

    started = time.perf_counter()
    page.get_by_role("button", name=words(lang, "payouts.verify_all")).click()
    all_valid = words(lang, "payouts.all_valid", n=n, entries=f"{STATEMENT} v1")
    expect(page.get_by_text(all_valid)).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    print(f"browser: verify all {n} lines ({lang}): {time.perf_counter() - started:.2f} s")
    page.screenshot(path=str(ARTIFACTS / f"payouts-verified-{lang}.png"), full_page=True)

    csv = download(page, words(lang, "payouts.csv"), tmp_path / "statement.csv")
    assert csv.startswith(b"\xef\xbb\xbf") and csv.count(b"\n") == n + 1
    page.get_by_role("button", name=words(lang, "payouts.xlsx_prepare")).click()
    xlsx = download(page, words(lang, "payouts.xlsx"), tmp_path / "statement.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert rows[0][0] == words(lang, "payouts.csv.period") and len(rows) == n + 1
    page.get_by_role("button", name=words(lang, "payouts.pdf_prepare")).click()
    pdf = download(page, words(lang, "payouts.pdf"), ARTIFACTS / f"statement-2026-03-karaoke-{lang}.pdf")
    assert pdf.startswith(b"%PDF-")
    again = download(page, words(lang, "payouts.pdf"), tmp_path / "again.pdf")
    assert again == pdf  # the same file: read from the cache, not built again
    cached = list((world.data_dir / "portal-cache" / "statements").glob("statement-*.pdf"))
    assert pdf in [c.read_bytes() for c in cached]
    assert "Traceback" not in page.content()
