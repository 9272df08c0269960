"""Each check of a row: it fails with the line and the column named, and good values pass."""

from __future__ import annotations

import pytest

from registry.works_template import Problem

from . import one_row, parse_csv, where, work_row

# (the cells changed from GOOD, the field the problem names, words its message must hold)
PROBLEMS = [
    pytest.param({"submitter_work_id": None}, "submitter_work_id", "empty", id="no-work-id"),
    pytest.param({"title": None}, "title", "empty", id="no-title"),
    pytest.param({"iswc": "T-034.524.680-2"}, "iswc", "check digit", id="iswc-check-digit"),
    pytest.param({"iswc": "034.524.680-1"}, "iswc", "prefix T", id="iswc-no-prefix"),
    pytest.param({"isrc": "XX-A01-26-00001"}, "isrc", "country code", id="isrc-country"),
    pytest.param({"isrc": "CN-A01-26-0001"}, "isrc", "12 characters", id="isrc-length"),
    pytest.param({"writer_1_ipi": "14107338"}, "writer_1_ipi", "11 digits", id="ipi-too-short"),
    pytest.param({"writer_1_ipi": "00014107339"}, "writer_1_ipi", "check digits", id="ipi-check-digits"),
    pytest.param({"publisher_1_ipi": "ABC"}, "publisher_1_ipi", "IPI name number", id="publisher-ipi"),
    pytest.param({"writer_2_pr_share": "half"}, "writer_2_pr_share", "not a share", id="share-not-number"),
    pytest.param({"writer_2_pr_share": "-5"}, "writer_2_pr_share", "not a share", id="share-negative"),
    pytest.param({"writer_1_mr_share": "150"}, "writer_1_mr_share", "between 0 and 100", id="share-over-100"),
    pytest.param({"writer_1_pr_share": "33.333"}, "writer_1_pr_share", "2 decimals", id="share-3-decimals"),
    pytest.param({"writer_1_pr_share": "1,000"}, "writer_1_pr_share", "not a share", id="share-thousand"),
    pytest.param({"publisher_1_mr_share": "5O"}, "publisher_1_mr_share", "'5O'", id="publisher-share"),
    pytest.param({"writer_1_sr_share": "x"}, "writer_1_sr_share", "not a share", id="sr-share"),
    pytest.param({"writer_1_role": "X"}, "writer_1_role", "CA (composer and lyricist)", id="writer-role"),
    pytest.param({"writer_1_role": "E"}, "writer_1_role", "writer's role", id="publisher-role-on-writer"),
    pytest.param({"publisher_1_role": "CA"}, "publisher_1_role", "SE (sub-publisher)", id="publisher-role"),
    pytest.param({"language": "chinese"}, "language", "ISO 639-1", id="language-long"),
    pytest.param({"language": "z1"}, "language", "'z1'", id="language-digit"),
    pytest.param({"duration": "4:5"}, "duration", "m:ss", id="duration-one-digit-seconds"),
    pytest.param({"duration": "1:75"}, "duration", "'1:75'", id="duration-75-seconds"),
    pytest.param({"duration": "1:2:03:04"}, "duration", "h:mm:ss", id="duration-four-parts"),
    pytest.param({"duration": "four minutes"}, "duration", "not a duration", id="duration-words"),
    pytest.param({"duration": "0:00"}, "duration", "empty when it is not known", id="duration-zero"),
    pytest.param({"recording_duration": "3.5"}, "recording_duration", "'3.5'", id="recording-duration"),
    pytest.param({"ai_involvement": "maybe"}, "ai_involvement", "none, assisted or generated", id="ai-value"),
    pytest.param(
        {"ai_involvement": "assisted", "human_share": "120"},
        "human_share",
        "between 0 and 100",
        id="human-over",
    ),
    pytest.param(
        {"ai_involvement": "generated", "human_share": "30"}, "human_share", "generated", id="generated-human"
    ),
    pytest.param(
        {"ai_involvement": "none", "human_share": "50"}, "human_share", "without AI", id="none-human"
    ),
    pytest.param({"human_share": "60"}, "human_share", "without ai_involvement", id="human-undeclared"),
    pytest.param({"ai_tool": "Suno"}, "ai_involvement", "'Suno'", id="tool-undeclared"),
    pytest.param({"ai_involvement": "无", "ai_tool": "Suno"}, "ai_tool", "none", id="tool-without-ai"),
]


@pytest.mark.parametrize(("changes", "field", "words"), PROBLEMS)
def test_a_bad_value_is_a_problem_naming_line_and_column(
    changes: dict[str, str | None], field: str, words: str
) -> None:
    row = one_row(**changes)
    assert row.work is None
    assert where(row) == [(2, field)]
    assert words in row.problems[0].message


def test_a_problem_names_the_value_given() -> None:
    row = one_row(iswc="T-034.524.680-2")
    assert "'T-034.524.680-2'" in row.problems[0].message
    assert str(row.problems[0]) == f"line 2, iswc: {row.problems[0].message}"


def test_a_writer_with_shares_but_no_name_is_a_problem() -> None:
    row = one_row(writer_3_pr_share="10", writer_3_mr_share="10")
    assert where(row) == [(2, "writer_3_name")]
    assert "writer 3" in row.problems[0].message
    assert "writer_3_pr_share '10'" in row.problems[0].message


def test_a_publisher_with_an_ipi_but_no_name_is_a_problem() -> None:
    row = one_row(publisher_2_ipi="00014107338")
    assert where(row) == [(2, "publisher_2_name")]


def test_performing_shares_not_adding_up_to_100_name_the_total() -> None:
    row = one_row(writer_1_pr_share="20")
    assert where(row) == [(2, "pr_share")]
    assert "95.00%" in row.problems[0].message


def test_mechanical_shares_over_100_name_the_total() -> None:
    row = one_row(writer_1_mr_share="30.5")
    assert where(row) == [(2, "mr_share")]
    assert "105.50%" in row.problems[0].message


def test_synchronisation_shares_given_must_add_up_too() -> None:
    # writer 1 10%, writer 2 and the publisher their mechanical 25% and 50%
    row = one_row(writer_1_sr_share="10")
    assert where(row) == [(2, "sr_share")]
    assert "85.00%" in row.problems[0].message


def test_a_refused_share_is_not_also_reported_as_a_wrong_total() -> None:
    row = one_row(writer_1_pr_share="abc")
    assert where(row) == [(2, "writer_1_pr_share")]


def test_a_work_number_given_twice_is_a_problem_on_the_second_row() -> None:
    template = parse_csv(work_row(), work_row(title="Another"))
    assert template.rows[0].work is not None
    assert where(template.rows[1]) == [(3, "submitter_work_id")]
    assert "line 2" in template.rows[1].problems[0].message


def test_every_problem_of_a_row_is_reported() -> None:
    row = one_row(iswc="T1", language="chinese", writer_2_mr_share="x", title=None)
    assert sorted(field for _, field in where(row)) == ["iswc", "language", "title", "writer_2_mr_share"]


def test_problems_carry_the_line_of_their_row() -> None:
    template = parse_csv(work_row(submitter_work_id="A"), work_row(submitter_work_id="B", language="x"))
    assert template.rows[0].problems == ()
    assert template.problems == (Problem(3, "language", template.rows[1].problems[0].message),)


# --- good values ------------------------------------------------------------------------------


def test_the_good_row_gives_its_work() -> None:
    row = one_row()
    assert row.problems == ()
    work = row.work
    assert work is not None
    assert (work.line, work.submitter_work_id, work.title) == (2, "W-1", "Moon Over the Harbour")
    assert [(w.name, w.ipi_name, w.role, w.pr_share, w.mr_share, w.sr_share) for w in work.writers] == [
        ("Chen, Wei", "00014107338", "CA", 2500, 2500, 2500),
        ("Li, Na", None, "A", 2500, 2500, 2500),
    ]
    assert [(p.name, p.role, p.pr_share, p.mr_share) for p in work.publishers] == [
        ("Harbour Music Ltd.", "E", 5000, 5000)
    ]
    assert work.recordings == ()
    assert (work.iswc, work.language, work.duration_seconds, work.alt_titles) == (None, None, None, ())
    assert (work.ai_involvement, work.ai_tool, work.human_share) == (None, None, None)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("33.33", "16.67", (3333, 1667)),
        ("33,33", "16,67", (3333, 1667)),
        ("25%", " 25 % ", (2500, 2500)),
        ("２５％", "25.00", (2500, 2500)),
        ("40.5", "9.50", (4050, 950)),
    ],
)
def test_shares_are_percent_with_up_to_two_decimals(
    first: str, second: str, expected: tuple[int, int]
) -> None:
    work = one_row(writer_1_pr_share=first, writer_2_pr_share=second).work
    assert work is not None
    assert (work.writers[0].pr_share, work.writers[1].pr_share) == expected


def test_no_shares_at_all_is_a_right_not_claimed() -> None:
    empty = {
        f"{p}_{r}": None for p in ("writer_1", "writer_2", "publisher_1") for r in ("pr_share", "mr_share")
    }
    work = one_row(**empty).work
    assert work is not None
    assert all(p.pr_share == p.mr_share == p.sr_share == 0 for p in (*work.writers, *work.publishers))


def test_synchronisation_shares_given_in_full_are_kept() -> None:
    work = one_row(writer_1_sr_share="50", writer_2_sr_share="0", publisher_1_sr_share="50").work
    assert work is not None
    assert [p.sr_share for p in (*work.writers, *work.publishers)] == [5000, 0, 5000]


@pytest.mark.parametrize("duration", ["245", "4:05", "04:05", "0:04:05", "４：０５"])
def test_durations_in_seconds_or_minutes_and_seconds(duration: str) -> None:
    work = one_row(duration=duration, recording_duration=duration).work
    assert work is not None
    assert work.duration_seconds == 245
    assert work.recordings[0].duration_seconds == 245


def test_identifiers_are_stored_in_normal_form() -> None:
    work = one_row(iswc="T-034.524.680-1", isrc="cn-a01-26-00001", writer_1_ipi="014107338").work
    assert work is not None
    assert work.iswc == "T0345246801"
    assert work.recordings[0].isrc == "CNA012600001"
    assert work.writers[0].ipi_name == "00014107338"


def test_roles_default_and_accept_chinese_words() -> None:
    work = one_row(writer_1_role="作曲", writer_2_role="a", publisher_1_role="管理者").work
    assert work is not None
    assert [w.role for w in work.writers] == ["C", "A"]
    assert work.publishers[0].role == "AM"
    defaulted = one_row(writer_2_role=None).work
    assert defaulted is not None
    assert (defaulted.writers[1].role, defaulted.publishers[0].role) == ("CA", "E")


def test_language_alternate_titles_and_recording() -> None:
    work = one_row(language="ZH", alternate_titles="Harbour Moon | 港湾之月|｜", artist="Zhang Min").work
    assert work is not None
    assert work.language == "zh"
    assert work.alt_titles == ("Harbour Moon", "港湾之月")
    assert [(r.isrc, r.title, r.artist) for r in work.recordings] == [(None, None, "Zhang Min")]


@pytest.mark.parametrize(
    ("involvement", "human", "expected"),
    [
        ("assisted", "60", ("assisted", 6000)),
        ("辅助", "0", ("assisted", 0)),
        ("Generated", "0", ("generated", 0)),
        ("生成", None, ("generated", None)),
        ("none", "100", ("none", 10000)),
        ("无", None, ("none", None)),
    ],
)
def test_ai_declarations(involvement: str, human: str | None, expected: tuple[str, int | None]) -> None:
    work = one_row(ai_involvement=involvement, human_share=human).work
    assert work is not None
    assert (work.ai_involvement, work.human_share) == expected


def test_an_ai_tool_goes_with_assisted_or_generated() -> None:
    work = one_row(ai_involvement="assisted", ai_tool="Melody helper", human_share="75.5").work
    assert work is not None
    assert (work.ai_involvement, work.ai_tool, work.human_share) == ("assisted", "Melody helper", 7550)


def test_an_overlong_value_is_refused_without_being_repeated() -> None:
    row = one_row(writer_1_ipi="1" * 5000)
    assert where(row) == [(2, "writer_1_ipi")]
    assert "5,000 characters" in row.problems[0].message
    assert len(row.problems[0].message) < 200


def test_a_refused_mechanical_share_is_not_reported_again_as_a_synchronisation_total() -> None:
    row = one_row(writer_1_mr_share="x", writer_2_sr_share="25")
    assert where(row) == [(2, "writer_1_mr_share")]
