"""A registry clerk's journey with the review queue of works sent from outside, in a real browser
(Debian's chromium via Playwright), on a world of its own: download the blank template, send a
filled one (a refused row reported), open the first submission, take a suggestion into the
correction form and accept the work corrected, reject the next with a reason, accept the rest at
once after a confirmation; then, in Chinese, send the Chinese blank template as it is and read a
submission and its correction form. Each step checked through the API. Screenshots go to
test-artifacts/staff-submissions-*.png."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from registry.identifiers import generate_ipi_name
from tests.portal.test_browser import ARTIFACTS, VERDICT_TIMEOUT_MS, browser
from tests.portal.test_browser_staff import api, drawn, log_in, staff_api, staff_portal, staff_world, words
from tests.portal.test_untranslated import settle

__all__ = ["browser", "staff_api", "staff_portal", "staff_world"]
DENG_IPI = generate_ipi_name(7001)  # the world's member M-1, Deng Lijun
HEADERS = (
    "submitter_work_id",
    "title",
    "writer_1_name",
    "writer_1_role",
    "writer_1_pr_share",
    "writer_1_mr_share",
)
ROWS = (
    ("SR-1", "MOONLIGHT RIVER", "Deng, Lijun", "CA", "100", "100"),
    ("SR-2", "Harbour Lights", "Wu, Fang", "C", "100", "100"),
    ("SR-3", "Night Train", "Lin, Hui", "CA", "100", "100"),
    ("SR-4", "Spring Rain", "Lin, Hui", "CA", "100", "100"),
    ("SR-5", "Short Song", "Lin, Hui", "CA", "40", "100"),  # refused: 40% of the performing right
)
SUBMITTER = "Star River Music"


def filled_template() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(ROWS)
    return out.getvalue().encode()


def visible(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=True).first).to_be_visible(timeout=VERDICT_TIMEOUT_MS)


def shot(page: Page, name: str) -> None:
    """A picture of the whole page: Streamlit scrolls its main area itself, so the window is made
    as tall as that area's content for the picture (a full-page screenshot sees one screen)."""
    if page.locator("[data-testid=stDataFrame]").count():
        drawn(page)
    size = page.viewport_size or {"width": 1400, "height": 1100}
    tall = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(int(tall), size["height"]), 6000)})
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.set_viewport_size(size)


def send(page: Page, lang: str, name: str, data: bytes) -> None:
    page.get_by_label(words(lang, "submissions.submitter"), exact=True).fill(SUBMITTER)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    expect(page.get_by_text(name).first).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    page.get_by_role("button", name=words(lang, "submissions.send_go")).click()


def test_a_clerk_works_the_queue_of_works_sent_from_outside(
    browser: Browser, staff_portal: str, staff_api: str, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    log_in(page, staff_portal, "submissions", "en", user="clerk")
    visible(page, words("en", "submissions.none"))
    page.get_by_text(words("en", "submissions.tab.send"), exact=True).click()
    expect(page).to_have_url(re.compile(r"part=send"), timeout=VERDICT_TIMEOUT_MS)
    with page.expect_download() as got:
        page.get_by_role("button", name=words("en", "submissions.blank_xlsx")).click()
    assert got.value.suggested_filename == "works-template-en.xlsx"
    blank = tmp_path / "blank.xlsx"
    got.value.save_as(str(blank))
    header = [c.value for c in next(load_workbook(blank).active.iter_rows(max_row=1))]
    assert header[:2] == ["submitter_work_id", "title"]  # in the reader's language

    send(page, "en", "star-river.csv", filled_template())
    visible(page, words("en", "submissions.intake_queued", n="4", first="SUB-1", last="SUB-4"))
    shot(page, "staff-submissions-intake-en.png")
    page.get_by_role("button", name=words("en", "submissions.intake_review")).click()

    # SUB-1, opened from the intake: take the tidy title and Deng's IPI into the form, accept.
    expect(page.get_by_role("heading", name="SUB-1 · MOONLIGHT RIVER")).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    expect(page).to_have_url(re.compile(r"submission=SUB-1"))
    visible(page, words("en", "submissions.suggest.title", value="Moonlight River"))
    page.get_by_role("button", name=words("en", "submissions.apply.title")).click()
    settle(page)  # the form drawn afresh, the one before gone
    title = page.get_by_label(words("en", "submissions.field.title"), exact=True)
    expect(title).to_have_value("Moonlight River", timeout=VERDICT_TIMEOUT_MS)
    page.get_by_role("button", name=words("en", "submissions.apply.ipi", value=DENG_IPI)).click()
    visible(page, words("en", "submissions.applied", field="Writer 1 · IPI name number"))
    settle(page)
    expect(page.get_by_label(words("en", "submissions.field.title"), exact=True)).to_have_value(
        "Moonlight River"
    )
    shot(page, "staff-submissions-detail-en.png")
    page.get_by_role("button", name=words("en", "submissions.accept_corrected")).click()
    accepted = page.get_by_text(re.compile(r"^SUB-1 accepted: registered as work W-[0-9]+\."))
    expect(accepted).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    expect(page.get_by_role("heading", name="SUB-2 · Harbour Lights")).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )

    # SUB-2: rejected with a reason (none given first: the field is named).
    settle(page)
    page.get_by_text(words("en", "submissions.mode.reject"), exact=True).click()
    settle(page)
    page.get_by_role("button", name=words("en", "submissions.reject")).click()
    visible(page, words("en", "submissions.bad.need", field=words("en", "submissions.field.reason")))
    page.get_by_label(words("en", "submissions.reason")).fill("We do not administer this work")
    page.get_by_role("button", name=words("en", "submissions.reject")).click()
    expect(page.get_by_text(re.compile(r"^SUB-2 rejected\."))).to_be_visible(timeout=VERDICT_TIMEOUT_MS)

    # The rest, at once, after the confirmation.
    settle(page)
    page.get_by_role("button", name=words("en", "submissions.accept_page", n=2)).click()
    page.get_by_role("button", name=words("en", "submissions.confirm_go", n=2)).click()
    expect(page.get_by_text(re.compile(r"^Accepted 2 of 2\. Works registered: W-"))).to_be_visible(
        timeout=VERDICT_TIMEOUT_MS
    )
    page.get_by_text(words("en", "submissions.status.all"), exact=True).click()
    expect(page).to_have_url(re.compile(r"status=all"), timeout=VERDICT_TIMEOUT_MS)
    shot(page, "staff-submissions-en.png")
    page.close()

    first = api(staff_api, "/v1/admin/submissions/SUB-1")
    assert first["status"] == "accepted" and first["decided_by"] == "clerk"
    assert first["accepted"]["title"] == "Moonlight River"  # type: ignore[index]
    assert first["accepted"]["writers"][0]["ipi_name"] == DENG_IPI  # type: ignore[index]
    assert api(staff_api, f"/v1/works/{first['work']}")["title"] == "Moonlight River"
    second = api(staff_api, "/v1/admin/submissions/SUB-2")
    assert (second["status"], second["reason"]) == ("rejected", "We do not administer this work")
    rest = api(staff_api, "/v1/admin/submissions?status=all&q=Star River Music")["items"]
    assert [s["status"] for s in rest] == ["accepted", "rejected", "accepted", "accepted"]  # type: ignore[index]

    # In Chinese: the Chinese blank template, sent as it is (its example row), read and corrected.
    zh = browser.new_page(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    log_in(zh, staff_portal, "submissions", "zh", user="clerk")
    visible(zh, words("zh", "submissions.none"))
    zh.get_by_text(words("zh", "submissions.tab.send"), exact=True).click()
    with zh.expect_download() as got:
        zh.get_by_role("button", name=words("zh", "submissions.blank_csv")).click()
    assert got.value.suggested_filename == "works-template-zh.csv"
    example = tmp_path / "blank-zh.csv"
    got.value.save_as(str(example))
    assert "作品名称" in example.read_text(encoding="utf-8-sig").splitlines()[0]
    send(zh, "zh", "星河.csv", example.read_bytes())
    visible(zh, words("zh", "submissions.intake_queued", n="1", first="SUB-5", last="SUB-5"))
    zh.get_by_role("button", name=words("zh", "submissions.intake_review")).click()
    expect(zh.get_by_role("heading", name="SUB-5 · 星河之歌")).to_be_visible(timeout=VERDICT_TIMEOUT_MS)
    visible(zh, words("zh", "submissions.mode.correct"))
    zh.get_by_text(words("zh", "submissions.mode.correct"), exact=True).click()
    settle(zh)
    expect(zh.get_by_label(words("zh", "submissions.field.title"), exact=True)).to_have_value(
        "星河之歌", timeout=VERDICT_TIMEOUT_MS
    )
    shot(zh, "staff-submissions-detail-zh.png")
    zh.get_by_text(words("zh", "submissions.status.all"), exact=True).click()
    expect(zh).to_have_url(re.compile(r"status=all"), timeout=VERDICT_TIMEOUT_MS)
    shot(zh, "staff-submissions-zh.png")
    assert "Traceback" not in zh.content()
    zh.close()
