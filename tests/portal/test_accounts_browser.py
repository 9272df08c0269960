"""End to end in Debian's chromium (Playwright), against the portal and the API on the accounts
world (tests/portal/accounts_world.py): a member claims unidentified usage and sees it pending; a
licensee logs in, sees its invoices with the balance owed, downloads a contract's payload, signs
it on "its machine" with `rightsledger contracts sign-payload`, and uploads the signature: one
made with another key is refused in words, its own is recorded. In Chinese and in English, with
screenshots under test-artifacts/. If chromium cannot start, the test fails: it never skips."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.sync_api import Browser, Page, expect
from typer.testing import CliRunner

from registry.services.licensing.signing_keys import private_pem
from rightsledger.cli import app as cli
from tests.portal.accounts_world import VENUE, VENUE_PASSWORD, Accounts, build_accounts, serve_api
from tests.portal.conftest import REPO, free_port, portal_settings_env
from tests.portal.world import PASSWORDS
from tests.serving import chromium, streamlit_portal

ARTIFACTS = REPO / "test-artifacts"
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def accounts(tmp_path_factory: pytest.TempPathFactory) -> Accounts:
    return build_accounts(tmp_path_factory.mktemp("accounts-browser"))


@pytest.fixture(scope="module")
def portal(accounts: Accounts, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API and `streamlit run portal/app.py` on free ports; yields the portal's URL."""
    logs = tmp_path_factory.mktemp("accounts-portal")
    with serve_api(accounts.world) as api_url:
        port = free_port()
        env = portal_settings_env(accounts.world, api_url, port)
        with streamlit_portal(env, logs, port=port) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def log_in(page: Page, username: str, password: str, words: tuple[str, str, str]) -> None:
    user, secret, submit = words
    page.get_by_label(user).fill(username)
    page.get_by_role("textbox", name=secret).fill(password)
    page.get_by_role("button", name=submit).click()


def idle(page: Page) -> None:
    """Wait for the script run an upload or an input started: a click during a rerun may be lost."""
    time.sleep(0.3)
    expect(page.locator("[data-test-script-state]").first).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=WAIT_MS
    )


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def sign_payload(payload: Path, key: Path, out: Path) -> None:
    """What the licensee runs on its own machine: no database, no network."""
    result = CliRunner().invoke(
        cli, ["contracts", "sign-payload", str(payload), "--key", str(key), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().strip() and "upload it in the portal" in " ".join(result.output.split())


ENGLISH = ("Username", "Password", "Log in")
CHINESE = ("用户名", "密码", "登录")


@pytest.mark.parametrize(
    ("lang", "words", "submit", "pending", "tab"),
    [
        ("en", ENGLISH, "Submit the claim", "status: pending review", "My claims"),
        ("zh", CHINESE, "提交认领", "状态：待审核", "我的认领"),
    ],
)
def test_a_member_claims_unidentified_usage_and_sees_it_pending(
    portal: str,
    browser: Browser,
    lang: str,
    words: tuple[str, str, str],
    submit: str,
    pending: str,
    tab: str,
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1500})
    page.goto(f"{portal}/claims?lang={lang}")
    log_in(page, "member", PASSWORDS["member"], words)
    expect(page.get_by_role("button", name=submit)).to_be_visible(timeout=WAIT_MS)
    shot(page, f"claims-find-{lang}.png")
    form = page.locator("[data-testid='stForm']")
    form.get_by_text("work" if lang == "en" else "作品", exact=True).click()  # claim it as a work
    form.get_by_label("Or its id (R-12 or W-12)" if lang == "en" else "或填写编号（R-12 或 W-12）").fill(
        "W-1"
    )
    page.get_by_role("button", name=submit).click()
    expect(page.get_by_text(pending)).to_be_visible(timeout=WAIT_MS)
    shot(page, f"claims-submitted-{lang}.png")
    page.get_by_role("tab", name=tab).click()
    time.sleep(1)  # the tab's table draws on a canvas
    shot(page, f"claims-mine-{lang}.png")
    assert "Traceback" not in page.content()


def test_a_licensee_sees_its_invoices_and_signs_a_contract_with_its_own_key(
    portal: str, browser: Browser, accounts: Accounts, tmp_path: Path
) -> None:
    draft = accounts.draft
    # In Chinese: invoices with the balance owed, the draft awaiting the venue; a signature made
    # with another key than the one registered is refused, in words.
    page = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    page.goto(f"{portal}/licensee?lang=zh")
    log_in(page, VENUE, VENUE_PASSWORD, CHINESE)
    expect(page.get_by_test_id("stMetricValue").filter(has_text="2,666.06 CNY")).to_be_visible(
        timeout=WAIT_MS
    )  # owed: 2,678.40 - 12.34
    expect(page.get_by_test_id("stMetricValue")).to_have_text(["2,678.40 CNY", "12.34 CNY", "2,666.06 CNY"])
    expect(page.get_by_text(f"合同 {draft} · 许可 {accounts.venue_license} · 待您签署")).to_be_visible()
    shot(page, "licensee-zh.png")

    box = page.get_by_test_id("stExpander").filter(has_text=draft)
    with page.expect_download() as download:
        box.get_by_role("button", name="下载待签内容").click()
    payload = tmp_path / download.value.suggested_filename
    download.value.save_as(payload)
    assert payload.name == f"{draft}.payload.json"
    stranger = tmp_path / "not-my-key.pem"
    stranger.write_bytes(private_pem(Ed25519PrivateKey.generate()))
    forged = tmp_path / "forged.sig"
    sign_payload(payload, stranger, forged)
    box.locator("input[type=file]").set_input_files(str(forged))
    expect(box.get_by_test_id("stFileChipName")).to_have_text(
        "forged.sig", timeout=WAIT_MS
    )  # uploaded before sending
    idle(page)
    box.get_by_role("button", name="提交签名").click()
    expect(page.get_by_text("签名未被接受：它不能用您登记的公钥在此合同的待签内容上验证通过")).to_be_visible(
        timeout=WAIT_MS
    )
    shot(page, "licensee-sign-refused-zh.png")
    page.close()

    # In English: the venue's own key over the downloaded payload is verified and recorded.
    page = browser.new_page(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    page.goto(f"{portal}/licensee?lang=en")
    log_in(page, VENUE, VENUE_PASSWORD, ENGLISH)
    expect(page.get_by_test_id("stMetricValue").filter(has_text="2,666.06 CNY")).to_be_visible(
        timeout=WAIT_MS
    )
    expect(page.get_by_text("Owed", exact=True)).to_be_visible()
    box = page.get_by_test_id("stExpander").filter(has_text=draft)
    with page.expect_download() as download:
        box.get_by_role("button", name="Download the payload").click()
    payload = tmp_path / f"en-{download.value.suggested_filename}"
    download.value.save_as(payload)
    signature = tmp_path / f"{draft}.sig"
    sign_payload(payload, accounts.key_pem, signature)
    box.locator("input[type=file]").set_input_files(str(signature))
    expect(box.get_by_test_id("stFileChipName")).to_have_text(signature.name, timeout=WAIT_MS)
    idle(page)
    box.get_by_role("button", name="Send the signature").click()
    expect(
        page.get_by_text(f"Signature verified and recorded: contract {draft} is signed by both parties.")
    ).to_be_visible(timeout=WAIT_MS)
    shot(page, "licensee-signed-en.png")
    page.reload()  # a new session: log in again, the contract now signed by both
    log_in(page, VENUE, VENUE_PASSWORD, ENGLISH)
    expect(
        page.get_by_text(f"Contract {draft} · license {accounts.venue_license} · signed by both")
    ).to_be_visible(timeout=WAIT_MS)
    assert "Traceback" not in page.content()


def test_a_licensee_signs_in_its_own_browser_and_the_key_goes_nowhere(
    portal: str, browser: Browser, accounts: Accounts, tmp_path: Path
) -> None:
    draft = accounts.browser_draft
    page = browser.new_page(viewport={"width": 1400, "height": 2400})
    sent: list[str] = []  # every request the page makes: the key file's bytes must be in none
    page.on("request", lambda request: sent.append(request.post_data or ""))
    page.goto(f"{portal}/licensee?lang=en")
    log_in(page, VENUE, VENUE_PASSWORD, ENGLISH)
    box = page.get_by_test_id("stExpander").filter(has_text=draft)
    expect(box).to_be_visible(timeout=WAIT_MS)
    signer = box.frame_locator("iframe")
    # a file that is no key is refused in words, in the browser
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("my notes")
    signer.locator("#rl-key").set_input_files(str(not_a_key))
    signer.locator("#rl-sign").click()
    expect(signer.locator("#rl-status")).to_have_text("This is not a PEM private key file.", timeout=WAIT_MS)
    expect(signer.locator("#rl-status")).to_have_class("rl-error")
    # the venue's key: signed here by WebCrypto Ed25519
    signer.locator("#rl-key").set_input_files(str(accounts.key_pem))
    signer.locator("#rl-sign").click()
    expect(signer.locator("#rl-status")).to_have_text(
        "Signed: copy the signature above into the box below.", timeout=WAIT_MS
    )
    expect(signer.locator("#rl-status")).to_have_class("rl-ok")
    expect(signer.locator("#rl-chosen")).to_have_text(accounts.key_pem.name)
    signature = signer.locator("#rl-signature").input_value()
    assert len(signature) == 88
    shot(page, "licensee-browser-signed-en.png")
    box.get_by_label("Or paste the signature (base64)").fill(signature)
    box.get_by_label("Or paste the signature (base64)").press("Enter")
    idle(page)
    box.get_by_role("button", name="Send the signature").click()
    expect(
        page.get_by_text(f"Signature verified and recorded: contract {draft} is signed by both parties.")
    ).to_be_visible(timeout=WAIT_MS)
    expect(
        page.get_by_text(f"Contract {draft} · license {accounts.venue_license} · signed by both")
    ).to_be_visible()
    key_body = "".join(accounts.key_pem.read_text().splitlines()[1:-1])
    assert not any(key_body in body for body in sent)
