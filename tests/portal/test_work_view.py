"""Works as people read them: the shares table and each version's changes against the one
before, in both languages; and the pages of public lists ("51–62 of 62"), bounded from the URL."""

from __future__ import annotations

from portal.paging import DEFAULT_SIZE, PageOf, page_from
from portal.work_view import EMPTY, ai_text, changes, moment, percent, shares_table

SHARE = {
    "submitter": "CMO",
    "name": "Deng",
    "first_name": "Lijun",
    "ipi_name": "00000007001",
    "role": "composer_lyricist",
    "right_type": "performing",
    "share": 10000,
    "controlled": True,
}
V1 = {
    "iswc": "T-000.008.001-2",
    "title": "月亮代表我的心",
    "alternate_titles": [],
    "duration_seconds": 200,
    "status": "complete",
    "shares": [SHARE],
    "totals": {"performing": 10000},
}


def test_shares_are_exact_percentages() -> None:
    assert [percent(n) for n in (10000, 3333, 5, 0, -250)] == [
        "100.00%",
        "33.33%",
        "0.05%",
        "0.00%",
        "-2.50%",
    ]


def test_the_shares_table_in_both_languages() -> None:
    publisher = {**SHARE, "name": "星光音乐出版", "first_name": None, "role": "publisher", "share": 5000}
    body = {**V1, "shares": [SHARE, publisher]}
    assert shares_table(body, "en") == [
        {
            "Right holder": "Deng, Lijun",
            "As": "writer",
            "Role": "composer and lyricist",
            "IPI name number": "00000007001",
            "Right": "performing",
            "Share": "100.00%",
            "Controlled by us": "yes",
            "Registered by": "CMO",
        },
        {
            "Right holder": "星光音乐出版",
            "As": "publisher",
            "Role": "publisher",
            "IPI name number": "00000007001",
            "Right": "performing",
            "Share": "50.00%",
            "Controlled by us": "yes",
            "Registered by": "CMO",
        },
    ]
    zh = shares_table(body, "zh")[0]
    assert zh["角色"] == "词曲作者" and zh["权利类型"] == "表演权" and zh["份额"] == "100.00%"
    recording = {
        "shares": [
            {"name": "邓丽君", "first_name": None, "ipi_name": None, "role": "performer", "share": 10000}
        ]
    }
    assert shares_table(recording, "en") == [
        {
            "Right holder": "邓丽君",
            "As": "recording right holder",
            "Role": "performer",
            "IPI name number": EMPTY,
            "Share": "100.00%",
        }
    ]


def test_a_version_shows_only_what_changed_against_the_one_before() -> None:
    halved = {**SHARE, "share": 5000}
    lyricist = {**SHARE, "name": "Zhuang", "first_name": "Nu", "role": "lyricist", "share": 5000}
    v2 = {
        **V1,
        "alternate_titles": [{"title": "The Moon Represents My Heart", "type": "AT", "language": "EN"}],
        "status": "incomplete",
        "shares": [halved, lyricist],
    }
    diff = [(c.field, c.before, c.after) for c in changes(V1, v2, "en")]
    assert diff == [
        ("other titles", EMPTY, "The Moon Represents My Heart (alternative title)"),
        ("status", "complete", "incomplete"),
        ("share · performing · Deng, Lijun · composer and lyricist · registered by CMO", "100.00%", "50.00%"),
        ("share · performing · Zhuang, Nu · lyricist · registered by CMO", EMPTY, "50.00%"),
    ]
    zh = [(c.field, c.before, c.after) for c in changes(V1, v2, "zh")]
    assert ("状态", "份额完整", "份额不完整") in zh
    assert changes(V1, dict(V1), "en") == []
    first = changes(None, V1, "en")  # the first version: every fact, nothing before
    assert ("title", EMPTY, "月亮代表我的心") in [(c.field, c.before, c.after) for c in first]
    assert ("duration", EMPTY, "3:20") in [(c.field, c.before, c.after) for c in first]


def test_a_field_or_code_without_words_shows_as_recorded() -> None:
    diff = changes({"note": "a"}, {"note": "b", "status": "new_status"}, "zh")
    assert [(c.field, c.before, c.after) for c in diff] == [("note", "a", "b"), ("状态", EMPTY, "new_status")]


def test_pages_say_which_rows_they_hold() -> None:
    assert PageOf(1, 50, 62).words("en") == "1–50 of 62"
    assert PageOf(2, 50, 62).words("en") == "51–62 of 62"
    assert PageOf(2, 50, 62).words("zh") == "第 51–62 条，共 62 条"
    assert PageOf(1, 50, 100_000).words("en") == "1–50 of 100,000"
    assert PageOf(1, 50, 0).words("en") == "0 of 0"
    assert (PageOf(2, 50, 62).offset, PageOf(2, 50, 62).pages, PageOf(1, 10, 0).pages) == (50, 2, 1)


def test_the_page_from_the_url_is_bounded() -> None:
    assert page_from({}) == (1, DEFAULT_SIZE)
    assert page_from({"page": "2", "size": "25"}) == (2, 25)
    assert page_from({"page": "0", "size": "7"}) == (1, DEFAULT_SIZE)
    assert page_from({"page": "-3"}) == (1, DEFAULT_SIZE)
    assert page_from({"page": "abc", "size": "1e9"}) == (1, DEFAULT_SIZE)
    assert page_from({"page": "9" * 40}) == (1, DEFAULT_SIZE)
    assert page_from({"page": "1000000000000"})[0] == 1  # 13 digits: not a page anyone reaches


def test_entry_times_to_the_minute_in_utc() -> None:
    assert moment("2026-12-07T12:41:46.017678Z", "en") == "2026-12-07 12:41 UTC"
    assert moment("2026-12-07T20:41:46+08:00", "zh") == "2026年12月7日 12:41 UTC"
    assert moment("not a time", "en") == "not a time"


def test_an_ai_declaration_reads_in_both_languages() -> None:
    declared = {"involvement": "assisted", "tool": "Suno", "human_share": 7000}
    assert ai_text(declared, "en") == "AI-assisted · tool: Suno · human authors' share 70.00%"
    assert ai_text(declared, "zh") == "AI 辅助创作 · 工具：Suno · 人类作者份额 70.00%"
    before = {"title": "Moon"}
    after = {"title": "Moon", "ai": {"involvement": "none", "tool": None, "human_share": 10000}}
    [change] = changes(before, after, "zh")
    assert (change.field, change.before, change.after) == ("AI 声明", "—", "未使用 AI · 人类作者份额 100.00%")
