"""Reading CSV: encodings, delimiters, headers in English or Chinese, line numbers, and the file
errors that refuse the whole file."""

from __future__ import annotations

import hashlib

import pytest

from registry.works_template import TemplateError, TemplateWork, parse_works_template
from registry.works_template import parse as parse_module

from . import CHINESE_HEADER, GOOD, HEADER, csv_bytes, work_row

CHINESE_ROW = work_row(
    title="月亮代表我的心", writer_1_name="翁清溪", publisher_1_name="星河音乐出版有限公司"
)


def _only_work(data: bytes, name: str = "works.csv") -> TemplateWork:
    template = parse_works_template(data, name=name)
    assert [row.problems for row in template.rows] == [()]
    (work,) = template.works
    return work


def test_the_file_is_named_fingerprinted_and_typed() -> None:
    data = csv_bytes([GOOD])
    template = parse_works_template(data, name="june.csv")
    assert (template.name, template.format) == ("june.csv", "csv")
    assert template.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings(encoding: str) -> None:
    data = csv_bytes([CHINESE_ROW], CHINESE_HEADER, encoding=encoding)
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # really not UTF-8, so the fallback is what is tested
    work = _only_work(data)
    assert (work.title, work.writers[0].name) == ("月亮代表我的心", "翁清溪")
    assert work.publishers[0].name == "星河音乐出版有限公司"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(delimiter: str) -> None:
    work = _only_work(
        csv_bytes([work_row(writer_1_pr_share="12,5", writer_2_pr_share="37,5")], delimiter=delimiter)
    )
    assert (work.title, work.writers[0].pr_share, work.writers[1].pr_share) == (
        "Moon Over the Harbour",
        1250,
        3750,
    )


def test_chinese_headers() -> None:
    header = [
        "作品编号",
        "作品名称",
        "ISWC",
        "词曲作者1姓名",
        "词曲作者1 IPI",
        "词曲作者1表演权份额",
        "词曲作者1复制权份额",
    ]
    data = "\n".join([",".join(header), "A-7,夜来香,T-034.524.680-1,黎锦光,00014107338,100,100"]).encode()
    work = _only_work(data)
    assert (work.submitter_work_id, work.title, work.iswc) == ("A-7", "夜来香", "T0345246801")
    assert (work.writers[0].name, work.writers[0].ipi_name, work.writers[0].pr_share) == (
        "黎锦光",
        "00014107338",
        10000,
    )


def test_headers_ignore_case_and_spaces() -> None:
    data = b" Submitter_Work_ID ,TITLE,Writer_1_Name , ISRC\r\nW1,Song,Chen,CN-A01-26-00001\r\n"
    work = _only_work(data)
    assert (work.submitter_work_id, work.title, work.writers[0].name) == ("W1", "Song", "Chen")
    assert work.recordings[0].isrc == "CNA012600001"


def test_optional_columns_may_be_absent() -> None:
    work = _only_work(b"submitter_work_id,title\nW1,Song\n")
    assert (work.writers, work.publishers, work.recordings) == ((), (), ())


def test_an_unknown_header_refuses_the_file() -> None:
    with pytest.raises(TemplateError, match=r"june\.csv: line 1, column 3: unknown column 'composer'"):
        parse_works_template(b"submitter_work_id,title,composer\nW1,Song,Chen\n", name="june.csv")


def test_a_column_named_twice_refuses_the_file() -> None:
    # once in English, once in Chinese
    with pytest.raises(
        TemplateError, match=r"june\.csv: line 1: column 'title' appears twice \(columns 2 and 3\)"
    ):
        parse_works_template("submitter_work_id,title,作品名称\nW1,a,b\n".encode(), name="june.csv")


def test_a_missing_required_column_refuses_the_file() -> None:
    with pytest.raises(
        TemplateError, match=r"june\.csv: line 1: required column missing: title \(作品名称\)"
    ):
        parse_works_template(b"submitter_work_id,writer_1_name\nW1,Chen\n", name="june.csv")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(TemplateError, match=r"june\.csv: (empty file|line 1 is empty)"):
        parse_works_template(data, name="june.csv")


def test_a_header_without_rows_is_refused() -> None:
    with pytest.raises(TemplateError, match=r"june\.csv: no data rows"):
        parse_works_template(b"submitter_work_id,title\r\n,\r\n\r\n", name="june.csv")


def test_more_rows_than_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_module.MAX_ROWS == 200_000
    monkeypatch.setattr(parse_module, "MAX_ROWS", 3)
    assert len(parse_works_template(b"submitter_work_id,title\n1,a\n2,b\n3,c\n", name="x.csv").rows) == 3
    with pytest.raises(TemplateError, match=r"x\.csv: more than 3 data rows; split the file"):
        parse_works_template(b"submitter_work_id,title\n1,a\n2,b\n3,c\n4,d\n", name="x.csv")


def test_an_old_excel_workbook_is_refused_with_advice() -> None:
    with pytest.raises(TemplateError, match=r"\.xls\); save it as \.xlsx or as CSV"):
        parse_works_template(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), name="works.xls")


def test_bytes_that_are_no_text_are_refused() -> None:
    with pytest.raises(TemplateError, match="neither an Excel workbook nor CSV text"):
        parse_works_template(b"\x81\x30\xff\xfe\x00", name="works.csv")


def test_empty_rows_are_skipped_and_lines_count_them() -> None:
    data = b'submitter_work_id,title\r\nW1,One\r\n\r\n,\r\n"W2","Two\r\nlines"\r\nW3,Three\r\n'
    template = parse_works_template(data, name="works.csv")
    assert [(row.line, row.work.title if row.work else None) for row in template.rows] == [
        (2, "One"),
        (5, "Two\r\nlines"),
        (7, "Three"),
    ]


def test_header_list_matches_the_columns() -> None:
    assert HEADER[:2] == ["submitter_work_id", "title"]
    assert len(HEADER) == len(set(HEADER)) == len(CHINESE_HEADER) == len(set(CHINESE_HEADER))
