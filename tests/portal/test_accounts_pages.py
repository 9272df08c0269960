"""The member's and the licensee's own pages in Streamlit's AppTest, against the accounts world
(tests/portal/accounts_world.py) and a real API: claims of unidentified usage, my works and
recordings, my licensing account with signing; and their failure paths (no login, the wrong
role, the API down, bad input, a signature that does not verify)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from streamlit.testing.v1 import AppTest

from portal.accounts import (
    SignatureUnreadable,
    claim_target,
    isrc_text,
    page_bounds,
    pages_of,
    payment_state,
    share_percent,
    signature_text,
)
from portal.api_client import ApiClient
from registry.services.licensing.signing_keys import load_private_pem
from tests.portal.accounts_world import (
    PAID_FEN,
    UNKNOWN_TITLE,
    VENUE,
    VENUE_PASSWORD,
    Accounts,
    build_accounts,
    serve_api,
)
from tests.portal.conftest import VIEWS, free_port
from tests.portal.world import PASSWORDS


# --- the pages' helpers, alone -------------------------------------------------------------------
def test_a_signature_is_read_as_base64_text_or_raw_bytes_and_anything_else_refused() -> None:
    raw = Ed25519PrivateKey.generate().sign(b"payload")
    text = base64.b64encode(raw).decode()
    assert signature_text(text.encode() + b"\n") == text  # the CLI's line
    assert signature_text(raw) == text  # the raw 64 bytes
    for bad in (b"not base64 at all!", base64.b64encode(raw[:63]), b"\x00" * 63, b""):
        with pytest.raises(SignatureUnreadable):
            signature_text(bad)


def test_shares_payment_states_pages_and_claim_targets_in_words() -> None:
    assert [share_percent(n) for n in (10_000, 3_333, 5, 0)] == ["100.00 %", "33.33 %", "0.05 %", "0.00 %"]
    assert [payment_state(100, b) for b in (0, 40, 100)] == ["paid", "partly", "unpaid"]
    assert (
        page_bounds(1, 0) == (0, 0, 0) and page_bounds(2, 60) == (25, 26, 50) and page_bounds(3, 60)[2] == 60
    )
    assert (pages_of(0), pages_of(25), pages_of(26)) == (1, 1, 2)
    assert claim_target("work", " w-12 ") == "W-12" and claim_target("recording", "R-7") == "R-7"
    assert claim_target("recording", "W-7") is None and claim_target("work", "W-0") is None
    assert isrc_text("CNZ992699999") == isrc_text("cn-z99-26-99999") == "CN-Z99-26-99999"
    assert (isrc_text(None), isrc_text("odd")) == ("", "odd")


# --- the accounts world and its API --------------------------------------------------------------
@pytest.fixture(scope="module")
def accounts(tmp_path_factory: pytest.TempPathFactory) -> Accounts:
    return build_accounts(tmp_path_factory.mktemp("accounts-world"))


@pytest.fixture(scope="module")
def accounts_api(accounts: Accounts) -> Iterator[str]:
    with serve_api(accounts.world) as url:
        yield url


@pytest.fixture
def env(accounts: Accounts, accounts_api: str, monkeypatch: pytest.MonkeyPatch) -> Accounts:
    for name, value in accounts.world.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", accounts_api)
    return accounts


def signed_in(accounts_api: str, username: str, password: str) -> dict[str, object]:
    with ApiClient(accounts_api) as client:
        token = client.login(username, password)
    return {"token": token.access_token, "role": token.role, "subject": token.subject}


def page(name: str, lang: str = "en", **state: object) -> AppTest:
    at = AppTest.from_file(str(VIEWS / f"{name}.py"), default_timeout=60)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.success, *at.error, *at.warning, *at.info)]
    return "\n".join(str(p) for p in parts)


def table(at: AppTest, n: int = 0) -> list[dict[str, object]]:
    return at.dataframe[n].value.to_dict("records")


def submit(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Submit the claim").click()


# --- claims --------------------------------------------------------------------------------------
def test_claims_needs_a_member_login_and_tells_another_role_so(env: Accounts, accounts_api: str) -> None:
    at = ok(page("claims").run())
    assert at.text_input(key="user_member") is not None and not at.dataframe
    at = ok(page("claims", **signed_in(accounts_api, VENUE, VENUE_PASSWORD)).run())
    assert [w.value for w in at.warning] == [
        "This page needs a login as member; you are logged in as licensee."
    ]
    assert not at.dataframe


def test_a_member_finds_unidentified_usage_claims_it_and_sees_it_pending(
    env: Accounts, accounts_api: str
) -> None:
    member = signed_in(accounts_api, "member", PASSWORDS["member"])
    at = ok(page("claims", **member).run())
    rows = table(at)
    assert len(rows) == 25 and "30 in all; showing 1–25." in [c.value for c in at.caption]
    group = rows[0]  # the heaviest first
    assert (group["Title"], group["Artist"], group["ISRC"]) == (UNKNOWN_TITLE, "Nobody", "CN-Z99-26-99999")
    assert (group["Source"], group["Status"], group["Usage"]) == ("karaoke", "open to claims", 4)
    at.number_input(key="claims_page").set_value(2)
    at = ok(at.run())
    assert len(table(at)) == 5 and "30 in all; showing 26–30." in [c.value for c in at.caption]
    at.text_input(key="claims_text").input("无名")  # a new search starts again at page 1
    at = ok(at.run())
    assert [r["Title"] for r in table(at)] == [UNKNOWN_TITLE]

    at.text_input(key="claims_text").input("no such song")
    at = ok(at.run())
    assert [i.value for i in at.info][:1] == ["No unidentified usage open to claims (or none matching)."]
    at.text_input(key="claims_text").input("")
    at.text_input(key="claims_period").input("2026-13")
    at = ok(at.run())
    assert "The period is YYYY-MM, e.g. 2026-03." in [e.value for e in at.error]
    at.text_input(key="claims_period").input("2026-04")
    at = ok(at.run())

    # a recording id while claiming as a work: refused before asking the API
    at.radio(key="claim_kind").set_value("work")
    at.text_input(key="claim_other").input("R-1")
    submit(at)
    at = ok(at.run())
    assert "The id is R-number (a recording) or W-number (a work), as chosen above." in [
        e.value for e in at.error
    ]
    # an unknown work: the API's refusal, in words
    at.text_input(key="claim_other").input("W-424242")
    submit(at)
    at = ok(at.run())
    assert any(e.value.startswith("The claim was not accepted: no work 'W-424242'") for e in at.error), texts(
        at
    )
    # the member's own work, chosen from the list
    at.text_input(key="claim_other").input("")
    at.selectbox(key="claim_target").set_value("W-1")
    at.text_input(key="claim_note").input("my song, sung under another title")
    submit(at)
    at = ok(at.run())
    [done] = [s.value for s in at.success]
    assert done.startswith("Claim ") and "status: pending review" in done
    [mine] = table(at, 1)
    assert (mine["Claimed as"], mine["Status"], mine["Title"]) == ("W-1", "pending review", UNKNOWN_TITLE)
    # the claim is the member's own ledger entry, proven in place once a checkpoint holds it:
    # until then the page says so rather than showing a verdict
    claim_id = at.selectbox(key="claim_to_verify").value
    at.button(key=f"btn:claim:{claim_id}").click()
    at = ok(at.run())
    assert not at.success and not at.error
    assert f"CL-{claim_id} is recorded but not yet in a published checkpoint" in at.info[-1].value

    # in Chinese: the same claim, its status in words
    at = ok(page("claims", "zh", **member).run())
    [mine] = table(at, 1)
    assert (mine["认领为"], mine["状态"], mine["来源"]) == ("W-1", "待审核", "卡拉OK")


def test_claims_with_the_api_down(env: Accounts, accounts_api: str, monkeypatch: pytest.MonkeyPatch) -> None:
    member = signed_in(accounts_api, "member", PASSWORDS["member"])
    down = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", down)
    at = ok(page("claims", **member).run())
    assert any(e.value.startswith(f"The data service ({down}) cannot be reached") for e in at.error)
    assert not at.dataframe


# --- my works and recordings ----------------------------------------------------------------------
def test_my_works_with_my_shares_in_both_languages(env: Accounts, accounts_api: str) -> None:
    member = signed_in(accounts_api, "member", PASSWORDS["member"])
    at = ok(page("holdings", **member).run())
    rows = table(at)
    assert [(r["Id"], r["Title"], r["Share"], r["Role"], r["Right type"]) for r in rows] == [
        ("W-1", "月亮代表我的心", "100.00 %", "composer and lyricist", "performing"),
        ("W-2", "甜蜜蜜", "100.00 %", "composer and lyricist", "performing"),
        # 童年 is in conflict: each of the two publishers' registrations names the member's share.
        ("W-3", "童年", "50.00 %", "composer and lyricist", "performing"),
        ("W-3", "童年", "50.00 %", "composer and lyricist", "performing"),
    ]
    assert "3 in all; showing 1–3." in [c.value for c in at.caption]
    at.text_input(key="holdings_q_works").input("甜蜜")
    at = ok(at.run())
    assert [r["Id"] for r in table(at)] == ["W-2"]
    assert "No recordings of yours found." in [i.value for i in at.info]  # the member writes, not sings
    at = ok(page("holdings", "zh", **member).run())
    first = table(at)[0]
    assert (first["角色"], first["权利类型"], first["份额"]) == ("词曲作者", "表演权", "100.00 %")


def test_my_works_needs_a_member(env: Accounts) -> None:
    at = ok(page("holdings").run())
    assert at.text_input(key="user_member") is not None and not at.dataframe


# --- my licensing account -------------------------------------------------------------------------
def test_a_licensee_sees_licenses_invoices_with_balance_and_signs_its_contract(
    env: Accounts, accounts_api: str
) -> None:
    venue = signed_in(accounts_api, VENUE, VENUE_PASSWORD)
    at = ok(page("licensee", **venue).run())
    [license] = table(at, 0)
    assert (license["Number"], license["Status"], license["Kind"]) == (
        env.venue_license,
        "active",
        "karaoke venue",
    )
    [invoice] = table(at, 1)
    amount = 267_840  # 8 rooms x 31 days x 10.80 CNY (the karaoke tariff)
    balance = amount - PAID_FEN
    assert (
        invoice["Number"],
        invoice["Amount"],
        invoice["Paid"],
        invoice["Balance"],
        invoice["Payment"],
    ) == (
        env.invoice,
        "2,678.40 CNY",
        "12.34 CNY",
        f"{balance // 100:,}.{balance % 100:02d} CNY",
        "partly paid",
    )
    assert [m.value for m in at.metric] == ["2,678.40 CNY", "12.34 CNY", "2,666.06 CNY"]
    titles = [e.label for e in at.expander]
    assert f"Contract {env.signed_contract} · license {env.venue_license} · signed by both" in titles
    assert f"Contract {env.draft} · license {env.venue_license} · awaiting your signature" in titles

    def send(text: str) -> AppTest:
        at.text_input(key=f"sig_text_{env.draft}").input(text)
        at.button(key=f"send_{env.draft}").click()
        return ok(at.run())

    at = send("")
    assert "Upload a signature file or paste the signature." in [e.value for e in at.error]
    at = send("definitely not a signature")
    assert [e.value for e in at.error] == [
        "The signature cannot be read: it should be a 64-byte Ed25519 signature, or its base64 text."
    ]
    # well formed, but made with another key than the one registered: refused, in words
    other = Ed25519PrivateKey.generate()
    payload = draft_payload(accounts_api, venue, env.draft)
    at = send(base64.b64encode(other.sign(payload)).decode())
    assert next(e.value for e in at.error).startswith("The signature was refused: it does not verify")
    # the venue's own key over the exact payload: recorded
    key = load_private_pem(Path(env.key_pem).read_bytes())
    at = send(base64.b64encode(key.sign(payload)).decode())
    assert [s.value for s in at.success] == [
        f"Signature verified and recorded: contract {env.draft} is signed by both parties."
    ]
    assert f"Contract {env.draft} · license {env.venue_license} · signed by both" in [
        e.label for e in at.expander
    ]
    at = ok(page("licensee", "zh", **venue).run())
    assert f"合同 {env.draft} · 许可 {env.venue_license} · 双方已签署" in [e.label for e in at.expander]
    assert [m.value for m in at.metric] == ["2,678.40 CNY", "12.34 CNY", "2,666.06 CNY"]


def draft_payload(accounts_api: str, state: dict[str, object], number: str) -> bytes:
    with ApiClient(accounts_api, token=str(state["token"])) as client:
        [found] = [c for c in client.my_contracts() if c.number == number]
    return found.payload.encode()


def test_the_licensee_page_needs_a_licensee_and_the_api(
    env: Accounts, accounts_api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = ok(page("licensee").run())
    assert at.text_input(key="user_licensee") is not None and not at.dataframe
    member = signed_in(accounts_api, "member", PASSWORDS["member"])
    at = ok(page("licensee", **member).run())
    assert any("licensee" in w.value for w in at.warning) and not at.dataframe
    venue = signed_in(accounts_api, VENUE, VENUE_PASSWORD)
    down = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", down)
    at = ok(page("licensee", **venue).run())
    assert sum(e.value.startswith(f"The data service ({down}) cannot be reached") for e in at.error) == 3
