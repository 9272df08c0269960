"""The public look-up pages in Streamlit's AppTest, against the portal's anchored world and the
real API: the log search (entry id, leaf hash, log index; private entries by fingerprint), the
licenses and works pages opened from a shared URL, and their failure paths."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.portal.test_pages import api_down_message, ok, page, texts
from tests.portal.world import GOLDEN, MOON, STATEMENT, World


def opened(name: str, lang: str = "en", **query: str) -> AppTest:
    """The page as a shared link opens it: its query string set, nothing typed."""
    at = page(name, lang)
    at.query_params.update(query)
    return ok(at.run())


def frames(at: AppTest) -> str:
    return "\n".join(df.value.to_csv() for df in at.dataframe)


# --- log search ----------------------------------------------------------------------------------


def test_search_by_entry_id_shows_the_entry_and_its_proof_verifies_in_place(portal_env: World) -> None:
    moon = portal_env.version(MOON)
    at = opened("lookup", "zh", q=MOON)
    text = texts(at)
    assert "按记录编号查找：1 条" in text
    assert f"日志序号 {moon.leaf_index} · 作品 · {MOON} · 第 1 版" in text
    assert "月亮代表我的心" in frames(at) and "公开" in frames(at)
    at.button(key=f"btn:lookup:{moon.leaf_hash}").click()
    at = ok(at.run())
    assert [s.value for s in at.success] == ["已证明：所有必需步骤均通过。"]


def test_search_by_leaf_hash_and_by_log_index_find_the_same_entry(portal_env: World) -> None:
    moon = portal_env.version(MOON)
    by_hash = opened("lookup", q=moon.leaf_hash.upper())
    by_index = opened("lookup", q=str(moon.leaf_index))
    assert "By leaf hash: 1 found" in texts(by_hash) and "By log index: 1 found" in texts(by_index)
    assert frames(by_hash) == frames(by_index) and moon.leaf_hash in frames(by_index)


def test_a_private_entry_shows_its_fingerprint_only_and_it_is_checked(portal_env: World) -> None:
    line = portal_env.version(STATEMENT)
    at = opened("lookup", q=str(line.leaf_index))
    text = texts(at)
    assert f"Log index {line.leaf_index} · private entry" in text and "its content is not public" in text
    assert "Deng" not in text + frames(at) and "private" in frames(at)
    at.button(key=f"btn:fingerprint:{line.leaf_hash}").click()
    at = ok(at.run())
    assert [s.value for s in at.success][-1] == "Proven: every required step passed."


def test_search_failure_paths(portal_env: World, monkeypatch: object) -> None:
    assert [e.value for e in opened("lookup", q="not an id!").error] == [
        "Not understood: type an entry id, a leaf hash of 64 hex digits, or a log index (a whole number)."
    ]
    assert [i.value for i in opened("lookup", q="W-99999").info] == [
        "No such entry in the log (or not in it yet)."
    ]
    assert [i.value for i in opened("lookup", q="99999999").info] == [
        "No such entry in the log (or not in it yet)."
    ]
    assert [i.value for i in opened("lookup", "zh", q="ab" * 32).info] == [
        "日志中没有这条记录（或它尚未写入日志）。"
    ]


def test_search_with_the_api_down(portal_env: World, api_down: str) -> None:
    api_down_message(opened("lookup", q=MOON), api_down)


# --- licenses ------------------------------------------------------------------------------------


def test_a_shared_license_link_opens_the_license_in_chinese(portal_env: World) -> None:
    golden = portal_env.version(GOLDEN)
    at = opened("licenses", "zh", license=GOLDEN)
    text = texts(at)
    on = golden.at[:10]
    year, month, day = (int(part) for part in on.split("-"))
    assert f"{GOLDEN} · Golden Voice KTV" in text
    assert f"许可已于 {year}年{month}月{day}日 撤销：账单未付" in text  # date and reason in Chinese
    assert "2026年1月1日 – 2026年12月31日" in text
    facts = texts(at)  # the details table, in Markdown
    assert "| 类别 | 卡拉OK场所 |" in facts and "| 省份 | 上海市 |" in facts
    assert "卡拉OK场所" in facts and "今日状态" in facts and "已撤销" in facts and "{" not in facts
    assert f"?license={GOLDEN}&lang=zh" in text  # the shareable link


def test_license_search_by_city_in_chinese_or_pinyin_counts_its_results(portal_env: World) -> None:
    # The world's venues were registered in "Shanghai": 上海 and shang hai find them too.
    for city in ("上海", "shang hai", "Shanghai"):
        at = opened("licenses", city=city)
        assert "1–2 of 2" in texts(at), city
    zh = opened("licenses", "zh", city="上海")
    assert "第 1–2 条，共 2 条" in texts(zh)


def test_license_pages_beyond_the_last_and_bad_page_numbers(portal_env: World) -> None:
    at = opened("licenses", city="Shanghai", page="5")
    assert [w.value for w in at.warning] == ["There is no page 5: there are 1."]
    at.button(key="licenses_pager_prev").click()
    at = ok(at.run())
    assert at.query_params.get("page") in (None, "1") and "1–2 of 2" in texts(at)
    assert "1–2 of 2" in texts(opened("licenses", city="Shanghai", page="abc", size="7"))


def test_an_unknown_license_link_says_so(portal_env: World) -> None:
    at = opened("licenses", license="LIC-1999-999999")
    assert [w.value for w in at.warning] == ["Not found: LIC-1999-999999"]


# --- works ---------------------------------------------------------------------------------------


def test_a_shared_work_link_opens_the_work_with_its_shares_table(portal_env: World) -> None:
    at = opened("works", "zh", title="月亮", id=MOON)
    text, table = texts(at), frames(at)
    assert "第 1–1 条，共 1 条" in text and next(h.value for h in at.subheader) == f"{MOON} · 月亮代表我的心"
    assert "第 1 版 · 20" in text and "年" in text.split("第 1 版 · ")[1][:12]  # the date in Chinese
    assert "Deng, Lijun" in table and "词曲作者" in table and "表演权" in table and "100.00%" in table
    assert "首次登记：" in text and "{" not in text
    assert f"?what=works&id={MOON}&lang=zh" in text


def test_works_paging_in_the_url(portal_env: World) -> None:
    at = opened("works", title="月", size="10")
    assert "1–1 of 1" in texts(at) and at.query_params.get("size") == "10"  # kept in the URL
    at = opened("works", title="甜蜜", page="3")
    assert [w.value for w in at.warning] == ["There is no page 3: there are 1."]


def test_an_unknown_work_link_says_so(portal_env: World) -> None:
    assert [w.value for w in opened("works", id="W-99999").warning] == ["Not found: W-99999"]


def test_works_with_the_api_down(portal_env: World, api_down: str) -> None:
    api_down_message(opened("works", title="甜蜜"), api_down)
