"""The review queue of works sent from outside (AppTest, the real API on a world of this module's
own, since its decisions register works): a clerk sends a filled template and reads the intake
report, pages and searches the queue, opens a submission whose suggestions are worded in the
reader's language, takes a suggestion into the correction form and accepts the work corrected,
accepts another as sent, rejects a third (not without a reason), accepts many after a
confirmation, and is told in words when someone decided first (409) or the registry refuses a
field (422); a correction in progress survives a refresh; an auditor reads without deciding;
every word in Chinese and English."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from payloads.submissions import SubmissionOut
from portal.submission_draft import KeptDrafts, corrected, draft_of, typed_percent
from portal.submission_words import field_words, refusal_words
from portal.verification import close_chains
from registry.api import create_app
from registry.identifiers import generate_ipi_name, generate_iswc
from rightsledger.commands.serve import api_settings
from tests.portal.english_words import english_words
from tests.portal.test_pages import ALLOWED_LATIN, login, ok, page, texts
from tests.portal.world import PASSWORDS, World, build_world
from tests.serving import api_in_thread

DENG_IPI = generate_ipi_name(7001)  # the test world's member M-1, Deng Lijun
HEADERS = (
    "submitter_work_id",
    "title",
    "iswc",
    "language",
    "writer_1_name",
    "writer_1_ipi",
    "writer_1_role",
    "writer_1_pr_share",
    "writer_1_mr_share",
    "publisher_1_name",
    "publisher_1_role",
    "publisher_1_pr_share",
    "publisher_1_mr_share",
    "isrc",
    "artist",
)
SEED = [  # SUB-1 .. SUB-6, in this order
    {"submitter_work_id": "PUB-1", "title": "MOONLIGHT RIVER", "writer_1_name": "Deng, Lijun"},
    {
        "submitter_work_id": "PUB-2",
        "title": "月亮代表我的心",
        "iswc": generate_iswc(9201),
        "writer_1_name": "Deng, Lijun",
        "writer_1_ipi": DENG_IPI,
    },
    {
        "submitter_work_id": "PUB-3",
        "title": "Harbour Lights",
        "language": "en",
        "writer_1_name": "Wu, Fang",
        "writer_1_role": "C",
        "writer_1_pr_share": "50",
        "writer_1_mr_share": "50",
        "publisher_1_name": "Blue Harbour Music",
        "publisher_1_role": "E",
        "publisher_1_pr_share": "50",
        "publisher_1_mr_share": "50",
        "isrc": "CN-A01-26-00077",
        "artist": "Wu Fang",
    },
    {"submitter_work_id": "PUB-4", "title": "Night Train", "writer_1_name": "Lin, Hui"},
    {"submitter_work_id": "PUB-5", "title": "Spring Rain", "writer_1_name": "Lin, Hui"},
    {"submitter_work_id": "PUB-6", "title": "Autumn Wind", "writer_1_name": "Lin, Hui"},
    {
        "submitter_work_id": "PUB-7",
        "title": "Short Song",
        "writer_1_name": "Lin, Hui",
        "writer_1_pr_share": "40",
    },
]
SUBMITTER = "STAR-RIVER"
# Names and titles from the data, shown as sent (not words of the page): as the other pages' data.
DATA_WORDS = {"MOONLIGHT", "RIVER", "Moonlight", "River", "Harbour", "Lights", "Blue", "Music"}
DATA_WORDS |= {"Night", "Train", "Spring", "Rain", "Autumn", "Wind", "Short", "Song", "Deng", "Lijun"}
DATA_WORDS |= {"Lin", "Hui", "Wu", "Fang", "Winter", "Late", "seed", "more", "late", "clerk", "auditor"}


def template(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    defaults = {"writer_1_role": "CA", "writer_1_pr_share": "100", "writer_1_mr_share": "100"}
    writer.writerows([{**defaults, **row}.get(h, "") for h in HEADERS] for row in rows)
    return out.getvalue().encode()


def token(url: str, user: str = "clerk") -> dict[str, str]:
    answer = httpx.post(f"{url}/v1/auth/token", data={"username": user, "password": PASSWORDS[user]})
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture(scope="module")
def queue_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield build_world(tmp_path_factory.mktemp("submissions-world"))
    close_chains()


@pytest.fixture(scope="module")
def queue_api(queue_world: World) -> Iterator[str]:
    """The real API on this module's world, as the portal tests' api_server; the seed file queued."""
    settings = api_settings(queue_world.settings).model_copy(
        update={"rate_per_second": 0, "proof_epoch_seconds": 0}
    )
    with api_in_thread(create_app(settings)) as url:
        sent = httpx.post(
            f"{url}/v1/admin/submissions/template",
            files={"file": ("seed.csv", template(SEED))},
            data={"submitter": SUBMITTER},
            headers=token(url),
        )
        assert sent.status_code == 200 and sent.json()["received"] == 6, sent.text
        yield url


@pytest.fixture
def env(queue_world: World, queue_api: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The portal pinned to this module's world and reading its API (as portal_env does)."""
    for name, value in queue_world.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", queue_api)
    monkeypatch.setenv("RIGHTS_PORTAL_PUBLIC_URL", "http://portal.example")
    return queue_api


def submission(url: str, ident: str) -> SubmissionOut:
    got = httpx.get(f"{url}/v1/admin/submissions/{ident}", headers=token(url))
    assert got.status_code == 200, got.text
    return SubmissionOut.model_validate(got.json())


def opened(ident: str, lang: str = "en", user: str = "clerk", **params: str) -> AppTest:
    """The page logged in as `user`, with `ident` opened as the URL says."""
    at = page("submissions", lang=lang)
    at.query_params["submission"] = ident
    for key, value in params.items():
        at.query_params[key] = value
    return login(at, user, form="admin")


def english(at: AppTest) -> set[str]:
    """Latin words a Chinese reader would see on the page, but for the data's names and codes."""
    shown = [texts(at), *(e.value for e in (*at.subheader, *at.title)), *(b.label for b in at.button)]
    widgets = (*at.radio, *at.text_input, *at.text_area, *at.selectbox, *at.multiselect)
    shown += [str(getattr(e, "label", "")) for e in widgets]
    shown += [str(o) for e in (*at.radio, *at.selectbox, *at.multiselect) for o in e.options]
    shown += [str(getattr(e, "placeholder", "")) for e in (*at.text_input, *at.multiselect, *at.text_area)]
    # (a table editor's columns are the draft's keys in AppTest; the browser shows their labels)
    for table in (*at.table, *(d for d in at.dataframe if d.editing_mode == "read_only")):
        frame = table.value
        shown += [str(c) for c in frame.columns] + [str(i) for i in frame.index]
        shown += [str(v) for v in frame.to_numpy().ravel()]
    for element in at.metric:
        shown += [element.label, element.value]
    words = set()
    for text in shown:
        text = re.sub(r"\]\([^)]*\)", "]", str(text))  # a link's address is not a word shown
        text = re.sub(r":[a-z]+-badge\[|:material/[a-z_]+:", "", text)  # nor Streamlit's markup
        words |= set(english_words(text, ALLOWED_LATIN | DATA_WORDS))
    return words


def said(at: AppTest) -> list[str]:
    return [e.value for e in (*at.success, *at.warning, *at.error, *at.info)]


# --- the wording and the correction's reading, without the page ------------------------------------


def test_shares_are_read_as_typed_percent_without_floats() -> None:
    assert [typed_percent(t) for t in ("50", "33.33", "12.5%", "", "100", "0.01", " 7 ")] == [
        5000,
        3333,
        1250,
        0,
        10000,
        1,
        700,
    ]
    assert [typed_percent(t) for t in ("33.333", "100.01", "-1", "1e400", "fifty", "NaN", "Infinity")] == [
        None
    ] * 7


def test_drafts_kept_on_the_server_are_copies_and_the_oldest_go_first() -> None:
    kept = KeptDrafts(2)
    draft = {"title": "A", "writers": [{"name": "Lin, Hui"}]}
    kept.put("one", draft)
    draft["writers"][0]["name"] = "changed after"
    got = kept.get("one")
    assert got == {"title": "A", "writers": [{"name": "Lin, Hui"}]}
    got["title"] = "B"  # type: ignore[index]
    assert kept.get("one") == {"title": "A", "writers": [{"name": "Lin, Hui"}]}
    kept.put("two", {})
    kept.put("one", {"title": "again"})  # put again: the newest
    kept.put("three", {})
    assert (kept.get("two"), kept.get("one"), kept.get("three")) == (None, {"title": "again"}, {})
    kept.drop("one")
    assert kept.get("one") is None


def test_fields_and_refusals_are_worded_in_both_languages() -> None:
    assert field_words("writers[2].ipi_name", "en") == "Writer 2 · IPI name number"
    assert field_words("body.corrected.writers.0.pr_share", "zh") == "第 1 位词曲作者 · 表演权份额"
    assert field_words("writer_3_ipi", "zh") == "第 3 位词曲作者 · IPI 名称号"
    assert field_words("body.iswc", "en") == "ISWC" and field_words("", "zh") == "整个文件"
    message = "the performing right shares (writers and publishers) add up to 40.00%; expected 100%"
    assert refusal_words(message, "en") == "The" + message[3:]  # as the registry said it
    assert (
        refusal_words(message, "zh")
        == "词曲作者和出版者的份额合计为 40.00%，应为 100%（不主张此权利时为 0）。"
    )
    assert refusal_words("SUB-4 is already accepted", "zh") == "SUB-4 此前已处理（已接受），保持原状。"
    assert "登记处不接受" in refusal_words("something else entirely", "zh")


def test_a_correction_is_checked_field_by_field_before_it_is_sent(env: str) -> None:
    work = submission(env, "SUB-3").proposed
    draft = draft_of(work)
    assert [r["pr_share"] for r in draft["writers"] + draft["publishers"]] == ["50", "50"]
    draft["writers"][0]["pr_share"] = "33.333"
    draft["publishers"][0]["ipi_name"] = "12ab"
    draft["title"] = " "
    faults = corrected(draft, work)
    assert isinstance(faults, list)
    assert [(f.field, f.problem) for f in faults] == [
        ("title", "need"),
        ("writers[1].pr_share", "share"),
        ("publishers[1].ipi_name", "ipi"),
    ]
    draft = draft_of(work)
    draft["writers"][0]["pr_share"] = "40"
    assert [(f.field, f.problem, f.values) for f in corrected(draft, work)] == [  # type: ignore[union-attr]
        ("pr_share", "total", {"total": "90.00%"})
    ]
    draft = draft_of(work)
    draft["writers"].append(
        {"name": "", "ipi_name": "", "role": "", "pr_share": "", "mr_share": "", "sr_share": ""}
    )
    draft["writers"][0]["ipi_name"] = "014107338"  # zero-padded to 11 digits, as the template does
    body = corrected(draft, work)
    assert isinstance(body, dict)
    assert body["writers"] == [
        {
            "name": "Wu, Fang",
            "ipi_name": "00014107338",
            "role": "C",
            "pr_share": 5000,
            "mr_share": 5000,
            "sr_share": 5000,
        }
    ]
    assert body["recordings"] == [r.model_dump() for r in work.recordings]  # kept as sent


# --- the page -------------------------------------------------------------------------------------


def test_a_clerk_sends_a_template_and_reads_the_intake_report(env: str) -> None:
    at = login(page("submissions"), "clerk", form="admin")
    assert at.radio[0].options == ["The queue", "Send a template", "Register a work"]
    at.radio[0].set_value("send")
    at = ok(at.run())
    assert at.query_params["part"] == "send"
    assert [b.label for b in at.get("download_button")] == [
        "Download the template (Excel)",
        "Download the template (CSV)",
    ]
    at.button(key="FormSubmitter:submissions_send-Send to the queue").click()
    at = ok(at.run())
    assert "Fill in Submitter: whose works these are (the publisher or society)." in said(at)
    at.text_input(key="send_submitter").input(SUBMITTER)
    at.button(key="FormSubmitter:submissions_send-Send to the queue").click()
    at = ok(at.run())
    assert "Choose the filled template file." in said(at)
    more = [
        {"submitter_work_id": "MORE-1", "title": "Winter Song", "writer_1_name": "Lin, Hui"},
        {"submitter_work_id": "MORE-2", "title": "", "writer_1_name": "Lin, Hui", "writer_1_mr_share": "90"},
    ]
    at.file_uploader(key="send_file").set_value(("more.csv", template(more), "text/csv"))
    at.button(key="FormSubmitter:submissions_send-Send to the queue").click()
    at = ok(at.run())
    assert [m.value for m in at.metric] == ["2", "1", "1", "0"]
    assert "Queued for review: 1 (SUB-7 to SUB-7)." in said(at)
    refused = at.table[0].value  # (a table: the reasons wrap, read whole)
    assert list(refused.index) == ["3", "3"]
    assert list(refused["Field"]) == ["Title", "The mechanical right (MR) shares in all"]
    assert refused["Problem"].iloc[0] == "Empty; every work needs its title"

    zh = login(page("submissions", lang="zh"), "clerk", form="admin")
    zh.radio[0].set_value("send")
    zh = ok(zh.run())
    assert [b.label for b in zh.get("download_button")] == ["下载模板（Excel）", "下载模板（CSV）"]
    zh.text_input(key="send_submitter").input(SUBMITTER)
    zh.file_uploader(key="send_file").set_value(("more.csv", template(more), "text/csv"))
    zh.button(key="FormSubmitter:submissions_send-送入待审核队列").click()
    zh = ok(zh.run())
    assert [m.value for m in zh.metric] == ["2", "0", "1", "1"]
    assert "此文件此前已提交过，没有新的内容送入队列。" in said(zh)
    refused = zh.table[0].value
    assert list(refused["栏目"]) == ["整个文件", "作品名称", "复制权份额合计"]
    assert list(refused["问题"])[:2] == [
        "此文件此前已提交过，没有新内容。",
        "未填写：每部作品都需要作品名称。",
    ]
    assert english(zh) == set()
    zh.file_uploader(key="send_file").set_value(("x.csv", b"who,what\n1,2\n", "text/csv"))
    zh.button(key="FormSubmitter:submissions_send-送入待审核队列").click()
    zh = ok(zh.run())
    assert any(e.startswith("无法读取此文件：它不是作品登记模板") for e in said(zh))


def test_the_queue_is_searched_and_paged_with_its_view_in_the_url(env: str) -> None:
    at = login(page("submissions"), "clerk", form="admin")
    queue = at.dataframe[0].value
    assert list(queue.columns) == [
        "Submission",
        "Title",
        "Submitter",
        "Their number",
        "File and line",
        "Suggestions",
        "Status",
    ]
    assert list(queue["Submission"])[:6] == [f"SUB-{n}" for n in range(1, 7)]
    assert queue["File and line"][0] == "seed.csv, line 2" and set(queue["Status"]) == {"pending"}
    assert queue["Suggestions"][0] == 3  # the title, no ISWC, Deng's IPI
    assert "1–7 of 7" in texts(at)
    at.text_input[0].input("harbour")
    at = ok(at.run())
    assert at.query_params["q"] == "harbour" and list(at.dataframe[0].value["Submission"]) == ["SUB-3"]
    at.radio[1].set_value("rejected")
    at = ok(at.run())
    assert at.query_params["status"] == "rejected" and "No submission matches." in said(at)

    shared = page("submissions")
    shared.query_params.update({"q": "PUB-4", "page": "1"})
    shared = login(shared, "clerk", form="admin")
    assert list(shared.dataframe[0].value["Submission"]) == ["SUB-4"]  # their number, from a link


def test_a_submission_opens_with_its_suggestions_worded(env: str) -> None:
    at = login(page("submissions"), "clerk", form="admin")
    picker = at.selectbox(key=next(s.key for s in at.selectbox if str(s.key).startswith("submissions_pick")))
    picker.set_value("SUB-1")
    at = ok(at.run())
    assert at.query_params["submission"] == "SUB-1"  # a refresh or a shared link opens it again
    assert "SUB-1 · MOONLIGHT RIVER" in [h.value for h in at.subheader]
    text = texts(at)
    assert "Tidy the title to “Moonlight River”." in text
    assert "No ISWC: ask the submitter for it, or register the work without one." in text
    assert f"Writer 1 has no IPI; M-1, of the same name, has IPI name number {DENG_IPI}." in text
    facts = at.table[0].value
    assert (
        facts.loc["Title"].iloc[0] == "MOONLIGHT RIVER"
        and facts.loc["AI declaration"].iloc[0] == "not declared"
    )
    parties = at.dataframe[1].value
    assert list(parties["Role"]) == ["composer and lyricist (CA)"] and list(parties["PR share (%)"]) == [
        "100%"
    ]
    assert [b.label for b in at.button if b.label.startswith(("Use", "Fill"))] == [
        "Use this title",
        f"Fill in IPI {DENG_IPI}",
    ]

    zh = opened("SUB-2", "zh")
    text = texts(zh)
    assert (
        "很可能与作品 [W-1](works?id=W-1&lang=zh)（“月亮代表我的心”）重复："
        "标题相同，且有共同的词曲作者“Deng, Lijun”。" in text
    )
    assert ":orange-badge[疑似重复]" in text
    assert zh.radio(key="mode_SUB-2_0").options == ["照原样接受", "修改后接受", "拒绝"]
    assert english(zh) == set()
    zh.radio(key="mode_SUB-2_0").set_value("correct")
    zh = ok(zh.run())
    assert [t.label for t in zh.text_input if str(t.key).startswith("fix_")] == [
        "作品名称",
        "ISWC",
        "语言",
        "备注（可选：修改了什么、为什么）",
    ]
    assert english(zh) == set()
    zh.radio(key="mode_SUB-2_0").set_value("reject")
    zh = ok(zh.run())
    assert english(zh) == set()


def test_a_clerk_takes_suggestions_into_the_form_and_accepts_the_work_corrected(env: str) -> None:
    at = opened("SUB-1")
    at.button(key="apply_SUB-1_0").click()  # the title
    at = ok(at.run())
    assert "Suggestion taken into the correction form: Title." in said(at)
    assert at.radio(key="mode_SUB-1_1").value == "correct"
    assert at.text_input(key="fix_title_SUB-1_1").value == "Moonlight River"
    assert ":green[:material/check:] In the correction form" in texts(at)  # no button to take it again
    assert "apply_SUB-1_0" not in [b.key for b in at.button]
    at.button(key="apply_SUB-1_2").click()  # Deng's IPI
    at = ok(at.run())
    assert "Suggestion taken into the correction form: Writer 1 · IPI name number." in said(at)
    assert at.text_input(key="fix_title_SUB-1_2").value == "Moonlight River"  # the first one kept
    assert "Corrected, not accepted yet." in texts(at)
    at.text_input(key="fix_note_SUB-1_2").input("title tidied, IPI from the roster")
    at.button(key="accept_fixed_SUB-1").click()
    at = ok(at.run())
    done = submission(env, "SUB-1")
    assert done.status == "accepted" and done.accepted is not None and done.work
    assert (done.accepted.title, done.accepted.writers[0].ipi_name) == ("Moonlight River", DENG_IPI)
    assert f"SUB-1 accepted: registered as work [{done.work}](works?id={done.work}&lang=en)." in said(at)[0]
    assert said(at)[0].endswith("The next pending submission, SUB-2, is open.")
    assert at.query_params["submission"] == "SUB-2"
    work = httpx.get(f"{env}/v1/works/{done.work}").json()
    assert work["title"] == "Moonlight River"

    again = opened("SUB-1")
    assert any(e.startswith("Accepted by clerk on ") for e in said(again))
    assert not [b.key for b in again.button if "SUB-1" in str(b.key)]  # decided: nothing to press


def test_accept_as_sent_reject_with_a_reason_and_someone_deciding_first(env: str) -> None:
    at = opened("SUB-2")
    assert at.radio(key="mode_SUB-2_0").value == "reject"  # as this login left it, in Chinese, before
    at.radio(key="mode_SUB-2_0").set_value("accept")
    at = ok(at.run())
    at.button(key="accept_SUB-2").click()
    at = ok(at.run())
    work = submission(env, "SUB-2").work
    assert said(at)[0].startswith(f"SUB-2 accepted: registered as work [{work}]")
    assert at.query_params["submission"] == "SUB-3"

    zh = opened("SUB-3", "zh")
    zh.radio(key="mode_SUB-3_0").set_value("reject")
    zh = ok(zh.run())
    zh.button(key="reject_go_SUB-3").click()
    zh = ok(zh.run())
    assert "请填写“拒绝理由”。" in said(zh) and submission(env, "SUB-3").status == "pending"
    zh.text_area(key="reason_SUB-3").input("本会不管理此作品的权利")
    zh.button(key="reject_go_SUB-3").click()
    zh = ok(zh.run())
    rejected = submission(env, "SUB-3")
    assert (rejected.status, rejected.reason, rejected.decided_by) == (
        "rejected",
        "本会不管理此作品的权利",
        "clerk",
    )
    assert said(zh)[0] == "SUB-3 已拒绝。 已打开下一条待审核的提交 SUB-4。"

    late = opened("SUB-4")  # open, then an admin accepts it elsewhere first
    answer = httpx.post(f"{env}/v1/admin/submissions/SUB-4/accept", json={}, headers=token(env, "admin"))
    assert answer.status_code == 200
    late.button(key="accept_SUB-4").click()
    late = ok(late.run())
    assert "SUB-4 was already decided by admin (accepted); nothing was changed." in said(late)
    assert any(e.startswith("Accepted by admin on ") for e in said(late))


def test_a_refused_correction_names_its_field_and_the_draft_survives_a_refresh(env: str) -> None:
    at = opened("SUB-5")
    at.radio(key="mode_SUB-5_0").set_value("correct")
    at = ok(at.run())
    at.text_input(key="fix_iswc_SUB-5_0").input("T-034.524.680-2")  # a wrong check digit
    at.text_input(key="fix_title_SUB-5_0").input("Spring Rain (Live)")
    at = ok(at.run())
    at.button(key="accept_fixed_SUB-5").click()
    at = ok(at.run())
    assert [e for e in said(at) if e.startswith("The registry did not accept the correction. Check ISWC: ")]
    assert submission(env, "SUB-5").status == "pending"

    # A refresh: a new session, logged in again, the same URL: the correction is still there.
    refreshed = opened("SUB-5")
    assert refreshed.radio(key="mode_SUB-5_0").value == "correct"
    assert refreshed.text_input(key="fix_title_SUB-5_0").value == "Spring Rain (Live)"
    assert refreshed.text_input(key="fix_iswc_SUB-5_0").value == "T-034.524.680-2"

    zh = opened("SUB-5", "zh")
    zh.button(key="accept_fixed_SUB-5").click()
    zh = ok(zh.run())
    assert [e for e in said(zh) if e.startswith("登记处未接受修改。请核对“ISWC”")]

    # A share typed with three decimals, as a draft kept in the session holds it: named, not sent.
    draft = {**draft_of(submission(env, "SUB-5").proposed), "mode": "correct", "round": 7}
    draft["writers"][0]["pr_share"] = "33.333"
    typed = page("submissions", lang="zh", submissions_drafts={"SUB-5": draft})
    typed.query_params["submission"] = "SUB-5"
    typed = login(typed, "clerk", form="admin")
    typed.button(key="accept_fixed_SUB-5").click()
    typed = ok(typed.run())
    assert (
        "“第 1 位词曲作者 · 表演权份额”：“33.333”不是 0 到 100 之间、最多两位小数的百分比（如 50 或 33.33）。"
        in said(typed)
    )
    assert submission(env, "SUB-5").status == "pending"


def test_many_are_accepted_after_a_confirmation(env: str) -> None:
    at = login(page("submissions"), "clerk", form="admin")
    pending = [s for s in list(at.dataframe[0].value["Submission"])]
    assert pending == ["SUB-5", "SUB-6", "SUB-7"]
    at.multiselect(key="submissions_selected").select("SUB-6")
    at = ok(at.run())
    at.button(key="accept_selected").click()
    at = ok(at.run())
    assert (
        "Accept as sent (1): SUB-6? The works are registered in the submitters' names; this cannot be undone."
        in said(at)
    )
    at.button(key="bulk_cancel").click()
    at = ok(at.run())
    assert submission(env, "SUB-6").status == "pending"
    at.button(key="accept_page").click()
    at = ok(at.run())
    # Meanwhile someone rejects one of them: it is reported, the others accepted.
    answer = httpx.post(
        f"{env}/v1/admin/submissions/SUB-7/reject", json={"reason": "sent twice"}, headers=token(env, "admin")
    )
    assert answer.status_code == 200
    at.button(key="bulk_go").click()
    at = ok(at.run())
    assert said(at)[0].startswith("Accepted 2 of 3. Works registered: W-")
    refused = at.table[0].value
    assert list(refused.index) == ["SUB-7"] and list(refused["Reason"]) == ["SUB-7 is already rejected"]
    assert {submission(env, s).status for s in ("SUB-5", "SUB-6")} == {"accepted"}
    assert "No submission is waiting for review." in said(at)


def test_an_auditor_reads_without_decision_buttons(env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = httpx.post(
        f"{env}/v1/admin/submissions/template",
        files={
            "file": (
                "late.csv",
                template(
                    [{"submitter_work_id": "LATE-1", "title": "Late Song", "writer_1_name": "Lin, Hui"}]
                ),
            )
        },
        data={"submitter": SUBMITTER},
        headers=token(env),
    ).json()
    ident = fresh["first"]
    assert fresh["received"] == 1 and ident, fresh
    at = opened(ident, user="auditor")
    assert "Auditors read; they do not decide." in said(
        at
    ) and "This submission waits for a registry clerk's decision." in texts(at)
    assert not at.multiselect and [r.label for r in at.radio] == ["Show"]  # no parts, no decision
    labels = [b.label for b in at.button]
    assert not [b for b in labels if b.startswith(("Accept", "Reject", "Use", "Fill"))], labels
    assert f"{ident} · Late Song" in [h.value for h in at.subheader]
    zh = opened(ident, "zh", user="auditor")
    assert "审计员只能查看，不能作出决定。" in said(zh) and english(zh) == set()


def test_an_api_refusal_of_the_queue_is_said_in_words(env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTS_PORTAL_API_URL", "http://127.0.0.1:9")
    at = ok(page("submissions", token="x", role="clerk", subject="clerk").run())
    assert any(e.startswith("The data service (http://127.0.0.1:9) cannot be reached") for e in said(at))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_clerk_registers_a_work_by_form(env: str, lang: str) -> None:
    at = page("submissions", lang=lang)
    at.query_params["part"] = "new"
    at = login(at, "clerk", form="admin")
    go = at.button(key="new_work_go")
    go.click()
    at = ok(at.run())
    need = {"en": ["Fill in Their work number.", "Fill in Title."], "zh": []}[lang]
    if lang == "en":
        assert [w.value for w in at.warning] == need
    else:
        assert len(at.warning) == 2 and not english(at)
    number = f"CMO-FORM-{lang}"
    at.text_input(key="new_number_0").input(number)
    at.text_input(key="new_title_0").input(f"Registered By Hand {lang}")
    writer = {"name": "Deng, Lijun", "ipi_name": DENG_IPI, "role": "CA", "pr_share": "100", "mr_share": "60"}
    at.session_state[f"new_writers_0_{lang}"] = {
        "edited_rows": {},
        "added_rows": [writer],
        "deleted_rows": [],
    }
    at.button(key="new_work_go").click()
    at = ok(at.run())
    assert len(at.warning) == 1 and "60.00%" in at.warning[0].value  # 60% mechanical: not the whole
    assert ("mechanical right (MR)" if lang == "en" else "复制权") in at.warning[0].value
    fixed = {**writer, "mr_share": "100", "sr_share": "100"}
    at.session_state[f"new_writers_0_{lang}"] = {"edited_rows": {}, "added_rows": [fixed], "deleted_rows": []}
    at.button(key="new_work_go").click()
    at = ok(at.run())
    done = [s.value for s in at.success]
    assert done and re.search(r"W-[0-9]+", done[0]), said(at)
    work = re.search(r"W-[0-9]+", done[0])[0]  # type: ignore[index]
    public = httpx.get(f"{env}/v1/works/{work}").json()
    assert public["title"] == f"Registered By Hand {lang}"
    assert at.text_input(key="new_title_1").value == ""  # a fresh form for the next work
