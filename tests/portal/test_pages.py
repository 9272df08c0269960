"""Every page but Verify in Streamlit's AppTest, against a real anchored ledger and an API serving
it; and each page's failure paths: the API down, an endpoint not there yet, nothing found."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from payloads.distribution import StatementDetail
from portal import audit_report
from portal import report_figures as rf
from portal.api_client import ApiClient, ApiError
from portal.statements import format_money
from portal.ui import MARK_FAIL, MARK_OK
from tests.portal.conftest import REPO, VIEWS
from tests.portal.world import CWR_FILE, GOLDEN, PASSWORDS, REPORT_MONTH, SILVER, STATEMENT, World


def page(name: str, lang: str = "en", **state: object) -> AppTest:
    at = AppTest.from_file(str(VIEWS / f"{name}.py"), default_timeout=60)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.success, *at.error, *at.warning, *at.info)]
    return "\n".join(str(p) for p in parts)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def login(at: AppTest, role: str, form: str | None = None) -> AppTest:
    """Log in as the user named `role` on the page's login form (the form of `form`'s role: a
    staff page's form is the first of its roles')."""
    at.run()
    at.text_input(key=f"user_{form or role}").input(role)
    at.text_input(key=f"password_{form or role}").input(PASSWORDS[role])
    at.button[0].click()
    return ok(at.run())


def api_down_message(at: AppTest, url: str) -> None:
    assert any(e.value.startswith(f"The data service ({url}) cannot be reached") for e in at.error), texts(at)


# --- the app and its home page -------------------------------------------------------------------


def test_the_app_opens_on_home_in_chinese_with_every_page_in_the_navigation(portal_env: World) -> None:
    at = ok(AppTest.from_file(str(REPO / "portal" / "app.py"), default_timeout=60).run())
    assert at.title[0].value == "RightsLedger 公开门户"
    assert [m.value for m in at.metric] == [str(len(portal_env.leaves)), str(len(portal_env.checkpoints))]
    at.sidebar.radio(key="lang_choice").set_value("en")
    at = ok(at.run())
    assert at.title[0].value == "RightsLedger public portal"


def test_home_with_the_api_down(portal_env: World, api_down: str) -> None:
    at = ok(AppTest.from_file(str(REPO / "portal" / "app.py"), default_timeout=60).run())
    assert [e.value for e in at.error] == [
        f"暂时无法连接数据服务（{api_down}）。请稍后再试。验证上传的证明文件不受影响。"
    ]
    # The chain is read directly: its checkpoints still show.
    assert [m.value for m in at.metric] == [str(len(portal_env.checkpoints))]


# --- works -------------------------------------------------------------------------------------


def search_works(at: AppTest, title: str) -> AppTest:
    at.run()
    at.text_input[0].input(title)
    at.button[0].click()
    return ok(at.run())


def test_works_search_history_and_proof_in_place(portal_env: World) -> None:
    at = search_works(page("works"), "甜蜜")
    assert "1–1 of 1" in texts(at)
    leaf = portal_env.version("W-2").leaf_index
    first = next(c["index"] for c in portal_env.checkpoints if c["tree_size"] > leaf)  # the first to cover it
    assert f"{MARK_OK} Anchored (checkpoint {first})" in texts(at)
    at.button(key="btn:works:W-2:1").click()
    at = ok(at.run())
    assert [s.value for s in at.success] == ["Proven: every required step passed."]
    assert at.download_button(key="dl:works:W-2:1")


def test_a_work_says_whether_ai_was_declared(portal_env: World, monkeypatch: pytest.MonkeyPatch) -> None:
    at = search_works(page("works"), "甜蜜")
    assert "No AI declaration has been made." in texts(at)
    real = ApiClient.history

    def declared(self: ApiClient, what: str, ident: str) -> object:
        versions = real(self, what, ident)
        body = {**versions[-1].body, "ai": {"involvement": "generated", "tool": "Udio", "human_share": 0}}
        return [*versions[:-1], versions[-1].model_copy(update={"body": body})]

    monkeypatch.setattr(ApiClient, "history", declared)
    at = search_works(page("works", lang="zh"), "甜蜜")
    assert "**AI 声明**: AI 生成 · 工具：Udio · 人类作者份额 0.00%" in texts(at)


def test_works_nothing_found(portal_env: World) -> None:
    at = search_works(page("works"), "no such title")
    assert [i.value for i in at.info] == ["Nothing matches. Try other words."]


def test_works_with_the_api_down(portal_env: World, api_down: str) -> None:
    api_down_message(search_works(page("works"), "甜蜜"), api_down)


def search_licenses(at: AppTest, *, number: str = "", name: str = "", city: str = "") -> AppTest:
    at.run()
    for position, value in enumerate((number, name, city)):
        at.text_input[position].input(value)
    at.button[0].click()
    return ok(at.run())


def test_license_lookup_by_city_shows_revoked_and_expired_and_a_proof_verifies(portal_env: World) -> None:
    at = search_licenses(page("licenses"), city="Shanghai")
    text = texts(at)
    assert f"{SILVER} · Silver Voice KTV" in text and ":gray-badge[:material/event_busy: expired]" in text
    assert "License expired on 2020-12-31." in text
    assert (
        f"{GOLDEN} · Golden Voice KTV" in text
        and ":red-badge[:material/block: revoked]" in text
        and "2026-01-01 – 2026-12-31" in text
    )
    golden = portal_env.version(GOLDEN)
    assert f"License revoked on {golden.at[:10]}: unpaid invoice" in text
    # Neither reads as valid: no green, no tick, and the venue is said not licensed now.
    assert text.count("This venue or platform is not licensed now.") == 2
    assert ":green" not in text and ":material/check_circle:" not in text
    at.button(key=f"btn:license:{GOLDEN}").click()
    at = ok(at.run())
    # The proof's verdict and what it proves, apart: the revocation is proven, never "valid".
    assert [s.value for s in at.success] == ["Proven: every required step passed."]
    proven = (
        "This status (revoked) is the latest anchored version (v2), "
        f"proven at checkpoint {golden.checkpoint_index}"
    )
    assert any(i.value.startswith(proven) for i in at.info), [i.value for i in at.info]


def test_a_license_proof_of_another_entry_than_the_one_stated_fails_at_the_expected_entry(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A data service serving a stale proof: the license as first issued (anchored, valid on its
    # own), while the lookup states it revoked. Only the expected entry (the license's latest
    # version and leaf hash, as the API states them) tells the two apart.
    stale = portal_env.rlproof(GOLDEN, 1)
    assert portal_env.version(GOLDEN).version == 2

    def stale_proof(self: ApiClient, entry_id: str, **kwargs: object) -> bytes:
        return stale

    monkeypatch.setattr(ApiClient, "proof", stale_proof)
    at = search_licenses(page("licenses"), number=GOLDEN)
    at.button(key=f"btn:license:{GOLDEN}").click()
    at = ok(at.run())
    assert [e.value for e in at.error] == ["Invalid: the step “Expected entry” failed."]
    failed = [m.value for m in at.markdown if m.value.startswith(MARK_FAIL)]
    assert len(failed) == 1 and "Expected entry" in failed[0]  # every other step passed


def test_license_lookup_in_chinese(portal_env: World) -> None:
    at = search_licenses(page("licenses", lang="zh"), number="LIC-2026")
    text = texts(at)
    assert ":red-badge[:material/block: 已撤销]" in text and "该场所或平台目前未获许可。" in text
    assert "许可已于" in text and "撤销：账单未付" in text  # the reason in the reader's language
    card = text.split("\n", 1)[1]  # below the page's introduction
    assert "有效" not in card.replace("有效期", "")  # 有效 is the word for an active license


def test_license_lookup_nothing_found_and_api_down(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = search_licenses(page("licenses"), name="Nobody KTV")
    assert [i.value for i in at.info] == ["No license found."]
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", "http://127.0.0.1:9")
    api_down_message(search_licenses(page("licenses"), name="x"), "http://127.0.0.1:9")


# --- my payouts --------------------------------------------------------------------------------


def test_payouts_needs_a_member_login_and_a_wrong_password_is_refused(portal_env: World) -> None:
    at = ok(page("payouts").run())
    assert at.text_input(key="user_member") and not at.dataframe
    at.text_input(key="user_member").input("member")
    at.text_input(key="password_member").input("wrong")
    at.button[0].click()
    at = ok(at.run())
    assert [e.value for e in at.error] == ["Wrong username or password."]


def test_payouts_statements_figures_table_verify_all_and_downloads(portal_env: World) -> None:
    at = login(page("payouts"), "member")
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"), "no chart"
    assert at.selectbox(key="payouts_pick").options == ["2026-03 · Karaoke", "2026-02 · Karaoke"]
    metrics = {m.label: m.value for m in at.metric}
    earned = portal_env.version(STATEMENT).body["earned"]
    assert metrics["Lines total (after deduction)"] == format_money(earned)
    gross, deduction = metrics["Gross (before deduction)"], metrics["Administrative deduction"]
    assert money_minor(gross) - money_minor(deduction) == earned  # the parts add up to the whole
    assert metrics["Payment date"] != "Not final yet (not anchored)"  # the world is anchored
    table = at.dataframe[-1].value
    assert len(table) == portal_env.statement_lines
    assert list(table.columns) == [
        "Line",
        "Kind",
        "ISRC / ISWC",
        "Title",
        "Right type",
        "Source",
        "Usage",
        "Share",
        "Amount (CNY)",
        "Verdict",
    ]
    assert set(table["Verdict"]) == {"Not checked yet"}
    # sorted by amount, largest first, by default; filtered to recordings; searched by title
    # exact amounts as numbers (a heading click sorts them by value), adding up to the lines total
    amounts = [int(Decimal(a) * 100) for a in table["Amount (CNY)"]]
    assert amounts == sorted(amounts, reverse=True) and sum(amounts) == earned
    at.multiselect(key="f_subject").set_value(["recording"])  # the member holds no recording
    at = ok(at.run())
    assert at.dataframe[-1].value.empty and f"0 of {portal_env.statement_lines} lines shown" in texts(at)
    at.multiselect(key="f_subject").set_value(["work"])
    at.multiselect(key="f_right").set_value(["performing"])
    at = ok(at.run())
    assert set(at.dataframe[-1].value["Right type"]) == {"Performing"}
    at.text_input(key="f_text").input("甜蜜蜜")
    at = ok(at.run())
    assert set(at.dataframe[-1].value["Title"]) == {"甜蜜蜜"}
    at.multiselect(key="f_subject").set_value([])
    at.multiselect(key="f_right").set_value([])
    at.text_input(key="f_text").input("")
    at = ok(at.run())
    at.button(key="verify_all").click()
    at = ok(at.run())
    assert any(s.value.startswith(f"All {portal_env.statement_lines} lines verified") for s in at.success)
    verdicts = set(at.dataframe[-1].value["Verdict"])
    assert verdicts == {"✓ Verified (entry v1)"}
    assert at.download_button(key="dl_csv")
    at.button(key="build_xlsx").click()  # Excel and the PDF are built when asked, then kept
    at = ok(at.run())
    assert at.download_button(key="dl_xlsx")
    if not [b for b in at.get("download_button") if b.key == "dl_pdf"]:  # else built before
        at.button(key="build_pdf").click()
        at = ok(at.run())
    assert at.download_button(key="dl_pdf")
    at = ok(at.run())
    assert at.download_button(key="dl_pdf") and at.download_button(key="dl_xlsx")  # kept, not rebuilt
    at.button(key="build_zip").click()
    at = ok(at.run())
    assert at.download_button(key="dl_zip")
    archive = at.session_state[f"proofs_zip:{STATEMENT}@1@{portal_env.version(STATEMENT).leaf_hash}"]
    # the lines are proven by the statement entry that lists them: one proof file
    assert zipfile.ZipFile(io.BytesIO(archive)).namelist() == [STATEMENT.replace("/", "_") + "-v1.rlproof"]


def test_payouts_verify_one_line_in_full_in_chinese(portal_env: World) -> None:
    at = login(page("payouts", lang="zh"), "member")
    at.button(key="verify_one_btn").click()
    at = ok(at.run())
    assert any(s.value.startswith("✓ 已验证") for s in at.success), texts(at)
    assert f"{MARK_OK} **" in texts(at)  # each step of the statement entry's proof, shown
    # The lines' table (the verified entry is a table of its fields too, above or below it).
    [table] = [d.value for d in at.dataframe if "行" in list(d.value.columns)]
    assert list(table.columns)[:4] == ["行", "类别", "ISRC / ISWC", "标题"]
    assert set(table["来源"]) == {"卡拉OK"}


def test_payouts_a_statement_without_lines_shows_its_figures(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member whose total stayed below the minimum payout: all carried forward, no lines."""

    def carried_only(self: ApiClient, period: str, source: str) -> list[StatementDetail]:
        body = portal_env.version(STATEMENT).body
        version = portal_env.version(STATEMENT)
        return (
            [
                StatementDetail(
                    period=period,
                    source=source,
                    run=0,
                    kind="regular",
                    entry_id=STATEMENT,
                    version=1,
                    leaf_hash=version.leaf_hash,
                    currency="CNY",
                    earned=0,
                    brought_forward=4_000,
                    carried_forward=4_000,
                    payable=0,
                    net=0,
                    state="anchored",
                    lines=[],
                )
            ]
            if body
            else []
        )

    monkeypatch.setattr(ApiClient, "statement", carried_only)
    at = login(page("payouts"), "member")
    assert "This statement has no lines." in [i.value for i in at.info]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Carried forward"] == "40.00 CNY" and metrics["Net payable"] == "0.00 CNY"
    assert metrics["Payment date"] == "Not final yet (not anchored)"  # nothing payable: no date


def test_payouts_a_tampered_statement_proof_fails_every_line(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    tampered = portal_env.tampered(STATEMENT)
    monkeypatch.setattr(ApiClient, "proof", lambda self, *a, **k: tampered)
    at = login(page("payouts"), "member")
    at.button(key="verify_all").click()
    at = ok(at.run())
    n = portal_env.statement_lines
    assert [e.value for e in at.error] == [f"{n} of {n} lines do not verify."]
    assert set(at.dataframe[-1].value["Verdict"]) == {
        f"✗ The proof of {STATEMENT} v1 does not hold: Expected entry"  # the first step that failed
    }


def test_payouts_the_api_down_after_login_is_said_in_words(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = login(page("payouts"), "member")
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", "http://127.0.0.1:9")
    at.button(key="verify_all").click()
    at = ok(at.run())
    api_down_message(at, "http://127.0.0.1:9")  # said in words; no traceback, no table of guesses
    assert not at.dataframe


def money_minor(text: str) -> int:
    """'1,234.56 CNY' as fen (the page's text, read back without floats)."""
    number = text.split()[0].replace(",", "")
    sign = -1 if number.startswith("-") else 1
    whole, cents = number.lstrip("-").split(".")
    return sign * (int(whole) * 100 + int(cents))


def test_payouts_with_the_api_down(portal_env: World, api_down: str) -> None:
    at = ok(page("payouts").run())
    at.text_input(key="user_member").input("member")
    at.text_input(key="password_member").input(PASSWORDS["member"])
    at.button[0].click()
    api_down_message(ok(at.run()), api_down)


def test_payouts_a_wrong_role_is_told_so(portal_env: World) -> None:
    at = ok(page("payouts", token="auditor:AUDITOR-1", role="auditor", subject="AUDITOR-1").run())
    assert at.warning and "needs a login as member" in at.warning[0].value


# --- auditor -----------------------------------------------------------------------------------


def test_auditor_reads_checkpoints_from_the_chain_and_checks_them(portal_env: World) -> None:
    at = ok(page("auditor").run())
    successes = [s.value for s in at.success]
    n = len(portal_env.checkpoints)
    assert (
        f"All {n} checkpoints are consistent: each is an append-only extension of the previous one."
        in successes
    )
    assert (
        f"The {n} checkpoints the data service publishes match the chain and are validly signed." in successes
    )
    rows = at.dataframe[0].value
    assert list(rows["tree size"]) == [c["tree_size"] for c in portal_env.checkpoints]
    conservation = at.dataframe[1].value
    assert list(conservation["verdict"]) == ["conserved", "conserved"]
    assert list(conservation["difference"]) == [0, 0]


def test_auditor_checks_a_large_log_on_request(portal_env: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTS_PORTAL_AUDIT_AUTO_LEAVES", "1")
    at = ok(page("auditor").run())
    assert not any(s.value.startswith("All ") for s in at.success)
    assert "the full consistency check recomputes from the public log" in texts(at)
    at.button(key="check_consistency").click()
    at = ok(at.run())
    assert any(
        s.value.startswith(f"All {len(portal_env.checkpoints)} checkpoints are consistent")
        for s in at.success
    )


def test_auditor_catches_a_data_service_that_lies_about_leaves(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = ApiClient.leaves

    def lying(self: ApiClient, start: int, end: int) -> list[str]:
        leaves = honest(self, start, end)
        return ["00" * 32, *leaves[1:]] if start == 0 and leaves else leaves

    monkeypatch.setattr(ApiClient, "leaves", lying)
    at = ok(page("auditor").run())
    assert at.error and at.error[0].value.startswith("Checkpoints are inconsistent: checkpoint 0")


def test_auditor_full_audit_when_logged_in_as_auditor(portal_env: World) -> None:
    at = ok(page("auditor").run())
    assert "Log in as an auditor to run the full audit." in texts(at)
    at.text_input(key="user_auditor").input("auditor")
    at.text_input(key="password_auditor").input(PASSWORDS["auditor"])
    at.button[-1].click()
    at = ok(at.run())
    at.button(key="run_audit").click()
    at = ok(at.run())
    successes = [s.value for s in at.success]
    assert "Audit passed: every check passed." in successes
    assert (
        "Roots recomputed from the public log match the chain: Every checkpoint root recomputed from the "
        f"{len(portal_env.leaves)} leaves matches the chain." in successes
    )
    # Public and private entries are counted apart: a private one is compared by its hash only.
    counted = [re.search(ENTRIES_OK, s) for s in successes]
    found = next((m for m in counted if m), None)
    assert found is not None, (successes, texts(at))
    public, private = int(found["public"]), int(found["private"])
    assert private > 0 and public + private == len(portal_env.leaves)
    # The registry's counts as tables, in words; the signed report verifies with the portal's key.
    counts = {row["Figure"]: row["Value"] for row in at.table[0].value.to_dict("records")}
    assert counts["Entries in the log"] == f"{len(portal_env.leaves):,}"
    kinds = dict(zip(at.table[1].value["Entry kind"], at.table[1].value["Entries"], strict=True))
    assert kinds["transparency report"] == "2" and kinds["distribution summary"] == "2"
    doc = at.session_state["audit_doc"]
    vkey = audit_report.signing_key(portal_env.data_dir / "keys" / "portal-audit.skey").verifier().vkey
    assert audit_report.verify_signed(doc, vkey) == doc["sha256"] and doc["verifier_key"] == vkey
    assert doc["report"]["passed"] and len(doc["report"]["checkpoints"]) == len(portal_env.checkpoints)
    assert at.session_state[f"audit_pdf:{doc['sha256']}:en"].startswith(b"%PDF")


def test_auditor_checks_any_two_checkpoints_against_the_chain(portal_env: World) -> None:
    at = ok(page("auditor").run())
    rows = at.dataframe[0].value
    assert list(rows["block"]) == [c["block_number"] for c in portal_env.checkpoints]
    assert all(link.startswith("https://explorer.example/tx/0x") for link in rows["explorer"])
    first, second = (c["tree_size"] for c in portal_env.checkpoints[:2])
    assert at.selectbox(key="pair_first").value == f"#0 ({first:,} entries)"
    assert at.selectbox(key="pair_second").value == f"#1 ({second:,} entries)"
    at.button(key="pair_check").click()
    at = ok(at.run())
    assert any(
        s.value.startswith(f"Checkpoints #0 ({first:,} entries) and #1 ({second:,} entries) are consistent")
        for s in at.success
    ), texts(at)
    assert "The contract confirms the proof too." in texts(at)
    at.selectbox(key="pair_first").set_value(f"#1 ({second:,} entries)")
    at.selectbox(key="pair_second").set_value(f"#0 ({first:,} entries)")
    at.button(key="pair_check").click()
    at = ok(at.run())
    assert "Choose an older checkpoint, then a newer one." in [w.value for w in at.warning]


def test_auditor_catches_a_forged_consistency_proof(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    honest = ApiClient.consistency

    def forged(self: ApiClient, first: int, second: int) -> list[bytes]:
        proof = honest(self, first, second)
        return [b"\x00" * 32, *proof[1:]]

    monkeypatch.setattr(ApiClient, "consistency", forged)
    at = ok(page("auditor", lang="zh").run())
    at.button(key="pair_check").click()
    at = ok(at.run())
    assert any(e.value.startswith("检查点 #0 与 #1 不一致：") for e in at.error), texts(at)


ENTRIES_OK = (
    r"(?P<public>\d+) public entries, re-hashed from their content, match the log; (?P<private>\d+) "
    r"private entries, published as their leaf hash only, match by leaf hash \(content not checked\)\."
)


def test_auditor_with_the_api_down_still_reads_the_chain(portal_env: World, api_down: str) -> None:
    at = ok(page("auditor").run())
    api_down_message(at, api_down)
    assert list(at.dataframe[0].value["tree size"]) == [c["tree_size"] for c in portal_env.checkpoints]


# --- transparency report -------------------------------------------------------------------------


def test_report_of_a_month_in_tables_beside_the_previous_one(portal_env: World) -> None:
    at = page("report")
    at.query_params["month"] = REPORT_MONTH
    at = ok(at.run())
    distribution = at.table[0].value
    assert distribution.loc["karaoke", "Pool"] == "3,000.00 CNY"  # in full, never cut off
    assert distribution.loc["Total", "Members paid"] == "1"
    assert "Previous month's total (2026-02)" in distribution.index  # the comparison
    tables = {name: t.value for t in at.table for name in t.value.index}
    assert tables["Conflicts opened"].loc["Conflicts opened", REPORT_MONTH] == "1"  # typed in today, of March
    assert tables["Conflicts opened"].loc["Conflicts opened", "2026-02"] == "0"
    assert tables["Conflicts opened"].loc["Conflicts opened", "Change"] == "+1"
    assert len(at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")) == 1  # provinces


def test_report_in_chinese_names_sources_and_statuses(portal_env: World) -> None:
    at = page("report", lang="zh")
    at.query_params["month"] = REPORT_MONTH
    at = ok(at.run())
    assert "卡拉OK" in at.table[0].value.index and "合计" in at.table[0].value.index
    labels = {name for t in at.table for name in t.value.index}
    assert {"新增争议", "月末许可状态 · 已撤销", "各省有效许可 · 上海市"} <= labels, labels


def test_report_of_a_month_not_over_says_so_and_asks_nothing(portal_env: World) -> None:
    at = page("report")
    this_month = dt.datetime.now(dt.UTC).strftime("%Y-%m")
    at.query_params["month"] = this_month
    at = ok(at.run())
    assert [i.value for i in at.info] == [
        f"{this_month} is not over yet: its report is published from "
        f"{rf.first_day_after(this_month).isoformat()}, once its figures are complete."
    ]
    assert not at.table


def test_report_of_a_month_without_one_and_a_bad_month(portal_env: World) -> None:
    at = page("report")
    at.query_params["month"] = "2026-01"
    at = ok(at.run())
    assert [w.value for w in at.warning] == ["Not found: 2026-01"]
    at.query_params["month"] = "2026-02"
    at = ok(at.run())
    assert "No report was published for the previous month (2026-01): nothing to compare with." in texts(at)
    at.text_input[0].input("March")
    at = ok(at.run())
    assert [w.value for w in at.warning] == ["Enter a month as YYYY-MM."]


def test_admin_status_in_words_estimate_confirm_and_refreshed_figures(portal_env: World) -> None:
    at = login(page("admin"), "admin")
    status = at.table[0].value
    figures = dict(zip(status["Figure"], status["Value"], strict=True))
    assert figures["Entries waiting"] == "0" and figures["Anchors"] == str(len(portal_env.checkpoints))
    assert figures["Gas spent"] == f"{portal_env.total_gas:,}" and figures["Total cost"].endswith(" ETH")
    assert "Nothing is waiting: the whole log is anchored." in texts(at)
    newest_first = [c["tree_size"] for c in reversed(portal_env.checkpoints)]
    assert list(at.dataframe[0].value["tree size"]) == newest_first
    at.button(key="run_now").click()
    at = ok(at.run())
    [estimate] = [i.value for i in at.info]
    assert estimate.startswith("0 entries would be anchored. Estimated gas ") and " gwei = cost " in estimate
    assert "(from the last 2 anchors). Nothing is sent until you confirm." in estimate
    at.button(key="run_cancel").click()
    at = ok(at.run())
    assert not at.button(key="run_now").disabled and not [
        i for i in at.info if "would be anchored" in i.value
    ]
    at.button(key="run_now").click()
    at = ok(at.run())
    at.button(key="run_confirm").click()
    at = ok(at.run())
    assert (
        "Nothing was waiting to be anchored: the log ("
        f"{len(portal_env.leaves)} entries) is up to date; no transaction sent."
        in [s.value for s in at.success]
    )
    assert "raw" not in texts(at) and not at.json  # words, not JSON


def test_cwr_files_listed_and_the_acknowledgement_downloaded(portal_env: World) -> None:
    at = login(page("cwr"), "admin")
    table = at.dataframe[0].value
    row = table[table["File"] == CWR_FILE].iloc[0]
    assert (row["Type"], row["CWR version"], row["Transactions"]) == ("registration", "2.1", 2)
    assert (row["Accepted"], row["Rejected"]) == (2, 0)
    assert row["Acknowledgement"] == "available" and "1–1 of 1" in texts(at)
    at.button(key="cwr_prepare").click()
    at = ok(at.run())
    assert "The acknowledgement holds the status of 2 transactions" in at.success[0].value
    [download] = [b for b in at.get("download_button") if b.proto.label.startswith("Download ")]
    assert download.proto.label == "Download CW260001PUB_000.ack.V21"
    zh = login(page("cwr", lang="zh"), "admin")
    assert list(zh.dataframe[0].value["类型"]) == ["作品登记"]
    assert list(zh.dataframe[0].value["可生成回执"]) == ["可以"]


def test_review_queues_show_both_claims_and_send_the_decision(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, list[dict[str, object]], str]] = []

    def resolve(self: ApiClient, case: str, shares: list[dict[str, object]], note: str) -> object:
        sent.append((case, shares, note))
        raise ApiError(409, "conflict", f"{case} is already resolved")

    monkeypatch.setattr(ApiClient, "resolve_conflict", resolve)
    at = login(page("review"), "admin")
    assert at.tabs[0].label == "Share conflicts (1)" and at.tabs[1].label == "Duplicate candidates (1)"
    claims = at.dataframe[0].value
    assert sorted(claims["Submitted by"]) == ["PUB1", "PUB1", "PUB2", "PUB2"]
    assert set(claims["Share (%)"]) == {"50.00%"}
    # keeping one publisher's claims needs a reason first
    at.button(key="keep_C-1_PUB1").click()
    at = ok(at.run())
    assert "Say why: the reason is required." in [w.value for w in at.warning]
    at.text_input(key="note_C-1").input("PUB1's contract is earlier")
    at.button(key="keep_C-1_PUB1").click()
    at = ok(at.run())
    [(case, shares, note)] = sent
    assert case == "C-1" and note == "PUB1's contract is earlier"
    assert sorted(s["share"] for s in shares) == [5000, 5000]
    assert any("is already resolved" in e.value for e in at.error)  # the API's refusal shown
    # the duplicate candidate: both records side by side, in Chinese too
    zh = login(page("review", lang="zh"), "admin")
    assert zh.tabs[1].label == "重复候选（1）"
    shown = texts(zh)
    assert "匹配依据：标题相同且有共同作者" in shown and "小城故事" in shown


def test_a_registry_clerk_works_the_queues_and_nothing_else(portal_env: World) -> None:
    at = login(page("review"), "clerk", form="admin")
    assert at.tabs[0].label == "Share conflicts (1)"
    assert "Logged in as clerk (registry clerk)" in texts(at)
    cwr = login(page("cwr"), "clerk", form="admin")
    assert cwr.dataframe, texts(cwr)
    anchoring = login(page("admin", lang="zh"), "clerk", form="admin")
    assert [w.value for w in anchoring.warning] == ["此页面需要 管理员 身份登录；您当前是 登记专员。"]
    assert "run_now" not in [b.key for b in anchoring.button]  # anchoring is an admin's alone


def test_approvals_refuse_a_bad_period_or_pool_naming_it(
    portal_env: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str, int | None]] = []

    def prepare(
        self: ApiClient, period: str, source: str, pool_fen: int | None, adjustment: bool = False
    ) -> object:
        asked.append((period, source, pool_fen))  # nothing reaches the shared world
        raise ApiError(422, "Unprocessable", f"{period} {source}: nothing to prepare")

    monkeypatch.setattr(ApiClient, "prepare_distribution", prepare)
    at = login(page("approvals"), "finance", form="admin")
    assert "No distribution awaits a decision." in texts(at)
    at.text_input(key="prepare_period").input("May 2026")
    at.button[0].click()
    at = ok(at.run())
    assert "The period is YYYY-MM, e.g. 2026-03." in [w.value for w in at.warning] and not asked
    at.text_input(key="prepare_period").input("2026-05")
    at.text_input(key="prepare_pool").input("12.345")
    at.button[0].click()
    at = ok(at.run())
    assert "The pool is an amount of 0 or more, at most two decimals." in [w.value for w in at.warning]
    assert not asked
    at.text_input(key="prepare_pool").input("1,234.50")
    at.button[0].click()
    at = ok(at.run())
    assert asked == [("2026-05", "karaoke", 123_450)]
    assert any("nothing to prepare" in e.value for e in at.error)


def test_cwr_page_asks_an_admin_to_log_in(portal_env: World) -> None:
    at = ok(page("cwr").run())
    assert at.text_input(key="user_admin") is not None and not at.dataframe


def test_admin_run_refused_by_the_api_says_why(portal_env: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: ApiClient) -> None:
        raise ApiError(503, "this server is not set up to anchor; run `rightsledger anchor`")

    monkeypatch.setattr(ApiClient, "run_anchoring", refused)
    at = login(page("admin", lang="zh"), "admin")
    at.button(key="run_now").click()
    at = ok(at.run())
    at.button(key="run_confirm").click()
    at = ok(at.run())
    assert any("this server is not set up to anchor" in e.value for e in at.error), texts(at)
    assert not at.success or all("已锚定" not in s.value for s in at.success)


def test_admin_login_with_the_api_down(portal_env: World, api_down: str) -> None:
    at = ok(page("admin").run())
    at.text_input(key="user_admin").input("admin")
    at.text_input(key="password_admin").input(PASSWORDS["admin"])
    at.button[0].click()
    api_down_message(ok(at.run()), api_down)


def test_report_with_the_api_down(portal_env: World, api_down: str) -> None:
    at = page("report")
    at.query_params["month"] = REPORT_MONTH
    api_down_message(ok(at.run()), api_down)


# --- my pages in Chinese: no English word left -------------------------------------------------
ALLOWED_LATIN = {
    "CNY",
    "ETH",
    "gwei",
    "gas",
    "RFC",
    "SHA",
    "API",
    "YYYY",
    "MM",
    "UTC",
    "C2SP",
    "PDF",
    "JSON",
    "CWR",  # a format, its acknowledgement, the party number: codes, as ISRC
    "ACK",
    "NWR",
    "IPI",
    "CISAC",  # the territory codes' standard (CISAC TIS), named as such
    "TIS",
    "CSV",  # file formats and the invoice number's prefix
    "UTF",
    "INV",
    "Deng",  # names from the data (claimants)
    "Lijun",
    "Rock",
    "Records",
    "Melody",
}
ALLOWED_LATIN |= {
    "admin",  # the usernames, shown as who is logged in
    "auditor",
    "finance",
    "approver",
    "clerk",
    "OK",
    "KTV",
    "Golden",
    "Voice",
    "Silver",
    "rightsledger",
    "portal",
    "audit",
    "cmo",
    "example",
}
# The licensing page's data: license numbers, the tariff code, the world's city and revoke reason.
ALLOWED_LATIN |= {"LIC", "ROOM", "Shanghai", "unpaid", "invoice", "licensing"}
# The review queue of works sent from outside: its submissions' numbers (SUB-n).
ALLOWED_LATIN |= {"SUB"}


def latin_words(at: AppTest) -> set[str]:
    shown = [texts(at), *(e.value for e in at.subheader), *(e.value for e in at.title)]
    for table in (*at.table, *at.dataframe):
        frame = table.value
        shown += [str(c) for c in frame.columns] + [str(i) for i in frame.index]
        shown += [str(v) for v in frame.to_numpy().ravel()]
    words = set()
    for text in shown:
        text = re.sub(r"https?://\S+", "", text)  # addresses (explorer links) are not words
        for word in re.findall(r"\b[A-Za-z][A-Za-z_]{2,}\b", text):
            if word not in ALLOWED_LATIN and not re.fullmatch(r"[0-9a-fA-Fx]+", word):
                words.add(word)
    return words


@pytest.mark.parametrize(
    "name",
    [
        "report",
        "admin",
        "auditor",
        "review",
        "cwr",
        "approvals",
        "finance",
        "licensing",
        "members",
        "submissions",
    ],
)
def test_my_pages_in_chinese_show_no_english_word(portal_env: World, name: str) -> None:
    at = page(name, lang="zh")
    if name == "report":
        at.query_params["month"] = REPORT_MONTH
    at = ok(at.run())
    role = {"auditor": "auditor", "approvals": "finance"}.get(name, "admin")
    if name != "report":
        at.text_input(key=f"user_{role if role == 'auditor' else 'admin'}").input(role)
        at.text_input(key=f"password_{role if role == 'auditor' else 'admin'}").input(PASSWORDS[role])
        at.button[-1].click()
        at = ok(at.run())
    if name == "auditor":
        at.button(key="run_audit").click()
        at = ok(at.run())
    assert latin_words(at) == set()
