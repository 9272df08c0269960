"""The blank template that societies hand out: every column, headed in English or in Chinese,
with one example row (which parses cleanly: a test reads each blank back).

The CSV is UTF-8 with a byte order mark, without which Excel opens Chinese text as mojibake. The
workbook has the header row bold and frozen, the identifier and duration columns formatted as
text (so Excel keeps an IPI's leading zeros and does not read "4:05" as four hours), and a second
sheet explaining each column in the template's language.
"""

from __future__ import annotations

import csv
import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from registry.works_template.columns import COLUMNS, Column

LANGUAGES = ("en", "zh")
# Typed as text in the workbook: digits with leading zeros, and m:ss that Excel would take for h:mm.
_TEXT_COLUMNS = frozenset(
    {"submitter_work_id", "iswc", "isrc", "duration", "recording_duration"}
    | {c.name for c in COLUMNS if c.name.endswith("_ipi")}
)
_SHARE_COLUMNS = frozenset(c.name for c in COLUMNS if c.name.endswith("_share"))

_EXAMPLE = {
    "submitter_work_id": "SR-2026-0001",
    "iswc": "T-034.524.680-1",
    "duration": "4:05",
    "writer_1_ipi": "00014107338",
    "writer_1_role": "C",
    "writer_1_pr_share": "25",
    "writer_1_mr_share": "25",
    "writer_2_ipi": "00002530248",
    "writer_2_role": "A",
    "writer_2_pr_share": "25",
    "writer_2_mr_share": "25",
    "publisher_1_ipi": "11410733970",
    "publisher_1_role": "E",
    "publisher_1_pr_share": "50",
    "publisher_1_mr_share": "50",
    "isrc": "CN-A01-26-00001",
    "recording_duration": "4:07",
}
_EXAMPLE_WORDS = {
    "en": {
        "title": "Song of the Star River",
        "language": "en",
        "alternate_titles": "Star River|River of Stars",
        "writer_1_name": "Chen, Wei",
        "writer_2_name": "Li, Na",
        "publisher_1_name": "Star River Music Publishing Ltd.",
        "artist": "Zhang Min",
        "ai_involvement": "none",
    },
    "zh": {
        "title": "星河之歌",
        "language": "zh",
        "alternate_titles": "星河|Song of the Star River",
        "writer_1_name": "陈伟",
        "writer_2_name": "李娜",
        "publisher_1_name": "星河音乐出版有限公司",
        "artist": "张敏",
        "ai_involvement": "无",
    },
}
_NOTES = {
    "en": (
        "Notes",
        ("Column", "Chinese header", "Required", "Format and meaning"),
        (
            "One row per work; delete the example row before sending the file.",
            "Shares are numbers of percent (type 50 for 50%), not cells formatted as percentages. "
            "Per right, the writers' and publishers' shares add up to 100, or are all empty.",
            "Each row becomes a submission in the registry's review queue: a registry clerk "
            "accepts, corrects or rejects it. Nothing is registered before that.",
        ),
    ),
    "zh": (
        "说明",
        ("列名", "英文列名", "必填", "格式与说明"),
        (
            "每行一个作品；提交前请删除示例行。",
            "份额请填写百分数的数字（50 表示 50%），不要把单元格设为百分比格式。"
            "每种权利的词曲作者与出版者份额之和为 100，或全部留空。",
            "每一行成为登记处审核队列中的一项申报，由登记员接受、修改或退回；此前不会登记。",
        ),
    ),
}


def blank_template_csv(language: str = "en") -> bytes:
    """The template as CSV: the header row in `language` ("en" or "zh") and one example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_header(column, language) for column in COLUMNS)
    example = _example(language)
    writer.writerow(example.get(column.name, "") for column in COLUMNS)
    return buffer.getvalue().encode("utf-8-sig")


def blank_template_xlsx(language: str = "en") -> bytes:
    """The template as an Excel workbook: the sheet to fill in, and the notes on each column."""
    example = _example(language)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = "作品" if language == "zh" else "Works"
    bold = Font(bold=True)
    for at, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(at)
        header = sheet.cell(row=1, column=at, value=_header(column, language))
        header.font = bold
        value: str | int | None = example.get(column.name) or None
        if value is not None and column.name in _SHARE_COLUMNS:
            value = int(value)  # shares are typed as numbers of percent
        cell = sheet.cell(row=2, column=at, value=value)
        if column.name in _TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
            cell.number_format = "@"
        width = max(_width(_header(column, language)), _width(str(value or "")))
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 40)
    sheet.freeze_panes = "A2"
    _notes_sheet(workbook, language)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _notes_sheet(workbook: Workbook, language: str) -> None:
    title, headings, intro = _NOTES[language]
    notes = workbook.create_sheet(title)
    for line in intro:
        notes.append([line])
    notes.append([])
    notes.append(list(headings))
    for cell in notes[notes.max_row]:
        cell.font = Font(bold=True)
    yes, no = ("是", "") if language == "zh" else ("yes", "")
    for column in COLUMNS:
        other = column.name if language == "zh" else column.chinese
        note = column.note_zh if language == "zh" else column.note
        notes.append([_header(column, language), other, yes if column.required else no, note])
    for letter, width in zip("ABCD", (26, 26, 10, 90), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=len(intro) + 3, min_col=4, max_col=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _header(column: Column, language: str) -> str:
    return column.chinese if language == "zh" else column.name


def _example(language: str) -> dict[str, str]:
    if language not in LANGUAGES:
        raise ValueError(f"the template comes in {' or '.join(LANGUAGES)}, not {language!r}")
    return {**_EXAMPLE, **_EXAMPLE_WORDS[language]}


def _width(text: str) -> int:
    """Columns of a fixed-width display: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
